package dev.berth.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A backup that {@link BackupReader#verify} read completely and found whole and safe. Restoring
 * from it reads the archive once more, without verifying again first, as long as the file is
 * unchanged (same size, mtime and inode); every entry is still checked against its hash as it is
 * written. Immutable.
 */
public final class VerifiedBackup {
    /** What the sidecar {@code <file>.json} looked like during verify. */
    public enum Sidecar {
        /** The sidecar holds exactly the manifest inside the archive. */
        MATCHES,
        /** There is no sidecar (listing falls back to the archive's header). */
        MISSING
    }

    record Fingerprint(long size, FileTime mtime, Object fileKey) {
        static Fingerprint of(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Fingerprint(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }

    private final Path file;
    private final BackupManifest manifest;
    private final byte[] manifestJson;
    private final Sidecar sidecar;
    private final Instant verifiedAt;
    private final Fingerprint fingerprint;
    private final Map<String, Integer> finalOrdinals;

    VerifiedBackup(
            Path file,
            BackupManifest manifest,
            byte[] manifestJson,
            Sidecar sidecar,
            Instant verifiedAt,
            Fingerprint fingerprint,
            Map<String, Integer> finalOrdinals) {
        this.file = file;
        this.manifest = manifest;
        this.manifestJson = manifestJson.clone();
        this.sidecar = sidecar;
        this.verifiedAt = verifiedAt;
        this.fingerprint = fingerprint;
        this.finalOrdinals = Map.copyOf(finalOrdinals);
    }

    public Path file() {
        return file;
    }

    public BackupManifest manifest() {
        return manifest;
    }

    public Sidecar sidecar() {
        return sidecar;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }

    /** Size of the archive file when it was verified. */
    public long archiveBytes() {
        return fingerprint.size();
    }

    Fingerprint fingerprint() {
        return fingerprint;
    }

    byte[] manifestJson() {
        return manifestJson.clone();
    }

    /** The number of the tar entry that holds the final state of {@code path}, or null. */
    Integer finalOrdinal(String path) {
        return finalOrdinals.get(path);
    }

    /** Throws unless the file is still the one that was verified. */
    void requireUnchanged() throws BackupException {
        Fingerprint now;
        try {
            now = Fingerprint.of(file);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.UNREADABLE,
                    List.of(file.toString(), e.toString()),
                    "The backup " + file + " cannot be read any more: " + e,
                    e);
        }
        if (!now.equals(fingerprint)) {
            throw new BackupException(
                    BackupException.Kind.TAMPERED,
                    BackupException.Reason.CHANGED_AFTER_VERIFY,
                    List.of(file.toString()),
                    "The backup " + file + " changed after it was verified. Nothing was restored; verify it again.",
                    null);
        }
    }

    @Override
    public String toString() {
        return "VerifiedBackup[" + file + ", " + manifest.app() + " " + manifest.version() + ", "
                + manifest.entries().size() + " entries]";
    }
}
