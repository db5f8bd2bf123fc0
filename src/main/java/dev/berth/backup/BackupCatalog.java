package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The backups in one folder (and its immediate subfolders, one per install): listing, the
 * "verified" mark, and retention. Reads sidecars and headers only; never decompresses.
 */
public final class BackupCatalog {
    private static final Comparator<BackupListing> NEWEST_FIRST = Comparator.comparing(
                    (BackupListing l) -> l.created() == null ? Instant.MIN : l.created())
            .reversed()
            .thenComparing(l -> l.file().toString());

    /** The verified mark: which file (by size and mtime) passed verify, and when. */
    @JsonPropertyOrder({"verifiedAt", "size", "mtime", "berthVersion"})
    record VerifiedMark(Instant verifiedAt, long size, Instant mtime, String berthVersion) {}

    private final Path folder;

    public BackupCatalog(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Backups in the folder and its immediate subfolders, newest first. A missing folder has none.
     * A backup that cannot be read is listed with its {@link BackupListing#problem()}.
     */
    public List<BackupListing> list() throws BackupException {
        List<BackupListing> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try {
            collect(folder, out);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, Files::isDirectory)) {
                for (Path sub : ds) {
                    collect(sub, out);
                }
            }
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.LIST_FAILED,
                    List.of(folder.toString(), e.toString()),
                    "Cannot list the backups in " + folder + ": " + e,
                    e);
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    private static void collect(Path dir, List<BackupListing> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.endsWith(ArchiveFormat.EXTENSION) && !n.startsWith(".") && Files.isRegularFile(p);
        })) {
            for (Path p : ds) {
                out.add(describe(p));
            }
        }
    }

    /** One backup's listing from its sidecar, or from its header when there is no sidecar. */
    public static BackupListing describe(Path archive) {
        Path file = archive.toAbsolutePath().normalize();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            BackupException failure = new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.LISTING_UNREADABLE,
                    List.of(String.valueOf(e.getMessage())),
                    "cannot be read: " + e.getMessage(),
                    e);
            return new BackupListing(file, null, null, null, null, null, 0, false, failure.getMessage(), failure);
        }
        try {
            BackupHeader h;
            Path sidecar = BackupWriter.sidecarOf(file);
            try (InputStream in = Files.newInputStream(sidecar)) {
                h = ManifestJson.readHeaderFields(in, sidecar.toString());
            } catch (NoSuchFileException e) {
                h = BackupReader.readHeader(file);
            }
            if (h.formatVersion() > ArchiveFormat.FORMAT_VERSION) {
                throw BackupReader.newerFormat(file, h.formatVersion(), h.berthVersion());
            }
            return new BackupListing(
                    file, h.app(), h.version(), h.project(), h.install(), h.created(), size, isVerified(file), null);
        } catch (IOException e) {
            return new BackupListing(
                    file,
                    null,
                    null,
                    null,
                    null,
                    null,
                    size,
                    false,
                    e.getMessage(),
                    e instanceof BackupException be ? be : null);
        }
    }

    /**
     * Records beside the archive ({@code <file>.verified}, 0600) that verify passed, and writes the
     * sidecar when it was missing. The mark holds the file's size and mtime, so it lapses when the
     * file changes.
     */
    public static void markVerified(VerifiedBackup v) throws BackupException {
        Path file = v.file();
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.size() != v.archiveBytes()) {
                throw new BackupException(
                        BackupException.Kind.TAMPERED,
                        BackupException.Reason.CHANGED_AFTER_VERIFY,
                        List.of(file.toString()),
                        "The backup " + file + " changed after it was verified; verify it again.",
                        null);
            }
            if (v.sidecar() == VerifiedBackup.Sidecar.MISSING) {
                AtomicFiles.write(BackupWriter.sidecarOf(file), v.manifestJson(), AtomicFiles.PRIVATE);
            }
            VerifiedMark mark = new VerifiedMark(
                    v.verifiedAt(), a.size(), a.lastModifiedTime().toInstant(), ArchiveFormat.berthVersion());
            AtomicFiles.write(markOf(file), ManifestJson.write(mark), AtomicFiles.PRIVATE);
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.MARK_FAILED,
                    List.of(file.toString(), e.toString()),
                    "Cannot record that " + file + " was verified: " + e,
                    e);
        }
    }

    /** Whether a verify passed on this file as it is now. */
    public static boolean isVerified(Path archive) {
        try {
            VerifiedMark m = ManifestJson.MAPPER.readValue(Files.readAllBytes(markOf(archive)), VerifiedMark.class);
            BasicFileAttributes a = Files.readAttributes(archive, BasicFileAttributes.class);
            return m.size() == a.size()
                    && Objects.equals(m.mtime(), a.lastModifiedTime().toInstant());
        } catch (IOException e) {
            return false; // no mark, or one that cannot be read: not verified
        }
    }

    /**
     * The backups retention would delete: per install, all but the newest {@code keepPerInstall},
     * except that the newest verified backup of each install is always kept. Unreadable backups are
     * never touched.
     */
    public List<BackupListing> retentionPlan(int keepPerInstall) throws BackupException {
        if (keepPerInstall < 1) {
            throw new IllegalArgumentException("keep at least one backup per install, not " + keepPerInstall);
        }
        Map<String, List<BackupListing>> byInstall = new LinkedHashMap<>();
        for (BackupListing l : list()) {
            if (l.problem() == null) {
                String key = l.install() != null ? l.install() : l.app() + "/" + l.project();
                byInstall.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
            }
        }
        List<BackupListing> delete = new ArrayList<>();
        for (List<BackupListing> group : byInstall.values()) {
            BackupListing newestVerified =
                    group.stream().filter(BackupListing::verified).findFirst().orElse(null);
            for (int i = keepPerInstall; i < group.size(); i++) {
                if (group.get(i) != newestVerified) {
                    delete.add(group.get(i));
                }
            }
        }
        return delete;
    }

    /** Applies {@link #retentionPlan} and returns what it deleted. */
    public List<BackupListing> applyRetention(int keepPerInstall) throws BackupException {
        List<BackupListing> plan = retentionPlan(keepPerInstall);
        for (BackupListing l : plan) {
            delete(l.file());
        }
        return plan;
    }

    /**
     * Removes what interrupted backups left in the folder and its subfolders: temporary archives
     * and spool files not written to for {@code idle} (a running backup writes to its file all the
     * time). Returns the files removed.
     */
    public List<Path> removeAbandoned(Duration idle) throws BackupException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        Instant limit = Instant.now().minus(idle);
        try (Stream<Path> s = Files.walk(folder, 2)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                boolean leftover = (n.startsWith(".") && n.contains(ArchiveFormat.EXTENSION + ".berth-tmp-"))
                        || n.startsWith(Spool.PREFIX);
                if (leftover
                        && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.getLastModifiedTime(p).toInstant().isBefore(limit)) {
                    Files.deleteIfExists(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.CLEANUP_FAILED,
                    List.of(folder.toString(), e.toString()),
                    "Cannot clean up interrupted backups in " + folder + ": " + e,
                    e);
        }
        return removed;
    }

    /** Deletes a backup with its sidecar and verified mark (the archive last, so a crash leaves it listed). */
    public static void delete(Path archive) throws BackupException {
        try {
            Files.deleteIfExists(markOf(archive));
            Files.deleteIfExists(BackupWriter.sidecarOf(archive));
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.DELETE_FAILED,
                    List.of(String.valueOf(archive), e.toString()),
                    "Cannot delete the backup " + archive + ": " + e,
                    e);
        }
    }

    /** A file name for a new backup: {@code <app>-<version>-<yyyyMMdd-HHmmss>.berth} (UTC). */
    public static String fileName(BackupInfo info) {
        String version = info.version().replaceAll("[^A-Za-z0-9._-]", "_");
        String when = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
                .withZone(ZoneOffset.UTC)
                .format(info.created());
        return info.app() + "-" + version + "-" + when + ArchiveFormat.EXTENSION;
    }

    static Path markOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ArchiveFormat.VERIFIED_SUFFIX);
    }
}
