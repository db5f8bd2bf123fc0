package dev.berth.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that a crash leaves either the old or the new content, never a mix: a temporary
 * file in the same folder, fsync, rename over the target, fsync of the folder. Works on any
 * {@link java.nio.file.FileSystem} (a remote one included); where a step is not supported (folder
 * fsync on Windows, POSIX modes) it is skipped, not faked.
 */
public final class AtomicFiles {
    /** Mode for files that hold secrets or backups: owner read/write only. */
    public static final Set<PosixFilePermission> PRIVATE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private AtomicFiles() {}

    /**
     * Replaces {@code target} with {@code content}. An existing target keeps its POSIX mode and,
     * when allowed, its owner; a new file gets {@code newFileMode} (null: the file system default).
     *
     * @throws IOException when the write failed; the target is then unchanged and no temporary
     *     file is left behind
     */
    public static void write(Path target, byte[] content, Set<PosixFilePermission> newFileMode) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".berth-tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyMode(target, tmp, newFileMode);
            move(tmp, target);
            syncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** {@link #write(Path, byte[], Set)} with the file system's default mode for new files. */
    public static void write(Path target, byte[] content) throws IOException {
        write(target, content, null);
    }

    /** Renames {@code source} to {@code target} atomically where the file system can, then syncs the folder. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Flushes a folder's entries to disk (Linux and macOS); a no-op where folders cannot be opened. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows and some remote file systems cannot open a folder; their rename is durable enough.
        }
    }

    /** Creates {@code file} with the given mode from the start, so it is never readable by others. */
    public static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private static void copyMode(Path from, Path to, Set<PosixFilePermission> newFileMode) throws IOException {
        PosixFileAttributeView toView = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (toView == null) {
            return;
        }
        if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            PosixFileAttributeView fromView =
                    Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            var attrs = fromView.readAttributes();
            toView.setPermissions(attrs.permissions());
            try {
                toView.setOwner(attrs.owner());
                toView.setGroup(attrs.group());
            } catch (IOException | SecurityException e) {
                // Only root may give a file away; the content matters more than the owner here.
            }
        } else if (newFileMode != null) {
            toView.setPermissions(newFileMode);
        }
    }
}
