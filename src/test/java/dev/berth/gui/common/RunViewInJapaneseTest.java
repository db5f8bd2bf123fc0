package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.Text;
import dev.berth.gui.FxWait;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The run page in Japanese, headless: what the engine says (step titles, the running step, the
 * log, the result) comes out in Japanese with the service names and versions as they are.
 */
@ExtendWith(ApplicationExtension.class)
class RunViewInJapaneseTest {
    static final Instant T = Instant.now();

    RunViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new RunViewModel(FxBridge.platform(), new RunTracker());
        stage.setScene(new Scene(
                new RunView(vm, Messages.forLocale(Locale.JAPANESE), "demo をアップグレード中", new Label("")), 1000, 700));
        stage.show();
    }

    @Test
    void stepTitlesTheRunningStepTheLogAndTheResultAreInJapanese(FxRobot robot) throws Exception {
        Text stop = Text.of(Text.Key.STEP_STOP, "web");
        Text start = Text.of(Text.Key.STEP_START_NEW);
        Text done = Text.of(Text.Key.RESULT_UPGRADED, "1.0.0", "2.0.0");
        List<RunViewModel.StepSpec> steps = List.of(
                new RunViewModel.StepSpec("stop-app", stop, ProgressModel.StepState.PENDING),
                new RunViewModel.StepSpec("start", start, ProgressModel.StepState.PENDING));
        robot.interact(() -> vm.start(steps, (listener, cancellation) -> {
            listener.onEvent(new RunEvent.StepStarted("stop-app", stop, T));
            listener.onEvent(new RunEvent.StepFinished("stop-app", RunEvent.Outcome.DONE, stop, T));
            listener.onEvent(new RunEvent.StepStarted("start", start, T));
            listener.onEvent(new RunEvent.StepFinished("start", RunEvent.Outcome.DONE, start, T));
            listener.onEvent(new RunEvent.Result("", RunStatus.SUCCEEDED, done, T));
            return new RunReport("r", RunStatus.SUCCEEDED, done, List.of(), "", Duration.ZERO, List.of());
        }));

        FxWait.shown(robot, "#run-result");
        List<String> rows = robot.lookup("#run-steps .progress-step").queryAll().stream()
                .map(row -> ((javafx.scene.layout.HBox) row)
                        .getChildren().stream()
                                .filter(n -> n instanceof Label)
                                .map(n -> ((Label) n).getText())
                                .findFirst()
                                .orElse(""))
                .toList();
        assertThat(rows).containsExactly("web を停止する", "新しいバージョンを起動する");
        ListView<String> log = robot.lookup("#run-log").queryListView();
        assertThat(log.getItems()).contains("▶ web を停止する", "▶ 新しいバージョンを起動する");
        Node outcome =
                robot.lookup("#run-outcome").queryAs(VBox.class).getChildren().getFirst();
        assertThat(((Message) outcome).getDescription()).isEqualTo("1.0.0 から 2.0.0 にアップグレードし、動作を確認しました。");
    }
}
