package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.berth.docker.RunningCommand;
import dev.berth.testbed.SshTestBed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSH connection dies mid-command: sshd's process for the session is killed on the server, as
 * when the server's network or sshd goes away. Every user of the session gets a clear error and a
 * new session works.
 */
class ConnectionLossIT {
    private static final Path ROOT = Path.of("/");

    @TempDir
    Path tmp;

    SshOptions options;

    @BeforeEach
    void bed() throws IOException {
        SshTestBed.require();
        options = SshTestBed.options(SshTestBed.knownHosts(tmp)).withKeepAlive(Duration.ofSeconds(2), 2);
    }

    /** The pid of sshd's unprivileged process serving {@code session} (the parent of its commands). */
    static long sshdProcessOf(RemoteSession session) throws Exception {
        try (RunningCommand c = session.commands().start(List.of("sh", "-c", "echo $PPID"), Map.of(), ROOT)) {
            c.stdin().close();
            return Long.parseLong(new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }

    /** Kills it from another connection (as the same user, so this works without root). */
    static void kill(SshConnector connector, long pid) throws Exception {
        String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        assertThat(cmdline).as("process %d", pid).startsWith("sshd: " + SshTestBed.USER);
        try (RemoteSession other = connector.connect(SshTestBed.host());
                RunningCommand k = other.commands().start(List.of("kill", "-9", Long.toString(pid)), Map.of(), ROOT)) {
            k.stdin().close();
            assertThat(k.waitFor(Duration.ofSeconds(10))).isTrue();
            assertThat(k.exitCode()).isZero();
        }
    }

    @Test
    void aCommandWhoseConnectionDiesEndsWithAClearErrorAndANewSessionWorks() throws Exception {
        try (SshConnector connector = new SshConnector(options);
                RemoteConnection connection = new RemoteConnection(connector, SshTestBed.host())) {
            RemoteSession first = connection.session();
            SshCommandRunner runner = new SshCommandRunner(connection, java.util.Set.of());
            RunningCommand sleeping = runner.start(List.of("sleep", "120"), Map.of(), ROOT);
            Path home = first.path("/home/" + SshTestBed.USER);
            kill(connector, sshdProcessOf(first));

            assertThat(sleeping.waitFor(Duration.ofSeconds(20)))
                    .as("the command's channel ends")
                    .isTrue();
            assertThatThrownBy(sleeping::exitCode).isInstanceOfSatisfying(RemoteHostException.class, e -> {
                assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.CONNECTION_LOST);
                assertThat(e.getMessage())
                        .contains("The SSH connection to " + SshTestBed.host().address() + " ended before sleep")
                        .contains("Connect again to check the state");
            });
            sleeping.close();
            waitClosed(first);
            assertThatThrownBy(() -> Files.readAttributes(home, "size")).isInstanceOf(IOException.class);

            // The connection gives a new session; runners built on it go on working.
            RemoteSession second = connection.session();
            assertThat(second).isNotSameAs(first);
            try (RunningCommand c = runner.start(List.of("echo", "back"), Map.of(), ROOT)) {
                c.stdin().close();
                assertThat(new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("back\n");
            }
            assertThat(Files.isDirectory(second.path("/home/" + SshTestBed.USER)))
                    .isTrue();
        }
    }

    @Test
    void startingACommandOnALostSessionSaysSo() throws Exception {
        try (SshConnector connector = new SshConnector(options)) {
            RemoteSession s = connector.connect(SshTestBed.host());
            kill(connector, sshdProcessOf(s));
            waitClosed(s);
            assertThatThrownBy(() -> s.commands().start(List.of("true"), Map.of(), ROOT))
                    .isInstanceOfSatisfying(
                            RemoteHostException.class,
                            e -> assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.CONNECTION_LOST));
        }
    }

    @Test
    void theDockerForwardConnectsAgainAfterTheConnectionDied() throws Exception {
        try (SshConnector connector = new SshConnector(options);
                RemoteConnection connection = new RemoteConnection(connector, SshTestBed.host());
                DockerSocketForward fwd = DockerSocketForward.start(
                        connection, DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
                DockerClient docker = DockerForwardIT.client(fwd.dockerHost())) {
            docker.pingCmd().exec();
            RemoteSession first = connection.session();
            kill(connector, sshdProcessOf(first));
            waitClosed(first);
            // A pooled HTTP connection may die with the session; a retried call gets a new channel.
            Exception failure = null;
            boolean ok = false;
            for (int i = 0; i < 3 && !ok; i++) {
                try {
                    docker.versionCmd().exec();
                    ok = true;
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            assertThat(ok)
                    .as("a call after the reconnection works (last failure: %s)", failure)
                    .isTrue();
            assertThat(connection.session()).isNotSameAs(first);
        }
    }

    private static void waitClosed(RemoteSession s) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (s.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(s.isOpen()).as("the session noticed the loss").isFalse();
    }
}
