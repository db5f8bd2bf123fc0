package dev.berth.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A folder's files as they will be after some planned changes: the folder on disk with an overlay
 * of writes and deletes. Planning several release hops in a row (through required upgrade stops)
 * merges each hop into the tree left by the one before, without touching the disk.
 */
final class FileTree {
    private final Path root;
    private final Map<String, Optional<byte[]>> overlay = new LinkedHashMap<>();

    FileTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Optional<byte[]> read(String rel) {
        Optional<byte[]> o = overlay.get(rel);
        if (o != null) {
            return o;
        }
        Path p = root.resolve(rel);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_READ_PERMISSIONS, p, e);
        }
    }

    boolean exists(String rel) {
        return read(rel).isPresent();
    }

    void write(String rel, byte[] content) {
        overlay.put(rel, Optional.of(content));
    }

    void delete(String rel) {
        overlay.put(rel, Optional.empty());
    }

    /** Paths changed against the disk: path → new content, empty = delete. Unchanged writes dropped. */
    Map<String, Optional<byte[]>> changes() {
        Map<String, Optional<byte[]>> out = new LinkedHashMap<>();
        for (var e : overlay.entrySet()) {
            Path p = root.resolve(e.getKey());
            try {
                boolean onDisk = Files.isRegularFile(p);
                if (e.getValue().isEmpty()) {
                    if (onDisk) {
                        out.put(e.getKey(), e.getValue());
                    }
                } else if (!onDisk
                        || !java.util.Arrays.equals(
                                Files.readAllBytes(p), e.getValue().get())) {
                    out.put(e.getKey(), e.getValue());
                }
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** Every regular file below the root (the overlay applied), relative, sorted; {@code .berth} left out. */
    Set<String> files() {
        Set<String> all = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile)
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(r -> !r.startsWith(".berth/") && !r.startsWith(".git/"))
                        .forEach(all::add);
            } catch (IOException e) {
                throw EngineIOException.of(Text.Key.ERROR_CANNOT_LIST, root, e);
            }
        }
        for (var e : overlay.entrySet()) {
            if (e.getValue().isPresent()) {
                all.add(e.getKey());
            } else {
                all.remove(e.getKey());
            }
        }
        return all;
    }
}
