package dev.berth.docker.remote;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How Berth connects over SSH.
 *
 * @param knownHosts the OpenSSH known_hosts file host keys are checked against
 * @param defaultIdentities private keys tried when a host names none (those that exist)
 * @param agentSocket the SSH agent's socket ({@code SSH_AUTH_SOCK}); empty to use no agent
 * @param connectTimeout for the TCP connection and the key exchange
 * @param authTimeout for authentication, prompts included
 * @param keepAliveInterval how often an idle connection is probed; {@link Duration#ZERO} for never
 * @param keepAliveMaxMissed probes left unanswered before the connection counts as lost
 * @param prompt asks for passphrases and passwords
 */
public record SshOptions(
        Path knownHosts,
        List<Path> defaultIdentities,
        Optional<Path> agentSocket,
        Duration connectTimeout,
        Duration authTimeout,
        Duration keepAliveInterval,
        int keepAliveMaxMissed,
        SecretPrompt prompt) {

    public SshOptions {
        Objects.requireNonNull(knownHosts, "knownHosts");
        defaultIdentities = List.copyOf(defaultIdentities);
        Objects.requireNonNull(agentSocket, "agentSocket");
        Objects.requireNonNull(prompt, "prompt");
        if (keepAliveMaxMissed < 1) {
            throw new IllegalArgumentException("keepAliveMaxMissed must be at least 1");
        }
    }

    /**
     * OpenSSH's defaults: {@code ~/.ssh/known_hosts}, the keys {@code ~/.ssh/id_ed25519},
     * {@code id_ecdsa} and {@code id_rsa}, the agent of {@code SSH_AUTH_SOCK}; 15 s to connect, 2 min
     * to authenticate (a person may be typing), a probe every 15 s, lost after 3 missed.
     */
    public static SshOptions defaults(SecretPrompt prompt) {
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return new SshOptions(
                KnownHosts.defaultFile(),
                Stream.of("id_ed25519", "id_ecdsa", "id_rsa").map(ssh::resolve).toList(),
                Optional.ofNullable(System.getenv("SSH_AUTH_SOCK"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of),
                Duration.ofSeconds(15),
                Duration.ofMinutes(2),
                Duration.ofSeconds(15),
                3,
                prompt);
    }

    /** These options with another known_hosts file. */
    public SshOptions withKnownHosts(Path file) {
        return new SshOptions(
                file,
                defaultIdentities,
                agentSocket,
                connectTimeout,
                authTimeout,
                keepAliveInterval,
                keepAliveMaxMissed,
                prompt);
    }

    /** These options with other default keys. */
    public SshOptions withDefaultIdentities(List<Path> keys) {
        return new SshOptions(
                knownHosts,
                keys,
                agentSocket,
                connectTimeout,
                authTimeout,
                keepAliveInterval,
                keepAliveMaxMissed,
                prompt);
    }

    /** These options with another agent socket, or none. */
    public SshOptions withAgentSocket(Optional<Path> socket) {
        return new SshOptions(
                knownHosts,
                defaultIdentities,
                socket,
                connectTimeout,
                authTimeout,
                keepAliveInterval,
                keepAliveMaxMissed,
                prompt);
    }

    /** These options with another prompt. */
    public SshOptions withPrompt(SecretPrompt p) {
        return new SshOptions(
                knownHosts,
                defaultIdentities,
                agentSocket,
                connectTimeout,
                authTimeout,
                keepAliveInterval,
                keepAliveMaxMissed,
                p);
    }

    /** These options with other keep-alive settings. */
    public SshOptions withKeepAlive(Duration interval, int maxMissed) {
        return new SshOptions(
                knownHosts, defaultIdentities, agentSocket, connectTimeout, authTimeout, interval, maxMissed, prompt);
    }

    /** The default keys that exist now. */
    List<Path> existingDefaultIdentities() {
        return defaultIdentities.stream().filter(Files::isRegularFile).toList();
    }
}
