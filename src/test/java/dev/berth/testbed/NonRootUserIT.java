package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The non-root test user {@value NonRootUser#NAME} reaches the engine but not the data of container
 * users: PostgreSQL's 0700 data dir can only be read through the engine. Later tests run Berth as
 * this user.
 */
class NonRootUserIT {
    private static final Duration T = Duration.ofSeconds(60);

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
        NonRootUser.require();
    }

    @Test
    void berthItIsAnOrdinaryUserWhoCanUseDocker() {
        assertThat(NonRootUser.run(T, "id", "-u").orFail().stdout().strip()).isNotEqualTo("0");
        ProcessResult ps = NonRootUser.run(T, "docker", "ps", "--format", "{{.ID}}");
        assertThat(ps.succeeded()).as(ps.describe()).isTrue();
    }

    @Test
    void demoDatabaseFilesAreClosedToTheUserButReachableThroughTheEngine(@DemoApp(version = "1.0.0") DemoProject demo) {
        demo.up();
        String volume = demo.volumeName("db-data");
        String mountpoint = Commands.run(T, "docker", "volume", "inspect", "--format", "{{.Mountpoint}}", volume)
                .orFail()
                .stdout()
                .strip();
        assertThat(Commands.run(
                                T,
                                "docker",
                                "run",
                                "--rm",
                                "--network",
                                "none",
                                "-v",
                                volume + ":/d:ro",
                                DockerTestBed.BUSYBOX,
                                "stat",
                                "-c",
                                "%u:%g %a",
                                "/d")
                        .orFail()
                        .stdout()
                        .strip())
                .isEqualTo("999:999 700");

        ProcessResult direct = NonRootUser.run(T, "cat", mountpoint + "/PG_VERSION");
        assertThat(direct.succeeded()).as(direct.describe()).isFalse();
        assertThat(direct.stderr()).contains("Permission denied");

        ProcessResult viaEngine = NonRootUser.run(
                T, "docker", "exec", demo.containerId("db"), "cat", "/var/lib/postgresql/data/PG_VERSION");
        assertThat(viaEngine.orFail().stdout().strip()).isEqualTo("15");
    }

    @Test
    void bindMountedDataDirIsClosedEvenWhenEveryParentIsOpen() throws Exception {
        Path parent = Files.createTempDirectory(
                "berth-it-pgdata-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        try (DockerScope docker = new DockerScope()) {
            Path data = parent.resolve("pgdata");
            String c = docker.start(
                    "-e", "POSTGRES_PASSWORD=pw", "-v", data + ":/var/lib/postgresql/data", DockerTestBed.POSTGRES);
            docker.awaitPostgres(c, T);

            assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(999);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            ProcessResult list = NonRootUser.run(T, "ls", data.toString());
            assertThat(list.succeeded()).as(list.describe()).isFalse();
            assertThat(list.stderr()).contains("Permission denied");
            assertThat(NonRootUser.run(T, "docker", "exec", c, "cat", "/var/lib/postgresql/data/PG_VERSION")
                            .orFail()
                            .stdout()
                            .strip())
                    .isEqualTo("15");
        } finally {
            ContainerFiles.deleteTree(parent);
        }
    }
}
