package dev.berth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a server listens for SSH, as the user writes it: {@code user@host[:port]}. One parser for
 * the command line's {@code --host}/{@code --jump}, {@code DOCKER_HOST=ssh://} and the hosts of the
 * settings, so they accept exactly the same addresses.
 *
 * @param user the login name on the server
 * @param host a host name or IP address (IPv6 without brackets)
 * @param port the SSH port
 */
public record SshAddress(String user, String host, int port) {
    /** The SSH port when none is given. */
    public static final int DEFAULT_PORT = 22;

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._\\-$]*");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-.]*[A-Za-z0-9])?\\.?");
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?<user>[^@\\s]+)@)?(?:\\[(?<v6>[0-9A-Fa-f:.%]+)\\]|(?<host>[^:@\\s\\[\\]]+))(?::(?<port>\\d+))?");

    /** @throws IllegalArgumentException saying which part is invalid */
    public SshAddress {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(host, "host");
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

    /**
     * Reads {@code user@host}, {@code user@host:port}, {@code user@[v6address]:port}, {@code
     * ssh://user@host:port} (as in {@code DOCKER_HOST}) or just {@code host}; a missing user is
     * {@code defaultUser}, as with {@code ssh}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code address}; a password in the
     *     address is refused and never repeated in the message
     */
    public static SshAddress parse(String address, String defaultUser) {
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
        return new SshAddress(user == null ? defaultUser : user, host, port);
    }

    private static SshAddress parseUri(String address, String defaultUser) {
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
        return new SshAddress(
                info == null ? defaultUser : uri.getUserInfo(),
                host,
                uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** The address for a message, with anything that looks like a password masked. */
    static String shown(String address) {
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

    /** {@code user@host:port} ({@code user@[v6]:port}). */
    @Override
    public String toString() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
