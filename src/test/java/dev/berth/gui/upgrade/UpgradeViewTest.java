package dev.berth.gui.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gui.EngineFixtures;
import dev.berth.gui.FxWait;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The upgrade wizard's pages in a headless window, up to the review: real planner, fake Docker. */
@ExtendWith(ApplicationExtension.class)
class UpgradeViewTest {
    @TempDir
    static Path tmp;

    UpgradeViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = EngineFixtures.demoInstall(
                Files.createTempDirectory(tmp, "install"),
                "1.0.0",
                Map.of("APP_TITLE", "My records", "DB_PASSWORD", "pw-of-the-user-123456"));
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(
                compose, Files.readString(compose).replace("berth-demo/web:1.0.0", "berth-demo/web:1.0.0-mine"));
        vm = new UpgradeViewModel(
                EngineFixtures.access(
                        EngineFixtures.engine(new EngineFixtures.FakeRuntime(), new EngineFixtures.FakeBackups())),
                BackupAccess.NONE,
                FxBridge.platform(),
                new RunTracker(),
                dir,
                () -> tmp.resolve("backups"),
                Optional.of(EngineFixtures.RELEASES.resolve("2.0.0")),
                () -> {},
                (a, b) -> {});
        stage.setScene(new Scene(new UpgradeView(vm, Messages.forLocale(Locale.ENGLISH), p -> {}), 1100, 760));
        stage.show();
    }

    @Test
    void theConflictIsDecidedOnItsPageAndTheFilesThenShowSideBySide(FxRobot robot) throws Exception {
        FxWait.shown(robot, "#upgrade-path");
        assertThat(robot.lookup("#upgrade-install").queryAs(Label.class).getText())
                .startsWith("berth-demo 1.0.0 in ");
        FxWait.until(() -> !robot.lookup("#wizard-next").queryButton().isDisabled());
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#upgrade-renamed");
        assertThat(robot.lookup("#upgrade-renamed")
                        .queryAs(javafx.scene.layout.VBox.class)
                        .getChildren())
                .extracting(n -> ((Label) n).getText())
                .contains("• APP_TITLE → DEMO_TITLE");
        assertThat(robot.lookup("#env-PAGE_SIZE").tryQuery()).isPresent();
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#conflict-1");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#upgrade-apply-decisions").queryButton().isDisabled())
                .isTrue();
        robot.clickOn("#conflict-1-theirs");
        robot.clickOn("#upgrade-apply-decisions");

        FxWait.shown(robot, "#diff-files");
        FxWait.shown(robot, "#upgrade-compose");
        ListView<?> files = robot.lookup("#diff-files").queryAs(ListView.class);
        assertThat(files.getItems()).isNotEmpty();
        assertThat(robot.lookup("#diff-rows").queryAs(ListView.class).getItems())
                .isNotEmpty();
        FxWait.until(() -> !robot.lookup("#wizard-next").queryButton().isDisabled());
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#upgrade-backup-estimate");
        assertThat(robot.lookup("#upgrade-backup-estimate").queryAs(Label.class).getText())
                .isEqualTo("Size and time estimate: not available yet.");
        assertThat(robot.lookup("#upgrade-backup-databases")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("Database dumps: db (postgres)");
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#plan-steps");
        FxWait.shown(robot, "#plan-downtime");
        assertThat(Messages.withoutMnemonic(
                        robot.lookup("#wizard-next").queryButton().getText()))
                .isEqualTo("Upgrade");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isFalse();
    }
}
