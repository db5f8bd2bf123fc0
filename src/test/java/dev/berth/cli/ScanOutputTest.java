package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.Health;
import dev.berth.docker.MountPoint;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.scan.BindMount;
import dev.berth.docker.scan.DataRoot;
import dev.berth.docker.scan.DataSize;
import dev.berth.docker.scan.DataVariable;
import dev.berth.docker.scan.Install;
import dev.berth.docker.scan.InstallVolume;
import dev.berth.docker.scan.InstallWarning;
import dev.berth.docker.scan.ScanResult;
import dev.berth.docker.scan.ServiceInfo;
import dev.berth.docker.scan.ServiceState;
import dev.berth.docker.scan.SizeSource;
import dev.berth.docker.scan.VersionGuess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScanOutputTest {
    private static final Path WD = Path.of("/srv/mattermost");

    static ScanResult sample() {
        Install running = new Install(
                "mattermost",
                Install.Origin.CONTAINERS,
                Optional.of(WD),
                Install.WorkingDirState.PRESENT,
                List.of(WD.resolve("docker-compose.yml")),
                Optional.of(WD.resolve(".env")),
                Install.InstallState.RUNNING,
                Optional.of("1.29.2"),
                new VersionGuess(
                        Optional.of("9.11.2"),
                        VersionGuess.Source.IMAGE_TAGS,
                        "tag 9.11.2 shared by 1 of 1 tagged images"),
                List.of(
                        new ServiceInfo(
                                "mattermost",
                                "mattermost/mattermost-team-edition:9.11.2",
                                Optional.of("9.11.2"),
                                ServiceState.RUNNING,
                                Health.HEALTHY,
                                Optional.empty(),
                                List.of(new PublishedPort("127.0.0.1", 8065, 8065, "tcp")),
                                List.of("mattermost_mattermost_1")),
                        new ServiceInfo(
                                "postgres",
                                "postgres:13-alpine",
                                Optional.of("13-alpine"),
                                ServiceState.RUNNING,
                                Health.NONE,
                                Optional.empty(),
                                List.of(new PublishedPort("0.0.0.0", 5432, 5432, "tcp")),
                                List.of("mattermost_postgres_1"))),
                List.of(
                        new BindMount(
                                WD.resolve("volumes/app/config"),
                                "mattermost",
                                "/mattermost/config",
                                MountPoint.Access.READ_WRITE,
                                BindMount.Kind.DATA),
                        new BindMount(
                                WD.resolve("volumes/db"),
                                "postgres",
                                "/var/lib/postgresql/data",
                                MountPoint.Access.READ_WRITE,
                                BindMount.Kind.DATA),
                        new BindMount(
                                Path.of("/etc/localtime"),
                                "postgres",
                                "/etc/localtime",
                                MountPoint.Access.READ_ONLY,
                                BindMount.Kind.SYSTEM)),
                List.of(new DataRoot(
                        WD.resolve("volumes"),
                        DataRoot.Placement.UNDER_WORKING_DIR,
                        "./volumes",
                        List.of(WD.resolve("volumes/app/config"), WD.resolve("volumes/db")),
                        OptionalLong.of(52_428_800),
                        SizeSource.HELPER_CONTAINER)),
                List.of(new InstallVolume(
                        "mattermost_cache",
                        Optional.of("cache"),
                        List.of(),
                        InstallVolume.Ownership.PROJECT,
                        OptionalLong.of(4096))),
                List.of(new DataVariable(
                        "MATTERMOST_CONFIG_PATH",
                        "./volumes/app/config",
                        WD.resolve("volumes/app/config"),
                        List.of(WD.resolve("volumes/app/config")))),
                new DataSize(52_432_896, DataSize.Completeness.COMPLETE),
                List.of(
                        new InstallWarning(
                                InstallWarning.Kind.DATABASE_PORT_PUBLIC,
                                "Service postgres publishes database port 5432 on every network interface (0.0.0.0:5432->5432/tcp):"
                                        + " other machines can reach the database. Publish it on 127.0.0.1 only, or not at all.")));
        Install folder = new Install(
                "nextcloud",
                Install.Origin.FOLDER,
                Optional.of(Path.of("/home/me/apps/nextcloud")),
                Install.WorkingDirState.PRESENT,
                List.of(Path.of("/home/me/apps/nextcloud/compose.yaml")),
                Optional.empty(),
                Install.InstallState.NOT_CREATED,
                Optional.empty(),
                VersionGuess.none("no image has a version tag"),
                List.of(new ServiceInfo(
                        "app",
                        "nextcloud:stable",
                        Optional.of("stable"),
                        ServiceState.NOT_CREATED,
                        Health.NONE,
                        Optional.empty(),
                        List.of(),
                        List.of())),
                List.of(),
                List.of(),
                List.of(new InstallVolume(
                        "nextcloud_data",
                        Optional.empty(),
                        List.of("app"),
                        InstallVolume.Ownership.PROJECT,
                        OptionalLong.empty())),
                List.of(),
                new DataSize(0, DataSize.Completeness.PARTIAL),
                List.of());
        return new ScanResult(
                List.of(running, folder), List.of("1 container was not created by compose and left out: portainer."));
    }

    @Test
    void theTableShowsOneLinePerInstallThenWarningsAndNotes() throws IOException {
        assertMatchesGolden("scan/table.txt", ScanTable.write(sample()));
    }

    @Test
    void theJsonIsAnArrayOfInstallsWithAbsolutePathsFullVolumeNamesAndBytes() throws IOException {
        String json = ScanJson.write(sample().installs());
        assertMatchesGolden("scan/installs.json", json);
        assertThat(json).doesNotContain("portainer"); // notes go to stderr, not into the JSON
    }

    @Test
    void anEmptyScanSaysSo() {
        assertThat(ScanTable.write(new ScanResult(List.of(), List.of())))
                .isEqualTo("No compose installs found." + System.lineSeparator());
        assertThat(ScanJson.write(List.of())).isEqualTo("[ ]" + System.lineSeparator());
    }

    /** Golden files under src/test/resources/golden; {@code -Dgolden.update=true} rewrites them for review. */
    static void assertMatchesGolden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden").resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file)
                .as("golden file %s (run with -Dgolden.update=true, then review the diff)", file)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
