package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.RunningCommand;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ProcessResult;
import dev.berth.testbed.SshTestBed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshConnectIT {
    private static final Duration T = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    SshTestBed.Info bed;
    Path knownHosts;

    @BeforeEach
    void bed() throws IOException {
        bed = SshTestBed.require();
        knownHosts = SshTestBed.knownHosts(tmp);
    }

    /** A prompt that answers from lists and records every question. */
    static final class ScriptedPrompt implements SecretPrompt {
        final List<String> passphrases;
        final List<String> passwords;
        final List<String> asked = new CopyOnWriteArrayList<>();

        ScriptedPrompt(List<String> passphrases, List<String> passwords) {
            this.passphrases = new ArrayList<>(passphrases);
            this.passwords = new ArrayList<>(passwords);
        }

        @Override
        public synchronized Optional<char[]> passphrase(Path keyFile, int attempt) {
            asked.add("passphrase " + keyFile.getFileName() + " #" + attempt);
            return passphrases.isEmpty()
                    ? Optional.empty()
                    : Optional.of(passphrases.removeFirst().toCharArray());
        }

        @Override
        public synchronized Optional<char[]> password(RemoteHost host, int attempt) {
            asked.add("password " + host.user() + " #" + attempt);
            return passwords.isEmpty()
                    ? Optional.empty()
                    : Optional.of(passwords.removeFirst().toCharArray());
        }
    }

    private RemoteHost plainHost() {
        return new RemoteHost(SshTestBed.USER, SshTestBed.HOST, bed.port());
    }

    private static String whoami(RemoteSession s) throws Exception {
        try (RunningCommand c = s.commands().start(List.of("id", "-un"), Map.of(), Path.of("/"))) {
            c.stdin().close();
            return new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void connectsWithAKeyFile() throws Exception {
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts));
                RemoteSession s = c.connect(SshTestBed.host())) {
            assertThat(s.isOpen()).isTrue();
            assertThat(s.serverVersion()).startsWith("SSH-2.0-OpenSSH");
            assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
        }
    }

    @Test
    void anUnknownHostKeyIsReportedWithItsFingerprintAndCanBeAccepted() throws Exception {
        Path empty = tmp.resolve("empty_known_hosts");
        try (SshConnector c = new SshConnector(SshTestBed.options(empty))) {
            UnknownHostKeyException e = catchUnknown(c);
            assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.HOST_KEY_UNKNOWN);
            assertThat(e.fingerprint()).startsWith("SHA256:").isEqualTo(serverFingerprint(e.keyType()));
            assertThat(e.getMessage())
                    .contains("[127.0.0.1]:" + bed.port())
                    .contains(e.keyType())
                    .contains(e.fingerprint())
                    .contains("Nothing was sent");
            c.knownHosts().accept(plainHost(), e.key(), KnownHosts.HostNameForm.PLAIN);
            assertThat(Files.readString(empty)).startsWith("[127.0.0.1]:" + bed.port() + " " + e.keyType() + " ");
            try (RemoteSession s = c.connect(SshTestBed.host())) {
                assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
            }
        }
    }

    @Test
    void anAcceptedKeyMayBeStoredHashed() throws Exception {
        Path file = tmp.resolve("hashed_known_hosts");
        try (SshConnector c = new SshConnector(SshTestBed.options(file))) {
            UnknownHostKeyException e = catchUnknown(c);
            c.knownHosts().accept(plainHost(), e.key(), KnownHosts.HostNameForm.HASHED);
            assertThat(Files.readString(file)).startsWith("|1|").doesNotContain("127.0.0.1");
            // OpenSSH's own tools read it back.
            ProcessResult found =
                    Commands.run(T, "ssh-keygen", "-F", "[127.0.0.1]:" + bed.port(), "-f", file.toString());
            assertThat(found.stdout()).contains(e.keyType());
            try (RemoteSession s = c.connect(SshTestBed.host())) {
                assertThat(s.isOpen()).isTrue();
            }
        }
    }

    @Test
    void entriesHashedByOpenSshAreRecognised() throws Exception {
        Commands.run(T, "ssh-keygen", "-H", "-f", knownHosts.toString()).orFail();
        assertThat(Files.readString(knownHosts)).doesNotContain("127.0.0.1");
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts));
                RemoteSession s = c.connect(SshTestBed.host())) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void aHostKnownOnlyByItsRsaKeyIsTrustedAlthoughItPrefersEd25519() throws Exception {
        String rsa = bed.hostKeys().stream()
                .filter(k -> k.startsWith("ssh-rsa "))
                .findFirst()
                .orElseThrow();
        Files.writeString(knownHosts, "[127.0.0.1]:" + bed.port() + " " + rsa + "\n");
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts));
                RemoteSession s = c.connect(SshTestBed.host())) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void aChangedHostKeyIsRefusedBeforeAnythingIsSent() throws Exception {
        StringBuilder fake = new StringBuilder();
        for (String type : List.of("ed25519", "ecdsa", "rsa")) {
            Path k = tmp.resolve("fake_" + type);
            Commands.run(T, "ssh-keygen", "-q", "-t", type, "-N", "", "-f", k.toString())
                    .orFail();
            String[] pub = Files.readString(Path.of(k + ".pub")).split(" ");
            fake.append("# an old server\n[127.0.0.1]:")
                    .append(bed.port())
                    .append(' ')
                    .append(pub[0])
                    .append(' ')
                    .append(pub[1])
                    .append('\n');
        }
        Files.writeString(knownHosts, fake.toString());
        ScriptedPrompt prompt = new ScriptedPrompt(List.of(bed.passphrase()), List.of(bed.password()));
        long accepted = acceptedLogins();
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts).withPrompt(prompt))) {
            assertThatThrownBy(() -> c.connect(plainHost().withIdentityFile(bed.keyWithPassphrase())))
                    .isInstanceOfSatisfying(ChangedHostKeyException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.HOST_KEY_CHANGED);
                        assertThat(e.presentedFingerprint()).isEqualTo(serverFingerprint(e.keyType()));
                        assertThat(e.knownFingerprint()).isNotEqualTo(e.presentedFingerprint());
                        assertThat(e.line()).isIn(2, 4, 6);
                        assertThat(e.getMessage())
                                .contains("possible man-in-the-middle")
                                .contains("for [127.0.0.1]:" + bed.port() + " changed from " + e.knownFingerprint()
                                        + " to " + e.presentedFingerprint())
                                .contains("Nothing was sent");
                    });
        }
        assertThat(prompt.asked).as("no passphrase or password was asked for").isEmpty();
        assertThat(acceptedLogins()).isEqualTo(accepted);
    }

    @Test
    void aRevokedHostKeyIsRefused() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String k : bed.hostKeys()) {
            String[] p = k.split(" ");
            s.append("@revoked [127.0.0.1]:")
                    .append(bed.port())
                    .append(' ')
                    .append(p[0])
                    .append(' ')
                    .append(p[1])
                    .append('\n');
        }
        Files.writeString(knownHosts, s + Files.readString(knownHosts));
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts))) {
            assertThatThrownBy(() -> c.connect(SshTestBed.host()))
                    .isInstanceOf(RemoteHostException.class)
                    .hasMessageContaining("marks as revoked")
                    .extracting(e -> ((RemoteHostException) e).failure())
                    .isEqualTo(RemoteHostException.Failure.HOST_KEY_CHANGED);
        }
    }

    @Test
    void aWrongUserIsDeniedWithAnExplanation() throws Exception {
        RemoteHost nobody = new RemoteHost("berth-nobody", SshTestBed.HOST, bed.port()).withIdentityFile(bed.key());
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts))) {
            assertThatThrownBy(() -> c.connect(nobody)).isInstanceOfSatisfying(RemoteHostException.class, e -> {
                assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.PERMISSION_DENIED);
                assertThat(e.getMessage())
                        .startsWith("Permission denied for berth-nobody@127.0.0.1:" + bed.port())
                        .contains(bed.key().toString())
                        .contains("Check the user name")
                        .contains("authorized_keys");
            });
        }
    }

    @Test
    void aKeyTheServerDoesNotKnowIsDenied() throws Exception {
        Path stranger = tmp.resolve("stranger");
        Commands.run(T, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", stranger.toString())
                .orFail();
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts))) {
            assertThatThrownBy(() -> c.connect(plainHost().withIdentityFile(stranger)))
                    .isInstanceOf(RemoteHostException.class)
                    .hasMessageContaining("Permission denied")
                    .hasMessageContaining("the key file(s) " + stranger)
                    .hasMessageContaining("a password (none given)");
            assertThatThrownBy(() -> c.connect(plainHost().withIdentityFile(tmp.resolve("missing"))))
                    .isInstanceOf(RemoteHostException.class)
                    .hasMessageContaining("does not exist or cannot be read");
        }
    }

    @Test
    void aPassphraseIsAskedForAndNeverKept() throws Exception {
        ScriptedPrompt prompt = new ScriptedPrompt(List.of("wrong", bed.passphrase()), List.of());
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts).withPrompt(prompt));
                RemoteSession s = c.connect(plainHost().withIdentityFile(bed.keyWithPassphrase()))) {
            assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
        }
        assertThat(prompt.asked).containsExactly("passphrase id_ed25519_pass #1", "passphrase id_ed25519_pass #2");
    }

    @Test
    void aDeclinedPassphraseSkipsTheKey() throws Exception {
        ScriptedPrompt prompt = new ScriptedPrompt(List.of(), List.of());
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts).withPrompt(prompt))) {
            assertThatThrownBy(() -> c.connect(plainHost().withIdentityFile(bed.keyWithPassphrase())))
                    .isInstanceOf(RemoteHostException.class)
                    .hasMessageContaining("Permission denied")
                    .hasMessageContaining("skipped, no passphrase: " + bed.keyWithPassphrase());
        }
    }

    @Test
    void aPasswordIsAskedForWhenNoKeyWorks() throws Exception {
        ScriptedPrompt prompt = new ScriptedPrompt(List.of(), List.of("bad-guess", bed.password()));
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts).withPrompt(prompt));
                RemoteSession s = c.connect(plainHost())) {
            assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
        }
        assertThat(prompt.asked).containsExactly("password berth-ssh #1", "password berth-ssh #2");
    }

    @Test
    void wrongPasswordsEndInPermissionDenied() throws Exception {
        ScriptedPrompt prompt = new ScriptedPrompt(List.of(), List.of("a", "b", "c", "d"));
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts).withPrompt(prompt))) {
            assertThatThrownBy(() -> c.connect(plainHost()))
                    .isInstanceOf(RemoteHostException.class)
                    .hasMessageContaining("Permission denied")
                    .hasMessageContaining("3 password(s)");
        }
        assertThat(prompt.asked).hasSize(3);
    }

    @Test
    void theSshAgentSignsWithItsKeys() throws Exception {
        Path sock = tmp.resolve("agent.sock");
        ProcessResult agent = Commands.run(T, "ssh-agent", "-a", sock.toString(), "-s");
        agent.orFail();
        String pid = agent.stdout().replaceAll("(?s).*SSH_AGENT_PID=(\\d+);.*", "$1");
        try {
            Commands.run(
                            T,
                            Optional.empty(),
                            Map.of("SSH_AUTH_SOCK", sock.toString()),
                            List.of("ssh-add", bed.rsaKey().toString()))
                    .orFail();
            SshOptions options = SshTestBed.options(knownHosts).withAgentSocket(Optional.of(sock));
            try (SshConnector c = new SshConnector(options);
                    RemoteSession s = c.connect(plainHost())) {
                assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
            }
        } finally {
            Commands.run(T, "kill", pid);
        }
    }

    @Test
    void anAgentThatDoesNotAnswerOnlyLosesItsKeys() throws Exception {
        SshOptions options = SshTestBed.options(knownHosts).withAgentSocket(Optional.of(tmp.resolve("no-agent.sock")));
        try (SshConnector c = new SshConnector(options);
                RemoteSession s = c.connect(SshTestBed.host())) {
            assertThat(s.isOpen()).isTrue();
        }
    }

    @Test
    void aJumpHostCarriesTheConnectionAndIsCheckedToo() throws Exception {
        RemoteHost target = SshTestBed.host().withJump(SshTestBed.host());
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts))) {
            try (RemoteSession s = c.connect(target)) {
                assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
                assertThat(s.host().toString())
                        .endsWith(" via " + SshTestBed.host().address());
            }
        }
        // The jump host's key is checked like any other: unknown there means no connection at all.
        try (SshConnector c = new SshConnector(SshTestBed.options(tmp.resolve("none")))) {
            assertThatThrownBy(() -> c.connect(target)).isInstanceOf(UnknownHostKeyException.class);
        }
    }

    @Test
    void anUnreachableServerSaysWhatWasTried() throws Exception {
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts))) {
            assertThatThrownBy(() -> c.connect(new RemoteHost(SshTestBed.USER, "127.0.0.1", 1)))
                    .isInstanceOfSatisfying(RemoteHostException.class, e -> {
                        assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.UNREACHABLE);
                        assertThat(e.getMessage()).contains("Could not connect to 127.0.0.1 port 1");
                    });
            assertThatThrownBy(() -> c.connect(new RemoteHost(SshTestBed.USER, "no-such-host.invalid", 22)))
                    .isInstanceOfSatisfying(
                            RemoteHostException.class,
                            e -> assertThat(e.getMessage()).contains("no-such-host.invalid does not resolve"));
        }
    }

    @Test
    void aDockerHostAddressConnects() throws Exception {
        RemoteHost h = RemoteHost.fromDockerHost("ssh://berth-ssh@127.0.0.1:" + bed.port())
                .orElseThrow();
        try (SshConnector c = new SshConnector(SshTestBed.options(knownHosts));
                RemoteSession s = c.connect(h.withIdentityFile(bed.key()))) {
            assertThat(whoami(s)).isEqualTo(SshTestBed.USER);
        }
    }

    private UnknownHostKeyException catchUnknown(SshConnector c) {
        try {
            c.connect(SshTestBed.host()).close();
        } catch (UnknownHostKeyException e) {
            return e;
        } catch (RemoteHostException e) {
            throw new AssertionError("expected an unknown host key, got: " + e.getMessage(), e);
        }
        throw new AssertionError("connected although known_hosts is empty");
    }

    /** What OpenSSH's ssh-keygen prints for the server's host key of {@code type}. */
    private String serverFingerprint(String type) {
        String file = switch (type) {
            case "ssh-ed25519" -> "ssh_host_ed25519_key.pub";
            case "ssh-rsa" -> "ssh_host_rsa_key.pub";
            default -> "ssh_host_ecdsa_key.pub";
        };
        ProcessResult r = Commands.run(
                T,
                "ssh-keygen",
                "-l",
                "-E",
                "sha256",
                "-f",
                bed.dir().resolve(file).toString());
        return r.orFail().stdout().split(" ")[1];
    }

    private long acceptedLogins() throws IOException {
        try (var lines = Files.lines(bed.dir().resolve("sshd.log"), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("Accepted ")).count();
        }
    }
}
