package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EtaEstimatorTest {
    private final EtaEstimator eta = new EtaEstimator();

    private Optional<Duration> at(double seconds, long done, long total) {
        return eta.update(done, total, (long) (seconds * 1e9));
    }

    @Test
    void aSlowDownRaisesTheEstimateGraduallyNotAtOnce() {
        for (int s = 0; s <= 10; s++) {
            at(s, s * 100L, 10_000);
        }
        // Steady 100/s: 9 000 left → 90 s.
        assertThat(at(10, 1000, 10_000)).contains(Duration.ofSeconds(90));

        // The rate drops to 10/s for one second.
        Optional<Duration> after = at(11, 1010, 10_000);

        assertThat(after).isPresent();
        long s = after.get().toSeconds();
        assertThat(s).as("smoothed, between the old 90 s and the new 899 s").isBetween(95L, 200L);
    }

    @Test
    void progressGoingBackwardsStartsOver() {
        at(0, 0, 100);
        at(3, 60, 100);
        assertThat(at(4, 80, 100)).isPresent();

        assertThat(at(5, 10, 100)).as("new phase").isEmpty();
    }

    @Test
    void noProgressAtAllGivesNoEstimate() {
        at(0, 0, 100);
        assertThat(at(5, 0, 100)).isEmpty();
    }
}
