package dev.berth.gui.resume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gui.EngineFixtures;
import dev.berth.gui.FxWait;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The banner of unfinished runs on Home, over real journals. */
@ExtendWith(ApplicationExtension.class)
class ResumeBannerTest {
    @TempDir
    static Path tmp;

    ResumeViewModel vm;
    final List<String> asked = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        vm = new ResumeViewModel(
                EngineFixtures.access(
                        EngineFixtures.engine(new EngineFixtures.FakeRuntime(), new EngineFixtures.FakeBackups())),
                FxBridge.platform(),
                new RunTracker());
        ResumeBanner banner = new ResumeBanner(
                vm,
                Messages.forLocale(Locale.ENGLISH),
                u -> asked.add("resume " + u.install().getFileName()),
                u -> asked.add("rollback " + u.install().getFileName()));
        stage.setScene(new Scene(new StackPane(banner), 900, 300));
        stage.show();
    }

    @Test
    void anUnfinishedRunIsOfferedForResumeAndRollback(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#resume-banner").query().isVisible()).isFalse();
        ResumeViewModelTest journals = new ResumeViewModelTest();
        journals.tmp = tmp;
        Path dir = journals.interrupted("records");

        robot.interact(() -> vm.check(List.of(dir)));

        FxWait.shown(robot, "#resume-1");
        assertThat(robot.lookup("#resume-1").query().isVisible()).isTrue();
        robot.clickOn("#resume-1-resume");
        robot.clickOn("#resume-1-rollback");
        assertThat(asked).containsExactly("resume records", "rollback records");
    }
}
