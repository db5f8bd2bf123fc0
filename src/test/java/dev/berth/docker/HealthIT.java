package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HealthIT {
    private static final String P = TestBed.PREFIX + "health-";

    @BeforeAll
    static void bed() {
        TestBed.require();
        TestBed.removeAll(P);
    }

    @AfterAll
    static void clean() {
        TestBed.removeAll(P);
    }

    private static String up(String name, String services) {
        Path dir = TestBed.projectDir("health-" + name);
        TestBed.write(
                dir.resolve("docker-compose.yml"),
                "version: \"2.4\"\nservices:\n" + services.formatted(TestBed.BUSYBOX));
        String project = P + name;
        TestBed.compose(dir, project, "up", "-d").orThrow();
        return project;
    }

    @Test
    void waitsForTheHealthcheckAndForSteadyServicesWithoutOne() throws Exception {
        String project = up("ok", """
                  db:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sh", "-c", "sleep 8; touch /tmp/ready; exec sleep 100000"]
                    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 1s, retries: 30}
                  app:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                  migrate:
                    image: %1$s
                    network_mode: none
                    command: ["true"]
                """);
        List<List<ServiceStatus>> updates = new CopyOnWriteArrayList<>();
        try (DockerEngine engine = DockerEngine.connect()) {
            HealthReport report = engine.awaitHealthy(project, List.of(), Duration.ofSeconds(60), updates::add);
            assertThat(report.containers())
                    .extracting(ServiceStatus::service)
                    .containsExactlyInAnyOrder("db", "app", "migrate");
            assertThat(report.containers())
                    .filteredOn(s -> s.service().equals("db"))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.health()).isEqualTo(Health.HEALTHY);
                        assertThat(s.state()).isEqualTo(ContainerState.RUNNING);
                    });
            assertThat(report.containers())
                    .filteredOn(s -> s.service().equals("migrate"))
                    .singleElement()
                    .satisfies(s -> {
                        assertThat(s.state()).isEqualTo(ContainerState.EXITED);
                        assertThat(s.exitCode()).isZero();
                    });
            assertThat(updates).anySatisfy(u -> assertThat(u).anyMatch(s -> s.health() == Health.STARTING));
        }
    }

    @Test
    void aServiceThatExitsWithAnErrorFailsAtOnceWithItsExitCodeAndLogTail() throws Exception {
        String project = up("crash", """
                  app:
                    image: %1$s
                    network_mode: none
                    command: ["sh", "-c", "echo 'FATAL: cannot open /data/db'; exit 3"]
                """);
        try (DockerEngine engine = DockerEngine.connect()) {
            long start = System.nanoTime();
            assertThatThrownBy(() ->
                            engine.awaitHealthy(project, List.of("app"), Duration.ofSeconds(60), HealthListener.none()))
                    .isInstanceOf(ServicesNotHealthyException.class)
                    .hasMessageContaining("stopped with an error")
                    .hasMessageContaining("app (" + project + "_app_1): exited (exit code 3)")
                    .hasMessageContaining("Nothing was stopped")
                    .hasMessageNotContaining("FATAL")
                    .satisfies(e -> {
                        ServicesNotHealthyException h = (ServicesNotHealthyException) e;
                        assertThat(h.reason()).isEqualTo(ServicesNotHealthyException.Reason.EXITED);
                        assertThat(h.logTails().get(project + "_app_1")).contains("FATAL: cannot open /data/db");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void aCrashLoopAndAFailingHealthcheckAreReportedWithRestartsAndHealth() throws Exception {
        String loop = up("loop", """
                  app:
                    image: %1$s
                    network_mode: none
                    restart: always
                    command: ["sh", "-c", "echo starting; sleep 0.3; exit 1"]
                """);
        String sick = up("sick", """
                  app:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
                """);
        try (DockerEngine engine = DockerEngine.connect()) {
            assertThatThrownBy(
                            () -> engine.awaitHealthy(loop, List.of(), Duration.ofSeconds(90), HealthListener.none()))
                    .isInstanceOf(ServicesNotHealthyException.class)
                    .satisfies(e -> assertThat(((ServicesNotHealthyException) e).reason())
                            .isIn(
                                    ServicesNotHealthyException.Reason.CRASH_LOOP,
                                    ServicesNotHealthyException.Reason.EXITED))
                    .hasMessageContaining("restart");
            assertThatThrownBy(
                            () -> engine.awaitHealthy(sick, List.of(), Duration.ofSeconds(60), HealthListener.none()))
                    .isInstanceOf(ServicesNotHealthyException.class)
                    .hasMessageContaining("A healthcheck of " + sick + " failed")
                    .hasMessageContaining("running (unhealthy)");
        }
    }

    @Test
    void aTimeoutNamesTheServicesStillNotReadyAndMissingOnes() throws Exception {
        String project = up("slow", """
                  app:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    healthcheck: {test: ["CMD", "test", "-f", "/never"], interval: 1s, retries: 1000}
                """);
        try (DockerEngine engine = DockerEngine.connect()) {
            assertThatThrownBy(() -> engine.awaitHealthy(
                            project, List.of("app", "ghost"), Duration.ofSeconds(3), HealthListener.none()))
                    .isInstanceOf(ServicesNotHealthyException.class)
                    .hasMessageContaining("were not ready after 3 s")
                    .hasMessageContaining("app (" + project + "_app_1): running (starting)")
                    .hasMessageContaining("ghost: no container")
                    .satisfies(e -> assertThat(((ServicesNotHealthyException) e).reason())
                            .isEqualTo(ServicesNotHealthyException.Reason.TIMEOUT));
        }
    }

    @Test
    void berthsOwnRunOfTheHealthcheckEndsTheWaitLongBeforeTheEnginesFirstCheck() throws Exception {
        String project = up("quick", """
                  shell:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 100000"]
                    healthcheck: {test: ["CMD-SHELL", "test -f /tmp/ready"], interval: 60s, timeout: 5s, retries: 3}
                  cmd:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 100000"]
                    healthcheck: {test: ["CMD", "test", "-f", "/tmp/ready"], interval: 60s, retries: 3}
                """);
        try (DockerEngine engine = DockerEngine.connect()) {
            HealthReport report =
                    engine.awaitHealthy(project, List.of(), Duration.ofSeconds(50), HealthListener.none());
            assertThat(report.waited()).isLessThan(Duration.ofSeconds(20));
            assertThat(report.containers()).extracting(ServiceStatus::health).containsOnly(Health.HEALTHY);
            for (ServiceStatus s : report.containers()) {
                // the engine's first check is 60 s after the start: the pass was Berth's
                assertThat(TestBed.run("docker", "inspect", "-f", "{{.State.Health.Status}}", s.containerId())
                                .orThrow()
                                .stdout()
                                .strip())
                        .isEqualTo("starting");
                // nothing left running in the container but its own processes
                assertThat(TestBed.run("docker", "top", s.containerId())
                                .orThrow()
                                .stdout())
                        .doesNotContain("test -f");
            }
        }
    }

    @Test
    void aFailingOrUnrunnableHealthcheckStillEndsAsTheEnginesUnhealthy() throws Exception {
        String failing = up("failing", """
                  app:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    healthcheck: {test: ["CMD-SHELL", "exit 1"], interval: 1s, retries: 2}
                """);
        String unrunnable = up("unrunnable", """
                  app:
                    image: %1$s
                    init: true
                    network_mode: none
                    command: ["sleep", "100000"]
                    healthcheck: {test: ["CMD", "/no/such/check"], interval: 1s, retries: 1}
                """);
        try (DockerEngine engine = DockerEngine.connect()) {
            for (String project : List.of(failing, unrunnable)) {
                assertThatThrownBy(() ->
                                engine.awaitHealthy(project, List.of(), Duration.ofSeconds(60), HealthListener.none()))
                        .isInstanceOf(ServicesNotHealthyException.class)
                        .hasMessageContaining("A healthcheck of " + project + " failed")
                        .hasMessageContaining("running (unhealthy)")
                        .satisfies(e -> assertThat(((ServicesNotHealthyException) e).reason())
                                .isEqualTo(ServicesNotHealthyException.Reason.UNHEALTHY));
            }
        }
    }
}
