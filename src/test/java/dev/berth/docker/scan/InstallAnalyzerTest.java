package dev.berth.docker.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.ComposeLabels;
import dev.berth.docker.ContainerState;
import dev.berth.docker.ContainerSummary;
import dev.berth.docker.Health;
import dev.berth.docker.ImageInfo;
import dev.berth.docker.MountPoint;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.VolumeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallAnalyzerTest {
    @TempDir
    Path tmp;

    private static ContainerSummary container(
            String project,
            String service,
            Path wd,
            String configFiles,
            String image,
            List<MountPoint> mounts,
            List<PublishedPort> ports,
            Map<String, String> extraLabels) {
        Map<String, String> labels = new HashMap<>(Map.of(
                ComposeLabels.PROJECT, project,
                ComposeLabels.SERVICE, service,
                ComposeLabels.WORKING_DIR, wd.toString(),
                ComposeLabels.CONFIG_FILES, configFiles,
                ComposeLabels.VERSION, "1.29.2"));
        labels.putAll(extraLabels);
        return new ContainerSummary(
                "id-" + service,
                project + "_" + service + "_1",
                image,
                "sha256:" + service,
                ContainerState.RUNNING,
                Health.NONE,
                Optional.empty(),
                "Up 1 minute",
                labels,
                mounts,
                ports,
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static MountPoint bind(Path source, String target) {
        return new MountPoint(
                MountPoint.Type.BIND, Optional.empty(), source.toString(), target, MountPoint.Access.READ_WRITE);
    }

    private InstallAnalyzer analyzer(List<VolumeInfo> volumes) {
        return new InstallAnalyzer(HostFiles.direct(), List.of(), volumes, tmp.resolve("home"));
    }

    @Test
    void dataIsEveryBindThatIsNotAReleaseFileSystemPathOrTheSocket() throws Exception {
        Path wd = tmp.resolve("myapp");
        Files.createDirectories(wd.resolve("config"));
        Files.writeString(wd.resolve("config/app.yaml"), "a: 1\n");
        Files.writeString(wd.resolve("docker-compose.yml"), "services: {}\n");
        Files.writeString(
                wd.resolve(".env"), "DATA_DIR=./volumes\nBACKUPS=/srv/backups\nURL=http://x/y\nSECRET=hunter2\n");
        Files.createDirectories(wd.resolve("volumes/db"));
        var c = container(
                "myapp",
                "web",
                wd,
                "docker-compose.yml",
                "acme/app:1.2.3",
                List.of(
                        bind(wd.resolve("config/app.yaml"), "/etc/app.yaml"),
                        bind(wd.resolve("volumes/db"), "/db"),
                        bind(wd.resolve("volumes/uploads"), "/uploads"),
                        bind(Path.of("/srv/backups/daily"), "/backups/daily"),
                        bind(Path.of("/srv/backups/weekly"), "/backups/weekly"),
                        bind(Path.of("/opt/shared"), "/shared"),
                        bind(Path.of("/etc/localtime"), "/etc/localtime"),
                        bind(Path.of("/var/run/docker.sock"), "/var/run/docker.sock")),
                List.of(),
                Map.of());
        Install i = analyzer(List.of()).fromContainers("myapp", List.of(c));

        assertThat(i.configFiles()).as("v1's relative label").containsExactly(wd.resolve("docker-compose.yml"));
        assertThat(i.envFile()).contains(wd.resolve(".env"));
        assertThat(i.bindMounts())
                .extracting(BindMount::source, BindMount::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(wd.resolve("config/app.yaml"), BindMount.Kind.RELEASE_FILE),
                        org.assertj.core.groups.Tuple.tuple(wd.resolve("volumes/db"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(wd.resolve("volumes/uploads"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(Path.of("/srv/backups/daily"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(Path.of("/srv/backups/weekly"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(Path.of("/opt/shared"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(Path.of("/etc/localtime"), BindMount.Kind.SYSTEM),
                        org.assertj.core.groups.Tuple.tuple(
                                Path.of("/var/run/docker.sock"), BindMount.Kind.DOCKER_SOCKET));
        assertThat(i.dataRoots())
                .extracting(DataRoot::display, DataRoot::placement)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("/opt/shared", DataRoot.Placement.ELSEWHERE),
                        org.assertj.core.groups.Tuple.tuple("/srv/backups", DataRoot.Placement.ELSEWHERE),
                        org.assertj.core.groups.Tuple.tuple("./volumes", DataRoot.Placement.UNDER_WORKING_DIR));
        assertThat(i.dataVariables())
                .extracting(DataVariable::name, DataVariable::path)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DATA_DIR", wd.resolve("volumes")),
                        org.assertj.core.groups.Tuple.tuple("BACKUPS", Path.of("/srv/backups")));
        assertThat(i.warnings())
                .extracting(InstallWarning::kind)
                .containsExactly(InstallWarning.Kind.DOCKER_SOCKET_MOUNTED);
        assertThat(i.warnings().toString()).doesNotContain("hunter2");
    }

    @Test
    void v2sAbsoluteConfigFilesAndEnvFileLabelAreTakenAsTheyAre() throws Exception {
        Path wd = tmp.resolve("v2app");
        Files.createDirectories(wd);
        Files.writeString(wd.resolve("prod.env"), "X=1\n");
        var c = container(
                "v2app",
                "web",
                wd,
                wd.resolve("compose.yaml") + "," + wd.resolve("compose.prod.yaml"),
                "acme/app:2.0.0",
                List.of(),
                List.of(),
                Map.of(
                        ComposeLabels.ENVIRONMENT_FILE,
                        wd.resolve("prod.env").toString(),
                        ComposeLabels.VERSION,
                        "2.24.5"));
        Install i = analyzer(List.of()).fromContainers("v2app", List.of(c));
        assertThat(i.configFiles()).containsExactly(wd.resolve("compose.yaml"), wd.resolve("compose.prod.yaml"));
        assertThat(i.envFile()).contains(wd.resolve("prod.env"));
        assertThat(i.composeVersion()).contains("2.24.5");
    }

    @Test
    void namedVolumesIncludeUnmountedOnesOfTheProjectAndMarkExternalOnes() {
        Path wd = tmp.resolve("vols");
        var c = container(
                "vols",
                "db",
                wd,
                "docker-compose.yml",
                "postgres:16",
                List.of(
                        new MountPoint(
                                MountPoint.Type.VOLUME,
                                Optional.of("vols_pg"),
                                "/x",
                                "/var/lib/postgresql/data",
                                MountPoint.Access.READ_WRITE),
                        new MountPoint(
                                MountPoint.Type.VOLUME,
                                Optional.of("shared-media"),
                                "/y",
                                "/media",
                                MountPoint.Access.READ_WRITE)),
                List.of(),
                Map.of());
        List<VolumeInfo> volumes = List.of(
                new VolumeInfo(
                        "vols_pg", "local", Map.of(ComposeLabels.PROJECT, "vols", ComposeLabels.VOLUME, "pg"), "/x"),
                new VolumeInfo(
                        "vols_old", "local", Map.of(ComposeLabels.PROJECT, "vols", ComposeLabels.VOLUME, "old"), "/z"),
                new VolumeInfo("shared-media", "local", Map.of(), "/y"));
        Install i = analyzer(volumes).fromContainers("vols", List.of(c));
        assertThat(i.volumes())
                .extracting(
                        InstallVolume::name,
                        InstallVolume::composeName,
                        InstallVolume::ownership,
                        InstallVolume::services)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "shared-media", Optional.empty(), InstallVolume.Ownership.EXTERNAL, List.of("db")),
                        org.assertj.core.groups.Tuple.tuple(
                                "vols_old", Optional.of("old"), InstallVolume.Ownership.PROJECT, List.of()),
                        org.assertj.core.groups.Tuple.tuple(
                                "vols_pg", Optional.of("pg"), InstallVolume.Ownership.PROJECT, List.of("db")));
    }

    @Test
    void aDatabasePortOnEveryInterfaceIsFlaggedButNotOnLoopback() {
        Path wd = tmp.resolve("db");
        var open = container(
                "db",
                "db",
                wd,
                "docker-compose.yml",
                "postgres:16",
                List.of(),
                List.of(
                        new PublishedPort("0.0.0.0", 5433, 5432, "tcp"),
                        new PublishedPort("127.0.0.1", 5432, 5432, "tcp")),
                Map.of());
        var cache = container(
                "db",
                "cache",
                wd,
                "docker-compose.yml",
                "redis:7",
                List.of(),
                List.of(new PublishedPort("::", 16379, 7777, "tcp")),
                Map.of());
        var web = container(
                "db",
                "web",
                wd,
                "docker-compose.yml",
                "acme/app:1",
                List.of(),
                List.of(new PublishedPort("0.0.0.0", 80, 8080, "tcp")),
                Map.of());
        Install i = analyzer(List.of()).fromContainers("db", List.of(open, cache, web));
        assertThat(i.warnings())
                .filteredOn(w -> w.kind() == InstallWarning.Kind.DATABASE_PORT_PUBLIC)
                .extracting(InstallWarning::message)
                .containsExactly(
                        "Service cache publishes database port 7777 on every network interface ([::]:16379->7777/tcp): other"
                                + " machines can reach the database. Publish it on 127.0.0.1 only, or not at all.",
                        "Service db publishes database port 5432 on every network interface (0.0.0.0:5433->5432/tcp): other"
                                + " machines can reach the database. Publish it on 127.0.0.1 only, or not at all.");
    }

    @Test
    void aProjectNameOtherThanTheFoldersIsFlaggedUnlessTheEnvFileOrComposeFileSetsIt() throws Exception {
        Path wd = tmp.resolve("My App");
        Files.createDirectories(wd);
        Files.writeString(wd.resolve("docker-compose.yml"), "services: {}\n");
        var byDefault = container("myapp", "web", wd, "docker-compose.yml", "a:1", List.of(), List.of(), Map.of());
        assertThat(analyzer(List.of())
                        .fromContainers("myapp", List.of(byDefault))
                        .warnings())
                .isEmpty();

        var given = container("prod", "web", wd, "docker-compose.yml", "a:1", List.of(), List.of(), Map.of());
        assertThat(analyzer(List.of()).fromContainers("prod", List.of(given)).warnings())
                .extracting(InstallWarning::kind)
                .containsExactly(InstallWarning.Kind.PROJECT_NAME_GIVEN);

        Files.writeString(wd.resolve(".env"), "COMPOSE_PROJECT_NAME=prod\n");
        assertThat(analyzer(List.of()).fromContainers("prod", List.of(given)).warnings())
                .isEmpty();
        Files.delete(wd.resolve(".env"));
        Files.writeString(wd.resolve("docker-compose.yml"), "name: prod\nservices: {}\n");
        assertThat(analyzer(List.of()).fromContainers("prod", List.of(given)).warnings())
                .isEmpty();
    }

    @Test
    void aDeletedWorkingDirIsReportedAndNothingIsReadFromIt() {
        Path wd = tmp.resolve("deleted");
        var c = container(
                "deleted",
                "web",
                wd,
                "docker-compose.yml",
                "a:1",
                List.of(bind(wd.resolve("data"), "/data")),
                List.of(),
                Map.of());
        Install i = analyzer(List.of()).fromContainers("deleted", List.of(c));
        assertThat(i.workingDirState()).isEqualTo(Install.WorkingDirState.MISSING);
        assertThat(i.envFile()).isEmpty();
        assertThat(i.warnings())
                .extracting(InstallWarning::kind)
                .containsExactly(InstallWarning.Kind.WORKING_DIR_MISSING);
    }

    @Test
    void stateAndHealthSummariseScaledServicesAndOneShotJobs() {
        Path wd = tmp.resolve("st");
        var web1 = container("st", "web", wd, "x", "a:1", List.of(), List.of(), Map.of());
        var web2 = new ContainerSummary(
                "id-web2",
                "st_web_2",
                "a:1",
                "sha256:a",
                ContainerState.RUNNING,
                Health.UNHEALTHY,
                Optional.empty(),
                "Up (unhealthy)",
                web1.labels(),
                List.of(),
                List.of(),
                web1.created());
        var job = new ContainerSummary(
                "id-job",
                "st_migrate_1",
                "a:1",
                "sha256:a",
                ContainerState.EXITED,
                Health.NONE,
                Optional.of(0),
                "Exited (0)",
                Map.of(
                        ComposeLabels.PROJECT,
                        "st",
                        ComposeLabels.SERVICE,
                        "migrate",
                        ComposeLabels.WORKING_DIR,
                        wd.toString()),
                List.of(),
                List.of(),
                web1.created());
        Install i = analyzer(List.of()).fromContainers("st", List.of(web1, web2, job));
        assertThat(i.state()).as("a job that exited 0 is done, not down").isEqualTo(Install.InstallState.RUNNING);
        ServiceInfo web = i.services().stream()
                .filter(s -> s.name().equals("web"))
                .findFirst()
                .orElseThrow();
        assertThat(web.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(web.containers()).containsExactly("st_web_1", "st_web_2");
    }

    @Test
    void theVersionIsTheTagTheAppsOwnImagesShare() {
        List<ServiceInfo> services = List.of(
                service("acme/app:1.4.2"), service("acme/worker:1.4.2"), service("postgres:16"), service("redis:7"));
        assertThat(InstallAnalyzer.versionFromTags(services).version()).contains("1.4.2");
        assertThat(InstallAnalyzer.versionFromTags(List.of(service("acme/app:1.4.2"), service("postgres:16")))
                        .version())
                .as("databases do not vote")
                .contains("1.4.2");
        assertThat(InstallAnalyzer.versionFromTags(List.of(service("acme/app:1.4.2"), service("acme/web:2.0.0")))
                        .version())
                .isEmpty();
        assertThat(InstallAnalyzer.versionFromTags(List.of(service("acme/app:latest")))
                        .source())
                .isEqualTo(VersionGuess.Source.NONE);
    }

    private static ServiceInfo service(String image) {
        return new ServiceInfo(
                "s",
                image,
                InstallAnalyzer.tagOf(image),
                ServiceState.RUNNING,
                Health.NONE,
                Optional.empty(),
                List.of(),
                List.of());
    }

    @Test
    void aManifestVersionWinsOverImageTags() throws Exception {
        Path wd = tmp.resolve("manifested");
        Files.createDirectories(wd);
        Files.writeString(wd.resolve("berth.yaml"), "version: \"9.1\"\nname: x\n");
        var c = container(
                "manifested", "web", wd, "docker-compose.yml", "acme/app:1.0", List.of(), List.of(), Map.of());
        Install i = analyzer(List.of()).fromContainers("manifested", List.of(c));
        assertThat(i.version().version()).contains("9.1");
        assertThat(i.version().source()).isEqualTo(VersionGuess.Source.MANIFEST);
    }

    @Test
    void projectNamesNormaliseLikeComposeDoes() {
        assertThat(ProjectNames.normalizeV1("My App_1.0")).isEqualTo("myapp_10");
        assertThat(ProjectNames.normalizeV2("_-Foo.Bar")).isEqualTo("foobar");
        assertThat(ProjectNames.isDefaultFor("myapp", Path.of("/srv/MyApp"))).isTrue();
    }

    @Test
    void folderInstallsLoadTheirFilesForServicesAndData() throws Exception {
        Path wd = tmp.resolve("fresh");
        Files.createDirectories(wd);
        Files.writeString(wd.resolve("compose.yaml"), """
                services:
                  web:
                    image: acme/app:${TAG:-3.1.0}
                    volumes: ["${DATA:-./data}/files:/files", "./conf/app.yml:/etc/app.yml", "cache:/cache"]
                volumes:
                  cache: {}
                """);
        Files.createDirectories(wd.resolve("conf"));
        Files.writeString(wd.resolve("conf/app.yml"), "x: 1\n");
        Files.writeString(wd.resolve(".env"), "DATA=./state\n");
        Install i = analyzer(
                        List.of(new VolumeInfo("fresh_cache", "local", Map.of(ComposeLabels.PROJECT, "fresh"), "/v")))
                .fromFolder(wd, List.of(wd.resolve("compose.yaml")));
        assertThat(i.project()).isEqualTo("fresh");
        assertThat(i.state()).isEqualTo(Install.InstallState.NOT_CREATED);
        assertThat(i.version().version()).contains("3.1.0");
        assertThat(i.bindMounts())
                .extracting(BindMount::source, BindMount::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(wd.resolve("conf/app.yml"), BindMount.Kind.RELEASE_FILE),
                        org.assertj.core.groups.Tuple.tuple(wd.resolve("state/files"), BindMount.Kind.DATA));
        assertThat(i.dataVariables()).extracting(DataVariable::name).containsExactly("DATA");
        assertThat(i.volumes()).extracting(InstallVolume::name).containsExactly("fresh_cache");
    }

    @Test
    void imagesNamedByIdAreShownByATagOfThatImage() {
        Path wd = tmp.resolve("moved");
        var c = new ContainerSummary(
                "id",
                "moved_web_1",
                "sha256:old",
                "sha256:old",
                ContainerState.RUNNING,
                Health.NONE,
                Optional.empty(),
                "Up",
                Map.of(ComposeLabels.PROJECT, "moved", ComposeLabels.SERVICE, "web"),
                List.of(),
                List.of(),
                Instant.EPOCH);
        Install i = new InstallAnalyzer(
                        HostFiles.direct(),
                        List.of(new ImageInfo("sha256:old", List.of("acme/app:1.0-rollback"), List.of(), 1)),
                        List.of(),
                        tmp)
                .fromContainers("moved", List.of(c));
        assertThat(i.services().getFirst().image()).isEqualTo("acme/app:1.0-rollback");
        assertThat(i.workingDirState()).isEqualTo(Install.WorkingDirState.UNKNOWN);
    }
}
