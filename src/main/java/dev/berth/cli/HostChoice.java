package dev.berth.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which machine a command works on, as the command line says it.
 *
 * @param address {@code user@host[:port]} or {@code ssh://user@host[:port]}; empty for this
 *     computer, unless {@code DOCKER_HOST} is an {@code ssh://} address
 * @param identity the SSH private key; empty for the default keys and the agent
 * @param knownHosts the known_hosts file; empty for {@code ~/.ssh/known_hosts}
 * @param acceptHostKey a host key fingerprint the user confirmed ({@code SHA256:...})
 * @param jump {@code user@host[:port]} of a host to connect through (OpenSSH's {@code ProxyJump});
 *     empty to connect directly
 */
public record HostChoice(
        Optional<String> address,
        Optional<Path> identity,
        Optional<Path> knownHosts,
        Optional<String> acceptHostKey,
        Optional<String> jump) {

    /** A choice without a jump host. */
    public HostChoice(
            Optional<String> address,
            Optional<Path> identity,
            Optional<Path> knownHosts,
            Optional<String> acceptHostKey) {
        this(address, identity, knownHosts, acceptHostKey, Optional.empty());
    }

    /** This computer (or {@code DOCKER_HOST}'s server). */
    public static HostChoice standard() {
        return new HostChoice(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A server of the settings: its address, key file and jump host as saved. */
    public static HostChoice of(dev.berth.config.Settings.SshServer server) {
        return new HostChoice(
                Optional.of(server.address()),
                Optional.of(server.identityFile()).filter(s -> !s.isEmpty()).map(Path::of),
                Optional.empty(),
                Optional.empty(),
                Optional.of(server.jump()).filter(s -> !s.isEmpty()));
    }
}
