package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.env.EnvParser;
import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.InstallRecord;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mattermost's real upstream files (mattermost/docker at 2023-10-10, Mattermost 7.8, and at
 * 2025-04-10, Mattermost 10.5.2, from the corpus), installed and upgraded through Berth on the real
 * engine. PostgreSQL is the test bed's real postgres:15; the Mattermost image is a stand-in
 * ({@code testbed/standins/mattermost}) that only answers the image's health check and logs
 * Mattermost's "listening" line. The stand-ins are pulled through an image mirror (what {@code
 * --image-mirror} sets up) from the local registry; the install's files keep the upstream names.
 */
class MattermostUpstreamIT {
    static final Path CORPUS = Corpus.root().resolve("mattermost-docker");
    static final String SECRET = "mm-" + DockerTestBed.randomHex(10);

    @TempDir
    Path tmp;

    final String hex = DockerTestBed.randomHex(4);
    final String project = "berth-it-apps-mm-" + hex;
    final StandIns standIns = new StandIns(DockerTestBed.REGISTRY + "/berth-it-apps-" + hex);
    Path install;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void cleanUp() {
        if (install != null) {
            Commands.run(
                    Duration.ofMinutes(2),
                    "docker-compose",
                    "--ansi",
                    "never",
                    "-p",
                    project,
                    "--project-directory",
                    install.toString(),
                    "-f",
                    install.resolve("docker-compose.yml").toString(),
                    "down",
                    "-v",
                    "--remove-orphans",
                    "-t",
                    "5");
            ContainerFiles.deleteTree(install);
        }
        standIns.removeImages(project);
    }

    /** A catalog folder with the two upstream snapshots, named by the Mattermost version they ship. */
    Path catalog() throws IOException {
        Path c = tmp.resolve("releases");
        EngineDemoIT.copy(CORPUS.resolve("2023-10-10_26fb013"), c.resolve("mattermost-docker-7.8"));
        EngineDemoIT.copy(CORPUS.resolve("2025-04-10_2308dca"), c.resolve("mattermost-docker-10.5.2"));
        return c;
    }

    @Test
    void upgradeFrom78To1052KeepsValuesFilesAndRowsAndFollowsTheProfile() throws Exception {
        standIns.publish(
                "mattermost", "7.8", "mattermost/mattermost-team-edition:7.8", "mattermost/mattermost-team-edition");
        standIns.publish(
                "mattermost",
                "10.5.2",
                "mattermost/mattermost-team-edition:10.5.2",
                "mattermost/mattermost-team-edition");
        Wiring wiring = new Wiring();
        // What `berth install|upgrade --image-mirror mattermost=<registry>/mattermost` does.
        wiring.addImageMirrors(List.of("mattermost=" + standIns.mirrorPrefix() + "/mattermost"));
        // The engine the CLI builds: its runtime, backups, paths and run lock.
        Engine engine = wiring.engine();
        Path releases = catalog();
        install = tmp.resolve("mattermost-" + hex);

        long t0 = System.nanoTime();
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release old = loader.load(ReleaseSource.parse(
                    releases.resolve("mattermost-docker-7.8").toString()));
            assertThat(old.version().raw()).isEqualTo("7.8");
            var planned = engine.planInstall(
                    old,
                    install,
                    new InstallPlanner.Options(
                            Map.of(
                                    // The user's choices: the test bed's PostgreSQL, the team edition,
                                    // their own domain, time zone, password and data folder.
                                    "POSTGRES_IMAGE_TAG", "15",
                                    "MATTERMOST_IMAGE", "mattermost-team-edition",
                                    "DOMAIN", "chat.berth-it.example",
                                    "TZ", "Europe/Paris",
                                    "POSTGRES_PASSWORD", SECRET,
                                    "MATTERMOST_DATA_PATH", "./files/mattermost-data"),
                            project,
                            true));
            assertThat(planned.plan().refused())
                    .as(planned.plan().checks().toString())
                    .isFalse();
            assertThat(pulls(planned.plan())).contains("mattermost/mattermost-team-edition:7.8");
            RunReport rep = engine.run(planned.plan(), e -> {}, Cancellation.none());
            assertThat(rep.status()).as(rep.message()).isEqualTo(RunStatus.SUCCEEDED);
        }
        long installed = System.nanoTime();

        // The user works with 7.8: rows in the database, files in the data folder.
        psql("CREATE TABLE posts (id serial PRIMARY KEY, message text NOT NULL)");
        psql("INSERT INTO posts (message) SELECT 'post number ' || g FROM generate_series(1, 40) g");
        Path data = install.resolve("files/mattermost-data");
        Files.createDirectories(data.resolve("teams/berth/channels"));
        for (int i = 0; i < 12; i++) {
            Files.writeString(data.resolve("teams/berth/channels/upload-" + i + ".txt"), "attachment " + i + "\n");
        }
        Map<String, String> filesBefore = hashes(data);
        assertThat(imageOf("mattermost")).isEqualTo("mattermost/mattermost-team-edition:7.8");
        assertThat(ping()).contains("\"version\":\"7.8\"");
        assertThat(Files.readString(install.resolve(".env")))
                .as("the install's files keep the upstream names, not the mirror's")
                .doesNotContain(DockerTestBed.REGISTRY);

        List<RunEvent> events = new CopyOnWriteArrayList<>();
        Plan plan;
        RunReport report;
        long planned;
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release target = loader.load(ReleaseSource.parse(
                    releases.resolve("mattermost-docker-10.5.2").toString()));
            var r = engine.planUpgrade(
                    engine.inspect(install),
                    target,
                    Engine.catalogFor(target, loader),
                    loader,
                    new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false));
            plan = r.plan();
            assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
            planned = System.nanoTime();
            report = engine.run(plan, events::add, Cancellation.none());
        }
        long upgraded = System.nanoTime();
        assertThat(report.status()).as(report.message()).isEqualTo(RunStatus.SUCCEEDED);

        // The profile's rules are in the plan (seeds/003:33): recognised, app stopped before the
        // database, the database with 60 s grace, the database started first, the version path.
        assertThat(plan.checks())
                .anyMatch(c -> c.name().equals("app") && c.message().english().startsWith("Recognised: Mattermost"))
                .anyMatch(
                        c -> c.name().equals("version") && c.message().english().equals("Version path: 7.8 → 10.5.2"));
        assertThat(plan.warnings())
                .as("seeds/003:33, shown before the upgrade starts")
                .anyMatch(w -> w.english().startsWith("Mattermost: Mattermost is down while it upgrades"));
        // seeds/003:33-37: what to check and who to tell comes with the result, just before it.
        List<String> advice = events.stream()
                .filter(e -> e instanceof RunEvent.Advice)
                .map(e -> ((RunEvent.Advice) e).message())
                .toList();
        assertThat(advice)
                .anyMatch(a -> a.startsWith("Mattermost: Open Mattermost and check the server version"))
                .noneMatch(a -> a.contains("REINDEX"));
        assertThat(events.get(events.size() - 2)).isInstanceOf(RunEvent.Advice.class);
        List<String> ids = plan.steps().stream().map(PlanStep::id).toList();
        assertThat(ids)
                .containsSubsequence(
                        "pull",
                        "pin",
                        "backup-hot",
                        "stop-app",
                        "backup-final",
                        "stop-data",
                        "apply",
                        "start-first",
                        "start",
                        "verify",
                        "record");
        assertThat(step(plan, "stop-app", PlanStep.StopServices.class).services())
                .containsExactly("mattermost");
        PlanStep.StopServices stopData = step(plan, "stop-data", PlanStep.StopServices.class);
        assertThat(stopData.services()).containsExactly("postgres");
        assertThat(stopData.graceSeconds()).isEqualTo(60);
        assertThat(step(plan, "start-first", PlanStep.StartServices.class).services())
                .containsExactly("postgres");
        assertThat(step(plan, "backup-final", PlanStep.Backup.class).databases())
                .extracting(PlanStep.DatabaseDump::service)
                .containsExactly("postgres");
        assertThat(step(plan, "verify", PlanStep.Verify.class).probes())
                .contains(new PlanStep.HealthProbe.Log(
                        "mattermost", "Server is listening on", "\"level\":\"fatal\"|panic:"));
        assertThat(pulls(plan)).containsExactly("mattermost/mattermost-team-edition:10.5.2");

        // The new version runs, pulled through the mirror, under its upstream name.
        assertThat(imageOf("mattermost")).isEqualTo("mattermost/mattermost-team-edition:10.5.2");
        assertThat(ping()).contains("\"version\":\"10.5.2\"");
        assertThat(Commands.run(
                                Duration.ofSeconds(30),
                                "docker",
                                "image",
                                "inspect",
                                "--format",
                                "{{json .RepoTags}}",
                                "mattermost/mattermost-team-edition:10.5.2")
                        .orFail()
                        .stdout())
                .contains(standIns.mirrorPrefix() + "/mattermost/mattermost-team-edition:10.5.2");

        // The user's values survive; the image tag follows the release.
        var env = EnvParser.parse(install.resolve(".env")).values();
        assertThat(env)
                .containsEntry("MATTERMOST_IMAGE_TAG", "10.5.2")
                .containsEntry("POSTGRES_IMAGE_TAG", "15")
                .containsEntry("MATTERMOST_IMAGE", "mattermost-team-edition")
                .containsEntry("DOMAIN", "chat.berth-it.example")
                .containsEntry("TZ", "Europe/Paris")
                .containsEntry("POSTGRES_PASSWORD", SECRET)
                .containsEntry("MATTERMOST_DATA_PATH", "./files/mattermost-data");
        assertThat(Files.readString(install.resolve(".env"))).doesNotContain(DockerTestBed.REGISTRY);
        assertThat(Files.readString(install.resolve("docker-compose.yml")))
                .as("the 2025 compose file (no version: key)")
                .doesNotContain("version: \"2.4\"")
                .contains("mattermost/${MATTERMOST_IMAGE}:${MATTERMOST_IMAGE_TAG}");
        // Rows and files survive; 10.5.2 found the config 7.8 wrote.
        assertThat(psql("SELECT count(*) FROM posts")).isEqualTo("40");
        assertThat(psql("SELECT message FROM posts WHERE id = 40")).isEqualTo("post number 40");
        assertThat(hashes(data)).isEqualTo(filesBefore);
        assertThat(Files.readString(install.resolve("volumes/app/mattermost/config/config.json")))
                .contains("\"FirstStartedBy\":\"7.8\"")
                .contains("https://chat.berth-it.example");
        assertThat(Files.readAllLines(install.resolve("volumes/app/mattermost/logs/standin-starts.log")))
                .containsExactly("7.8", "10.5.2");
        assertThat(InstallHistory.read(install))
                .extracting(InstallHistory.Entry::version)
                .containsExactly("7.8", "10.5.2");
        try (Stream<Path> s = Files.list(tmp.resolve("backups"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".berth"))).hasSize(1);
        }
        assertThat(plan.toString()).as("no secret in the plan").doesNotContain(SECRET);
        System.out.printf(
                "MattermostUpstreamIT: install %.1f s, plan %.1f s, upgrade run %.1f s%n",
                (installed - t0) / 1e9, (planned - installed) / 1e9, (upgraded - planned) / 1e9);
    }

    static List<String> pulls(Plan p) {
        return p.steps().stream()
                .filter(s -> s instanceof PlanStep.PullImages)
                .flatMap(s -> ((PlanStep.PullImages) s).images().stream())
                .toList();
    }

    static <T extends PlanStep> T step(Plan p, String id, Class<T> type) {
        return type.cast(p.steps().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + id + " in "
                        + p.steps().stream().map(PlanStep::id).toList())));
    }

    String container(String service) {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project="
                                + InstallRecord.read(install).orElseThrow().project(),
                        "--filter",
                        "label=com.docker.compose.service=" + service)
                .orFail()
                .stdout()
                .strip();
    }

    String imageOf(String service) {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "inspect",
                        "--format",
                        "{{.Config.Image}}",
                        container(service))
                .orFail()
                .stdout()
                .strip();
    }

    /** The stand-in's answer to Mattermost's health check URL, asked inside its container (no port is published). */
    String ping() {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "exec",
                        container("mattermost"),
                        "wget",
                        "-q",
                        "-O",
                        "-",
                        "http://127.0.0.1:8065/api/v4/system/ping")
                .orFail()
                .stdout();
    }

    String psql(String sql) {
        return Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "exec",
                        container("postgres"),
                        "psql",
                        "-X",
                        "-q",
                        "-A",
                        "-t",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-U",
                        "mmuser",
                        "-d",
                        "mattermost",
                        "-c",
                        sql)
                .orFail()
                .stdout()
                .strip();
    }

    static Map<String, String> hashes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), dev.berth.engine.FileHashes.sha256(p));
            }
        }
        return out;
    }
}
