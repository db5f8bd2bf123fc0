package dev.berth.docker.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.TestBed;
import dev.berth.docker.compose.ComposeSubcommand.Dependencies;
import dev.berth.docker.compose.ComposeSubcommand.Volumes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComposeCliIT {
    private static final String P = TestBed.PREFIX + "compose-";
    private static final String PROJECT = P + "life";
    private static final String REGISTRY_IMAGE = "127.0.0.1:5000/berth-it-docker/busybox:1";
    private static final Duration T = Duration.ofMinutes(2);
    private static Path dir;
    private static ComposeCli cli;
    private static ComposeTarget project;

    @BeforeAll
    static void bed() throws Exception {
        TestBed.require();
        TestBed.removeAll(P);
        TestBed.run("docker", "tag", TestBed.BUSYBOX, REGISTRY_IMAGE).orThrow();
        TestBed.run("docker", "push", REGISTRY_IMAGE).orThrow();
        dir = TestBed.projectDir("compose");
        TestBed.write(dir.resolve("compose/app.yml"), """
                version: "2.4"
                services:
                  web:
                    image: ${WEB_IMAGE}
                    init: true
                    network_mode: none
                    command: ["sh", "-c", "echo web started; exec sleep 100000"]
                    volumes: ["state:/state"]
                  tool:
                    build: ./tool
                    image: berth-it-docker/compose-tool:1
                    network_mode: none
                    profiles: ["tools"]
                    command: ["echo", "tool ran"]
                volumes:
                  state: {}
                """);
        TestBed.write(dir.resolve("tool/Dockerfile"), "FROM " + TestBed.BUSYBOX + "\nRUN echo built > /built\n");
        TestBed.write(dir.resolve("settings/custom.env"), "WEB_IMAGE=" + REGISTRY_IMAGE + "\n");
        cli = ComposeCli.detect(ComposeChoice.AUTO, Map.of());
        project = new ComposeTarget(
                PROJECT,
                List.of(dir.resolve("compose/app.yml")),
                dir,
                Optional.of(dir.resolve("settings/custom.env")),
                List.of("tools"));
    }

    @AfterAll
    static void clean() {
        TestBed.removeAll(P);
        TestBed.run("docker", "rmi", "berth-it-docker/compose-tool:1");
    }

    @Test
    void detectsTheInstalledComposeAndItsVersion() throws Exception {
        String v1 = TestBed.run("docker-compose", "version", "--short")
                .orThrow()
                .stdout()
                .strip();
        boolean v2Plugin = TestBed.run("docker", "compose", "version").exitCode() == 0;
        if (v2Plugin) {
            assertThat(cli.tool().generation()).isEqualTo(ComposeGeneration.V2);
            assertThat(cli.tool().command()).containsExactly("docker", "compose");
        } else {
            assertThat(cli.tool()).isEqualTo(new ComposeTool(ComposeGeneration.V1, List.of("docker-compose"), v1));
            assertThatThrownBy(() -> ComposeCli.detect(ComposeChoice.V2, Map.of()))
                    .isInstanceOf(ComposeException.class)
                    .hasMessageContaining("No usable Docker Compose V2 found")
                    .hasMessageContaining("docker compose: not available")
                    .satisfies(e ->
                            assertThat(((ComposeException) e).failure()).isEqualTo(ComposeException.Failure.NOT_FOUND));
        }
        assertThat(ComposeCli.detect(ComposeChoice.V1, Map.of()).tool().version())
                .isEqualTo(v1);
    }

    @Test
    void runsTheLifecycleCommandsWithFilesEnvFileProjectDirectoryAndProfiles() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        ComposeOutputListener log = (channel, line) -> lines.add(channel + " " + line);

        cli.run(project, new ComposeSubcommand.Validate(), log, T);
        cli.run(project, new ComposeSubcommand.Pull(List.of("web")), log, T);
        cli.run(project, new ComposeSubcommand.Build(List.of("tool")), log, T);
        cli.run(project, new ComposeSubcommand.Up(Dependencies.START, List.of("web")), log, T);
        assertThat(lines).anyMatch(l -> l.startsWith("STDERR ") && l.contains("Creating " + PROJECT));

        ComposeResult ids = cli.run(project, new ComposeSubcommand.Ps(ComposeSubcommand.PsOutput.IDS), log, T);
        assertThat(ids.stdout()).hasSize(1).allMatch(id -> id.matches("[0-9a-f]{64}"));

        ComposeResult exec =
                cli.run(project, new ComposeSubcommand.Exec("web", List.of("cat", "/proc/1/cmdline")), log, T);
        assertThat(String.join("", exec.stdout())).contains("init");
        ComposeResult run = cli.run(
                project, new ComposeSubcommand.Run("tool", Dependencies.SKIP, List.of("cat", "/built")), log, T);
        assertThat(run.stdout()).contains("built");

        ComposeResult logs = cli.run(project, new ComposeSubcommand.Logs(5, List.of("web")), log, T);
        assertThat(String.join("\n", logs.stdout())).contains("web started");

        cli.run(project, new ComposeSubcommand.Stop(1, List.of()), log, T);
        assertThat(state()).isEqualTo("exited");
        cli.run(project, new ComposeSubcommand.Start(List.of()), log, T);
        assertThat(state()).isEqualTo("running");

        cli.run(project, new ComposeSubcommand.Down(Volumes.KEEP), log, T);
        assertThat(TestBed.run("docker", "volume", "ls", "-q").stdout())
                .as("down keeps the data")
                .contains(PROJECT + "_state");
        cli.run(project, new ComposeSubcommand.Down(Volumes.REMOVE), log, T);
        assertThat(TestBed.run("docker", "volume", "ls", "-q").stdout()).doesNotContain(PROJECT + "_state");
    }

    /**
     * Killing compose during {@code run} leaves its one-off container running: these tests use
     * their own project so that it does not show up in the lifecycle test's {@code ps}.
     */
    private static ComposeTarget oneOffs() {
        return new ComposeTarget(
                P + "oneoff", project.files(), project.directory(), project.envFile(), project.profiles());
    }

    private static String state() {
        return TestBed.run("docker", "inspect", "-f", "{{.State.Status}}", PROJECT + "_web_1")
                .stdout()
                .strip();
    }

    @Test
    void aFailingCommandReportsItsExitCodeAndLastMessages() throws Exception {
        ComposeTarget broken = ComposeTarget.of(P + "broken", TestBed.projectDir("compose-broken"));
        TestBed.write(broken.directory().resolve("docker-compose.yml"), "services:\n  x:\n    imagee: nope\n");
        assertThatThrownBy(() -> cli.run(broken, new ComposeSubcommand.Validate(), ComposeOutputListener.none(), T))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("config -q' failed (exit code 1)")
                .hasMessageContaining("imagee")
                .satisfies(e ->
                        assertThat(((ComposeException) e).failure()).isEqualTo(ComposeException.Failure.EXIT_CODE));
    }

    @Test
    void v1sUsageTextWithExitCodeZeroIsAFailure() throws Exception {
        if (cli.tool().generation() != ComposeGeneration.V1) {
            return; // v2 rejects unknown flags with a non-zero exit code itself
        }
        ComposeSubcommand up = new ComposeSubcommand.Up(Dependencies.START, List.of());
        ComposeRun run = cli.start(
                up, cli.commandLine(project, List.of("up", "-d", "--wait")), project, ComposeOutputListener.none());
        assertThatThrownBy(() -> run.await(T))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("printed its usage text instead of running")
                .satisfies(e -> {
                    ComposeException c = (ComposeException) e;
                    assertThat(c.failure()).isEqualTo(ComposeException.Failure.USAGE);
                    assertThat(c.result().orElseThrow().exitCode()).isZero();
                });
    }

    @Test
    void aTimeoutStopsTheWholeProcessTree() throws Exception {
        java.util.Set<Long> before = descendants();
        ComposeRun run = cli.start(
                oneOffs(),
                new ComposeSubcommand.Run("tool", Dependencies.SKIP, List.of("sleep", "600")),
                ComposeOutputListener.none());
        Thread.sleep(1000);
        java.util.Set<Long> tree = descendants();
        tree.removeAll(before);
        assertThat(tree).as("compose and its children").isNotEmpty();
        assertThatThrownBy(() -> run.await(Duration.ofSeconds(4)))
                .isInstanceOf(ComposeException.class)
                .hasMessageContaining("did not finish within 4 s and was stopped")
                .satisfies(
                        e -> assertThat(((ComposeException) e).failure()).isEqualTo(ComposeException.Failure.TIMEOUT));
        assertThat(tree)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                        .isNotEqualTo(Optional.of(true)));
    }

    private static java.util.Set<Long> descendants() {
        return new java.util.HashSet<>(
                ProcessHandle.current().descendants().map(ProcessHandle::pid).toList());
    }

    @Test
    void cancellingFromAnotherThreadOrInterruptingStopsTheCall() throws Exception {
        ComposeRun run = cli.start(
                oneOffs(),
                new ComposeSubcommand.Run("tool", Dependencies.SKIP, List.of("sleep", "600")),
                ComposeOutputListener.none());
        Thread.ofPlatform().start(() -> {
            sleep(1500);
            run.cancel();
        });
        assertThatThrownBy(() -> run.await(T))
                .isInstanceOf(ComposeException.class)
                .satisfies(e ->
                        assertThat(((ComposeException) e).failure()).isEqualTo(ComposeException.Failure.CANCELLED));
        assertThat(run.isAlive()).isFalse();

        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<ComposeRun> started = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                ComposeRun r = cli.start(
                        oneOffs(),
                        new ComposeSubcommand.Run("tool", Dependencies.SKIP, List.of("sleep", "600")),
                        ComposeOutputListener.none());
                started.set(r);
                r.await(T);
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        sleep(1500);
        worker.interrupt();
        worker.join(20_000);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(started.get().isAlive()).isFalse();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
