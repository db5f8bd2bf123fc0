package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.env.EnvParser;
import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.Journal;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the real Docker engine with the demo app: install, upgrade through the required
 * stop with records and files kept and migrated, and a failing migration rolled back with the old
 * version serving its data.
 */
class EngineDemoIT {
    static final Path RELEASES = DockerTestBed.repoRoot().resolve("demo/releases");
    static final String SECRET = "pw-" + DockerTestBed.randomHex(12);

    @TempDir
    Path tmp;

    final List<Path> installs = new ArrayList<>();
    final Wiring wiring = new Wiring();
    Engine engine;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void removeInstalls() {
        installs.forEach(TestInstalls::remove);
    }

    Engine engine() {
        if (engine == null) {
            // The engine the CLI builds: its runtime, backups, paths and run lock.
            engine = wiring.engine();
        }
        return engine;
    }

    Path install(Path target) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        installs.add(target);
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release r =
                    loader.load(ReleaseSource.parse(RELEASES.resolve("1.0.0").toString()));
            var planned = engine().planInstall(
                            r,
                            target,
                            new InstallPlanner.Options(
                                    Map.of(
                                            "DB_PASSWORD",
                                            SECRET,
                                            "WEB_PORT",
                                            String.valueOf(port),
                                            "APP_TITLE",
                                            "Ledger of the IT"),
                                    "berth-it-eng-" + DockerTestBed.randomHex(4),
                                    true));
            assertThat(planned.plan().refused())
                    .as(planned.plan().checks().toString())
                    .isFalse();
            RunReport rep = engine().run(planned.plan(), e -> {}, Cancellation.none());
            assertThat(rep.status()).as(rep.message()).isEqualTo(RunStatus.SUCCEEDED);
        }
        return target;
    }

    RunReport upgrade(Path install, Path releases, String version, List<RunEvent> events) {
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release r =
                    loader.load(ReleaseSource.parse(releases.resolve(version).toString()));
            var inst = engine().inspect(install);
            var planned = engine().planUpgrade(
                            inst,
                            r,
                            Engine.catalogFor(r, loader),
                            loader,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false));
            assertThat(planned.plan().refused())
                    .as(planned.plan().checks().toString())
                    .isFalse();
            return engine().run(planned.plan(), events::add, Cancellation.none());
        }
    }

    static String http(Path install, String method, String path, String body) throws Exception {
        String port = EnvParser.parse(install.resolve(".env")).values().get("WEB_PORT");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body)) : b.GET();
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    static String psql(Path install, String sql) {
        return psql(dev.berth.engine.InstallRecord.read(install).orElseThrow().project(), sql);
    }

    /** Runs SQL in the demo's database of a compose project, as its user; the result unaligned. */
    static String psql(String project, String sql) {
        String id = TestInstalls.containerId(project, "db");
        return Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "exec",
                        id,
                        "psql",
                        "-X",
                        "-q",
                        "-A",
                        "-t",
                        "-U",
                        "demo",
                        "-d",
                        "demo",
                        "-c",
                        sql)
                .orFail()
                .stdout()
                .strip();
    }

    /**
     * The container events of a compose project while it is open, read live from {@code docker
     * events} (the engine keeps only its last 256 events for {@code --since}, too few on a busy
     * test machine).
     */
    static final class ContainerEvents implements AutoCloseable {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        ContainerEvents(String project) throws Exception {
            process = new ProcessBuilder(
                            "docker",
                            "events",
                            "--filter",
                            "type=container",
                            "--filter",
                            "label=com.docker.compose.project=" + project,
                            "--format",
                            "{{index .Actor.Attributes \"com.docker.compose.service\"}} {{.Actor.Attributes.image}}"
                                    + " {{.Action}}")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            reader =
                    Thread.ofVirtual().start(() -> process.inputReader().lines().forEach(lines::add));
            Thread.sleep(1000); // docker events needs a moment before it reports
        }

        /** The images of a service's containers for each event {@code action}, in order. */
        List<String> images(String service, String action) {
            return lines.stream()
                    .map(l -> l.split(" ", 3))
                    .filter(f -> f.length == 3 && f[0].equals(service) && f[2].equals(action))
                    .map(f -> f[1])
                    .toList();
        }

        @Override
        public void close() throws Exception {
            Thread.sleep(1000); // the last events of the run
            process.destroy();
            reader.join(Duration.ofSeconds(10));
        }
    }

    static List<String> dataFiles(Path install) throws IOException {
        try (Stream<Path> s = Files.walk(install.resolve("data"))) {
            return s.filter(Files::isRegularFile)
                    .map(p -> install.resolve("data").relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void installThenUpgradeThroughTheStopKeepsEveryRecordFileAndValue() throws Exception {
        Path dir = install(tmp.resolve("ledger-" + DockerTestBed.randomHex(3)));
        for (int i = 0; i < 25; i++) {
            http(dir, "POST", "/records", "record number " + i);
        }
        List<String> filesBefore = dataFiles(dir);
        assertThat(psql(dir, "select count(*) from records")).isEqualTo("25");
        assertThat(filesBefore).hasSize(25);

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunReport r;
        ContainerEvents docker = new ContainerEvents(
                dev.berth.engine.InstallRecord.read(dir).orElseThrow().project());
        try (docker) {
            r = upgrade(dir, RELEASES, "2.0.0", events);
        }

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(docker.images("db", "start"))
                .as("db starts once per hop, on the new release's image, before the migration: never the old"
                        + " container for the migration and a new one after it")
                .satisfiesExactly(
                        i -> assertThat(i).endsWith("berth-demo/db:1.1.0"),
                        i -> assertThat(i).endsWith("berth-demo/db:2.0.0"));
        assertThat(docker.images("db", "create")).hasSize(2);
        assertThat(docker.images("migrate", "start"))
                .as("the migrate job runs once per hop, as the migration; the final up does not run it again")
                .hasSize(2);
        assertThat(http(dir, "GET", "/version", ""))
                .contains("\"version\":\"2.0.0\"")
                .contains("Ledger of the IT");
        assertThat(psql(dir, "select count(*) from records")).isEqualTo("25");
        assertThat(psql(dir, "select count(*) from records where body_length = length(body) and category = 'general'"))
                .as("the 1.1.0 migration backfilled the rows written by 1.0.0")
                .isEqualTo("25");
        assertThat(dataFiles(dir)).isEqualTo(filesBefore);
        var env = EnvParser.parse(dir.resolve(".env")).values();
        assertThat(env)
                .containsEntry("DEMO_TITLE", "Ledger of the IT")
                .containsEntry("DB_PASSWORD", SECRET)
                .doesNotContainKey("APP_TITLE")
                .containsEntry("PAGE_SIZE", "100");
        assertThat(Files.readString(dir.resolve("config/app/settings.yaml"))).contains("version: 3");
        assertThat(InstallHistory.read(dir))
                .extracting(InstallHistory.Entry::version)
                .containsExactly("1.0.0", "1.1.0", "2.0.0");
        assertThat(events)
                .filteredOn(e -> e instanceof RunEvent.Progress p && p.unit() == RunEvent.Unit.BYTES)
                .as("the backup reports its bytes")
                .isNotEmpty();
        assertThat(events.getLast()).isInstanceOf(RunEvent.Result.class);
        assertThat(Journal.load(dir))
                .as("a finished run leaves no active journal")
                .isEmpty();
        try (Stream<Path> backups = Files.list(tmp.resolve("backups"))) {
            Path archive = backups.filter(p -> p.toString().endsWith(".berth"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve(".env"))).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);
    }

    @Test
    void aFailingMigrationRollsBackToTheOldVersionWithItsData() throws Exception {
        Path dir = install(tmp.resolve("broken-" + DockerTestBed.randomHex(3)));
        for (int i = 0; i < 10; i++) {
            http(dir, "POST", "/records", "keep me " + i);
        }
        // A 1.1.0 whose migration fails after it changed the table: the rollback must undo that too.
        Path catalog = tmp.resolve("catalog");
        copy(RELEASES.resolve("1.0.0"), catalog.resolve("1.0.0"));
        copy(RELEASES.resolve("1.1.0"), catalog.resolve("1.1.0"));
        Path sql = catalog.resolve("1.1.0/web/migrations/002-record-details.sql");
        Files.writeString(sql, Files.readString(sql) + "\nSELECT no_such_function_berth_it();\n");
        // The migration runs from the image, so the broken file must be built into it: tag a broken build.
        String compose = Files.readString(catalog.resolve("1.1.0/docker-compose.yml"))
                .replace("berth-demo/web:1.1.0", "berth-demo/web:1.1.0-broken-it");
        Files.writeString(catalog.resolve("1.1.0/docker-compose.yml"), compose);

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        RunReport r = upgrade(dir, catalog, "1.1.0", events);

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.rollbackPath()).isEqualTo("files+images+data");
        assertThat(r.message()).contains("Rolled back").contains("1.0.0 runs again");
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(psql(dir, "select count(*) from records")).isEqualTo("10");
        assertThat(psql(
                        dir,
                        "select count(*) from information_schema.columns where table_name = 'records'"
                                + " and column_name = 'body_length'"))
                .as("the half-done migration was undone")
                .isEqualTo("0");
        assertThat(EnvParser.parse(dir.resolve(".env")).values())
                .containsEntry("APP_TITLE", "Ledger of the IT")
                .doesNotContainKey("PAGE_SIZE");
        assertThat(Files.readString(dir.resolve("docker-compose.yml"))).contains("berth-demo/web:1.0.0");
        assertThat(InstallHistory.read(dir))
                .extracting(InstallHistory.Entry::version)
                .containsExactly("1.0.0");
        Commands.run(Duration.ofSeconds(30), "docker", "image", "rm", "berth-demo/web:1.1.0-broken-it");
    }

    /** A catalog of 1.0.0 and a 1.1.0 whose compose file is {@code compose.yaml}, edited by {@code edit}. */
    Path renamedCatalog(java.util.function.UnaryOperator<String> edit) throws IOException {
        Path catalog = tmp.resolve("catalog-renamed");
        copy(RELEASES.resolve("1.0.0"), catalog.resolve("1.0.0"));
        copy(RELEASES.resolve("1.1.0"), catalog.resolve("1.1.0"));
        Path old = catalog.resolve("1.1.0/docker-compose.yml");
        Files.writeString(catalog.resolve("1.1.0/compose.yaml"), edit.apply(Files.readString(old)));
        Files.delete(old);
        return catalog;
    }

    @Test
    void aReleaseThatRenamedItsComposeFileIsFollowedAndTheInstallRunsFromTheNewFile() throws Exception {
        Path dir = install(tmp.resolve("renamed-" + DockerTestBed.randomHex(3)));
        for (int i = 0; i < 5; i++) {
            http(dir, "POST", "/records", "renamed " + i);
        }

        RunReport r = upgrade(dir, renamedCatalog(s -> s), "1.1.0", new CopyOnWriteArrayList<>());

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.1.0\"");
        assertThat(psql(dir, "select count(*) from records")).isEqualTo("5");
        assertThat(dir.resolve("compose.yaml")).exists();
        assertThat(dir.resolve("docker-compose.yml")).doesNotExist();
        assertThat(engine().inspect(dir).record().composeFiles())
                .as("Berth finds the install again through its record")
                .containsExactly("compose.yaml");
        String project = dev.berth.engine.InstallRecord.read(dir).orElseThrow().project();
        assertThat(Commands.run(
                                Duration.ofSeconds(30),
                                "docker",
                                "inspect",
                                "-f",
                                "{{index .Config.Labels \"com.docker.compose.project.config_files\"}}",
                                TestInstalls.containerId(project, "web"))
                        .orFail()
                        .stdout())
                .as("compose created web from the renamed file")
                .contains("compose.yaml");
    }

    @Test
    void aFailedUpgradeToARenamedComposeFilePutsTheOldFileBack() throws Exception {
        Path dir = install(tmp.resolve("renamed-bad-" + DockerTestBed.randomHex(3)));
        http(dir, "POST", "/records", "keep me");
        Path catalog = renamedCatalog(s -> s.replace(
                "    command: [\"migrate\"]",
                "    command: [\"sh\", \"-c\", \"echo the migration breaks >&2; exit 3\"]"));

        RunReport r = upgrade(dir, catalog, "1.1.0", new CopyOnWriteArrayList<>());

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.message()).contains("exited with code 3");
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(psql(dir, "select count(*) from records")).isEqualTo("1");
        assertThat(dir.resolve("docker-compose.yml")).content().contains("berth-demo/web:1.0.0");
        assertThat(dir.resolve("compose.yaml")).doesNotExist();
        assertThat(dev.berth.engine.InstallRecord.read(dir).orElseThrow().composeFiles())
                .containsExactly("docker-compose.yml");
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
