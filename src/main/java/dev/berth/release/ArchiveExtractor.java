package dev.berth.release;

import dev.berth.config.ConfigException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Extracts release archives ({@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .tar.zst},
 * {@code .zip}) safely into an empty folder. Refused, before anything is written outside the
 * folder: entries with {@code ..} or absolute paths, symbolic or hard links that point outside,
 * device files and FIFOs, entries or totals over the {@link ExtractionLimits}, and zip-bomb
 * compression ratios. Symbolic links are created last and checked again on the file system, so a
 * link can never redirect a later write. On any refusal or error the folder's content is deleted
 * and a {@link ConfigException} says what was wrong; nothing else is touched.
 */
public final class ArchiveExtractor {
    private static final int MAX_NAME = 4096;
    private static final int MAX_LINK_TARGET = 4096;

    private final String display;
    private final Path target;
    private final ExtractionLimits limits;
    private final List<Path[]> symlinks = new ArrayList<>();
    private final Set<Path> written = new HashSet<>();
    private final Set<Path> symlinkPaths = new HashSet<>();
    private long total;
    private int entries;

    private ArchiveExtractor(String display, Path target, ExtractionLimits limits) {
        this.display = display;
        this.target = target;
        this.limits = limits;
    }

    /** The archive kinds Berth reads, by file name. */
    public enum Format {
        TAR,
        TAR_GZ,
        TAR_ZST,
        ZIP;

        /** The format a file name says, if it names an archive. */
        public static java.util.Optional<Format> ofFileName(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".tar.gz") || n.endsWith(".tgz")) {
                return java.util.Optional.of(TAR_GZ);
            }
            if (n.endsWith(".tar.zst") || n.endsWith(".tzst")) {
                return java.util.Optional.of(TAR_ZST);
            }
            if (n.endsWith(".tar")) {
                return java.util.Optional.of(TAR);
            }
            if (n.endsWith(".zip")) {
                return java.util.Optional.of(ZIP);
            }
            return java.util.Optional.empty();
        }

        /** The name without the archive extension: {@code ledger-2.0} for {@code ledger-2.0.tar.gz}. */
        public static String stripExtension(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            for (String ext : List.of(".tar.gz", ".tar.zst", ".tgz", ".tzst", ".tar", ".zip")) {
                if (n.endsWith(ext)) {
                    return name.substring(0, name.length() - ext.length());
                }
            }
            return name;
        }
    }

    /**
     * Extracts an archive file into {@code target}, which must be missing or an empty folder.
     *
     * @param display the archive as the user knows it, for messages
     * @throws ConfigException when the archive is unsafe, over a limit, damaged or of an unknown
     *     kind; {@code target} is then empty
     */
    public static void extract(Path archive, Path target, ExtractionLimits limits, String display) {
        Format format = Format.ofFileName(archive.getFileName().toString())
                .orElseThrow(() -> new ConfigException(
                        display,
                        0,
                        ConfigException.Reason.ARCHIVE_UNKNOWN_KIND,
                        List.of(),
                        "not a release archive: Berth reads .tar.gz, .tgz, .tar, .tar.zst and .zip"));
        ArchiveExtractor x = new ArchiveExtractor(display, prepare(target, display), limits);
        x.run(() -> {
            if (format == Format.ZIP) {
                x.zip(archive);
            } else {
                try (InputStream file = Files.newInputStream(archive);
                        CountingStream counted = new CountingStream(new BufferedInputStream(file, 1 << 16))) {
                    InputStream in = switch (format) {
                        case TAR_GZ -> new GzipCompressorInputStream(counted, true);
                        case TAR_ZST -> new ZstdCompressorInputStream(counted);
                        default -> counted;
                    };
                    x.tar(in, counted);
                }
            }
        });
    }

    /**
     * Extracts an uncompressed tar stream (such as {@code git archive} output) into {@code target}.
     *
     * @throws ConfigException as {@link #extract}
     */
    public static void extractTar(InputStream tar, Path target, ExtractionLimits limits, String display) {
        ArchiveExtractor x = new ArchiveExtractor(display, prepare(target, display), limits);
        x.run(() -> {
            CountingStream counted = new CountingStream(tar);
            x.tar(counted, counted);
        });
    }

    private static Path prepare(Path target, String display) {
        try {
            Files.createDirectories(target);
            try (var s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalStateException("extraction target " + target + " is not empty");
                }
            }
            return target.toRealPath();
        } catch (IOException e) {
            throw Refusals.because(
                    new ConfigException(
                            display,
                            0,
                            ConfigException.Reason.ARCHIVE_NO_TARGET,
                            List.of(target.toString(), e.toString()),
                            "could not create the folder " + target + " to extract into (" + e + ")"),
                    e);
        }
    }

    private interface Body {
        void run() throws IOException;
    }

    private void run(Body body) {
        try {
            body.run();
            createSymlinks();
        } catch (ConfigException e) {
            clean();
            throw e;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            clean();
            throw Refusals.because(
                    new ConfigException(
                            display,
                            0,
                            ConfigException.Reason.ARCHIVE_DAMAGED,
                            List.of(String.valueOf(e.getMessage())),
                            "the archive is damaged or truncated (" + e.getMessage() + "); nothing was extracted."
                                    + " Download the release again."),
                    e);
        } catch (RuntimeException | Error e) {
            clean();
            throw e;
        }
    }

    // ---- tar -----------------------------------------------------------------------------

    private void tar(InputStream in, CountingStream compressed) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
            if (e.isGlobalPaxHeader() || e.isPaxHeader()) {
                continue;
            }
            String name = e.getName();
            countEntry(name);
            if (e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()) {
                throw refuse(name, "is a device file or FIFO; a release holds only files, folders and links");
            }
            Path path = resolve(name);
            if (e.isDirectory()) {
                directory(path, name);
            } else if (e.isSymbolicLink()) {
                symlink(path, name, e.getLinkName());
            } else if (e.isLink()) {
                Path source;
                try {
                    source = resolve(e.getLinkName());
                } catch (ConfigException outsideOrInvalid) {
                    throw refuse(
                            name,
                            "is a hard link to \"" + clip(e.getLinkName()) + "\", which is outside the"
                                    + " release folder or no valid name");
                }
                if (!written.contains(source) || !Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw refuse(
                            name,
                            "is a hard link to \"" + clip(e.getLinkName())
                                    + "\", which is no file extracted before it");
                }
                // Copied, never linked: the copy counts against the limits like any other file.
                try (InputStream copy = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                    file(path, name, copy, compressed, -1, (e.getMode() & 0100) != 0);
                }
            } else if (e.isFile()) {
                if (e.getSize() > limits.maxEntryBytes()) {
                    throw tooLarge(name, e.getSize());
                }
                file(path, name, tar, compressed, -1, (e.getMode() & 0100) != 0);
            } else {
                throw refuse(name, "has an entry type Berth does not extract (" + (char) e.getLinkFlag() + ")");
            }
        }
    }

    // ---- zip -----------------------------------------------------------------------------

    private void zip(Path archive) throws IOException {
        long archiveBytes = Files.size(archive);
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (Enumeration<ZipArchiveEntry> en = zip.getEntries(); en.hasMoreElements(); ) {
                ZipArchiveEntry e = en.nextElement();
                String name = e.getName();
                countEntry(name);
                int type = e.getUnixMode() & 0170000;
                if (type == 0020000 || type == 0060000 || type == 0010000 || type == 0140000) {
                    throw refuse(
                            name,
                            "is a device file, FIFO or socket; a release holds only files, folders and" + " links");
                }
                Path path = resolve(name);
                if (e.isDirectory()) {
                    directory(path, name);
                } else if (e.isUnixSymlink()) {
                    byte[] raw;
                    try (InputStream in = zip.getInputStream(e)) {
                        raw = in.readNBytes(MAX_LINK_TARGET + 1);
                    }
                    if (raw.length > MAX_LINK_TARGET) {
                        throw refuse(name, "is a link with a target longer than " + MAX_LINK_TARGET + " bytes");
                    }
                    symlink(path, name, new String(raw, StandardCharsets.UTF_8));
                } else {
                    if (e.getSize() > limits.maxEntryBytes()) {
                        throw tooLarge(name, e.getSize());
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        file(path, name, in, null, Math.max(e.getCompressedSize(), 1), (e.getUnixMode() & 0100) != 0);
                    }
                    if (total > limits.ratioFloorBytes() && total / Math.max(archiveBytes, 1) > limits.maxRatio()) {
                        throw bomb(name);
                    }
                }
            }
        }
    }

    // ---- writing -------------------------------------------------------------------------

    private void countEntry(String name) {
        if (++entries > limits.maxEntries()) {
            throw refuse(name, "is entry number " + entries + ", more than the limit of " + limits.maxEntries());
        }
    }

    /** The path of an entry inside the target; refuses names that could leave it. */
    private Path resolve(String rawName) {
        if (rawName == null || rawName.isEmpty()) {
            throw refuse(String.valueOf(rawName), "has an empty name");
        }
        if (rawName.length() > MAX_NAME || rawName.indexOf('\0') >= 0) {
            throw refuse(rawName, "has an invalid name");
        }
        String name = rawName.replace('\\', '/');
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw refuse(rawName, "has an absolute path; a release archive holds relative paths only");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw refuse(rawName, "leaves the release folder (..)");
            }
        }
        Path p = target.resolve(name).normalize();
        if (!p.startsWith(target)) {
            throw refuse(rawName, "leaves the release folder");
        }
        if (symlinkPaths.stream().anyMatch(s -> p.startsWith(s))) {
            throw refuse(rawName, "lies below a symbolic link of the same archive");
        }
        return p;
    }

    private void directory(Path path, String name) throws IOException {
        if (Files.isSymbolicLink(path) || Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path)) {
            throw refuse(name, "is a folder where the archive already has a file");
        }
        Files.createDirectories(path);
    }

    private void file(
            Path path, String name, InputStream in, CountingStream compressed, long entryCompressed, boolean exec)
            throws IOException {
        if (path.equals(target)) {
            throw refuse(name, "names the release folder itself");
        }
        Files.createDirectories(path.getParent());
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw refuse(name, "is a file where the archive already has a folder");
        }
        long entry = 0;
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                entry += n;
                total += n;
                if (entry > limits.maxEntryBytes()) {
                    throw tooLarge(name, entry);
                }
                if (total > limits.maxTotalBytes()) {
                    throw refuse(name, "brings the extracted size over the limit of " + bytes(limits.maxTotalBytes()));
                }
                if (entry > limits.ratioFloorBytes()
                        && entryCompressed > 0
                        && entry / entryCompressed > limits.maxRatio()) {
                    throw bomb(name);
                }
                if (compressed != null
                        && total > limits.ratioFloorBytes()
                        && total / Math.max(compressed.count(), 1) > limits.maxRatio()) {
                    throw bomb(name);
                }
                out.write(buf, 0, n);
            }
        }
        written.add(path);
        setMode(path, exec);
    }

    private static void setMode(Path path, boolean exec) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system (Windows): modes do not exist there, the content is what counts.
        }
    }

    private void symlink(Path path, String name, String linkTarget) {
        if (linkTarget == null || linkTarget.isEmpty() || linkTarget.indexOf('\0') >= 0) {
            throw refuse(name, "is a link without a valid target");
        }
        String t = linkTarget.replace('\\', '/');
        if (t.startsWith("/") || t.matches("^[A-Za-z]:.*")) {
            throw refuse(name, "is a link to the absolute path \"" + clip(linkTarget) + "\" outside the release");
        }
        Path resolved = path.getParent().resolve(t).normalize();
        if (!resolved.startsWith(target)) {
            throw refuse(name, "is a link to \"" + clip(linkTarget) + "\", which is outside the release folder");
        }
        if (path.equals(target)) {
            throw refuse(name, "replaces the release folder by a link");
        }
        symlinks.add(new Path[] {path, Path.of(t)});
        symlinkPaths.add(path);
    }

    /** Links come last, so no entry is ever written through one; each is then checked for real. */
    private void createSymlinks() throws IOException {
        for (Path[] link : symlinks) {
            Path path = link[0];
            if (written.stream().anyMatch(w -> w.startsWith(path))) {
                throw refuse(target.relativize(path).toString(), "is both a link and a file or folder");
            }
            Files.createDirectories(path.getParent());
            try {
                Files.createSymbolicLink(path, link[1]);
            } catch (FileAlreadyExistsException e) {
                throw refuse(target.relativize(path).toString(), "is given twice or is both a link and a folder");
            }
        }
        for (Path[] link : symlinks) {
            if (!physicallyInside(link[0])) {
                throw refuse(
                        target.relativize(link[0]).toString(),
                        "is a link that leads outside the release folder" + " through other links");
            }
        }
    }

    /** Follows the link on the file system, as far as its target exists, and checks where it lands. */
    private boolean physicallyInside(Path link) throws IOException {
        Path root = target.toRealPath();
        Path lexical = link.getParent().toRealPath().resolve(Files.readSymbolicLink(link));
        Path existing = lexical;
        List<Path> rest = new ArrayList<>();
        int hops = 0;
        while (existing != null && !Files.exists(existing)) {
            if (Files.isSymbolicLink(existing) || ++hops > 256) {
                // A dangling link inside the chain: it resolves nowhere, so nothing outside is reachable.
                return existing.normalize().startsWith(root);
            }
            rest.add(existing.getFileName());
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        Path real = existing.toRealPath();
        Collections.reverse(rest);
        for (Path p : rest) {
            real = real.resolve(p);
        }
        return real.normalize().startsWith(root);
    }

    private void clean() {
        try (var walk = Files.walk(target)) {
            List<Path> all = walk.sorted(Collections.reverseOrder()).toList();
            for (Path p : all) {
                if (!p.equals(target)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The target is a temp folder of ours; the caller deletes it as a whole too.
        }
    }

    private ConfigException refuse(String name, String why) {
        return new ConfigException(
                display,
                0,
                "entry \"" + clip(name) + "\" " + why + "; the archive was refused and nothing was extracted. Get"
                        + " the release from its publisher again, or extract and check it by hand.");
    }

    private ConfigException tooLarge(String name, long size) {
        return refuse(
                name,
                "is larger than the limit of " + bytes(limits.maxEntryBytes()) + " (at least " + bytes(size) + ")");
    }

    private ConfigException bomb(String name) {
        return refuse(
                name, "expands more than " + limits.maxRatio() + " times its compressed size, as a zip bomb does");
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", n / (double) (1L << 20));
        }
        return n + " bytes";
    }

    /** Counts the compressed bytes read, for the compression ratio. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += Math.max(s, 0);
            return s;
        }
    }
}
