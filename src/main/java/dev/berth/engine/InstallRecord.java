package dev.berth.engine;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How Berth addresses an install, kept in {@code .berth/install.json}: the compose project name
 * (kept across upgrades), the compose files and env files compose reads, the active profiles, and
 * the app. Written at install, or the first time Berth works on an install it did not create.
 *
 * @param project compose project name
 * @param composeFiles compose files relative to the install, in merge order
 * @param envFiles env files relative to the install ({@code .env} by default)
 * @param profiles active compose profiles
 * @param app the app's id when known (manifest or known-app profile), else ""
 * @param release where the installed release came from, for people
 */
public record InstallRecord(
        String project,
        List<String> composeFiles,
        List<String> envFiles,
        List<String> profiles,
        String app,
        String release) {
    public InstallRecord {
        composeFiles = List.copyOf(composeFiles);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        app = app == null ? "" : app;
        release = release == null ? "" : release;
    }

    public static Path file(Path install) {
        return Journal.berthDir(install).resolve("install.json");
    }

    /** The record of an install, if Berth wrote one. */
    public static Optional<InstallRecord> read(Path install) {
        Path f = file(install);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Journal.JSON.readValue(Files.readAllBytes(f), InstallRecord.class));
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_RECORD_UNREADABLE, f, e);
        }
    }

    /** Writes the record atomically. */
    public void write(Path install) {
        try {
            Files.createDirectories(file(install).getParent());
            AtomicFiles.write(file(install), Journal.JSON.writeValueAsBytes(this));
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_WRITE, file(install), e);
        }
    }

    /**
     * The project name compose derives from a folder name: lower case, only {@code a-z0-9_-},
     * starting with a letter or digit.
     */
    public static String projectNameOf(Path dir) {
        String n = dir.toAbsolutePath()
                .normalize()
                .getFileName()
                .toString()
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_-]", "");
        n = n.replaceFirst("^[_-]+", "");
        return n.isEmpty() ? "app" : n;
    }
}
