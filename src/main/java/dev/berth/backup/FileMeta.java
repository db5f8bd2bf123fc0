package dev.berth.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;

/**
 * What one {@code lstat} tells about a file. On POSIX systems it comes from the "unix" attribute
 * view (mode, owner, inode, ctime); on file systems with only the "posix" view (a server's through
 * SFTP) from that one (no inode or ctime: changes are seen through size and mtime); elsewhere from
 * the basic view with usual defaults.
 */
record FileMeta(
        Kind kind,
        long size,
        int mode,
        long uid,
        long gid,
        FileTime mtime,
        FileTime ctime,
        long ino,
        long dev,
        int nlink) {

    enum Kind {
        DIRECTORY,
        FILE,
        SYMLINK,
        FIFO,
        SOCKET,
        DEVICE
    }

    private static final String UNIX_ATTRS = "unix:mode,uid,gid,ino,dev,nlink,ctime,size,lastModifiedTime";
    private static final boolean UNIX = supportsUnix();

    static FileMeta read(Path p) throws IOException {
        if (UNIX && p.getFileSystem() == java.nio.file.FileSystems.getDefault()) {
            Map<String, Object> a = Files.readAttributes(p, UNIX_ATTRS, LinkOption.NOFOLLOW_LINKS);
            int rawMode = (Integer) a.get("mode");
            Kind kind = switch (rawMode & 0170000) {
                case 0040000 -> Kind.DIRECTORY;
                case 0100000 -> Kind.FILE;
                case 0120000 -> Kind.SYMLINK;
                case 0010000 -> Kind.FIFO;
                case 0140000 -> Kind.SOCKET;
                default -> Kind.DEVICE;
            };
            return new FileMeta(
                    kind,
                    (Long) a.get("size"),
                    rawMode & 07777,
                    ((Integer) a.get("uid")).longValue() & 0xffffffffL,
                    ((Integer) a.get("gid")).longValue() & 0xffffffffL,
                    (FileTime) a.get("lastModifiedTime"),
                    (FileTime) a.get("ctime"),
                    (Long) a.get("ino"),
                    (Long) a.get("dev"),
                    (Integer) a.get("nlink"));
        }
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            Kind kind = a.isDirectory()
                    ? Kind.DIRECTORY
                    : a.isSymbolicLink() ? Kind.SYMLINK : a.isRegularFile() ? Kind.FILE : Kind.DEVICE;
            return new FileMeta(
                    kind,
                    a.size(),
                    mode(a.permissions()),
                    numeric(a.owner()),
                    numeric(a.group()),
                    a.lastModifiedTime(),
                    a.lastModifiedTime(),
                    0,
                    0,
                    1);
        }
        BasicFileAttributes b = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Kind kind = b.isDirectory()
                ? Kind.DIRECTORY
                : b.isSymbolicLink() ? Kind.SYMLINK : b.isRegularFile() ? Kind.FILE : Kind.DEVICE;
        int mode = kind == Kind.DIRECTORY ? 0755 : kind == Kind.SYMLINK ? 0777 : 0644;
        return new FileMeta(kind, b.size(), mode, 0, 0, b.lastModifiedTime(), b.lastModifiedTime(), 0, 0, 1);
    }

    private static int mode(java.util.Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission x : perms) {
            m |= 1 << (8 - x.ordinal());
        }
        return m;
    }

    /** The id of an owner whose name is its number (SFTP carries ids only); 0 when it is a name. */
    private static long numeric(java.nio.file.attribute.UserPrincipal owner) {
        try {
            return owner == null ? 0 : Long.parseLong(owner.getName());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean unix() {
        return UNIX;
    }

    private static boolean supportsUnix() {
        return java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("unix");
    }

    /** Same file, same content as far as metadata can tell (ctime changes with every write). */
    boolean sameAs(FileMeta o) {
        return o != null
                && kind == o.kind
                && size == o.size
                && mode == o.mode
                && uid == o.uid
                && gid == o.gid
                && ino == o.ino
                && dev == o.dev
                && nlink == o.nlink
                && mtime.equals(o.mtime)
                && ctime.equals(o.ctime);
    }
}
