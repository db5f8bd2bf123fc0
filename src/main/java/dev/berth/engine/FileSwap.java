package dev.berth.engine;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Swaps staged files into an install and back. Before a file is replaced its old content is saved
 * under the run's {@code old/} folder (once: a resumed run never overwrites the saved copy with
 * what it already wrote), and a list records which files did not exist, so undo can delete them.
 * Each file is replaced atomically; the set as a whole is made safe by the journal (resume redoes
 * it, rollback undoes it).
 */
final class FileSwap {
    private static final String ABSENT_LIST = ".berth-absent";

    private FileSwap() {}

    /**
     * Applies {@code files} (path relative to the install → sha256 of the staged content, "" =
     * delete) from {@code staging} into {@code install}, saving old copies under {@code oldDir}.
     */
    static void apply(Path install, Path staging, Path oldDir, Map<String, String> files) throws IOException {
        apply(install, staging, oldDir, files, () -> {});
    }

    /**
     * Like {@link #apply(Path, Path, Path, Map)}; {@code midway} runs once half of the new files are
     * in place (the test-only crash switch's middle of the step).
     */
    static void apply(Path install, Path staging, Path oldDir, Map<String, String> files, Runnable midway)
            throws IOException {
        Files.createDirectories(oldDir);
        Path absent = oldDir.resolve(ABSENT_LIST);
        // The list and the folders made are remembered for the step: on a server's files each look
        // is a round trip, and only this loop writes them.
        List<String> absentNow = Files.exists(absent) ? new ArrayList<>(Files.readAllLines(absent)) : new ArrayList<>();
        Set<Path> folders = new HashSet<>();
        for (String rel : new TreeMap<>(files).keySet()) {
            Path target = resolveInside(install, rel);
            Path saved = resolveInside(oldDir, rel);
            if (absentNow.contains(rel) || Files.exists(saved, LinkOption.NOFOLLOW_LINKS)) {
                continue; // saved by an earlier attempt of this run
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (folders.add(saved.getParent())) {
                    Files.createDirectories(saved.getParent());
                }
                Path tmp = saved.resolveSibling(saved.getFileName() + ".part");
                Files.copy(
                        target,
                        tmp,
                        StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                AtomicFiles.move(tmp, saved);
            } else {
                absentNow.add(rel);
                AtomicFiles.write(
                        absent,
                        (String.join("\n", absentNow) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        int written = 0;
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            if (written++ == files.size() / 2) {
                midway.run();
            }
            Path target = resolveInside(install, e.getKey());
            if (e.getValue().isEmpty()) {
                Files.deleteIfExists(target);
                continue;
            }
            Path staged = resolveInside(staging, e.getKey());
            String sha = FileHashes.sha256(staged);
            if (!sha.equals(e.getValue())) {
                throw new IOException("The staged file " + staged + " is not what the plan reviewed (sha256 " + sha
                        + ", expected " + e.getValue() + "); make the plan again.");
            }
            if (folders.add(target.getParent())) {
                Files.createDirectories(target.getParent());
            }
            AtomicFiles.write(
                    target,
                    Files.readAllBytes(staged),
                    Files.exists(staged) ? Files.getPosixFilePermissions(staged) : null);
        }
    }

    /** Puts back what {@link #apply} replaced and removes what it created. Safe to call twice. */
    static void undo(Path install, Path oldDir, Map<String, String> files) throws IOException {
        Path absent = oldDir.resolve(ABSENT_LIST);
        for (String rel : new TreeMap<>(files).keySet()) {
            Path target = resolveInside(install, rel);
            Path saved = resolveInside(oldDir, rel);
            if (Files.exists(saved, LinkOption.NOFOLLOW_LINKS)) {
                Path tmp = target.resolveSibling("." + target.getFileName() + ".berth-restore");
                Files.createDirectories(target.getParent());
                Files.copy(
                        saved,
                        tmp,
                        StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING,
                        LinkOption.NOFOLLOW_LINKS);
                AtomicFiles.move(tmp, target);
            } else if (listed(absent, rel)) {
                Files.deleteIfExists(target);
            }
        }
    }

    private static boolean listed(Path absentList, String rel) throws IOException {
        return Files.exists(absentList) && Files.readAllLines(absentList).contains(rel);
    }

    /** Resolves a relative path and refuses one that would leave {@code root}. */
    static Path resolveInside(Path root, String rel) throws IOException {
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root.normalize()) || root.getFileSystem().getPath(rel).isAbsolute()) {
            throw new IOException("Refusing the path " + rel + ": it leaves " + root);
        }
        return p;
    }
}
