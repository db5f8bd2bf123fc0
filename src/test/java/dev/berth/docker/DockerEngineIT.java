package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerEngineIT {
    private static final String P = TestBed.PREFIX + "engine-";
    private static Path root;

    @BeforeAll
    static void bed() {
        TestBed.require();
        TestBed.removeAll(P);
        root = TestBed.projectDir("engine");
    }

    @AfterAll
    static void clean() {
        TestBed.removeAll(P);
        TestBed.run("docker", "rmi", P + "tagged:x");
    }

    @Test
    void connectsToTheRunningEngineAndReadsItsVersionAndApi() {
        try (DockerEngine engine = DockerEngine.connect()) {
            String expected = TestBed.run("docker", "version", "--format", "{{.Server.APIVersion}}")
                    .orThrow()
                    .stdout()
                    .strip();
            assertThat(engine.info().apiVersion()).isEqualTo(expected);
            assertThat(engine.info().serverVersion()).isNotBlank();
            assertThat(engine.info().supportsApi(1, 24)).isTrue();
            assertThat(engine.info().supportsApi(9, 0)).isFalse();
            assertThat(engine.cliEnvironment()).containsKey("DOCKER_HOST");
        }
    }

    @Test
    void aDeadDockerHostIsNotSilentlyReplacedAndTheMessageListsEveryPlaceTried() throws Exception {
        Path missing = root.resolve("missing.sock");
        Path stale = root.resolve("stale.sock");
        Files.deleteIfExists(stale);
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file: nothing listens any more
        }
        DockerEnvironment env = DockerEnvironment.current().withVariable("DOCKER_HOST", "unix://" + missing);
        assertThatThrownBy(() -> DockerEngine.connect(env))
                .isInstanceOf(DockerUnreachableException.class)
                .hasMessageContaining("DOCKER_HOST (unix://" + missing + "): no socket at " + missing)
                .hasMessageContaining("/var/run/docker.sock): an engine answers here")
                .hasMessageContaining("DOCKER_HOST is set, so Berth uses only that engine")
                .hasMessageContaining("unset it to use the engine that answers elsewhere")
                .hasMessageContaining("sudo systemctl start docker")
                .satisfies(e -> assertThat(((DockerUnreachableException) e).attempts())
                        .extracting(ConnectionAttempt::outcome)
                        .contains(
                                ConnectionAttempt.Outcome.NOTHING_THERE, ConnectionAttempt.Outcome.ANSWERED_NOT_USED));

        DockerEnvironment staleEnv = DockerEnvironment.current().withVariable("DOCKER_HOST", "unix://" + stale);
        assertThatThrownBy(() -> DockerEngine.connect(staleEnv))
                .isInstanceOf(DockerUnreachableException.class)
                .hasMessageContaining(stale + "): connection refused");

        DockerEnvironment ssh = DockerEnvironment.current().withVariable("DOCKER_HOST", "ssh://user@host");
        assertThatThrownBy(() -> DockerEngine.connect(ssh))
                .hasMessageContaining("ssh:// connections are not supported yet");
    }

    @Test
    void theDockerCliContextIsFollowedAndAnExplicitDeadContextIsReported() {
        Path config = root.resolve("docker-config");
        TestBed.deleteTree(config);
        List<String> env = List.of("DOCKER_CONFIG=" + config);
        TestBed.run(
                        null,
                        env,
                        "docker",
                        "context",
                        "create",
                        "berth-it-live",
                        "--docker",
                        "host=unix:///var/run/docker.sock")
                .orThrow();
        TestBed.run(
                        null,
                        env,
                        "docker",
                        "context",
                        "create",
                        "berth-it-dead",
                        "--docker",
                        "host=unix://" + root.resolve("nothing.sock"))
                .orThrow();
        TestBed.run(null, env, "docker", "context", "use", "berth-it-live").orThrow();

        DockerEnvironment base = DockerEnvironment.current()
                .withVariable("DOCKER_HOST", null)
                .withVariable("DOCKER_CONTEXT", null)
                .withVariable("DOCKER_CONFIG", config.toString());
        try (DockerEngine engine = DockerEngine.connect(base)) {
            assertThat(engine.info().endpoint().origin()).isEqualTo("Docker context \"berth-it-live\"");
        }
        DockerEnvironment dead = base.withVariable("DOCKER_CONTEXT", "berth-it-dead");
        assertThatThrownBy(() -> DockerEngine.connect(dead))
                .isInstanceOf(DockerUnreachableException.class)
                .hasMessageContaining("Docker context \"berth-it-dead\"")
                .hasMessageContaining("DOCKER_CONTEXT");
    }

    @Test
    void listsComposeContainersVolumesAndTheirDiskUseThroughTheEngine() throws Exception {
        Path dir = TestBed.projectDir("engine-df");
        TestBed.write(dir.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  app:
                    image: %s
                    init: true
                    network_mode: none
                    command: ["sh", "-c", "head -c 1048576 /dev/zero > /data/blob; echo ready; exec sleep 100000"]
                    volumes: ["blob:/data"]
                volumes:
                  blob: {}
                """.formatted(TestBed.BUSYBOX));
        String project = P + "df";
        TestBed.compose(dir, project, "up", "-d").orThrow();
        try (DockerEngine engine = DockerEngine.connect()) {
            List<ContainerSummary> cs = engine.projectContainers(project);
            assertThat(cs).hasSize(1);
            ContainerSummary c = cs.getFirst();
            assertThat(c.label(ComposeLabels.SERVICE)).contains("app");
            assertThat(c.state()).isEqualTo(ContainerState.RUNNING);
            assertThat(c.mounts()).singleElement().satisfies(m -> {
                assertThat(m.type()).isEqualTo(MountPoint.Type.VOLUME);
                assertThat(m.volumeName()).contains(project + "_blob");
            });
            assertThat(engine.projectVolumes(project))
                    .extracting(VolumeInfo::name)
                    .containsExactly(project + "_blob");
            awaitLog(engine, c.id(), "ready");
            DiskUsage usage = engine.diskUsage();
            assertThat(usage.volume(project + "_blob")).hasValue(1048576);
            assertThat(usage.container(c.id()))
                    .as("writable layer, 0 when unused")
                    .hasValue(0);
        }
    }

    @Test
    void inspectsAndTagsImages() {
        try (DockerEngine engine = DockerEngine.connect()) {
            ImageInfo busybox = engine.inspectImage(TestBed.BUSYBOX).orElseThrow();
            assertThat(busybox.id()).startsWith("sha256:");
            assertThat(busybox.repoTags()).contains(TestBed.BUSYBOX);
            engine.tagImage(TestBed.BUSYBOX, P + "tagged:x");
            assertThat(engine.inspectImage(P + "tagged:x").orElseThrow().id()).isEqualTo(busybox.id());
            assertThat(engine.images()).anySatisfy(i -> assertThat(i.repoTags()).contains(P + "tagged:x"));
            assertThat(engine.inspectImage(P + "no-such-image:1")).isEmpty();
        }
    }

    @Test
    void readsTheLogTailAndFindsLinesByPattern() throws Exception {
        String name = P + "logs";
        TestBed.run(
                        "docker",
                        "run",
                        "-d",
                        "--name",
                        name,
                        "--network",
                        "none",
                        TestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "for i in 1 2 3 4 5; do echo line $i; done; sleep 0.3; echo oops >&2; sleep 0.3;"
                                + " echo 'ERROR: disk full'; sleep 100000")
                .orThrow();
        try (DockerEngine engine = DockerEngine.connect()) {
            awaitLog(engine, name, "disk full");
            assertThat(engine.logs(name, LogWindow.tail(2))).containsExactly("oops", "ERROR: disk full");
            assertThat(engine.searchLogs(name, Pattern.compile("^line [24]$"), LogWindow.tail(0)))
                    .containsExactly("line 2", "line 4");
            assertThat(engine.searchLogs(
                            name,
                            Pattern.compile("ERROR"),
                            LogWindow.since(java.time.Instant.now().plusSeconds(60))))
                    .isEmpty();
        }
    }

    @Test
    void measuresAndReadsPathsOwnedByAContainerUserThroughAHelperContainer() throws Exception {
        Path data = root.resolve("private");
        TestBed.deleteTree(data);
        Files.createDirectories(data.resolve("sub"));
        Files.write(data.resolve("a.bin"), new byte[3000]);
        Files.write(data.resolve("sub/b.bin"), new byte[500]);
        Files.createLink(data.resolve("sub/hardlink.bin"), data.resolve("a.bin")); // counted once
        Files.writeString(data.resolve("secret.env"), "PASSWORD=x\n");
        TestBed.run("chown", "-R", "999:999", data.toString()).orThrow();
        TestBed.run("chmod", "-R", "go-rwx", data.toString()).orThrow();
        // A reader left by a Berth killed while it measured: exited, never removed.
        TestBed.run(
                        "docker",
                        "run",
                        "--name",
                        P + "left-reader",
                        "--label",
                        HelperContainer.LABEL + "=read",
                        TestBed.BUSYBOX,
                        "true")
                .orThrow();
        try (DockerEngine engine =
                DockerEngine.connect(DockerEnvironment.current().withHelperImage(TestBed.BUSYBOX))) {
            Map<Path, Long> sizes = engine.pathSizes(List.of(data, data.resolve("sub/b.bin")));
            assertThat(sizes).containsEntry(data, 3000L + 500 + 11).containsEntry(data.resolve("sub/b.bin"), 500L);
            assertThat(new String(engine.readFile(data.resolve("secret.env"), 100), StandardCharsets.UTF_8))
                    .isEqualTo("PASSWORD=x\n");
            assertThatThrownBy(() -> engine.pathSizes(List.of(root.resolve("does-not-exist"))))
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining("helper container");
        }
        assertThat(Files.exists(root.resolve("does-not-exist")))
                .as("a missing source is never created")
                .isFalse();
        assertThat(TestBed.run("docker", "ps", "-aq", "--filter", "label=" + HelperContainer.LABEL + "=read")
                        .stdout())
                .as("helper containers are removed, and so is the one a killed Berth left")
                .isBlank();
    }

    static void awaitLog(DockerEngine engine, String container, String text) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (engine.logs(container, LogWindow.tail(0)).stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line with '" + text + "' in " + container);
    }
}
