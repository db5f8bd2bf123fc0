package dev.berth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Berth process killed with {@code kill -9} while a helper container copies a volume leaves that
 * container behind; the next rollback of the install removes it (found by its label).
 */
class HelperLeftoverIT {
    private static final String LABEL = "dev.berth.helper.project";

    private String project;
    private Path root;
    private final List<ProcessHandle> children = new ArrayList<>();

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void cleanUp() {
        children.forEach(ProcessHandle::destroyForcibly);
        if (project != null) {
            List<String> ids = helpers();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
                rm.addAll(ids);
                Commands.run(Duration.ofMinutes(1), rm);
            }
            List<String> down = new ArrayList<>(DockerTestBed.compose());
            down.addAll(List.of(
                    "-p", project, "--project-directory", root.resolve(project).toString(), "down", "-v", "-t", "1"));
            Commands.run(Duration.ofMinutes(2), down);
        }
        if (root != null) {
            ContainerFiles.deleteTree(root);
        }
    }

    private List<String> helpers() {
        return Commands.run(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", "label=" + LABEL + "=" + project)
                .stdout()
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    @Test
    void aHelperContainerLeftByAKilledBackupIsRemovedByTheNextRollback() throws Exception {
        project = "berth-it-restore-" + DockerTestBed.randomHex(4);
        root = Files.createTempDirectory(project + "-");
        Path install = root.resolve(project);
        Files.createDirectories(install);
        Files.writeString(install.resolve("docker-compose.yml"), """
                services:
                  app:
                    image: %s
                    command: ["sleep", "3600"]
                    volumes:
                      - bulk:/bulk
                volumes:
                  bulk:
                """.formatted(DockerTestBed.BUSYBOX));
        Files.writeString(install.resolve(".env"), "# nothing to set\n");
        List<String> up = new ArrayList<>(DockerTestBed.compose());
        up.addAll(List.of("-p", project, "--project-directory", install.toString(), "up", "-d"));
        Commands.run(Duration.ofMinutes(2), up).orFail();
        // incompressible and large enough that docker cp takes seconds, even on an idle machine
        Commands.run(
                        Duration.ofMinutes(3),
                        "docker",
                        "run",
                        "--rm",
                        "-v",
                        project + "_bulk:/v",
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "dd if=/dev/urandom of=/v/big bs=1M count=600 2>/dev/null")
                .orFail();

        BerthCli cli = new BerthCli(Map.of("XDG_DATA_HOME", root.resolve("xdg").toString()));
        Process berth = cli.start(
                root.resolve("backup.out"),
                root.resolve("backup.err"),
                "backup",
                "--install",
                install.toString(),
                "--yes");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        List<String> seen = List.of();
        while (seen.isEmpty() && berth.isAlive() && System.nanoTime() < deadline) {
            seen = helpers();
        }
        assertThat(seen)
                .as("a helper container while the volume is copied; Berth said: "
                        + Files.readString(root.resolve("backup.err")))
                .isNotEmpty();
        berth.descendants().forEach(children::add);
        berth.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
        berth.waitFor();
        assertThat(berth.exitValue()).isEqualTo(137);
        assertThat(helpers()).as("the helper the killed Berth left").containsAnyElementsOf(seen);

        BerthCli.Result rollback = cli.run("rollback", "--install", install.toString());

        assertThat(rollback.stderr()).contains("Removed the helper container");
        assertThat(helpers()).isEmpty();
        // killed during the copy taken while the app ran: nothing to undo, the run counts as rolled back
        assertThat(rollback.exit()).as(rollback.stderr()).isEqualTo(1);
        assertThat(rollback.stderr()).contains("Nothing was changed");
    }
}
