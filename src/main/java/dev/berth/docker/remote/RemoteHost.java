package dev.berth.docker.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._\\-$]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-.]*[A-Za-z0-9])?\\.?");
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?<user>[^@\\s]+)@)?(?:\\[(?<v6>[0-9A-Fa-f:.%]+)\\]|(?<host>[^:@\\s\\[\\]]+))(?::(?<port>\\d+))?");

    public RemoteHost {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(identityFile, "identityFile");
        Objects.requireNonNull(jump, "jump");
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("'" + user + "' is not a valid user name for SSH");
        }
        if (!HOST.matcher(host).matches() && !isIpv6(host)) {
            throw new IllegalArgumentException("'" + host + "' is not a valid host name or IP address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range (1-65535)");
        }
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
        String a = address.strip();
        if (a.isEmpty()) {
            throw new IllegalArgumentException("no SSH address given; write user@host or user@host:port");
        }
        if (a.contains("://")) {
            return parseUri(a, defaultUser);
        }
        Matcher m = SHORT.matcher(a);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + shown(address)
                    + "' is not an SSH address; write user@host, user@host:port or ssh://user@host:port");
        }
        String user = m.group("user");
        if (user != null && user.contains(":")) {
            throw new IllegalArgumentException("The address for "
                    + (m.group("v6") != null ? m.group("v6") : m.group("host")) + " holds a password; Berth never"
                    + " takes passwords in addresses (they end up in shell history and process lists). Give user@host"
                    + " and type the password when asked, or use a key.");
        }
        String host = m.group("v6") != null ? m.group("v6") : m.group("host");
        int port = m.group("port") == null ? DEFAULT_PORT : parsePort(m.group("port"), address);
        return new RemoteHost(user == null ? defaultUser : user, host, port);
    }

    private static RemoteHost parseUri(String address, String defaultUser) {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "'" + shown(address) + "' is not a valid ssh:// address: " + e.getReason(), e);
        }
        if (!"ssh".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("'" + shown(address) + "' is not an SSH address (scheme "
                    + uri.getScheme() + "); write ssh://user@host");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + shown(address) + "' names no host; write ssh://user@host:port");
        }
        String info = uri.getRawUserInfo();
        if (info != null && info.contains(":")) {
            throw new IllegalArgumentException("The address for " + uri.getHost() + " holds a password; Berth never"
                    + " takes passwords in addresses. Give ssh://user@host and type the password when asked, or use a"
                    + " key.");
        }
        if ((uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "'" + shown(address) + "' has a path or query; an SSH address is only ssh://user@host:port");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new RemoteHost(
                info == null ? defaultUser : uri.getUserInfo(),
                host,
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
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

    /** The address for a message, with anything that looks like a password masked. */
    private static String shown(String address) {
        return address.replaceAll("([^@/:]*):[^@/]*@", "$1:***@");
    }

    private static int parsePort(String text, String address) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + shown(address) + "' has an invalid port " + text, e);
        }
    }

    private static boolean isIpv6(String host) {
        return host.contains(":") && host.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?");
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
