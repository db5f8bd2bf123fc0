package dev.berth.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes files so that a crash or a full disk never leaves a half-written file: the bytes go to a
 * temporary file in the same folder, are flushed to disk, and the temporary file is renamed over
 * the target in one step (then the folder is flushed too). The target keeps its permissions and,
 * when the process may set them, its owner and group. A symbolic link is followed: the file it
 * points to is replaced and the link stays.
 *
 * <p>Blocking; call off the GUI thread. Thread-safe as long as two threads do not write the same
 * target at once.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Permissions of a new file: owner read/write only, as env files hold secrets. */
    public static final Set<PosixFilePermission> NEW_FILE_PERMISSIONS = PosixFilePermissions.fromString("rw-------");

    /** Mode for files that hold secrets, journals or backups: owner read/write only. */
    public static final Set<PosixFilePermission> PRIVATE = NEW_FILE_PERMISSIONS;

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");

    private AtomicFiles() {}

    /**
     * Replaces (or creates) {@code target} with {@code bytes} atomically. A new file gets
     * {@link #NEW_FILE_PERMISSIONS}.
     *
     * @throws IOException when the file cannot be written; {@code target} is then unchanged and no
     *     temporary file is left behind
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, NEW_FILE_PERMISSIONS);
    }

    /**
     * Replaces (or creates) {@code target} with {@code bytes} atomically; a new file gets {@code
     * newFilePermissions} (on file systems with POSIX permissions).
     *
     * @throws IOException when the file cannot be written; {@code target} is then unchanged and no
     *     temporary file is left behind
     */
    public static void write(Path target, byte[] bytes, Set<PosixFilePermission> newFilePermissions)
            throws IOException {
        write(target, bytes, newFilePermissions, false);
    }

    /**
     * Writes a file that only its owner may read (settings, state, journals): missing parent
     * folders are created 0700 and the file ends up 0600 whatever mode it had before.
     */
    public static void writePrivate(Path target, byte[] bytes) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        write(target, bytes, PRIVATE, true);
    }

    private static void write(Path target, byte[] bytes, Set<PosixFilePermission> newFilePermissions, boolean force)
            throws IOException {
        // One look at the target, not following a link: on a server's files (SFTP) every question
        // is a round trip, and a run writes its journal a few dozen times.
        BasicFileAttributes seen = attributesNoFollow(target);
        if (seen != null && seen.isSymbolicLink() && !Files.exists(target)) {
            seen = null; // a dangling link is replaced like a missing file
        }
        Path real;
        PosixFileAttributes existing;
        if (seen == null) {
            real = target.toAbsolutePath();
            existing = null;
        } else if (seen.isSymbolicLink()) {
            real = target.toRealPath();
            existing = force ? null : posixAttributes(real);
        } else {
            real = target.toAbsolutePath();
            existing = force || !(seen instanceof PosixFileAttributes p) ? null : p;
        }
        Path dir = real.getParent();
        if (dir == null || (seen == null && !Files.isDirectory(dir))) {
            throw new IOException(
                    "cannot write " + target + ": the folder " + dir + " does not exist; nothing was" + " written");
        }
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        Path temp = null;
        boolean moved = false;
        try {
            FileChannel ch = null;
            for (int attempt = 1; ch == null; attempt++) {
                Path candidate =
                        dir.resolve("." + real.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
                try {
                    ch = createNew(candidate, posix);
                    temp = candidate;
                } catch (FileAlreadyExistsException e) {
                    if (attempt >= 100) {
                        throw e;
                    }
                }
            }
            try (FileChannel out = ch) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            applyAttributes(temp, existing, newFilePermissions, posix);
            try {
                Files.move(temp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot replace " + target + " atomically on this file system; it was left" + " unchanged", e);
            }
            moved = true;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new IOException(
                    "writing " + target + " failed: " + e.getMessage() + "; " + target + " was left unchanged", e);
        } finally {
            if (!moved && temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Copies {@code file} to {@code FILE.bak-<UTC timestamp>} next to it (atomically, with the same
     * permissions) and returns the backup's path; adds {@code -1}, {@code -2}... when that name exists.
     *
     * @throws IOException when the copy cannot be made; {@code file} is unchanged either way
     */
    public static Path backup(Path file, Clock clock) throws IOException {
        Path real = file.toRealPath();
        String stamp = BACKUP_STAMP.format(clock.instant().atOffset(ZoneOffset.UTC));
        Path backup = real.resolveSibling(real.getFileName() + ".bak-" + stamp);
        for (int i = 1; Files.exists(backup, LinkOption.NOFOLLOW_LINKS); i++) {
            backup = real.resolveSibling(real.getFileName() + ".bak-" + stamp + "-" + i);
        }
        PosixFileAttributes attrs = posixAttributes(real);
        write(backup, Files.readAllBytes(real), attrs == null ? NEW_FILE_PERMISSIONS : attrs.permissions());
        if (attrs != null) {
            applyOwner(backup, attrs);
        }
        return backup;
    }

    /** Renames {@code source} to {@code target} atomically where the file system can, then flushes the folder. */
    public static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            syncDirectory(dir);
        }
    }

    /** Creates an empty file that is owner-only from its first moment (never readable by others). */
    public static void createPrivate(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    /**
     * A new temporary file open for writing, owner-only from its first moment where the file system
     * has POSIX permissions. The JDK's {@code createTempFile} does that on the default file system
     * only (over SFTP it would get the umask's 0644 while secrets go into it), and it closes the file
     * it made, which costs another open over SFTP.
     */
    private static FileChannel createNew(Path file, boolean posix) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (posix) {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(PRIVATE));
        }
        return FileChannel.open(file, options);
    }

    /** The file's own attributes (POSIX ones where the file system has them), or null when it is missing. */
    private static BasicFileAttributes attributesNoFollow(Path file) throws IOException {
        try {
            PosixFileAttributeView view =
                    Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            return view != null
                    ? view.readAttributes()
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static PosixFileAttributes posixAttributes(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        return view == null ? null : view.readAttributes();
    }

    private static void applyAttributes(
            Path temp, PosixFileAttributes existing, Set<PosixFilePermission> forNew, boolean createdPrivate)
            throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> wanted = existing == null ? forNew : existing.permissions();
        // The temporary file was created owner-only (a umask can only take more away), so the most
        // common mode needs no second request.
        if (wanted != null && !(createdPrivate && wanted.equals(PRIVATE))) {
            view.setPermissions(wanted);
        }
        if (existing != null) {
            applyOwner(temp, existing);
        }
    }

    private static void applyOwner(Path file, PosixFileAttributes wanted) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        PosixFileAttributes now = view.readAttributes();
        UserPrincipal owner = wanted.owner();
        GroupPrincipal group = wanted.group();
        try {
            if (!now.owner().equals(owner)) {
                view.setOwner(owner);
            }
            if (!now.group().equals(group)) {
                view.setGroup(group);
            }
        } catch (IOException e) {
            // Only root may give a file away; the content matters more than the owner.
            LOG.warn(
                    "{} keeps owner {}:{} instead of {}:{}: {}",
                    file,
                    now.owner(),
                    now.group(),
                    owner,
                    group,
                    e.toString());
        }
    }

    /** Flushes a folder's entries to disk; a no-op where folders cannot be opened (Windows). */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some systems (Windows) cannot open a folder; the rename itself is already done.
            LOG.debug("could not flush folder {}: {}", dir, e.toString());
        }
    }
}
