package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.Text;
import dev.berth.gui.common.ProgressModel.StepState;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProgressModelTest {
    private long now;
    private final ProgressModel model = new ProgressModel(() -> now, 100);

    private void at(double seconds) {
        now = (long) (seconds * 1e9);
    }

    @Test
    void totalZeroIsIndeterminate() {
        model.start(Stream.of("Back up", "Pull", "Restart").map(Text::plain).toList());
        model.progress(0, 0);

        assertThat(model.fraction().get()).isEqualTo(-1);
        assertThat(model.etaProperty().get()).isEmpty();
    }

    @Test
    void fractionIsDoneOverTotalAndNeverPastOne() {
        model.progress(1, 3);
        assertThat(model.fraction().get()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        model.progress(7, 7);
        assertThat(model.fraction().get()).isEqualTo(1.0);
        model.progress(9, 7);
        assertThat(model.fraction().get()).isEqualTo(1.0);
    }

    @Test
    void progressIsCarriedAsLongsBeyondIntRange() {
        long big = 5L * 1024 * 1024 * 1024 * 1024;
        model.progress(big / 2, big);

        assertThat(model.doneProperty().get()).isEqualTo(big / 2);
        assertThat(model.totalProperty().get()).isEqualTo(big);
        assertThat(model.fraction().get()).isEqualTo(0.5);
    }

    @Test
    void negativeProgressIsABug() {
        assertThatThrownBy(() -> model.progress(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void etaAtASteadyRateIsTheRemainingWorkOverTheRate() {
        // 10 units per second, sampled every half second.
        for (int i = 0; i <= 8; i++) {
            at(i * 0.5);
            model.progress(i * 5L, 1000);
        }
        // 40 done at 4 s, 960 left at 10/s.
        assertThat(model.etaProperty().get()).contains(Duration.ofSeconds(96));
    }

    @Test
    void noEstimateDuringTheFirstTwoSeconds() {
        at(0);
        model.progress(0, 100);
        at(1.5);
        model.progress(50, 100);

        assertThat(model.etaProperty().get()).isEmpty();
    }

    @Test
    void finishedMeansNothingLeft() {
        at(0);
        model.progress(0, 10);
        at(1);
        model.progress(10, 10);

        assertThat(model.etaProperty().get()).contains(Duration.ZERO);
    }

    @Test
    void stepStatesAreCountedWhenNoLongerPendingOrRunning() {
        model.start(Stream.of("Back up", "Pull", "Restart").map(Text::plain).toList());
        model.stepState(0, StepState.DONE);
        model.stepState(1, StepState.RUNNING);
        assertThat(model.finishedSteps().get()).isEqualTo(1);

        model.stepState(1, StepState.FAILED);
        model.stepState(0, StepState.UNDONE);
        assertThat(model.finishedSteps().get()).isEqualTo(2);
        assertThat(model.steps())
                .extracting(ProgressModel.Step::state)
                .containsExactly(StepState.UNDONE, StepState.FAILED, StepState.PENDING);
    }

    @Test
    void startingANewRunClearsTheOldOne() {
        model.start(Stream.of("A").map(Text::plain).toList());
        model.progress(5, 10);
        model.log().append("old");

        model.start(Stream.of("B", "C").map(Text::plain).toList());

        assertThat(model.doneProperty().get()).isZero();
        assertThat(model.totalProperty().get()).isZero();
        assertThat(model.log().lines()).isEmpty();
        assertThat(model.steps()).hasSize(2);
        assertThat(model.etaProperty().get()).isEqualTo(Optional.empty());
    }
}
