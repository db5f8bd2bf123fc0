package dev.berth.testbed;

import dev.berth.docker.remote.RemoteHost;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.docker.remote.SshOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SSH server of the test bed: {@code .ci/sshd.sh} (called by {@code .ci/setup.sh}) runs Debian's
 * sshd on {@value #HOST}:{@code 2222} with its own config and host keys in {@code
 * $BERTH_CI_STATE/sshd}, and the user {@value #USER} (in the docker group) with three client keys
 * and a password.
 *
 * <p>Integration tests call {@link #require()} first; it FAILS (never skips) when something is
 * missing, listing each check and how to get the test bed.
 */
public final class SshTestBed {
    /** The test user on the server. */
    public static final String USER = "berth-ssh";
    /** Where the server listens. */
    public static final String HOST = "127.0.0.1";

    private static final String HOW_TO_GET_IT = "Start it with `sudo bash .ci/setup.sh` (or only the SSH part: `sudo"
            + " bash .ci/sshd.sh`; idempotent), then run the tests again.";
    private static volatile Info info;

    private SshTestBed() {}

    /**
     * What the test bed holds.
     *
     * @param dir {@code $BERTH_CI_STATE/sshd}
     * @param port the server's port
     * @param key the Ed25519 key without passphrase
     * @param keyWithPassphrase the Ed25519 key with {@code passphrase}
     * @param passphrase its passphrase
     * @param rsaKey an RSA key without passphrase
     * @param password the user's password
     * @param hostKeys the server's public host keys, one OpenSSH line each ({@code type base64 comment})
     */
    public record Info(
            Path dir,
            int port,
            Path key,
            Path keyWithPassphrase,
            String passphrase,
            Path rsaKey,
            String password,
            List<String> hostKeys) {
        public Info {
            hostKeys = List.copyOf(hostKeys);
        }
    }

    /**
     * Checks the server once per JVM.
     *
     * @throws AssertionError listing every failed check and how to get the test bed
     */
    public static Info require() {
        Info i = info;
        if (i != null) {
            return i;
        }
        synchronized (SshTestBed.class) {
            if (info == null) {
                info = check();
            }
            return info;
        }
    }

    /** The test user on the test server, with the passphrase-less Ed25519 key. */
    public static RemoteHost host() {
        Info i = require();
        return new RemoteHost(USER, HOST, i.port()).withIdentityFile(i.key());
    }

    /** Writes a known_hosts file in {@code dir} that trusts the test server's host keys, and returns it. */
    public static Path knownHosts(Path dir) throws IOException {
        Info i = require();
        StringBuilder s = new StringBuilder();
        for (String k : i.hostKeys()) {
            String[] parts = k.split(" ");
            s.append("[").append(HOST).append("]:").append(i.port()).append(' ');
            s.append(parts[0]).append(' ').append(parts[1]).append('\n');
        }
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, s.toString());
        return file;
    }

    /** Options for the tests: the given known_hosts, no default keys, no agent, short timeouts, no prompts. */
    public static SshOptions options(Path knownHosts) {
        return new SshOptions(
                knownHosts,
                List.of(),
                Optional.empty(),
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(5),
                3,
                SecretPrompt.refuse());
    }

    private static Info check() {
        List<String> problems = new ArrayList<>();
        Path state =
                Path.of(Optional.ofNullable(System.getenv("BERTH_CI_STATE")).orElse("/var/tmp/berth-ci"));
        Path dir = state.resolve("sshd");
        Path client = dir.resolve("client");
        int port = Integer.parseInt(
                Optional.ofNullable(System.getenv("BERTH_SSH_PORT")).orElse("2222"));
        if (!Files.isRegularFile(dir.resolve("sshd_config"))) {
            problems.add("sshd config: " + dir.resolve("sshd_config") + " does not exist");
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 3000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            String banner = new String(in.readNBytes(8), StandardCharsets.US_ASCII);
            if (!banner.startsWith("SSH-2.0")) {
                problems.add("sshd: " + HOST + ":" + port + " answers '" + banner + "', not an SSH server");
            }
        } catch (IOException e) {
            problems.add("sshd: nothing answers on " + HOST + ":" + port + " (" + e.getMessage() + ")");
        }
        String passphrase = read(client.resolve("passphrase"), problems);
        String password = read(client.resolve("password"), problems);
        for (String k : List.of("id_ed25519", "id_ed25519_pass", "id_rsa")) {
            if (!Files.isReadable(client.resolve(k))) {
                problems.add("client key: " + client.resolve(k) + " is missing or not readable by "
                        + System.getProperty("user.name"));
            }
        }
        List<String> hostKeys = new ArrayList<>();
        for (String t : List.of("ed25519", "ecdsa", "rsa")) {
            String line = read(dir.resolve("ssh_host_" + t + "_key.pub"), problems);
            if (!line.isEmpty()) {
                hostKeys.add(line);
            }
        }
        ProcessResult id = Commands.run(Duration.ofSeconds(10), "id", "-nG", USER);
        if (!id.succeeded()) {
            problems.add("user: " + USER + " does not exist");
        } else if (!List.of(id.stdout().strip().split("\\s+")).contains("docker")) {
            problems.add("user: " + USER + " is not in the docker group");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "The SSH test bed is not ready:\n  - " + String.join("\n  - ", problems) + "\n" + HOW_TO_GET_IT);
        }
        return new Info(
                dir,
                port,
                client.resolve("id_ed25519"),
                client.resolve("id_ed25519_pass"),
                passphrase,
                client.resolve("id_rsa"),
                password,
                hostKeys);
    }

    private static String read(Path file, List<String> problems) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            problems.add("file: " + file + " cannot be read (" + e.getMessage() + ")");
            return "";
        }
    }
}
