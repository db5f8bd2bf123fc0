package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.ContainerRuntime;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's streams that run while an app is down, on the real engine: a volume copied out
 * through the archive API keeps names, owners, modes and content; exec reaches the service's
 * container directly with stdin, stdout and the exit code.
 */
class RuntimeStreamsIT {
    final String name = "berth-it-bench-" + DockerTestBed.randomHex(4);
    final List<Path> projects = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void remove() {
        for (Path dir : projects) {
            Commands.run(
                    Duration.ofMinutes(1),
                    "docker-compose",
                    "--ansi",
                    "never",
                    "-p",
                    name,
                    "--project-directory",
                    dir.toString(),
                    "-f",
                    dir.resolve("docker-compose.yml").toString(),
                    "down",
                    "-t",
                    "1");
            ContainerFiles.deleteTree(dir);
        }
        Commands.run(Duration.ofMinutes(1), "docker", "volume", "rm", "-f", name);
    }

    @Test
    void aVolumeExportHasEveryEntryWithItsOwnerModeAndContent() throws Exception {
        Commands.run(Duration.ofMinutes(1), "docker", "volume", "create", name).orFail();
        Commands.run(
                        Duration.ofMinutes(1),
                        "docker",
                        "run",
                        "--rm",
                        "-v",
                        name + ":/v",
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "mkdir -p /v/a && printf hello > /v/a/b.txt && chown 999:998 /v/a/b.txt"
                                + " && chmod 640 /v/a/b.txt && ln -s a/b.txt /v/link")
                .orFail();

        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        new Wiring()
                .runtime()
                .exportVolume(
                        new ContainerRuntime.Project(name, Path.of("."), List.of(), List.of(), List.of()), name, tar);

        Map<String, TarArchiveEntry> entries = new HashMap<>();
        Map<String, String> content = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar.toByteArray()))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), e);
                content.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertThat(entries).containsKeys("./", "./a/", "./a/b.txt", "./link");
        assertThat(content.get("./a/b.txt")).isEqualTo("hello");
        assertThat(entries.get("./a/b.txt").getLongUserId()).isEqualTo(999);
        assertThat(entries.get("./a/b.txt").getLongGroupId()).isEqualTo(998);
        assertThat(entries.get("./a/b.txt").getMode() & 07777).isEqualTo(0640);
        assertThat(entries.get("./link").isSymbolicLink()).isTrue();
        assertThat(entries.get("./link").getLinkName()).isEqualTo("a/b.txt");
        assertThat(Commands.run(Duration.ofMinutes(1), "docker", "ps", "-aq", "--filter", "volume=" + name)
                        .orFail()
                        .stdout()
                        .strip())
                .as("the helper container is gone")
                .isEmpty();
    }

    /** A compose project of busybox services that sleep, started. */
    ContainerRuntime.Project project(String... services) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        projects.add(dir);
        StringBuilder yaml = new StringBuilder("services:\n");
        for (String s : services) {
            yaml.append("  ")
                    .append(s)
                    .append(":\n    image: ")
                    .append(DockerTestBed.BUSYBOX)
                    .append("\n    command: [sleep, \"600\"]\n    init: true\n    network_mode: none\n");
        }
        Files.writeString(dir.resolve("docker-compose.yml"), yaml);
        Commands.run(
                        Duration.ofMinutes(2),
                        "docker-compose",
                        "--ansi",
                        "never",
                        "-p",
                        name,
                        "--project-directory",
                        dir.toString(),
                        "-f",
                        dir.resolve("docker-compose.yml").toString(),
                        "up",
                        "-d")
                .orFail();
        return new ContainerRuntime.Project(
                name, dir, List.of(dir.resolve("docker-compose.yml")), List.of(), List.of());
    }

    @Test
    void execRunsInTheServicesContainerWithStdinStdoutAndExitCode() throws Exception {
        var project = project("app");
        List<String> log = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = new Wiring()
                .runtime()
                .exec(
                        project,
                        "app",
                        List.of("sh", "-c", "echo \"got $(cat)\"; echo to-stderr >&2; exit 3"),
                        new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)),
                        out,
                        log::add);

        assertThat(code).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("got abc\n");
        assertThat(log).contains("to-stderr");
    }

    @Test
    void stoppingOneServiceStopsItsContainerAndNoOther() throws Exception {
        var project = project("app", "other");
        var runtime = new Wiring().runtime();

        runtime.stop(project, List.of("app"), Duration.ofSeconds(5), line -> {});

        assertThat(runtime.services(project))
                .extracting(ContainerRuntime.ServiceState::service, ContainerRuntime.ServiceState::state)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("app", "exited"),
                        org.assertj.core.groups.Tuple.tuple("other", "running"));
    }
}
