package dev.berth.backup;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Builds test trees with every tricky case and describes trees for byte-exact comparison. */
final class Trees {
    static final String LONG_NAME = "a-very-long-folder-name-" + "x".repeat(90);
    static final String UNICODE = "Ünïcødé-日本語-ñ";

    private Trees() {}

    /**
     * Nested folders, relative symlinks (file, folder, dangling inside), a hard link, a sparse
     * file, names longer than 100 characters, unicode names, modes 0600/0755/0700, an empty folder
     * and one owned by another uid (when root).
     */
    static void makeRichTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("conf/nested/deeper"));
        write(root.resolve("docker-compose.yml"), "services:\n  app:\n    image: demo:1\n");
        write(root.resolve(".env"), "SECRET=hunter2\nDATA_DIR=./data\n");
        write(root.resolve("conf/nested/deeper/app.ini"), "[main]\nkey = value\n");
        Path secret = root.resolve("conf/secret.key");
        write(secret, "private-key-material");
        chmod(secret, "rw-------");
        Path script = root.resolve("conf/run.sh");
        write(script, "#!/bin/sh\necho hi\n");
        chmod(script, "rwxr-xr-x");
        Path privateDir = root.resolve("private");
        Files.createDirectories(privateDir);
        write(privateDir.resolve("inner.txt"), "inner");
        chmod(privateDir, "rwx------");
        Path shared = root.resolve("shared");
        Files.createDirectories(shared);
        write(shared.resolve("group-writable.txt"), "g+w");
        chmod(shared.resolve("group-writable.txt"), "rw-rw-r--");
        write(shared.resolve("world-writable.txt"), "o+w");
        chmod(shared.resolve("world-writable.txt"), "rwxrwxrwx");
        Files.setAttribute(shared, "unix:mode", 02775); // setgid folder, group-writable
        Path setuid = root.resolve("conf/setuid-tool");
        write(setuid, "#!/bin/sh\n");
        Files.setAttribute(setuid, "unix:mode", 04755);
        Files.createDirectories(root.resolve("empty"));
        Files.createSymbolicLink(root.resolve("link-to-file"), Path.of("conf/run.sh"));
        Files.createSymbolicLink(root.resolve("conf/link-to-dir"), Path.of("nested"));
        Files.createSymbolicLink(root.resolve("conf/dangling-inside"), Path.of("not-there-yet"));
        Files.createLink(root.resolve("conf/hardlink.ini"), root.resolve("conf/nested/deeper/app.ini"));
        Path longDir = root.resolve(LONG_NAME).resolve(LONG_NAME);
        Files.createDirectories(longDir);
        write(longDir.resolve("file-" + "y".repeat(120) + ".txt"), "deep and long");
        Files.createSymbolicLink(longDir.resolve("long-link"), Path.of("file-" + "y".repeat(120) + ".txt"));
        Path uni = root.resolve(UNICODE);
        Files.createDirectories(uni);
        write(uni.resolve("données-ü.txt"), "unicode content ✓");
        byte[] random = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(random);
        Files.write(root.resolve("random.bin"), random);
        makeSparse(root.resolve("sparse.img"), 64L * 1024 * 1024);
        if (isRoot()) {
            Path owned = root.resolve("owned-by-999");
            write(owned, "owned");
            Files.setAttribute(owned, "unix:uid", 999, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(owned, "unix:gid", 998, LinkOption.NOFOLLOW_LINKS);
        }
        Files.setLastModifiedTime(
                root.resolve("docker-compose.yml"), FileTime.from(Instant.parse("2020-02-03T04:05:06.123456Z")));
        Files.setLastModifiedTime(root.resolve("empty"), FileTime.from(Instant.parse("2019-01-01T00:00:00Z")));
    }

    /** A file of {@code size} bytes with data only at its start and in its middle. */
    static void makeSparse(Path file, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
            f.seek(0);
            f.write("start of sparse file".getBytes(StandardCharsets.UTF_8));
            f.seek(size / 2);
            f.write("middle".getBytes(StandardCharsets.UTF_8));
        }
    }

    static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Allocated bytes of a file (st_blocks * 512), via stat(1). */
    static long allocatedBytes(Path p) throws IOException, InterruptedException {
        Process pr = new ProcessBuilder("stat", "-c", "%b %B", p.toString()).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        pr.waitFor();
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    /**
     * Every entry below {@code root} (root itself as "."), described by type, mode, owner, mtime
     * (microseconds), size, content hash, link target and hard-link group.
     */
    static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        Map<Long, String> inodes = new HashMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(all::add);
        }
        all.sort(null);
        for (Path p : all) {
            String rel = root.relativize(p).toString();
            if (rel.isEmpty()) {
                rel = ".";
            }
            Map<String, Object> a = Files.readAttributes(
                    p, "unix:mode,uid,gid,ino,nlink,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) a.get("mode");
            Instant mtime = ((FileTime) a.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.MICROS);
            StringBuilder d = new StringBuilder();
            boolean link = Files.isSymbolicLink(p);
            d.append(String.format("mode=%06o", link ? mode & 0170000 : mode));
            d.append(" owner=").append(a.get("uid")).append(':').append(a.get("gid"));
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                d.append(" dir mtime=").append(mtime);
            } else if (link) {
                d.append(" -> ")
                        .append(Files.readSymbolicLink(p))
                        .append(" mtime=")
                        .append(mtime);
            } else {
                d.append(" size=").append(a.get("size")).append(" sha=").append(Sha256.ofFile(p, new byte[65536]));
                d.append(" mtime=").append(mtime);
                if ((Integer) a.get("nlink") > 1) {
                    String first = inodes.putIfAbsent((Long) a.get("ino"), rel);
                    d.append(" hardlink-group=").append(first == null ? rel : first);
                }
            }
            out.put(rel, d.toString());
        }
        return out;
    }

    /** Names of everything below {@code dir} (recursively), or an empty list when it does not exist. */
    static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
