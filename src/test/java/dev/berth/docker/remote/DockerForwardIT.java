package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerEnvironment;
import dev.berth.docker.Health;
import dev.berth.docker.HealthListener;
import dev.berth.docker.HealthReport;
import dev.berth.docker.ServiceStatus;
import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.SshTestBed;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docker-java against the server's engine through the forwarded socket (the server's engine is this machine's). */
class DockerForwardIT {
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    static SshConnector connector;
    static RemoteSession session;

    @BeforeAll
    static void connect() throws IOException {
        DockerTestBed.require();
        SshTestBed.require();
        connector = new SshConnector(SshTestBed.options(SshTestBed.knownHosts(tmp)));
        session = connector.connect(SshTestBed.host());
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    /** A docker-java client on the zerodep transport, as the docker adapter builds it. */
    static DockerClient client(String dockerHost) {
        DefaultDockerClientConfig cfg = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(cfg.getDockerHost())
                .sslConfig(cfg.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        return DockerClientImpl.getInstance(cfg, http);
    }

    @Test
    void dockerJavaReachesTheServersEngineThroughAPrivateUnixSocket() throws Exception {
        String name = "berth-it-remote-" + DockerTestBed.randomHex(4);
        Commands.run(T, "docker", "create", "--name", name, "--label", "berth-it-remote=" + name, DockerTestBed.BUSYBOX)
                .orFail();
        try (DockerSocketForward fwd = session.forwardDockerSocket(
                        DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
                DockerClient remote = client(fwd.dockerHost());
                DockerClient local = client("unix:///var/run/docker.sock")) {
            assertThat(fwd.dockerHost()).startsWith("unix:///").endsWith("/docker.sock");
            Path socket = Path.of(URI.create(fwd.dockerHost()).getPath());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");

            remote.pingCmd().exec();
            assertThat(remote.versionCmd().exec().getApiVersion())
                    .isEqualTo(local.versionCmd().exec().getApiVersion());
            assertThat(remote.infoCmd().exec().getId())
                    .isEqualTo(local.infoCmd().exec().getId());
            List<Container> seen = remote.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(List.of("berth-it-remote=" + name))
                    .exec();
            assertThat(seen).extracting(c -> c.getNames()[0]).containsExactly("/" + name);
            assertThat(fwd.forwardedConnections()).isPositive();
            fwd.close();
            assertThat(socket).doesNotExist();
            assertThat(socket.getParent()).doesNotExist();
        } finally {
            Commands.run(T, "docker", "rm", "-f", name);
        }
    }

    @Test
    void aLoopbackPortWorksWhereUnixSocketsDoNot() throws Exception {
        try (DockerSocketForward fwd = session.forwardDockerSocket(
                        DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.LOOPBACK_TCP);
                DockerClient remote = client(fwd.dockerHost())) {
            assertThat(fwd.dockerHost()).matches("tcp://127\\.0\\.0\\.1:\\d+");
            remote.pingCmd().exec();
            assertThat(remote.versionCmd().exec().getVersion()).isNotBlank();
        }
    }

    @Test
    void manyCallsAtOnceEachGetTheirOwnChannel() throws Exception {
        try (DockerSocketForward fwd = session.forwardDockerSocket(
                        DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
                DockerClient remote = client(fwd.dockerHost())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Integer>> calls = java.util.stream.IntStream.range(0, 40)
                        .mapToObj(i -> (Callable<Integer>)
                                () -> remote.listImagesCmd().exec().size())
                        .toList();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    assertThat(f.get()).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aSocketTheServerCannotReachIsRefusedWithAReason() {
        assertThatThrownBy(() -> session.forwardDockerSocket(
                        "/var/run/berth-no-such.sock", DockerSocketForward.LocalEndpoint.UNIX_SOCKET))
                .isInstanceOfSatisfying(RemoteHostException.class, e -> {
                    assertThat(e.failure()).isEqualTo(RemoteHostException.Failure.REFUSED);
                    assertThat(e.getMessage())
                            .contains("did not connect to the Docker socket /var/run/berth-no-such.sock")
                            .contains("docker group");
                });
    }

    @Test
    void healthWaitsRunTheContainersOwnHealthcheckThroughTheForward() throws Exception {
        String project = "berth-it-remote-health-" + DockerTestBed.randomHex(4);
        Commands.run(
                        T,
                        "docker",
                        "run",
                        "-d",
                        "--name",
                        project + "_app_1",
                        "--label",
                        "com.docker.compose.project=" + project,
                        "--label",
                        "com.docker.compose.service=app",
                        "--label",
                        "com.docker.compose.oneoff=False",
                        "--network",
                        "none",
                        "--health-cmd",
                        "test -f /tmp/ready",
                        "--health-interval",
                        "60s",
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "sleep 1; touch /tmp/ready; exec sleep 100000")
                .orFail();
        try (DockerSocketForward fwd = session.forwardDockerSocket(
                        DockerSocketForward.DEFAULT_SOCKET, DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
                DockerEngine engine = DockerEngine.connect(
                        DockerEnvironment.current().withVariable("DOCKER_HOST", fwd.dockerHost()))) {
            HealthReport report =
                    engine.awaitHealthy(project, List.of("app"), Duration.ofSeconds(50), HealthListener.none());
            // the engine's own first check comes 60 s after the start
            assertThat(report.waited()).isLessThan(Duration.ofSeconds(20));
            assertThat(report.containers()).extracting(ServiceStatus::health).containsExactly(Health.HEALTHY);
        } finally {
            Commands.run(T, "docker", "rm", "-f", project + "_app_1");
        }
    }
}
