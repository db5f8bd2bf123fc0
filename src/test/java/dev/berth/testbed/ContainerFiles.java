package dev.berth.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;

/** Host folders that containers wrote into, with files owned by container users (uid 999, 0700 dirs). */
public final class ContainerFiles {
    private ContainerFiles() {}

    /**
     * Deletes a folder tree. What the test's user may not delete (files of container users when it
     * is not root) is deleted by a root helper container ({@value DockerTestBed#BUSYBOX}) first.
     */
    public static void deleteTree(Path root) {
        try {
            delete(root);
        } catch (AccessDeniedException e) {
            Commands.run(
                            Duration.ofSeconds(60),
                            "docker",
                            "run",
                            "--rm",
                            "--network",
                            "none",
                            "-v",
                            root.toAbsolutePath() + ":/w",
                            DockerTestBed.BUSYBOX,
                            "sh",
                            "-c",
                            "rm -rf /w/* /w/.[!.]* /w/..?*")
                    .orFail();
            try {
                delete(root);
            } catch (IOException again) {
                throw new UncheckedIOException("could not delete " + root + " even after emptying it as root", again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
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
