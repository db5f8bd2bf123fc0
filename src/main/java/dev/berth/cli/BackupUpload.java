package dev.berth.cli;

import dev.berth.config.AtomicFiles;
import dev.berth.docker.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Puts a backup of this computer on a server before a restore there: one stream over SFTP into a
 * {@code .partial} file (private to the login user), its SHA-256 computed here while sending and by
 * {@code sha256sum} on the server after, then renamed into place. A failed or mismatched upload
 * leaves nothing behind but never touches a backup already there.
 */
public final class BackupUpload {
    private BackupUpload() {}

    /** The upload did not arrive intact; nothing was restored. */
    public static final class UploadException extends Exception {
        UploadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Uploads {@code local} into {@code folder} on {@code server}, unless a file of that name with the
     * same SHA-256 is there already.
     *
     * @return the archive on the server
     * @throws UploadException when sending fails, the server's SHA-256 differs, or another file of
     *     that name is there; the message says what to do
     */
    public static Path toServer(Path local, Host server, Path folder, PrintWriter err) throws UploadException {
        String name = local.getFileName().toString();
        Path target = folder.resolve(name);
        Path partial = folder.resolve(name + ".partial");
        try {
            String mine = sha256(local);
            if (Files.exists(target)) {
                Optional<String> there = BackupsCommand.serverSha256(server, target, err);
                if (there.isPresent() && there.get().equals(mine)) {
                    err.println("The backup is on " + server.describe() + " already: " + target + " (same SHA-256).");
                    return target;
                }
                throw new UploadException(
                        "Another file named " + name + " is on " + server.describe() + " in " + folder
                                + "; nothing was uploaded or restored. Rename the backup here, or remove that file"
                                + " after checking it.",
                        null);
            }
            Files.createDirectories(folder);
            Files.deleteIfExists(partial);
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
            long total = Files.size(local);
            err.println(
                    "Uploading " + local + " (" + total + " bytes) to " + server.describe() + ":" + target + " ...");
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(local), sent);
                    OutputStream out = Files.newOutputStream(partial)) {
                byte[] buf = new byte[1 << 16];
                long done = 0;
                long step = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    out.write(buf, 0, n);
                    done += n;
                    long tenth = total <= 0 ? 0 : done * 10 / total;
                    if (tenth > step) {
                        step = tenth;
                        err.println("  " + (tenth * 10) + " %");
                    }
                }
            }
            String sentSha = HexFormat.of().formatHex(sent.digest());
            if (!sentSha.equals(mine)) {
                Files.deleteIfExists(partial);
                throw new UploadException(
                        local + " changed while it was uploaded; nothing was restored. Try again when nothing writes"
                                + " to it.",
                        null);
            }
            Optional<String> there = BackupsCommand.serverSha256(server, partial, err);
            if (there.isPresent() && !there.get().equals(mine)) {
                Files.deleteIfExists(partial);
                throw new UploadException(
                        "The upload to " + server.describe() + " arrived damaged (SHA-256 " + there.get() + " there, "
                                + mine + " here); it was removed and nothing was restored. Try again.",
                        null);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            err.println("Uploaded: SHA-256 " + mine
                    + (there.isPresent() ? " (same on the server)" : " (checked entry by entry before the restore)")
                    + ".");
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new UploadException(
                    "Uploading " + local + " to " + server.describe() + " failed: " + e.getMessage()
                            + "; nothing was restored. Check the connection and the free space there, then try"
                            + " again.",
                    e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
