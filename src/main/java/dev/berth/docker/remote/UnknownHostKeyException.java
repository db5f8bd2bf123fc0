package dev.berth.docker.remote;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * The server presented a host key that {@code known_hosts} does not hold. Nothing was sent to it
 * (no user name, key or password). A front end shows {@link #keyType()} and {@link #fingerprint()}
 * and, when the user confirms them (by comparing with {@code ssh-keygen -lf
 * /etc/ssh/ssh_host_*_key.pub} on the server), calls {@link KnownHosts#accept} and connects again.
 */
public final class UnknownHostKeyException extends RemoteHostException {
    private final transient PublicKey key;
    private final String keyType;
    private final String fingerprint;
    private final List<String> otherKnownTypes;
    private final transient Path knownHosts;

    UnknownHostKeyException(
            RemoteHost host,
            PublicKey key,
            String keyType,
            String fingerprint,
            List<String> otherKnownTypes,
            Path knownHosts) {
        super(
                host,
                Failure.HOST_KEY_UNKNOWN,
                "The authenticity of " + host.knownHostsName() + " can't be established: its " + keyType
                        + " host key " + fingerprint + " is not in " + knownHosts
                        + (otherKnownTypes.isEmpty()
                                ? ""
                                : " (which holds a key of another type for it: " + String.join(", ", otherKnownTypes)
                                        + ")")
                        + ". Nothing was sent to the server. Compare the fingerprint with the server's (ssh-keygen -lf"
                        + " /etc/ssh/ssh_host_*_key.pub on it), then accept the key to connect.",
                null);
        this.key = key;
        this.keyType = keyType;
        this.fingerprint = fingerprint;
        this.otherKnownTypes = List.copyOf(otherKnownTypes);
        this.knownHosts = knownHosts;
    }

    /** The key the server presented. */
    public PublicKey key() {
        return key;
    }

    /** Its type as OpenSSH names it, e.g. {@code ssh-ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** Its fingerprint as OpenSSH prints it: {@code SHA256:} and unpadded base64. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Types of other keys {@code known_hosts} holds for this host (usually none). */
    public List<String> otherKnownTypes() {
        return otherKnownTypes;
    }

    /** The known_hosts file that was searched and that {@link KnownHosts#accept} appends to. */
    public Path knownHosts() {
        return knownHosts;
    }
}
