package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class OwnHealthchecksTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T12:00:00Z");
    private static final HealthcheckSpec SPEC = new HealthcheckSpec(List.of("pg_isready"), Duration.ofSeconds(5));
    private static final long STEP = OwnHealthchecks.INTERVAL.toNanos();

    /** Answers each run with the next scripted outcome (the last one repeats); records the runs. */
    private static final class ScriptedExec implements HealthcheckExec {
        final Map<String, List<Outcome>> script = new ConcurrentHashMap<>();
        final List<String> runs = Collections.synchronizedList(new ArrayList<>());
        volatile Optional<HealthcheckSpec> spec = Optional.of(SPEC);
        volatile CountDownLatch hold = new CountDownLatch(0);
        final AtomicInteger abandonedRuns = new AtomicInteger();

        @Override
        public Optional<HealthcheckSpec> spec(String containerId) {
            return spec;
        }

        @Override
        public Outcome run(String containerId, HealthcheckSpec spec, BooleanSupplier abandoned)
                throws InterruptedException {
            runs.add(containerId);
            while (!hold.await(5, TimeUnit.MILLISECONDS)) {
                if (abandoned.getAsBoolean()) {
                    abandonedRuns.incrementAndGet();
                    return Outcome.FAILED;
                }
            }
            List<Outcome> outcomes = script.get(containerId);
            return outcomes.size() > 1 ? outcomes.removeFirst() : outcomes.getFirst();
        }
    }

    private static ServiceStatus status(String id, ContainerState state, Health health, Instant started) {
        return new ServiceStatus("db", "p_db_1", id, state, health, 0, 0, Optional.of(started), Optional.empty());
    }

    private static ServiceStatus starting(String id) {
        return status(id, ContainerState.RUNNING, Health.STARTING, STARTED);
    }

    /** Offers, then waits until the run it started (if any) has ended. */
    private static void offerAndSettle(OwnHealthchecks own, List<ServiceStatus> s, long at)
            throws InterruptedException {
        int before = own.runsStarted();
        own.offer(s, at);
        if (own.runsStarted() > before) {
            own.awaitRun(Duration.ofSeconds(5));
        }
    }

    @Test
    void aPassingRunTurnsStartingIntoHealthyBeforeTheEnginesNextCheck() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.FAILED, HealthcheckExec.Outcome.PASSED)));
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            List<ServiceStatus> now = List.of(starting("db"));
            offerAndSettle(own, now, 0);
            assertThat(own.apply(now).getFirst().health()).isEqualTo(Health.STARTING);
            offerAndSettle(own, now, STEP);
            ServiceStatus after = own.apply(now).getFirst();
            assertThat(after.health()).isEqualTo(Health.HEALTHY);
            assertThat(HealthWaiter.verdict(after, 0, STARTED)).isEqualTo(HealthWaiter.Verdict.READY);
            offerAndSettle(own, now, 2 * STEP);
            assertThat(exec.runs).as("no more runs once it passed").hasSize(2);
        }
    }

    @Test
    void runsNoMoreOftenThanTheIntervalAndOneAtATime() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.FAILED)));
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            List<ServiceStatus> now = List.of(starting("db"));
            offerAndSettle(own, now, 0);
            own.offer(now, STEP - 1);
            assertThat(own.runsStarted()).isEqualTo(1);
            exec.hold = new CountDownLatch(1);
            own.offer(now, STEP);
            own.offer(now, 10 * STEP);
            own.offer(now, 20 * STEP);
            assertThat(own.runsStarted())
                    .as("a run still in flight blocks the next")
                    .isEqualTo(2);
            exec.hold.countDown();
            own.awaitRun(Duration.ofSeconds(5));
            assertThat(own.apply(now).getFirst().health()).isEqualTo(Health.STARTING);
        }
    }

    @Test
    void theEnginesUnhealthyWinsOverAPass() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.PASSED)));
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            offerAndSettle(own, List.of(starting("db")), 0);
            ServiceStatus sick = status("db", ContainerState.RUNNING, Health.UNHEALTHY, STARTED);
            ServiceStatus applied = own.apply(List.of(sick)).getFirst();
            assertThat(applied.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(HealthWaiter.verdict(applied, 0, STARTED)).isEqualTo(HealthWaiter.Verdict.UNHEALTHY);
        }
    }

    @Test
    void aRefusedOrTimedOutRunLeavesTheContainerToTheEngine() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("noshell", new ArrayList<>(List.of(HealthcheckExec.Outcome.REFUSED)));
        exec.script.put("stuck", new ArrayList<>(List.of(HealthcheckExec.Outcome.TIMED_OUT)));
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            List<ServiceStatus> now = List.of(starting("noshell"), starting("stuck"));
            own.offer(now, 0);
            own.awaitRun(Duration.ofSeconds(5));
            own.awaitRun(Duration.ofMillis(200));
            for (int i = 1; i < 10; i++) {
                own.offer(now, i * STEP);
            }
            assertThat(exec.runs).containsExactlyInAnyOrder("noshell", "stuck");
            assertThat(own.apply(now)).extracting(ServiceStatus::health).containsOnly(Health.STARTING);
        }
    }

    @Test
    void noRunsWithoutAHealthcheckCommandOrForContainersNotStarting() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.PASSED)));
        exec.spec = Optional.empty();
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            offerAndSettle(own, List.of(starting("db")), 0);
            assertThat(exec.runs).as("no spec: nothing to run").isEmpty();
            own.offer(List.of(status("a", ContainerState.RUNNING, Health.NONE, STARTED)), STEP);
            own.offer(List.of(status("b", ContainerState.RUNNING, Health.HEALTHY, STARTED)), STEP);
            own.offer(List.of(status("c", ContainerState.RESTARTING, Health.STARTING, STARTED)), STEP);
            own.offer(List.of(status("d", ContainerState.CREATED, Health.STARTING, STARTED)), STEP);
            assertThat(own.runsStarted()).isEqualTo(1);
        }
    }

    @Test
    void aRestartedContainerIsCheckedAfresh() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.PASSED, HealthcheckExec.Outcome.FAILED)));
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            offerAndSettle(own, List.of(starting("db")), 0);
            ServiceStatus restarted = status("db", ContainerState.RUNNING, Health.STARTING, STARTED.plusSeconds(5));
            assertThat(own.apply(List.of(restarted)).getFirst().health())
                    .as("the pass was for the previous start")
                    .isEqualTo(Health.STARTING);
            offerAndSettle(own, List.of(restarted), STEP / 10);
            assertThat(exec.runs).hasSize(2);
            assertThat(own.apply(List.of(restarted)).getFirst().health()).isEqualTo(Health.STARTING);
        }
    }

    @Test
    void closingDoesNotWaitForARunInFlightButTellsItToStop() throws Exception {
        ScriptedExec exec = new ScriptedExec();
        exec.script.put("db", new ArrayList<>(List.of(HealthcheckExec.Outcome.PASSED)));
        exec.hold = new CountDownLatch(1);
        long start = System.nanoTime();
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            own.offer(List.of(starting("db")), 0);
            while (exec.runs.isEmpty()) {
                Thread.sleep(1);
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (exec.abandonedRuns.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(exec.abandonedRuns).hasValue(1);
    }
}
