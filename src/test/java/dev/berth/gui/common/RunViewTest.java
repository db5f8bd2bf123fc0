package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.gui.FxWait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The run page in a headless window, fed by a scripted run on a worker thread. */
@ExtendWith(ApplicationExtension.class)
class RunViewTest {
    static final Instant T = Instant.now();

    RunViewModel vm;
    final RunTracker tracker = new RunTracker();

    @Start
    void start(Stage stage) {
        vm = new RunViewModel(FxBridge.platform(), tracker);
        Label result = new Label("after the run");
        stage.setScene(
                new Scene(new RunView(vm, Messages.forLocale(Locale.ENGLISH), "Upgrading demo", result), 1000, 700));
        stage.show();
    }

    @Test
    void cancelAsksTheRunToStopAndTheOutcomeShowsWhenItHas(FxRobot robot) throws Exception {
        robot.interact(() -> vm.start(RunViewModelTest.STEPS, (listener, cancellation) -> {
            listener.onEvent(new RunEvent.StepStarted("pull", "Pull 2 new image(s)", T));
            listener.onEvent(new RunEvent.Progress("pull", 12, 40, RunEvent.Unit.BYTES, "web:2.0.0", T));
            while (!cancellation.isCancelled()) {
                Thread.onSpinWait();
            }
            listener.onEvent(new RunEvent.StepFinished("pull", RunEvent.Outcome.CANCELLED, "Cancelled", T));
            listener.onEvent(new RunEvent.Result(
                    "", RunStatus.ROLLED_BACK, "Cancelled. Nothing was changed; 1.0.0 still runs.", T));
            return new RunReport(
                    "r",
                    RunStatus.ROLLED_BACK,
                    "Cancelled. Nothing was changed; 1.0.0 still runs.",
                    List.of(),
                    "none",
                    Duration.ZERO,
                    List.of());
        }));
        FxWait.shown(robot, "#run-items");
        assertThat(robot.lookup("#run-steps").queryAs(VBox.class).getChildren()).hasSize(4);
        assertThat(robot.lookup("#run-current").queryAs(Label.class).getText()).isEqualTo("Pull 2 new image(s)");
        assertThat(robot.lookup("#run-result").tryQuery()).isEmpty();

        robot.clickOn("#run-cancel");

        FxWait.shown(robot, "#run-result");
        assertThat(robot.lookup("#run-cancel").tryQuery().map(FxWait::treeVisible))
                .contains(false);
        assertThat(robot.lookup("Stopped and rolled back").tryQuery()).isPresent();
        assertThat(robot.lookup("#run-status").queryAs(Label.class).getText()).isEqualTo("1 of 4 steps finished");
        assertThat(tracker.active()).isFalse();
    }
}
