package dev.berth.gui.configure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.env.EnvParser;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.FxWait;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The settings of an install, changed through the window: a fake configure planner, the real runner. */
@ExtendWith(ApplicationExtension.class)
class ConfigureViewTest {
    @TempDir
    static Path tmp;

    Path dir;
    int closed;

    @Start
    void start(Stage stage) throws Exception {
        dir = EngineFixtures.demoInstall(
                Files.createTempDirectory(tmp, "install"), "1.0.0", Map.of("DB_PASSWORD", "pw-of-the-user-123456"));
        ConfigureViewModel vm = new ConfigureViewModel(
                EngineFixtures.access(
                        EngineFixtures.engine(new EngineFixtures.FakeRuntime(), new EngineFixtures.FakeBackups())),
                new ConfigureViewModelTest().planner,
                FxBridge.platform(),
                new RunTracker(),
                dir,
                () -> closed++);
        stage.setScene(new Scene(new ConfigureView(vm, Messages.forLocale(Locale.ENGLISH)), 1100, 760));
        stage.show();
    }

    @Test
    void aChangedPortIsShownAndApplied(FxRobot robot) throws Exception {
        FxWait.shown(robot, "#env-WEB_PORT");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        TextField port = robot.lookup("#env-WEB_PORT").queryAs(TextField.class);
        robot.interact(() -> port.setText("18099"));
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#plan-checks");
        assertThat(robot.lookup("#diff-rows").queryAs(ListView.class).getItems().toString())
                .contains("WEB_PORT=18099");
        assertThat(Messages.withoutMnemonic(
                        robot.lookup("#wizard-next").queryButton().getText()))
                .isEqualTo("Apply");
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#configure-done");
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).containsEntry("WEB_PORT", "18099");
        robot.clickOn("#configure-done");
        assertThat(closed).isEqualTo(1);
    }
}
