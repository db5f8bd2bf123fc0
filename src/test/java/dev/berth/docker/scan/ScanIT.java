package dev.berth.docker.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerEnvironment;
import dev.berth.docker.Health;
import dev.berth.docker.MountPoint;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.TestBed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real compose projects in every awkward state, scanned through the real engine: bind mounts and
 * named volumes with sizes, a healthcheck, a project started with -p that is a second install of
 * the same app, one whose folder was deleted, a stopped one, folders never started, a one-off and
 * a plain container; and the same scan as an unprivileged user in the docker group.
 */
class ScanIT {
    private static final String P = TestBed.PREFIX + "scan-";
    private static final String SECRET = "s3cr3t-value-never-printed";
    private static final Path ROOT = TestBed.ROOT.resolve("scan");
    private static final Path APP = ROOT.resolve("app");
    private static final Path COPY = ROOT.resolve("copy");
    private static final Path GONE = ROOT.resolve("gone");
    private static final Path STOPPED = ROOT.resolve("stopped");
    private static final Path FOLDERS = ROOT.resolve("folders");
    private static final Path SHELL = ROOT.resolve("shellvar");
    private static final String APP_COMPOSE = """
            version: "2.4"
            services:
              web:
                image: berth-it-docker/scanapp:2.4.1
                init: true
                network_mode: bridge
                command: ["sleep", "100000"]
                ports: ["127.0.0.1:${WEB_PORT}:80"]
                healthcheck: {test: ["CMD", "true"], interval: 1s}
                volumes:
                  - ./config/app.yaml:/etc/app.yaml:ro
                  - ${DATA_DIR}/uploads:/uploads
                  - /var/run/docker.sock:/var/run/docker.sock:ro
              worker:
                image: berth-it-docker/scanapp-worker:2.4.1
                init: true
                network_mode: none
                command: ["sh", "-c", "head -c 2048 /dev/zero > /db/blob; exec sleep 100000"]
                volumes:
                  - ${DATA_DIR}/cache:/cache
                  - dbdata:/db
            volumes:
              dbdata: {}
            """;

    @BeforeAll
    static void createInstalls() throws Exception {
        TestBed.require();
        TestBed.removeAll(P);
        TestBed.deleteTree(ROOT);
        TestBed.projectDir("scan");
        TestBed.run("docker", "tag", TestBed.BUSYBOX, "berth-it-docker/scanapp:2.4.1")
                .orThrow();
        TestBed.run("docker", "tag", TestBed.BUSYBOX, "berth-it-docker/scanapp-worker:2.4.1")
                .orThrow();

        app(APP, "18081");
        TestBed.compose(APP, "app", "up", "-d").orThrow(); // default name: the folder's
        app(COPY, "18082");
        TestBed.compose(COPY, P + "copy", "up", "-d").orThrow(); // same app, started with -p

        TestBed.write(GONE.resolve("docker-compose.yml"), simple("./data:/data"));
        Files.createDirectories(GONE.resolve("data"));
        TestBed.compose(GONE, P + "gone", "up", "-d").orThrow();
        TestBed.deleteTree(GONE);

        TestBed.write(STOPPED.resolve("docker-compose.yml"), simple("${DATA_DIR}:/data"));
        TestBed.write(
                STOPPED.resolve(".env"),
                "DATA_DIR=/tmp/berth-it-docker/scan/stopped-data\nSECRET_KEY=" + SECRET + "\n");
        Files.createDirectories(ROOT.resolve("stopped-data"));
        TestBed.compose(STOPPED, P + "stopped", "up", "-d").orThrow();
        TestBed.compose(STOPPED, P + "stopped", "stop", "-t", "1").orThrow();
        // Edited by hand after the last 'up': not applied yet.
        TestBed.write(
                STOPPED.resolve("docker-compose.yml"),
                simple("${DATA_DIR}:/data") + "    environment: {FEATURE_FLAG: \"on\"}\n");
        TestBed.run("chmod", "600", STOPPED.resolve(".env").toString()).orThrow(); // root only: read through a helper

        TestBed.compose(STOPPED, P + "stopped", "run", "-d", "--no-deps", "app", "sleep", "100000")
                .orThrow();
        TestBed.run(
                        "docker",
                        "run",
                        "-d",
                        "--name",
                        P + "plain",
                        "--network",
                        "none",
                        TestBed.BUSYBOX,
                        "sleep",
                        "100000")
                .orThrow();

        // Started with a variable from the shell that .env does not set.
        TestBed.write(SHELL.resolve("docker-compose.yml"), """
                version: "2.4"
                services:
                  app:
                    image: berth-it-docker/scanapp:${APP_TAG}
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    environment: {LOG_LEVEL: "${LOG_LEVEL:-info}"}
                """);
        TestBed.write(SHELL.resolve(".env"), "LOG_LEVEL=info\n");
        TestBed.run(
                        SHELL,
                        List.of("APP_TAG=2.4.1", "LOG_LEVEL=debug"),
                        "docker-compose",
                        "--ansi",
                        "never",
                        "-p",
                        P + "shell",
                        "up",
                        "-d")
                .orThrow();

        TestBed.write(FOLDERS.resolve("never/compose.yaml"), """
                services:
                  web: {image: "berth-it-docker/scanapp:3.0.0"}
                  worker: {image: "berth-it-docker/scanapp-worker:3.0.0"}
                """);
        TestBed.write(FOLDERS.resolve("never/berth.yaml"), "version: 3.0.0\n");
        TestBed.write(FOLDERS.resolve("group/down/docker-compose.yml"), simple("./data:/data"));
        TestBed.write(FOLDERS.resolve("group/broken/docker-compose.yml"), "services:\n  x: {imagee: nope}\n");
        TestBed.write(FOLDERS.resolve("a/b/too-deep/docker-compose.yml"), simple("./data:/data"));
    }

    private static void app(Path dir, String port) throws Exception {
        TestBed.write(dir.resolve("docker-compose.yml"), APP_COMPOSE);
        TestBed.write(dir.resolve(".env"), "DATA_DIR=./volumes\nWEB_PORT=" + port + "\nSECRET_KEY=" + SECRET + "\n");
        TestBed.write(dir.resolve("config/app.yaml"), "log: info\n");
        TestBed.write(dir.resolve("volumes/cache/c.bin"), "x".repeat(1000));
        TestBed.write(dir.resolve("volumes/uploads/u1.bin"), "y".repeat(3000));
        TestBed.write(dir.resolve("volumes/uploads/private/u2.bin"), "z".repeat(2000));
        // Data written by a container user: this user of the desktop may not read it.
        TestBed.run("chown", "-R", "999:999", dir.resolve("volumes/uploads").toString())
                .orThrow();
        TestBed.run("chmod", "700", dir.resolve("volumes/uploads").toString()).orThrow();
    }

    private static String simple(String bind) {
        return """
                version: "2.4"
                services:
                  app:
                    image: %s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    volumes: ["%s"]
                """.formatted(TestBed.BUSYBOX, bind);
    }

    @AfterAll
    static void clean() {
        TestBed.compose(APP, "app", "down", "-v", "-t", "1");
        TestBed.removeAll(P);
        TestBed.run("docker", "rmi", "berth-it-docker/scanapp:2.4.1", "berth-it-docker/scanapp-worker:2.4.1");
        TestBed.deleteTree(ROOT);
    }

    private static List<Install> scan() throws Exception {
        try (DockerEngine engine =
                DockerEngine.connect(DockerEnvironment.current().withHelperImage(TestBed.BUSYBOX))) {
            ScanResult r = new InstallScanner(engine)
                    .scan(List.of(FOLDERS, ROOT.resolve("no-such-folder")), ScanOptions.defaults());
            notes = r.notes();
            return r.installs().stream()
                    .filter(i -> i.workingDir().map(d -> d.startsWith(ROOT)).orElse(false))
                    .toList();
        }
    }

    private static List<String> notes = List.of();

    private static Install find(List<Install> installs, String project) {
        return installs.stream()
                .filter(i -> i.project().equals(project))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no install " + project + " in "
                        + installs.stream().map(Install::project).toList()));
    }

    private static List<InstallWarning.Kind> kinds(Install i) {
        return i.warnings().stream().map(InstallWarning::kind).toList();
    }

    @Test
    void findsEveryInstallWithItsStateDataVolumesAndWarnings() throws Exception {
        // One-off containers other tests of this engine may still be removing count too.
        long oneOffs = TestBed.run("docker", "ps", "-aq", "--filter", "label=com.docker.compose.oneoff=True")
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .count();
        assertThat(oneOffs).as("this test's own one-off container").isPositive();
        List<Install> installs = scan();
        assertThat(installs)
                .extracting(Install::project)
                .containsExactlyInAnyOrder(
                        "app", P + "copy", P + "gone", P + "stopped", P + "shell", "never", "down", "broken");

        Install app = find(installs, "app");
        assertThat(app.origin()).isEqualTo(Install.Origin.CONTAINERS);
        assertThat(app.workingDir()).contains(APP);
        assertThat(app.configFiles())
                .as("v1's relative label resolved")
                .containsExactly(APP.resolve("docker-compose.yml"));
        assertThat(app.envFile()).contains(APP.resolve(".env"));
        assertThat(app.state()).isEqualTo(Install.InstallState.RUNNING);
        assertThat(app.composeVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("1."));
        assertThat(app.version().version()).contains("2.4.1");
        assertThat(app.version().source()).isEqualTo(VersionGuess.Source.IMAGE_TAGS);
        assertThat(app.services()).extracting(ServiceInfo::name).containsExactly("web", "worker");
        ServiceInfo web = app.services().getFirst();
        assertThat(web.image()).isEqualTo("berth-it-docker/scanapp:2.4.1");
        assertThat(web.ports()).containsExactly(new PublishedPort("127.0.0.1", 18081, 80, "tcp"));
        assertThat(web.health()).isIn(Health.HEALTHY, Health.STARTING);

        assertThat(app.bindMounts())
                .extracting(BindMount::source, BindMount::kind)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                APP.resolve("config/app.yaml"), BindMount.Kind.RELEASE_FILE),
                        org.assertj.core.groups.Tuple.tuple(APP.resolve("volumes/uploads"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(APP.resolve("volumes/cache"), BindMount.Kind.DATA),
                        org.assertj.core.groups.Tuple.tuple(
                                Path.of("/var/run/docker.sock"), BindMount.Kind.DOCKER_SOCKET));
        assertThat(app.bindMounts())
                .filteredOn(b -> b.kind() == BindMount.Kind.RELEASE_FILE)
                .extracting(BindMount::access)
                .containsExactly(MountPoint.Access.READ_ONLY);
        assertThat(app.dataRoots()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo(APP.resolve("volumes"));
            assertThat(r.display()).isEqualTo("./volumes");
            assertThat(r.placement()).isEqualTo(DataRoot.Placement.UNDER_WORKING_DIR);
            assertThat(r.bytes()).isEqualTo(OptionalLong.of(1000 + 3000 + 2000));
        });
        assertThat(app.volumes()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("app_dbdata");
            assertThat(v.composeName()).contains("dbdata");
            assertThat(v.services()).containsExactly("worker");
            assertThat(v.ownership()).isEqualTo(InstallVolume.Ownership.PROJECT);
            assertThat(v.bytes()).isEqualTo(OptionalLong.of(2048));
        });
        assertThat(app.dataVariables()).singleElement().satisfies(v -> {
            assertThat(v.name()).isEqualTo("DATA_DIR");
            assertThat(v.value()).isEqualTo("./volumes");
            assertThat(v.sources()).containsExactly(APP.resolve("volumes/cache"), APP.resolve("volumes/uploads"));
        });
        assertThat(app.dataSize()).isEqualTo(new DataSize(6000 + 2048, DataSize.Completeness.COMPLETE));
        assertThat(kinds(app))
                .containsExactlyInAnyOrder(InstallWarning.Kind.DOCKER_SOCKET_MOUNTED, InstallWarning.Kind.SAME_APP);

        Install copy = find(installs, P + "copy");
        assertThat(kinds(copy)).contains(InstallWarning.Kind.PROJECT_NAME_GIVEN, InstallWarning.Kind.SAME_APP);
        assertThat(copy.warnings()).anySatisfy(w -> assertThat(w.message()).contains("-p " + P + "copy"));
        assertThat(copy.volumes()).extracting(InstallVolume::name).containsExactly(P + "copy_dbdata");

        Install gone = find(installs, P + "gone");
        assertThat(gone.workingDirState()).isEqualTo(Install.WorkingDirState.MISSING);
        assertThat(gone.state()).isEqualTo(Install.InstallState.RUNNING);
        assertThat(kinds(gone)).contains(InstallWarning.Kind.WORKING_DIR_MISSING, InstallWarning.Kind.DATA_MISSING);
        assertThat(gone.dataSize().completeness()).isEqualTo(DataSize.Completeness.PARTIAL);

        Install stopped = find(installs, P + "stopped");
        assertThat(stopped.state()).isEqualTo(Install.InstallState.STOPPED);
        assertThat(stopped.services()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(ServiceState.EXITED);
            assertThat(s.containers())
                    .as("the one-off container is not a service container")
                    .hasSize(1);
        });
        assertThat(stopped.dataRoots())
                .extracting(DataRoot::display)
                .containsExactly(ROOT.resolve("stopped-data").toString());
        assertThat(stopped.dataVariables()).extracting(DataVariable::name).containsExactly("DATA_DIR");
        assertThat(stopped.warnings())
                .filteredOn(w -> w.kind() == InstallWarning.Kind.DRIFT)
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("Service app does not run what its compose files say")
                        .contains("FEATURE_FLAG not set in the container"));

        Install shell = find(installs, P + "shell");
        assertThat(shell.warnings())
                .filteredOn(w -> w.kind() == InstallWarning.Kind.DRIFT)
                .singleElement()
                .satisfies(w -> assertThat(w.message())
                        .contains("image (runs berth-it-docker/scanapp:2.4.1, the files say berth-it-docker/scanapp:)")
                        .contains("LOG_LEVEL differs")
                        .contains("variables that .env does not set (APP_TAG)")
                        .doesNotContain("debug"));
        assertThat(kinds(app)).doesNotContain(InstallWarning.Kind.DRIFT);

        Install never = find(installs, "never");
        assertThat(never.origin()).isEqualTo(Install.Origin.FOLDER);
        assertThat(never.state()).isEqualTo(Install.InstallState.NOT_CREATED);
        assertThat(never.version())
                .isEqualTo(new VersionGuess(
                        Optional.of("3.0.0"),
                        VersionGuess.Source.MANIFEST,
                        "version: in " + FOLDERS.resolve("never/berth.yaml")));
        assertThat(never.services())
                .extracting(ServiceInfo::name, ServiceInfo::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("web", ServiceState.NOT_CREATED),
                        org.assertj.core.groups.Tuple.tuple("worker", ServiceState.NOT_CREATED));
        assertThat(kinds(never)).contains(InstallWarning.Kind.SAME_APP);

        Install down = find(installs, "down");
        assertThat(down.bindMounts()).extracting(BindMount::source).containsExactly(FOLDERS.resolve("group/down/data"));
        assertThat(down.dataRoots()).extracting(DataRoot::display).containsExactly("./data");
        assertThat(down.dataSize()).isEqualTo(new DataSize(0, DataSize.Completeness.COMPLETE));
        assertThat(find(installs, "broken").warnings())
                .singleElement()
                .satisfies(w ->
                        assertThat(w.message()).contains("could not be loaded").contains("docker-compose.yml:2"));

        assertThat(notes).anyMatch(n -> n.contains(P + "plain") && n.contains("not created by compose"));
        assertThat(notes).anyMatch(n -> n.startsWith(oneOffs + " one-off container" + (oneOffs == 1 ? " " : "s ")));
        assertThat(notes).anyMatch(n -> n.contains("no-such-folder does not exist"));
    }

    @Test
    void anUnprivilegedUserInTheDockerGroupGetsSizesAndEnvFilesThroughTheEngine() throws Exception {
        if (TestBed.run("id", "berth-it").exitCode() != 0) {
            TestBed.run("useradd", "--no-create-home", "--groups", "docker", "berth-it")
                    .orThrow();
        }
        assertThat(TestBed.run("id", "-nG", "berth-it").stdout()).contains("docker");
        assertThat(TestBed.run(
                                "runuser",
                                "-u",
                                "berth-it",
                                "--",
                                "cat",
                                APP.resolve("volumes/uploads/u1.bin").toString())
                        .exitCode())
                .as("the data is really unreadable for that user")
                .isNotZero();
        Path repo = Path.of(System.getProperty("berth.repo", ".")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(
                "runuser",
                "-u",
                "berth-it",
                "--",
                "env",
                "HOME=" + TestBed.ROOT,
                "BERTH_HELPER_IMAGE=" + TestBed.BUSYBOX,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                repo.resolve("target/berth.jar") + ":" + repo.resolve("target/lib") + "/*",
                "dev.berth.Main",
                "scan",
                "--json",
                FOLDERS.toString()));
        TestBed.Result r = TestBed.run(cmd.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).doesNotContain(SECRET);
        assertThat(r.stderr()).doesNotContain(SECRET);
        JsonNode installs = new ObjectMapper().readTree(r.stdout());
        JsonNode app = null;
        JsonNode stopped = null;
        for (JsonNode i : installs) {
            if (i.path("project").asText().equals("app")
                    && i.path("workingDir").asText().equals(APP.toString())) {
                app = i;
            }
            if (i.path("project").asText().equals(P + "stopped")) {
                stopped = i;
            }
        }
        assertThat(app).as(r.stdout()).isNotNull();
        JsonNode root = app.path("dataRoots").get(0);
        assertThat(root.path("path").asText()).isEqualTo(APP.resolve("volumes").toString());
        assertThat(root.path("bytes").asLong()).isEqualTo(6000);
        assertThat(root.path("measuredBy").asText()).isEqualTo("helper-container");
        assertThat(app.path("volumes").get(0).path("bytes").asLong()).isEqualTo(2048);
        assertThat(app.path("dataSize").path("completeness").asText()).isEqualTo("complete");
        assertThat(stopped.path("dataVariables").get(0).path("name").asText())
                .as("the root-only .env was read through a helper container")
                .isEqualTo("DATA_DIR");
    }

    @Test
    void theCliSaysWhatItTriedWhenDockerIsUnreachable() {
        Path repo = Path.of(System.getProperty("berth.repo", ".")).toAbsolutePath();
        TestBed.Result r = TestBed.run(
                null,
                List.of("DOCKER_HOST=unix:///tmp/berth-it-docker/dead.sock"),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                repo.resolve("target/berth.jar") + ":" + repo.resolve("target/lib") + "/*",
                "dev.berth.Main",
                "scan",
                "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr())
                .contains("Docker is not reachable")
                .contains(
                        "DOCKER_HOST (unix:///tmp/berth-it-docker/dead.sock): no socket at /tmp/berth-it-docker/dead.sock")
                .contains("default socket (unix:///var/run/docker.sock)")
                .contains("sudo systemctl start docker");
    }
}
