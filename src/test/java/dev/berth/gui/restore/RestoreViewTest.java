package dev.berth.gui.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gui.EngineFixtures;
import dev.berth.gui.FxWait;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The restore wizard in a headless window: a fake backup side, the real runner. */
@ExtendWith(ApplicationExtension.class)
class RestoreViewTest {
    @TempDir
    static Path tmp;

    int closed;

    @Start
    void start(Stage stage) {
        RestoreViewModelTest fixtures = new RestoreViewModelTest();
        fixtures.tmp = tmp;
        fixtures.setUp();
        RestoreViewModel vm = new RestoreViewModel(
                fixtures.access,
                EngineFixtures.access(
                        EngineFixtures.engine(new EngineFixtures.FakeRuntime(), new EngineFixtures.FakeBackups())),
                FxBridge.platform(),
                new RunTracker(),
                () -> closed++);
        stage.setScene(new Scene(new RestoreView(vm, Messages.forLocale(Locale.ENGLISH)), 1100, 760));
        stage.show();
        vm.reload();
    }

    @Test
    void aBackupIsRestoredIntoANewFolder(FxRobot robot) throws Exception {
        FxWait.until(() -> !robot.lookup("#restore-table")
                .queryAs(TableView.class)
                .getItems()
                .isEmpty());
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        robot.clickOn("1.1.0");
        FxWait.shown(robot, "#restore-details");
        FxWait.until(() -> robot.lookup("#restore-details")
                        .queryAs(VBox.class)
                        .getChildren()
                        .size()
                > 2);
        robot.clickOn("#wizard-next");

        robot.clickOn("#restore-target-new");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        robot.clickOn("#restore-new-folder").write(tmp.resolve("copy").toString());
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#restore-overwritten");
        assertThat(Messages.withoutMnemonic(
                        robot.lookup("#wizard-next").queryButton().getText()))
                .isEqualTo("Restore");
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#restore-done");
        assertThat(robot.lookup("#run-outcome").tryQuery()).isPresent();
        robot.clickOn("#restore-done");
        assertThat(closed).isEqualTo(1);
    }
}
