package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthcheckSpecTest {
    @Test
    void cmdRunsAsIsAndCmdShellThroughTheShell() {
        assertThat(HealthcheckSpec.of(List.of("CMD", "perl", "/app/healthcheck.pl"), 5_000_000_000L, null))
                .contains(new HealthcheckSpec(List.of("perl", "/app/healthcheck.pl"), Duration.ofSeconds(5)));
        assertThat(HealthcheckSpec.of(List.of("CMD-SHELL", "pg_isready -U \"$POSTGRES_USER\""), 0L, null))
                .contains(new HealthcheckSpec(
                        List.of("/bin/sh", "-c", "pg_isready -U \"$POSTGRES_USER\""), HealthcheckSpec.DEFAULT_TIMEOUT));
        assertThat(HealthcheckSpec.of(List.of("CMD-SHELL", "true"), null, List.of("/bin/bash", "-ec")))
                .contains(new HealthcheckSpec(List.of("/bin/bash", "-ec", "true"), Duration.ofSeconds(30)));
    }

    @Test
    void noneEmptyAndUnknownFormsHaveNothingToRun() {
        assertThat(HealthcheckSpec.of(List.of("NONE"), null, null)).isEmpty();
        assertThat(HealthcheckSpec.of(List.of(), null, null)).isEmpty();
        assertThat(HealthcheckSpec.of(null, null, null)).isEmpty();
        assertThat(HealthcheckSpec.of(List.of("CMD"), null, null)).isEmpty();
        assertThat(HealthcheckSpec.of(List.of("CMD-SHELL"), null, null)).isEmpty();
        assertThat(HealthcheckSpec.of(List.of("EXEC", "x"), null, null)).isEmpty();
    }
}
