package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthWaiterTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static ServiceStatus status(ContainerState state, Health health, int exit, int restarts, Instant started) {
        return new ServiceStatus(
                "s", "p_s_1", "id", state, health, exit, restarts, Optional.of(started), Optional.empty());
    }

    @Test
    void aHealthcheckDecides() {
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.HEALTHY, 0, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.READY);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.STARTING, 0, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.WAITING);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.UNHEALTHY, 0, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.UNHEALTHY);
    }

    @Test
    void withoutHealthcheckARunningServiceMustStaySteadyWithoutRestarts() {
        Instant justStarted = NOW.minusMillis(500);
        Instant longAgo = NOW.minusSeconds(10);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.NONE, 0, 0, justStarted), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.WAITING);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.NONE, 0, 0, longAgo), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.READY);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.NONE, 0, 1, longAgo), 0, NOW))
                .as("restarted during the wait")
                .isEqualTo(HealthWaiter.Verdict.WAITING);
        assertThat(HealthWaiter.verdict(status(ContainerState.RUNNING, Health.NONE, 0, 5, longAgo), 5, NOW))
                .as("restarts from before the wait do not count")
                .isEqualTo(HealthWaiter.Verdict.READY);
        assertThat(HealthWaiter.verdict(status(ContainerState.RESTARTING, Health.NONE, 1, 3, longAgo), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.CRASH_LOOP);
    }

    @Test
    void oneShotJobsAreReadyWhenTheyExitZero() {
        assertThat(HealthWaiter.verdict(status(ContainerState.EXITED, Health.NONE, 0, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.READY);
        assertThat(HealthWaiter.verdict(status(ContainerState.EXITED, Health.NONE, 2, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.EXITED);
        assertThat(HealthWaiter.verdict(status(ContainerState.DEAD, Health.NONE, 0, 0, NOW), 0, NOW))
                .isEqualTo(HealthWaiter.Verdict.EXITED);
    }

    @Test
    void describesStateForMessages() {
        assertThat(status(ContainerState.EXITED, Health.NONE, 3, 2, NOW).describe())
                .isEqualTo("exited (exit code 3), 2 restarts");
        assertThat(status(ContainerState.RUNNING, Health.STARTING, 0, 0, NOW).describe())
                .isEqualTo("running (starting)");
    }
}
