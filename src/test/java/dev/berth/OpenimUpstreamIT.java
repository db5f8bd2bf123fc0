package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.env.EnvParser;
import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerHealth;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenIM's real upstream files (openimsdk/openim-docker v3.5.0 and v3.7.0, from the corpus) on the
 * real engine: the files installed through Berth, edited and started by the user as OpenIM's guide
 * says ({@code docker compose up -d}), then upgraded through Berth.
 *
 * <p>Every image is ONE stand-in ({@code testbed/standins/openim}) that only answers health checks:
 * there is no MongoDB, Kafka or MinIO on the offline test bed, and the OpenIM server and chat are
 * not run. So this shows that the user's values and the files under DATA_DIR survive, that the
 * images are pulled through mirrors under their upstream names, and that the profile's rules are in
 * the plan; it says nothing about OpenIM's data.
 */
class OpenimUpstreamIT {
    static final Path CORPUS = Corpus.root().resolve("openim-docker");
    static final Duration T = Duration.ofMinutes(4);

    /** The images the two releases' files name (compose defaults and .env.example values). */
    static final List<String> V350_IMAGES = List.of(
            "mariadb:10.6",
            "mongo:6.0.2",
            "redis:7.0.0",
            "bitnami/zookeeper:3.8",
            "bitnami/kafka:3.5.1",
            "minio/minio:RELEASE.2024-01-11T07-46-16Z",
            "ghcr.io/openimsdk/openim-server:release-v3.5",
            "ghcr.io/openimsdk/openim-chat:release-v1.5",
            "ghcr.io/openimsdk/openim-web:v3.5.0-docker",
            "ghcr.io/openimsdk/openim-admin:toc-base-open-docker.35",
            "prom/prometheus:v2.48.1",
            "prom/alertmanager:v0.26.0",
            "grafana/grafana:10.2.2",
            "bitnami/node-exporter:1.7.0");

    static final List<String> V370_NEW_IMAGES =
            List.of("ghcr.io/openimsdk/openim-server:v3.7.0", "ghcr.io/openimsdk/openim-chat:v1.7.0");

    /** openim-docker fixes its container names. */
    static final List<String> CONTAINER_NAMES = List.of(
            "mysql",
            "mongo",
            "redis",
            "zookeeper",
            "kafka",
            "minio",
            "openim-server",
            "openim-chat",
            "openim-web",
            "openim-admin",
            "prometheus",
            "alertmanager",
            "grafana",
            "node-exporter");

    @TempDir
    Path tmp;

    final String hex = DockerTestBed.randomHex(4);
    final String project = "berth-it-apps-im-" + hex;
    final StandIns standIns = new StandIns(DockerTestBed.REGISTRY + "/berth-it-apps-" + hex);
    Path install;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void cleanUp() {
        if (install != null) {
            compose("down", "-v", "--remove-orphans", "-t", "3");
            ContainerFiles.deleteTree(install);
        }
        standIns.removeImages(project);
    }

    dev.berth.testbed.ProcessResult compose(String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                "docker-compose",
                "--ansi",
                "never",
                "-p",
                project,
                "--project-directory",
                install.toString(),
                "-f",
                install.resolve("docker-compose.yaml").toString()));
        cmd.addAll(List.of(args));
        return Commands.run(T, cmd);
    }

    static String mirroredPath(String upstream) {
        String name = upstream.substring(0, upstream.lastIndexOf(':'));
        if (name.startsWith("ghcr.io/")) {
            return "ghcr/" + name.substring("ghcr.io/".length());
        }
        return "hub/" + (name.contains("/") ? name : "library/" + name);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void requireFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new AssertionError("openim-docker publishes port " + port
                    + " (fixed in its compose file); it is in use on 127.0.0.1. Free it and run again.");
        }
    }

    @Test
    void upgradeFromV350ToV370KeepsTheUsersValuesAndDataDirFiles() throws Exception {
        for (String name : CONTAINER_NAMES) {
            assertThat(Commands.run(T, "docker", "ps", "-a", "-q", "--filter", "name=^/" + name + "$")
                            .stdout()
                            .strip())
                    .as("openim-docker's compose file names a container %s; one exists already", name)
                    .isEmpty();
        }
        for (int p = 21400; p <= 21403; p++) {
            requireFree(p);
        }
        requireFree(9090);
        Map<String, String> mirrored = new java.util.LinkedHashMap<>();
        for (String image : V350_IMAGES) {
            mirrored.put(image, mirroredPath(image));
        }
        for (String image : V370_NEW_IMAGES) {
            mirrored.put(image, mirroredPath(image));
        }
        long p0 = System.nanoTime();
        standIns.publishAll("openim", "any-openim-image", mirrored);
        Wiring wiring = new Wiring();
        // What `--image-mirror docker.io=... --image-mirror ghcr.io=...` does.
        wiring.addImageMirrors(List.of(
                "docker.io=" + standIns.mirrorPrefix() + "/hub", "ghcr.io=" + standIns.mirrorPrefix() + "/ghcr"));
        // The engine the CLI builds: its runtime, backups, paths and run lock.
        Engine engine = wiring.engine();
        Path releases = tmp.resolve("releases");
        EngineDemoIT.copy(CORPUS.resolve("v3.5.0"), releases.resolve("openim-docker-v3.5.0"));
        EngineDemoIT.copy(CORPUS.resolve("v3.7.0-v1.7.0"), releases.resolve("openim-docker-v3.7.0"));
        install = tmp.resolve("openim-" + hex);

        long t0 = System.nanoTime();
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release old = loader.load(
                    ReleaseSource.parse(releases.resolve("openim-docker-v3.5.0").toString()));
            var planned = engine.planInstall(old, install, new InstallPlanner.Options(Map.of(), project, false));
            assertThat(planned.plan().refused())
                    .as(planned.plan().checks().toString())
                    .isFalse();
            assertThat(planned.plan().checks())
                    .anyMatch(
                            c -> c.name().equals("app") && c.message().english().startsWith("Recognised: OpenIM"));
            RunReport rep = engine.run(planned.plan(), e -> {}, Cancellation.none());
            assertThat(rep.status()).as(rep.message()).isEqualTo(RunStatus.SUCCEEDED);
        }

        // The user's edits, by hand: passwords, their own data folder, ports on 127.0.0.1 only.
        String secret = "im-" + DockerTestBed.randomHex(8);
        Path envFile = install.resolve(".env");
        var env = EnvParser.parse(envFile);
        env = env.withValue("DATA_DIR", "./openim-data/")
                .withValue("MONGO_PASSWORD", secret + "-mongo")
                .withValue("REDIS_PASSWORD", secret + "-redis")
                .withValue("MINIO_SECRET_KEY", secret + "-minio")
                .withValue("SECRET", secret + "-secret");
        String composeText = Files.readString(install.resolve("docker-compose.yaml"));
        Set<String> portVars = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Z_]*PORT)[:}-]").matcher(composeText);
        while (m.find()) {
            portVars.add(m.group(1));
        }
        StringBuilder extra = new StringBuilder("\n# My ports, all on 127.0.0.1 (see docker-compose.yaml)\n");
        for (String v : portVars) {
            if (v.equals("MYSQL_PORT")) {
                continue;
            }
            String port = String.valueOf(freePort());
            if (env.isSet(v)) {
                env = env.withValue(v, port);
            } else {
                extra.append(v).append('=').append(port).append('\n');
            }
        }
        // MySQL's service goes away in v3.7.0: its port is bound through the variable, not by editing
        // a line the release deletes (which would be a merge conflict).
        env = env.withValue("MYSQL_PORT", "127.0.0.1:" + freePort());
        Files.writeString(envFile, env.text() + extra + "BERTH_USER_SETTING=kept\n");
        String edited = composeText.replaceAll(
                "(?m)^(\\s*- )\"((?:\\$\\{[A-Z_]*PORT(?!:-13306)[^}]*\\}|\\d+(?:-\\d+)?):)", "$1\"127.0.0.1:$2");
        // v3.5.0 checks the server's health every 120 s, and compose holds back openim-chat until the
        // first check passed; this user shortened it to the 30 s that v3.7.0 ships (so both sides
        // of the merge agree on that line).
        assertThat(edited).contains("      interval: 120s\n");
        edited = edited.replace("      interval: 120s\n", "      interval: 30s\n");
        assertThat(edited).contains("\"127.0.0.1:9090:9090\"").contains("\"127.0.0.1:21400-21403:21400-21403\"");
        Files.writeString(install.resolve("docker-compose.yaml"), edited);
        compose("up", "-d").orFail();
        long started = System.nanoTime();
        for (String line : compose("ps").stdout().lines().toList()) {
            assertThat(line).doesNotContain("0.0.0.0:");
        }

        // Files the services keep under DATA_DIR (MinIO's objects, the server's config).
        Path data = install.resolve("openim-data");
        Files.createDirectories(data.resolve("components/mnt/data/openim/avatars"));
        Files.createDirectories(data.resolve("openim-server/config"));
        for (int i = 0; i < 8; i++) {
            Files.writeString(data.resolve("components/mnt/data/openim/avatars/user-" + i + ".png"), "png " + i);
        }
        Files.writeString(data.resolve("openim-server/config/my-notes.yaml"), "kept: true\n");
        Map<String, String> before = MattermostUpstreamIT.hashes(data.resolve("components/mnt"));

        Plan plan;
        RunReport report;
        StringBuilder timings = new StringBuilder();
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release target = loader.load(
                    ReleaseSource.parse(releases.resolve("openim-docker-v3.7.0").toString()));
            var r = engine.planUpgrade(
                    engine.inspect(install),
                    target,
                    Engine.catalogFor(target, loader),
                    loader,
                    new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false));
            plan = r.plan();
            assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
            report = engine.run(
                    plan,
                    e -> {
                        if (e instanceof dev.berth.engine.RunEvent.StepFinished f) {
                            timings.append(f.step())
                                    .append(' ')
                                    .append(f.time())
                                    .append('\n');
                        }
                    },
                    Cancellation.none());
        }
        long upgraded = System.nanoTime();
        assertThat(report.status()).as(report.message()).isEqualTo(RunStatus.SUCCEEDED);

        assertThat(plan.checks())
                .anyMatch(c -> c.name().equals("app") && c.message().english().startsWith("Recognised: OpenIM"))
                .anyMatch(c ->
                        c.name().equals("version") && c.message().english().equals("Version path: v3.5.0 → v3.7.0"));
        assertThat(MattermostUpstreamIT.pulls(plan)).containsExactlyInAnyOrder(V370_NEW_IMAGES.toArray(String[]::new));
        assertThat(MattermostUpstreamIT.step(plan, "verify", PlanStep.Verify.class)
                        .probes())
                .contains(new PlanStep.HealthProbe.ServiceHealthy("openim-server"));

        var after = EnvParser.parse(envFile).values();
        assertThat(after)
                .containsEntry("DATA_DIR", "./openim-data/")
                .containsEntry("MONGO_PASSWORD", secret + "-mongo")
                .containsEntry("REDIS_PASSWORD", secret + "-redis")
                .containsEntry("MINIO_SECRET_KEY", secret + "-minio")
                .containsEntry("SECRET", secret + "-secret")
                .containsEntry("BERTH_USER_SETTING", "kept")
                .as("the MongoDB user's password the database was created with (the template's default changed)")
                .containsEntry("MONGO_OPENIM_PASSWORD", "openIM123456")
                .as("the release's image versions")
                .containsEntry("SERVER_IMAGE_VERSION", "v3.7.0")
                .containsEntry("CHAT_IMAGE_VERSION", "v1.7.0");
        assertThat(Files.readString(envFile)).doesNotContain(DockerTestBed.REGISTRY);
        String composeAfter = Files.readString(install.resolve("docker-compose.yaml"));
        assertThat(composeAfter)
                .as("the user's 127.0.0.1 bindings are merged into v3.7.0's compose file")
                .contains("\"127.0.0.1:9090:9090\"")
                .contains("\"127.0.0.1:21400-21403:21400-21403\"")
                .doesNotContain("mariadb")
                .contains("check-all.sh");
        for (String line : compose("ps").stdout().lines().toList()) {
            assertThat(line).doesNotContain("0.0.0.0:");
        }
        assertThat(DockerHealth.settled(() -> Commands.run(
                                T,
                                "docker",
                                "inspect",
                                "--format",
                                "{{.Config.Image}} {{.State.Health.Status}}",
                                "openim-server")
                        .orFail()
                        .stdout()
                        .strip()))
                .isEqualTo("ghcr.io/openimsdk/openim-server:v3.7.0 healthy");
        assertThat(MattermostUpstreamIT.hashes(data.resolve("components/mnt"))).isEqualTo(before);
        assertThat(data.resolve("openim-server/config/my-notes.yaml")).hasContent("kept: true");
        assertThat(InstallHistory.read(install))
                .extracting(InstallHistory.Entry::version)
                .containsExactly("v3.5.0", "v3.7.0");
        assertThat(plan.toString()).doesNotContain(secret);
        System.out.printf(
                "OpenimUpstreamIT: stand-ins %.1f s, install + user's start %.1f s, upgrade plan + run %.1f s%n%s",
                (t0 - p0) / 1e9, (started - t0) / 1e9, (upgraded - started) / 1e9, timings);
    }
}
