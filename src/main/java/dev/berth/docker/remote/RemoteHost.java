package dev.berth.docker.remote;

import dev.berth.config.SshAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A server Berth reaches over SSH.
 *
 * @param user the login name on the server
 * @param host a host name or IP address (IPv6 without brackets)
 * @param port the SSH port
 * @param identityFile the private key to use; empty for the default keys ({@code ~/.ssh/id_*}) and
 *     the SSH agent
 * @param jump a host to connect through (OpenSSH's {@code ProxyJump}); empty to connect directly
 */
public record RemoteHost(String user, String host, int port, Optional<Path> identityFile, Optional<RemoteHost> jump) {
    /** The SSH port when none is given. */
    public static final int DEFAULT_PORT = 22;

    public RemoteHost {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(jump, "jump");
        new SshAddress(user, host, port); // the one validation of addresses, shared with the settings
    }

    /** A direct connection with the default keys and the agent. */
    public RemoteHost(String user, String host, int port) {
        this(user, host, port, Optional.empty(), Optional.empty());
    }

    /**
     * Reads {@code user@host}, {@code user@host:port}, {@code user@[v6address]:port}, {@code
     * ssh://user@host:port} (as in {@code DOCKER_HOST}) or just {@code host}; a missing user is the
     * local user's name, as with {@code ssh}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code address}
     */
    public static RemoteHost parse(String address) {
        return parse(address, System.getProperty("user.name"));
    }

    /** Like {@link #parse(String)}, with {@code defaultUser} when the address names none. */
    public static RemoteHost parse(String address, String defaultUser) {
        SshAddress a = SshAddress.parse(address, defaultUser);
        return new RemoteHost(a.user(), a.host(), a.port());
    }

    /** Whether a {@code DOCKER_HOST}-style value is an {@code ssh://} address (null is not). */
    public static boolean isSshAddress(String dockerHost) {
        return dockerHost != null && dockerHost.strip().toLowerCase(Locale.ROOT).startsWith("ssh://");
    }

    /**
     * The host of a {@code DOCKER_HOST} value when it is an {@code ssh://} address; empty for any
     * other engine address ({@code unix://}, {@code tcp://}...).
     *
     * @throws IllegalArgumentException when it is an ssh:// address that cannot be used
     */
    public static Optional<RemoteHost> fromDockerHost(String dockerHost) {
        if (!isSshAddress(dockerHost)) {
            return Optional.empty();
        }
        return Optional.of(parse(dockerHost));
    }

    /** This host, reached with the private key {@code keyFile}. */
    public RemoteHost withIdentityFile(Path keyFile) {
        return new RemoteHost(user, host, port, Optional.of(keyFile), jump);
    }

    /** This host, reached through {@code jumpHost} (OpenSSH's {@code ProxyJump}). */
    public RemoteHost withJump(RemoteHost jumpHost) {
        return new RemoteHost(user, host, port, identityFile, Optional.of(jumpHost));
    }

    /** {@code user@host:port} ({@code user@[v6]:port}), without the jump host. */
    public String address() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** How the host appears in {@code known_hosts}: {@code host}, or {@code [host]:port} off port 22. */
    public String knownHostsName() {
        return port == DEFAULT_PORT ? host : "[" + host + "]:" + port;
    }

    /** The address, and the jump host when there is one. */
    @Override
    public String toString() {
        return address() + jump.map(j -> " via " + j).orElse("");
    }
}
