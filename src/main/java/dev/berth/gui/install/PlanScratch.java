package dev.berth.gui.install;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What planning an install leaves in the target folder before anything runs: the engine stages
 * the release under {@code .berth/staging/}, and refuses a folder that is not empty, so a second
 * plan into the same folder (the user went back and changed a value) would be refused. A folder
 * holding nothing but {@code .berth/staging} is only that scratch; it is removed before planning
 * again and when the wizard is left without installing. Folders the wizard created are removed
 * then too. Never touches a folder with anything else in it. Blocking; worker threads only.
 */
final class PlanScratch {
    private final Set<Path> created = new HashSet<>();

    /** Whether the folder is empty or holds only planning scratch. */
    static boolean onlyScratch(Path dir) throws IOException {
        List<String> top = names(dir);
        if (top.isEmpty()) {
            return true;
        }
        if (!top.equals(List.of(".berth"))) {
            return false;
        }
        List<String> inner = names(dir.resolve(".berth"));
        return inner.isEmpty() || inner.equals(List.of("staging"));
    }

    /** Removes the scratch of an earlier plan and notes whether this wizard creates the folder. */
    synchronized void beforePlanning(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            created.add(dir);
        } else if (Files.isDirectory(dir) && onlyScratch(dir)) {
            deleteTree(dir.resolve(".berth"));
        }
    }

    /** Removes the scratch and, when this wizard created the folder, the folder. */
    synchronized Void discard(Path dir) throws IOException {
        if (Files.isDirectory(dir) && onlyScratch(dir)) {
            deleteTree(dir.resolve(".berth"));
            if (created.contains(dir) && names(dir).isEmpty()) {
                Files.delete(dir);
            }
        }
        return null;
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
