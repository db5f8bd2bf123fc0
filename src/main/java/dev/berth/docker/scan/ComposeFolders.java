package dev.berth.docker.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds folders holding a compose file, down to a fixed depth. */
final class ComposeFolders {
    /** Compose's own lookup order (v2 prefers {@code compose.yaml}). */
    static final List<String> MAIN_FILES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    private ComposeFolders() {}

    /**
     * Folders at depth 0 (the folder itself) to {@code maxDepth} under each root that hold a
     * compose file, with their compose files (the main one, then its override file when present).
     * Hidden folders are skipped. Problems go to {@code notes}.
     */
    static Map<Path, List<Path>> find(List<Path> roots, int maxDepth, List<String> notes) {
        Map<Path, List<Path>> out = new TreeMap<>();
        for (Path root : roots) {
            Path abs = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(abs)) {
                notes.add("Folder " + abs + (Files.notExists(abs) ? " does not exist" : " is not a readable folder")
                        + "; it was not scanned.");
                continue;
            }
            walk(abs, 0, maxDepth, out, notes);
        }
        return out;
    }

    private static void walk(Path dir, int depth, int maxDepth, Map<Path, List<Path>> out, List<String> notes) {
        composeFiles(dir).ifPresent(files -> out.put(realPath(dir), files));
        if (depth >= maxDepth) {
            return;
        }
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            ds.forEach(children::add);
        } catch (IOException e) {
            notes.add("Folder " + dir + " could not be listed (" + e.getMessage() + "); it was not scanned.");
            return;
        }
        children.stream()
                .filter(c -> !c.getFileName().toString().startsWith("."))
                .sorted()
                .forEach(c -> walk(c, depth + 1, maxDepth, out, notes));
    }

    /** The compose files compose would load in {@code dir} without {@code -f}. */
    static java.util.Optional<List<Path>> composeFiles(Path dir) {
        for (String name : MAIN_FILES) {
            Path main = dir.resolve(name);
            if (Files.isRegularFile(main)) {
                List<Path> files = new ArrayList<>(List.of(main));
                String stem = name.substring(0, name.lastIndexOf('.'));
                for (String ext : List.of(".yaml", ".yml")) {
                    Path override = dir.resolve(stem + ".override" + ext);
                    if (Files.isRegularFile(override)) {
                        files.add(override);
                        break;
                    }
                }
                return java.util.Optional.of(List.copyOf(files));
            }
        }
        return java.util.Optional.empty();
    }

    static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
