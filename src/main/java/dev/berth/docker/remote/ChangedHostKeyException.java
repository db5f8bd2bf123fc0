package dev.berth.docker.remote;

import java.nio.file.Path;
import java.security.PublicKey;

/**
 * The server presented a host key other than the one {@code known_hosts} holds for it: someone may
 * be intercepting the connection, or the server was reinstalled. The connection was closed before
 * anything was sent. Berth never replaces the known key by itself: the user removes the old line
 * (after checking with the server's administrator) and connects again.
 */
public final class ChangedHostKeyException extends RemoteHostException {
    private final transient PublicKey key;
    private final String keyType;
    private final String knownFingerprint;
    private final String presentedFingerprint;
    private final transient Path knownHosts;
    private final int line;

    ChangedHostKeyException(
            RemoteHost host,
            PublicKey key,
            String keyType,
            String knownFingerprint,
            String presentedFingerprint,
            Path knownHosts,
            int line,
            String why) {
        super(
                host,
                Failure.HOST_KEY_CHANGED,
                "WARNING: possible man-in-the-middle attack: " + why + " for " + host.knownHostsName()
                        + " changed from "
                        + knownFingerprint + " to " + presentedFingerprint + ". Nothing was sent to the server. If the"
                        + " server was reinstalled, check the new fingerprint with its administrator, remove line "
                        + line + " of " + knownHosts + " (ssh-keygen -R '" + host.knownHostsName() + "' -f "
                        + knownHosts + "), then connect again.",
                null);
        this.key = key;
        this.keyType = keyType;
        this.knownFingerprint = knownFingerprint;
        this.presentedFingerprint = presentedFingerprint;
        this.knownHosts = knownHosts;
        this.line = line;
    }

    /** The key the server presented now. */
    public PublicKey key() {
        return key;
    }

    /** Its type, e.g. {@code ssh-ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** The fingerprint known_hosts holds for this host and key type. */
    public String knownFingerprint() {
        return knownFingerprint;
    }

    /** The fingerprint of the key presented now. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }

    /** The known_hosts file. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** The line (from 1) of the known key in it. */
    public int line() {
        return line;
    }
}
