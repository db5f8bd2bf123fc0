package dev.berth.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that a reader (or a crash) sees either the old or the new content, never a
 * mix: the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary
 * file is renamed over the target. On POSIX systems the result is readable by its owner only
 * (0600) and missing parent folders are created 0700, because these files (settings, state) may
 * hold host names and paths the user considers private.
 */
public final class AtomicWrite {
    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicWrite() {}

    /**
     * Writes {@code content} to {@code file} atomically (temp file + fsync + rename + fsync of the
     * folder). Blocks; call it off the FX thread when the disk may be slow.
     *
     * @throws IOException when the folder cannot be created or written; the old file, if any, is
     *     then unchanged and no temporary file is left behind
     */
    public static void write(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        if (POSIX) {
            Files.createDirectories(dir, asAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        // createTempFile makes the file 0600 on POSIX already; say it anyway so it never widens.
        Path tmp = POSIX
                ? Files.createTempFile(
                        dir,
                        "." + target.getFileName() + ".",
                        ".tmp",
                        asAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            syncFolder(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Makes the rename durable. Only POSIX systems can open a folder for fsync. */
    private static void syncFolder(Path dir) throws IOException {
        if (!POSIX) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
