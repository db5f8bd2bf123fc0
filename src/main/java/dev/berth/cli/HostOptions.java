package dev.berth.cli;

import dev.berth.docker.Host;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --host} and its SSH options, shared by every command that touches an install. */
final class HostOptions {
    @Option(
            names = "--host",
            paramLabel = "USER@HOST[:PORT]",
            description = "Work on a server over SSH (files through SFTP, compose over SSH, Docker through the"
                    + " connection; nothing to install there but Docker and compose). Default: this computer, or"
                    + " the server of DOCKER_HOST=ssh://USER@HOST.")
    String host;

    @Option(
            names = "--identity",
            paramLabel = "KEYFILE",
            description = "The SSH private key (default: ~/.ssh/id_ed25519, id_ecdsa, id_rsa and the SSH agent).")
    Path identity;

    @Option(
            names = "--known-hosts",
            paramLabel = "FILE",
            description = "The known_hosts file host keys are checked against (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(
            names = "--accept-host-key",
            paramLabel = "SHA256:...",
            description = "Trust the server's host key when it has exactly this fingerprint (compare it with the"
                    + " server's first) and add it to known_hosts.")
    String acceptHostKey;

    @Option(
            names = "--jump",
            paramLabel = "USER@HOST[:PORT]",
            description = "Reach the --host server through this host (as OpenSSH's ProxyJump / ssh -J); its host key"
                    + " is checked in known_hosts too, and the same key file and agent are used for it.")
    String jump;

    HostChoice choice() {
        return new HostChoice(
                Optional.ofNullable(host).filter(h -> !h.isBlank()),
                Optional.ofNullable(identity),
                Optional.ofNullable(knownHosts),
                Optional.ofNullable(acceptHostKey).map(String::strip),
                Optional.ofNullable(jump).filter(j -> !j.isBlank()));
    }

    /**
     * Turns file arguments into paths of the chosen machine: this computer's without {@code
     * services} (a command line built without engine services) or for the local host.
     */
    java.util.function.Function<String, Path> paths(Services services) {
        if (services == null) {
            if (choice().address().isPresent()) {
                throw new IllegalStateException("--host needs the engine services; this command line has none");
            }
            return Path::of;
        }
        Host h = select(services);
        return h::path;
    }

    /** Selects the host in {@code services} and returns it (connecting to a server now). */
    Host select(Services services) {
        services.useHost(choice());
        return services.host();
    }
}
