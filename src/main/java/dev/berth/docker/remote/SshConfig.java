package dev.berth.docker.remote;

import dev.berth.config.SshAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;

/**
 * The user's OpenSSH client config ({@code ~/.ssh/config}), read as {@code ssh} reads it for the
 * keys Berth uses: {@code Host} aliases and patterns with {@code HostName}, {@code User}, {@code
 * Port}, {@code IdentityFile} and {@code ProxyJump} (through MINA's {@link HostConfigEntry}). What
 * the address gives explicitly wins over the file, as with {@code ssh}.
 */
public final class SshConfig {
    private static final Pattern EXPLICIT_PORT = Pattern.compile(".*(:\\d+)/?$");

    private final HostConfigEntryResolver resolver;
    private final Path file;

    private SshConfig(Path file, HostConfigEntryResolver resolver) {
        this.file = file;
        this.resolver = resolver;
    }

    /** {@code ~/.ssh/config}. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".ssh", "config");
    }

    /**
     * Reads {@code file}; a missing file is an empty config.
     *
     * @throws IOException when it exists but cannot be read
     */
    public static SshConfig read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new SshConfig(file, HostConfigEntryResolver.EMPTY);
        }
        List<HostConfigEntry> entries = HostConfigEntry.readHostConfigEntries(file);
        return new SshConfig(file, HostConfigEntry.toHostConfigEntryResolver(entries));
    }

    /**
     * The server {@code address} names: {@code alias}, {@code user@alias[:port]} or a plain address.
     * A matching {@code Host} entry supplies the host name, and the user, port, first identity file
     * and jump host where the address does not give them; a jump host is resolved through the file
     * too (one level, as most configs need).
     *
     * @throws IllegalArgumentException when the address, or what the file makes of it, is not a
     *     valid SSH address
     */
    public RemoteHost resolve(String address, String localUser) {
        return resolve(address, localUser, true);
    }

    private RemoteHost resolve(String address, String localUser, boolean jumps) {
        SshAddress given = SshAddress.parse(address, localUser);
        String a = address.strip();
        boolean userGiven = a.contains("@");
        boolean portGiven = EXPLICIT_PORT.matcher(a).matches() && !a.endsWith("]");
        HostConfigEntry e;
        try {
            e = resolver.resolveEffectiveHost(
                    given.host(), portGiven ? given.port() : 0, null, userGiven ? given.user() : null, null, null);
        } catch (IOException io) {
            throw new IllegalArgumentException(
                    "Could not apply " + file + " to " + address + ": " + io.getMessage(), io);
        }
        if (e == null) {
            return new RemoteHost(given.user(), given.host(), given.port());
        }
        String host =
                Optional.ofNullable(e.getHostName()).filter(h -> !h.isBlank()).orElse(given.host());
        String user = userGiven
                ? given.user()
                : Optional.ofNullable(e.getUsername()).filter(u -> !u.isBlank()).orElse(given.user());
        int port = portGiven ? given.port() : e.getPort() > 0 ? e.getPort() : SshAddress.DEFAULT_PORT;
        RemoteHost r;
        try {
            r = new RemoteHost(user, host, port);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(
                    file + " turns " + address + " into an invalid address: " + bad.getMessage(), bad);
        }
        Optional<String> key = e.getIdentities() == null
                ? Optional.empty()
                : e.getIdentities().stream().findFirst();
        if (key.isPresent()) {
            String k = key.get();
            r = r.withIdentityFile(
                    k.startsWith("~/") ? Path.of(System.getProperty("user.home"), k.substring(2)) : Path.of(k));
        }
        String jump = e.getProxyJump();
        if (jumps && jump != null && !jump.isBlank() && !jump.equalsIgnoreCase("none")) {
            // ProxyJump may list several hops; Berth takes the first (the usual single bastion).
            r = r.withJump(resolve(jump.split(",")[0].strip(), localUser, false));
        }
        return r;
    }
}
