package dev.berth.docker.remote;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's OpenSSH {@code known_hosts} file: plain and hashed ({@code |1|salt|hash}) host names,
 * {@code [host]:port} entries, {@code @revoked} markers. Read on every check, so keys accepted with
 * {@code ssh} meanwhile count at once. Lines Berth cannot read (certificate authorities, broken
 * lines) are skipped, as {@code ssh} does.
 */
public final class KnownHosts {
    private static final Logger LOG = LoggerFactory.getLogger(KnownHosts.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How {@link #accept} writes the host name. */
    public enum HostNameForm {
        /** {@code [host]:port} in clear, readable by people. */
        PLAIN,
        /** Hashed as with OpenSSH's {@code HashKnownHosts yes}: the file does not list the hosts. */
        HASHED
    }

    /** What known_hosts says about a host and the key it presented. */
    sealed interface Verdict {
        /** A line holds this very key for this host. */
        record Trusted(int line) implements Verdict {}

        /** No line holds a key of this type for this host. */
        record Unknown(List<String> otherTypes) implements Verdict {
            public Unknown {
                otherTypes = List.copyOf(otherTypes);
            }
        }

        /** A line holds another key of the same type for this host. */
        record Changed(String knownFingerprint, int line) implements Verdict {}

        /** The key is marked {@code @revoked}. */
        record Revoked(int line) implements Verdict {}
    }

    private final Path file;

    /** @param file the known_hosts file; it need not exist yet */
    public KnownHosts(Path file) {
        this.file = file;
    }

    /** {@code ~/.ssh/known_hosts}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The key type as OpenSSH names it, e.g. {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256}. */
    public static String keyType(PublicKey key) {
        return PublicKeyEntry.toString(key).split(" ", 2)[0];
    }

    /** The fingerprint as OpenSSH prints it: {@code SHA256:} and the unpadded base64 of the key's hash. */
    public static String fingerprint(PublicKey key) {
        return fingerprint(
                Base64.getDecoder().decode(PublicKeyEntry.toString(key).split(" ", 3)[1]));
    }

    static String fingerprint(byte[] keyBlob) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(keyBlob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks SHA-256", e);
        }
    }

    /**
     * Looks {@code key} up for {@code host} ({@link RemoteHost#host()} and port).
     *
     * @throws IOException when the file exists but cannot be read
     */
    Verdict check(String host, int port, PublicKey key) throws IOException {
        if (!Files.exists(file)) {
            return new Verdict.Unknown(List.of());
        }
        String[] presented = PublicKeyEntry.toString(key).split(" ", 3);
        String type = presented[0];
        byte[] blob = Base64.getDecoder().decode(presented[1]);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> otherTypes = new ArrayList<>();
        Verdict.Changed changed = null;
        Verdict.Trusted trusted = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            KnownHostEntry entry;
            try {
                entry = KnownHostEntry.parseKnownHostEntry(line);
            } catch (RuntimeException e) {
                LOG.debug("{} line {} skipped: {}", file, i + 1, e.toString());
                continue;
            }
            if (entry == null || entry.getKeyEntry() == null || !entry.isHostMatch(host, port)) {
                continue;
            }
            String marker = entry.getMarker();
            AuthorizedKeyEntry k = entry.getKeyEntry();
            boolean sameKey = type.equals(k.getKeyType()) && Arrays.equals(blob, k.getKeyData());
            if ("revoked".equals(marker)) {
                if (sameKey) {
                    return new Verdict.Revoked(i + 1);
                }
                continue;
            }
            if (marker != null && !marker.isEmpty()) {
                continue; // @cert-authority: host certificates are not supported
            }
            if (sameKey) {
                trusted = trusted == null ? new Verdict.Trusted(i + 1) : trusted;
            } else if (type.equals(k.getKeyType())) {
                changed = changed == null ? new Verdict.Changed(fingerprint(k.getKeyData()), i + 1) : changed;
            } else if (!otherTypes.contains(k.getKeyType())) {
                otherTypes.add(k.getKeyType());
            }
        }
        // Like ssh: a matching line wins over a conflicting one (a host may list several keys).
        if (trusted != null) {
            return trusted;
        }
        if (changed != null) {
            return changed;
        }
        return new Verdict.Unknown(otherTypes);
    }

    /** The key types known_hosts holds for a host, to prefer them when the server offers several. */
    List<String> knownTypes(String host, int port) {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> types = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                try {
                    KnownHostEntry e = KnownHostEntry.parseKnownHostEntry(l);
                    if (e != null
                            && e.getKeyEntry() != null
                            && (e.getMarker() == null || e.getMarker().isEmpty())
                            && e.isHostMatch(host, port)
                            && !types.contains(e.getKeyEntry().getKeyType())) {
                        types.add(e.getKeyEntry().getKeyType());
                    }
                } catch (RuntimeException e) {
                    LOG.debug("{}: a line was skipped: {}", file, e.toString());
                }
            }
        } catch (IOException e) {
            // The check that follows reads the file again and reports the error to the user.
            LOG.debug("could not read {}: {}", file, e.toString());
        }
        return types;
    }

    /**
     * Adds {@code key} for {@code host} after the user confirmed its fingerprint. Creates the file
     * (and {@code ~/.ssh}, owner-only) when missing; the file is replaced atomically.
     *
     * @throws IOException when the file cannot be written; it is unchanged then
     */
    public void accept(RemoteHost host, PublicKey key, HostNameForm form) throws IOException {
        String name = switch (form) {
            case PLAIN -> host.knownHostsName();
            case HASHED -> hashed(host);
        };
        String line = name + " " + PublicKeyEntry.toString(key) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
        byte[] old = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        String prefix = old.length > 0 && old[old.length - 1] != '\n' ? "\n" : "";
        byte[] add = (prefix + line).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(old, old.length + add.length);
        System.arraycopy(add, 0, all, old.length, add.length);
        AtomicFiles.write(file, all, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** OpenSSH's hashed host name: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}. */
    private static String hashed(RemoteHost host) throws IOException {
        byte[] salt = new byte[20];
        RANDOM.nextBytes(salt);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            byte[] hash = mac.doFinal(host.knownHostsName().getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IOException("could not hash the host name " + host.knownHostsName() + ": " + e.getMessage(), e);
        }
    }
}
