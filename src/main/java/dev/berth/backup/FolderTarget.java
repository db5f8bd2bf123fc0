package dev.berth.backup;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes entries below one target folder without ever following a symlink below it: parents are
 * checked with {@code lstat}, an existing file or symlink in the way is removed (never written
 * through), a folder in the way is a conflict. Files are created with their archived permission
 * bits (never more open), then get owner, special bits and mtime; folders are created 0700 and get
 * mode, owner and mtime last, deepest first.
 */
final class FolderTarget {
    private static final int BLOCK = 4096;
    private static final byte[] ZEROS = new byte[BLOCK];
    private static final Set<OpenOption> CREATE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    /** Create attributes per permission value (0..0777), so files never start more open than archived. */
    private static final FileAttribute<?>[][] PERMS = new FileAttribute<?>[512][];
    /** The process umask (bits removed from created files); all bits when unknown, so chmod always runs. */
    private static final int UMASK = readUmask();

    private static final FileAttribute<?>[] PRIVATE_DIR = FileMeta.unix()
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];

    private record Pending(Path path, EntryRecord rec, Path target) {}

    private final Path root;
    private final Ownership ownership;
    private final Set<Path> knownDirs = new HashSet<>();
    /** Folders this restore created: files in them start with our uid and gid. */
    private final Set<Path> freshDirs = new HashSet<>();

    /** By path: a staged restore may see a path twice (phase 1 and phase 2); the last one counts. */
    private final Map<Path, Pending> dirs = new LinkedHashMap<>();

    private final Map<Path, Pending> links = new LinkedHashMap<>();
    private boolean rootReady;

    FolderTarget(Path root, Ownership ownership) {
        this.root = root.toAbsolutePath().normalize();
        this.ownership = ownership;
    }

    Path root() {
        return root;
    }

    Path resolve(String rel) {
        return rel.isEmpty() ? root : root.resolve(rel);
    }

    /** Writes one entry; file content comes from {@code data} and is hashed into {@code md}. */
    void write(EntryRecord rec, String rel, InputStream data, byte[] buf, MessageDigest md, ByteProgress progress)
            throws IOException {
        write(rec, rel, ch -> writeSparse(ch, data, rec.size(), buf, md, progress));
    }

    /** Writes one entry; file content comes from the verify pass's pieces (hashed there). */
    void write(EntryRecord rec, String rel, EntryData data) throws IOException {
        write(rec, rel, ch -> writeSparse(ch, data, rec.size()));
    }

    private interface Content {
        void writeTo(FileChannel ch) throws IOException;
    }

    private void write(EntryRecord rec, String rel, Content content) throws IOException {
        ensureRoot();
        Path p = resolve(rel);
        switch (rec.type()) {
            case DIRECTORY -> {
                if (!rel.isEmpty()) {
                    ensureParent(p);
                    makeDirectory(p);
                }
                dirs.put(p, new Pending(p, rec, null));
            }
            case FILE -> {
                ensureParent(p);
                int perms = rec.mode() & 0777;
                FileChannel ch = createFile(p, perms);
                try (ch) {
                    content.writeTo(ch);
                }
                ownership.apply(p, rec, freshDirs.contains(p.getParent()));
                // chown clears setuid and setgid, so special bits are always set afterwards
                if ((rec.mode() & 07000) != 0 || (perms & UMASK) != 0) {
                    setMode(p, rec.mode());
                }
                setNewFileTime(p, rec);
            }
            case SYMLINK -> {
                ensureParent(p);
                Path target = Path.of(rec.link());
                try {
                    Files.createSymbolicLink(p, target);
                } catch (FileAlreadyExistsException e) {
                    removeInTheWay(p, rec);
                    Files.createSymbolicLink(p, target);
                }
                ownership.apply(p, rec, freshDirs.contains(p.getParent()));
                setTime(p, rec);
            }
            case HARDLINK -> {
                ensureParent(p);
                ArchiveFormat.Section s = ArchiveFormat.sectionOf(rec.link());
                links.put(p, new Pending(p, rec, resolve(s.rel())));
            }
        }
    }

    /** Makes the hard links, then gives folders their mode, owner and time, deepest first. */
    void finish() throws IOException {
        finishLinks();
        finishDirectories(p -> p, Freshness.KNOWN);
    }

    /** Whether {@link #finishDirectories} may trust what it knows about folders it created. */
    enum Freshness {
        /** Folders are where this target created them: skip owner calls that change nothing. */
        KNOWN,
        /** Folders were moved (merged into existing ones): give every folder its owner. */
        UNKNOWN
    }

    /** Makes the hard links (after every file is written). */
    void finishLinks() throws IOException {
        for (Pending l : links.values()) {
            try {
                Files.createLink(l.path(), l.target());
            } catch (FileAlreadyExistsException e) {
                removeInTheWay(l.path(), l.rec());
                Files.createLink(l.path(), l.target());
            }
        }
    }

    /**
     * Gives folders their mode, owner and time, deepest first, at the place {@code moved} says they
     * are now.
     */
    void finishDirectories(java.util.function.UnaryOperator<Path> moved, Freshness freshness) throws IOException {
        List<Pending> ordered = new ArrayList<>(dirs.values());
        for (int i = ordered.size() - 1; i >= 0; i--) {
            Pending d = ordered.get(i);
            Path at = moved.apply(d.path());
            ownership.apply(
                    at,
                    d.rec(),
                    freshness == Freshness.KNOWN
                            && d.path() != root
                            && freshDirs.contains(d.path().getParent()));
            setMode(at, d.rec().mode());
            setTime(at, d.rec());
        }
    }

    /**
     * Removes what this restore wrote at {@code rel} (a whole folder, never following symlinks) and
     * forgets its pending folder or link: for a staged restore, when a later entry of the archive
     * replaces or deletes the path.
     */
    void forget(String rel) throws IOException {
        Path p = resolve(rel);
        links.remove(p);
        dirs.keySet().removeIf(d -> d.startsWith(p));
        links.keySet().removeIf(l -> l.startsWith(p));
        knownDirs.removeIf(d -> d.startsWith(p));
        freshDirs.removeIf(d -> d.startsWith(p));
        if (!rel.isEmpty()) {
            deleteTree(p);
        }
    }

    /** The pending folder at {@code rel} takes {@code rec} (the manifest's record) at {@link #finish()}. */
    void updateDirectory(String rel, EntryRecord rec) {
        Path p = resolve(rel);
        dirs.computeIfPresent(p, (k, d) -> new Pending(p, rec, null));
    }

    /** Gives an entry written already the owner, mode and time of {@code rec}. */
    void reapply(String rel, EntryRecord rec) throws IOException {
        Path p = resolve(rel);
        if (rec.type() == EntryType.DIRECTORY) {
            updateDirectory(rel, rec);
        } else if (rec.type() == EntryType.HARDLINK) {
            Pending l = links.get(p);
            if (l != null) {
                links.put(
                        p,
                        new Pending(
                                p,
                                rec,
                                resolve(ArchiveFormat.sectionOf(rec.link()).rel())));
            }
        } else {
            ownership.apply(p, rec, false);
            if (rec.type() == EntryType.FILE) {
                setMode(p, rec.mode());
            }
            setTime(p, rec);
        }
    }

    /** Deletes a file, symlink or folder tree; symlinks are removed, never followed. */
    static void deleteTree(Path p) throws IOException {
        FileMeta m;
        try {
            m = FileMeta.read(p);
        } catch (NoSuchFileException e) {
            return;
        }
        if (m.kind() == FileMeta.Kind.DIRECTORY) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                ds.forEach(children::add);
            }
            for (Path c : children) {
                deleteTree(c);
            }
        }
        Files.deleteIfExists(p);
    }

    private void ensureRoot() throws IOException {
        if (!rootReady) {
            if (!Files.isDirectory(root)) {
                Files.createDirectories(root);
                freshDirs.add(root);
            }
            knownDirs.add(root);
            rootReady = true;
        }
    }

    private void ensureParent(Path p) throws IOException {
        Path parent = p.getParent();
        if (knownDirs.contains(parent)) {
            return;
        }
        ensureParent(parent);
        FileMeta m;
        try {
            m = FileMeta.read(parent);
        } catch (NoSuchFileException e) {
            Files.createDirectory(parent);
            knownDirs.add(parent);
            freshDirs.add(parent);
            return;
        }
        if (m.kind() != FileMeta.Kind.DIRECTORY) {
            String kind = m.kind().name().toLowerCase();
            throw new BackupException(
                    BackupException.Kind.TARGET_CONFLICT,
                    switch (m.kind()) {
                        case FILE -> BackupException.Reason.TARGET_FILE_NEEDS_FOLDER;
                        case SYMLINK -> BackupException.Reason.TARGET_SYMLINK_NEEDS_FOLDER;
                        default -> BackupException.Reason.TARGET_SPECIAL_NEEDS_FOLDER;
                    },
                    switch (m.kind()) {
                        case FILE, SYMLINK -> List.of(parent.toString());
                        default -> List.of(parent.toString(), kind);
                    },
                    parent + " is a " + kind + " where the restore needs a folder; Berth never writes through it.",
                    null);
        }
        knownDirs.add(parent);
    }

    private void makeDirectory(Path p) throws IOException {
        try {
            Files.createDirectory(p, PRIVATE_DIR);
            freshDirs.add(p);
        } catch (FileAlreadyExistsException e) {
            FileMeta m = FileMeta.read(p);
            if (m.kind() != FileMeta.Kind.DIRECTORY) {
                Files.delete(p); // a file or symlink where the backup has a folder: replaced
                Files.createDirectory(p, PRIVATE_DIR);
                freshDirs.add(p);
            }
        }
        knownDirs.add(p);
    }

    private static FileChannel createFile(Path p, int perms) throws IOException {
        FileAttribute<?>[] attrs = permissions(perms);
        try {
            return FileChannel.open(p, CREATE, attrs);
        } catch (FileAlreadyExistsException e) {
            removeInTheWay(p, null);
            return FileChannel.open(p, CREATE, attrs);
        }
    }

    private static FileAttribute<?>[] permissions(int perms) {
        if (!FileMeta.unix()) {
            return new FileAttribute<?>[0];
        }
        FileAttribute<?>[] a = PERMS[perms];
        if (a == null) {
            StringBuilder s = new StringBuilder();
            for (int shift = 6; shift >= 0; shift -= 3) {
                int bits = (perms >> shift) & 7;
                s.append((bits & 4) != 0 ? 'r' : '-')
                        .append((bits & 2) != 0 ? 'w' : '-')
                        .append((bits & 1) != 0 ? 'x' : '-');
            }
            a = new FileAttribute<?>[] {
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(s.toString()))
            };
            PERMS[perms] = a;
        }
        return a;
    }

    /** Removes a file or symlink that a restored entry replaces; a folder is a conflict. */
    private static void removeInTheWay(Path p, EntryRecord rec) throws IOException {
        FileMeta m = FileMeta.read(p);
        if (m.kind() == FileMeta.Kind.DIRECTORY) {
            EntryType type = rec == null ? EntryType.FILE : rec.type();
            String message = p + " is a folder where the backup has a "
                    + type.name().toLowerCase() + "; move it away and restore again.";
            throw switch (type) {
                case FILE -> conflict(BackupException.Reason.TARGET_FOLDER_WHERE_FILE, p, message);
                case SYMLINK -> conflict(BackupException.Reason.TARGET_FOLDER_WHERE_SYMLINK, p, message);
                case HARDLINK -> conflict(BackupException.Reason.TARGET_FOLDER_WHERE_HARDLINK, p, message);
                case DIRECTORY -> new BackupException(BackupException.Kind.TARGET_CONFLICT, message);
            };
        }
        Files.delete(p);
    }

    /**
     * Writes {@code size} bytes from {@code in}, skipping all-zero 4 KiB blocks so sparse files stay
     * sparse (the file is created empty, so skipped blocks read as zeros).
     */
    static void writeSparse(
            FileChannel ch, InputStream in, long size, byte[] buf, MessageDigest md, ByteProgress progress)
            throws IOException {
        long pos = 0;
        long end = 0;
        while (pos < size) {
            int want = (int) Math.min(buf.length, size - pos);
            int n = 0;
            while (n < want) {
                int r = in.read(buf, n, want - n);
                if (r < 0) {
                    throw new java.io.EOFException("the entry ends " + (size - pos - n) + " bytes early");
                }
                n += r;
            }
            md.update(buf, 0, n);
            int off = 0;
            while (off < n) {
                int blk = Math.min(BLOCK, n - off);
                if (Arrays.mismatch(buf, off, off + blk, ZEROS, 0, blk) < 0) {
                    off += blk;
                    continue;
                }
                int start = off;
                off += blk;
                while (off < n) {
                    int b2 = Math.min(BLOCK, n - off);
                    if (Arrays.mismatch(buf, off, off + b2, ZEROS, 0, b2) < 0) {
                        break;
                    }
                    off += b2;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, start, off - start);
                long at = pos + start;
                while (bb.hasRemaining()) {
                    at += ch.write(bb, at);
                }
                end = at;
            }
            pos += n;
            progress.advance(n);
        }
        if (end < size) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1); // a trailing hole: set the length
        }
    }

    /**
     * Writes {@code size} bytes from the verify pass's pieces straight from the decoder's buffers
     * (a direct buffer goes to {@code pwrite} without a copy), skipping all-zero 4 KiB blocks of a
     * piece as {@link #writeSparse(FileChannel, InputStream, long, byte[], MessageDigest,
     * ByteProgress)} does.
     */
    static void writeSparse(FileChannel ch, EntryData data, long size) throws IOException {
        long pos = 0;
        long end = 0;
        while (pos < size) {
            ByteBuffer piece = data.next();
            if (piece == null) {
                throw new java.io.EOFException("the entry ends " + (size - pos) + " bytes early");
            }
            int base = piece.position();
            int n = piece.remaining();
            MemorySegment seg = MemorySegment.ofBuffer(piece);
            int off = 0;
            while (off < n) {
                int blk = Math.min(BLOCK, n - off);
                if (isZero(seg, off, blk)) {
                    off += blk;
                    continue;
                }
                int start = off;
                off += blk;
                while (off < n) {
                    int b2 = Math.min(BLOCK, n - off);
                    if (isZero(seg, off, b2)) {
                        break;
                    }
                    off += b2;
                }
                ByteBuffer bb = piece.slice(base + start, off - start);
                long at = pos + start;
                while (bb.hasRemaining()) {
                    at += ch.write(bb, at);
                }
                end = at;
            }
            pos += n;
        }
        if (end < size) {
            ch.write(ByteBuffer.wrap(new byte[1]), size - 1); // a trailing hole: set the length
        }
    }

    private static final MemorySegment ZERO_SEGMENT = MemorySegment.ofArray(ZEROS);

    /** Whether {@code len} bytes at {@code at} of the piece (from its position) are all zero. */
    private static boolean isZero(MemorySegment piece, int at, int len) {
        return MemorySegment.mismatch(piece, at, at + len, ZERO_SEGMENT, 0, len) < 0;
    }

    /** The umask from {@code /proc/self/status} (Linux 4.7+), or 0777 when it cannot be read. */
    private static int readUmask() {
        Path status = Path.of("/proc/self/status");
        try {
            if (Files.isReadable(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("Umask:")) {
                        return Integer.parseInt(line.substring(6).trim(), 8);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown: chmod after every file instead
        }
        return 0777;
    }

    static void setMode(Path p, int mode) throws IOException {
        if (!FileMeta.unix()) {
            return;
        }
        if (p.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
        } else if (!Files.isSymbolicLink(p)) {
            // A server's files through SFTP: the permission bits (no setuid/setgid/sticky there).
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(rwx(mode & 0777)));
        }
    }

    private static String rwx(int perms) {
        StringBuilder s = new StringBuilder();
        for (int shift = 6; shift >= 0; shift -= 3) {
            int bits = (perms >> shift) & 7;
            s.append((bits & 4) != 0 ? 'r' : '-')
                    .append((bits & 2) != 0 ? 'w' : '-')
                    .append((bits & 1) != 0 ? 'x' : '-');
        }
        return s.toString();
    }

    /**
     * The time of a file this restore just created: its access time is now (as it was, the file is
     * new) and its modification time the archived one. Both are given, so NIO need not read the
     * current ones first; one native call when {@link FileTimes} can.
     */
    private static void setNewFileTime(Path p, EntryRecord rec) throws IOException {
        Instant now = Instant.now();
        if (!FileTimes.set(p, now, rec.mtime())) {
            Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(FileTime.from(rec.mtime()), FileTime.from(now), null);
        }
    }

    static void setTime(Path p, EntryRecord rec) throws IOException {
        Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(rec.mtime()), null, null);
    }

    private static BackupException conflict(BackupException.Reason reason, Path p, String message) {
        return new BackupException(BackupException.Kind.TARGET_CONFLICT, reason, List.of(p.toString()), message, null);
    }
}
