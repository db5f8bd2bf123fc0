package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.Text;
import dev.berth.gui.common.ProgressModel.StepState;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Engine-like events from a worker thread reach the panel through the real FX bridge. */
@ExtendWith(ApplicationExtension.class)
class ProgressPanelTest {
    private ProgressModel model;
    private final FxBridge bridge = FxBridge.platform();

    @Start
    void start(Stage stage) {
        model = new ProgressModel(System::nanoTime, 3);
        model.start(
                Stream.of("Back up", "Pull images", "Restart").map(Text::plain).toList());
        stage.setScene(new Scene(new ProgressPanel(model, Messages.forLocale(Locale.ENGLISH)), 600, 500));
        stage.show();
    }

    record Progress(long done, long total) {}

    @Test
    void workerEventsShowUpOnThePanel(FxRobot robot) throws Exception {
        Consumer<Progress> progress = bridge.latest(p -> model.progress(p.done(), p.total()));
        Consumer<String> log = bridge.deliver(model.log()::append);
        Consumer<Integer> stepDone = bridge.deliver(i -> model.stepState(i, StepState.DONE));

        Thread worker = new Thread(() -> {
            for (long i = 0; i <= 1000; i++) {
                progress.accept(new Progress(i, 2000));
            }
            for (int i = 1; i <= 5; i++) {
                log.accept("pulling layer " + i);
            }
            stepDone.accept(0);
        });
        worker.start();
        worker.join();
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> model.doneProperty().get() == 1000);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#progress-bar").queryAs(ProgressBar.class).getProgress())
                .isEqualTo(0.5);
        assertThat(robot.lookup("#progress-status").queryAs(Label.class).getText())
                .startsWith("1 of 3 steps done");
        ListView<String> lines = robot.lookup("#progress-log").queryListView();
        assertThat(List.copyOf(lines.getItems()))
                .containsExactly("pulling layer 3", "pulling layer 4", "pulling layer 5");
        assertThat(robot.lookup("2 earlier lines are not shown here; the full log is in the logs folder.")
                        .tryQuery())
                .isPresent();
    }

    @Test
    void unknownTotalShowsAnIndeterminateBar(FxRobot robot) {
        robot.interact(() -> model.progress(0, 0));

        assertThat(robot.lookup("#progress-bar").queryAs(ProgressBar.class).isIndeterminate())
                .isTrue();
    }

    @Test
    void stepStatesAreShownInWords(FxRobot robot) throws TimeoutException {
        robot.interact(() -> {
            model.stepState(0, StepState.DONE);
            model.stepState(1, StepState.FAILED);
            model.stepState(0, StepState.UNDONE);
        });

        assertThat(robot.lookup("#progress-steps .progress-step").queryAll().stream()
                        .map(javafx.scene.Node::getAccessibleText)
                        .toList())
                .containsExactly("Back up: undone", "Pull images: failed", "Restart: waiting");
    }
}
