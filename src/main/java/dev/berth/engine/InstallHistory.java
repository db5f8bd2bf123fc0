package dev.berth.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The versions an install went through, kept in {@code .berth/history.json}. It is the first
 * source of the installed version (before a manifest in the install or the common image tag).
 */
public final class InstallHistory {
    /** One line of history. */
    public record Entry(String version, String kind, Instant time, String runId, String release) {}

    private InstallHistory() {}

    public static Path file(Path install) {
        return Journal.berthDir(install).resolve("history.json");
    }

    /** The history of an install, oldest first; empty when it has none. */
    public static List<Entry> read(Path install) {
        Path f = file(install);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        try {
            return List.copyOf(Journal.JSON.readValue(Files.readAllBytes(f), new TypeReference<List<Entry>>() {}));
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_HISTORY_UNREADABLE, f, e);
        }
    }

    /** The version the history says is installed. */
    public static Optional<String> currentVersion(Path install) {
        List<Entry> h = read(install);
        return h.isEmpty() ? Optional.empty() : Optional.of(h.getLast().version());
    }

    /**
     * Removes what a run recorded for a version (the undo of its record step: a rollback past a
     * finished hop must not leave the history claiming the hop's version). Idempotent.
     */
    public static void remove(Path install, String runId, String version) {
        List<Entry> h = new ArrayList<>(read(install));
        if (!h.removeIf(e -> runId.equals(e.runId()) && version.equals(e.version()))) {
            return;
        }
        try {
            AtomicFiles.write(file(install), Journal.JSON.writeValueAsBytes(h));
        } catch (IOException e) {
            throw new EngineIOException(
                    Text.of(Text.Key.ERROR_HISTORY_UNWRITABLE, file(install).toString()), e);
        }
    }

    /** Appends an entry, atomically. */
    public static void append(Path install, Entry entry) {
        List<Entry> h = new ArrayList<>(read(install));
        if (!h.isEmpty()
                && h.getLast().runId() != null
                && h.getLast().runId().equals(entry.runId())
                && h.getLast().version().equals(entry.version())) {
            return; // resumed run: already recorded
        }
        h.add(entry);
        try {
            Files.createDirectories(file(install).getParent());
            AtomicFiles.write(file(install), Journal.JSON.writeValueAsBytes(h));
        } catch (IOException e) {
            throw new EngineIOException(
                    Text.of(Text.Key.ERROR_HISTORY_UNWRITABLE, file(install).toString()), e);
        }
    }
}
