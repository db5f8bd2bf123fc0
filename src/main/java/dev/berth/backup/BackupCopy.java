package dev.berth.backup;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Copies a backup between file systems (a server's through SFTP to this computer, or back) as one
 * stream, then proves the copy: the whole file's SHA-256 against the one the source machine
 * computed (when given), and a full verify of the copy (every entry's SHA-256 against the manifest)
 * before it gets its "verified" mark. A failed or cancelled copy leaves nothing in the target
 * folder.
 */
public final class BackupCopy {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BackupCopy.class);
    private static final int BUFFER = 1 << 20;

    private BackupCopy() {}

    /**
     * What a copy did.
     *
     * @param archive the copy
     * @param sha256 the file's SHA-256 as streamed (lower-case hex)
     * @param bytes the file's size
     * @param verified the verified copy (its mark written)
     */
    public record Copied(Path archive, String sha256, long bytes, VerifiedBackup verified) {}

    /**
     * Copies {@code source} (and its sidecar) into {@code folder} under the same name.
     *
     * @param expectedSha256 the file's SHA-256 as the source machine computed it; the copy is
     *     refused (TAMPERED) when the streamed bytes differ
     * @param listener gets bytes copied of the file's size, then the verify's progress
     * @throws BackupException IO when reading or writing fails or the name is taken in {@code
     *     folder}, TAMPERED when the hash differs, CANCELLED, or the verify's refusal; nothing is
     *     left in {@code folder} then
     */
    public static Copied toFolder(
            Path source,
            Path folder,
            Optional<String> expectedSha256,
            ProgressListener listener,
            BooleanSupplier cancelled)
            throws BackupException {
        String name = source.getFileName().toString();
        Path target = folder.resolve(name);
        if (Files.exists(target)) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.COPY_TARGET_EXISTS,
                    List.of(String.valueOf(source), target.toString()),
                    "Cannot copy " + source + ": " + target + " already exists. Nothing was copied; move it away"
                            + " or copy to another folder.",
                    null);
        }
        Path temp = null;
        try {
            Files.createDirectories(folder);
            long size = Files.size(source);
            temp = Files.createTempFile(
                    folder, "." + name + ".", ".part", PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
            MessageDigest md = Sha256.newDigest();
            long done = 0;
            byte[] buf = new byte[BUFFER];
            try (InputStream in = Files.newInputStream(source);
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    if (cancelled.getAsBoolean()) {
                        throw new BackupException(
                                BackupException.Kind.CANCELLED,
                                BackupException.Reason.COPY_CANCELLED,
                                List.of(String.valueOf(source), String.valueOf(folder)),
                                "The copy of " + source + " was cancelled; nothing was kept in " + folder + ".",
                                null);
                    }
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                    done += n;
                    listener.progress(done, size, name);
                }
            }
            try (var ch = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            if (expectedSha256.isPresent() && !expectedSha256.get().equalsIgnoreCase(sha)) {
                throw new BackupException(
                        BackupException.Kind.TAMPERED,
                        BackupException.Reason.COPY_HASH_DIFFERS,
                        List.of(String.valueOf(source), sha, expectedSha256.get(), String.valueOf(folder)),
                        "The copy of " + source + " has SHA-256 " + sha + ", the original " + expectedSha256.get()
                                + ": the bytes changed on the way. Nothing was kept in " + folder
                                + "; copy it again.",
                        null);
            }
            if (done != size) {
                throw new BackupException(
                        BackupException.Kind.TRUNCATED,
                        BackupException.Reason.COPY_INCOMPLETE,
                        List.of(
                                String.valueOf(source),
                                String.valueOf(done),
                                String.valueOf(size),
                                String.valueOf(folder)),
                        "The copy of " + source + " got " + done + " of " + size + " bytes (the file changed while"
                                + " it was copied?). Nothing was kept in " + folder + ".",
                        null);
            }
            // Without REPLACE_EXISTING: a backup of the same name that appeared meanwhile is kept.
            Files.move(temp, target);
            temp = null;
            Path sidecar = BackupWriter.sidecarOf(source);
            try {
                AtomicFiles.write(BackupWriter.sidecarOf(target), Files.readAllBytes(sidecar), AtomicFiles.PRIVATE);
            } catch (NoSuchFileException e) {
                // Older backups have none; verify writes it from the manifest.
            }
            VerifiedBackup v;
            try {
                v = BackupReader.verify(target, ExpectedApp.ANY, listener, cancelled);
                BackupCatalog.markVerified(v);
            } catch (BackupException e) {
                BackupCatalog.delete(target);
                throw e;
            }
            return new Copied(target, sha, size, v);
        } catch (BackupException e) {
            throw e;
        } catch (FileAlreadyExistsException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.COPY_TARGET_APPEARED,
                    List.of(String.valueOf(source), target.toString()),
                    "Cannot copy " + source + ": " + target + " already exists. Nothing was copied.",
                    e);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.COPY_FAILED,
                    List.of(String.valueOf(source), String.valueOf(folder), String.valueOf(e.getMessage())),
                    "Copying " + source + " to " + folder + " failed: " + e.getMessage() + ". Nothing was kept there.",
                    e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.warn("Could not remove the partial copy {}: {}", temp, e.toString());
                }
            }
        }
    }
}
