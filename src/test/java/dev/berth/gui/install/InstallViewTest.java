package dev.berth.gui.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.config.env.EnvParser;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.FxWait;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The install wizard end to end in a headless window: the real engine over a fake of Docker. */
@ExtendWith(ApplicationExtension.class)
class InstallViewTest {
    @TempDir
    static Path tmp;

    final List<Optional<Path>> left = new CopyOnWriteArrayList<>();
    final int port = EngineFixtures.freePort();
    HttpServer web;
    InstallViewModel vm;

    @Start
    void start(Stage stage) {
        vm = new InstallViewModel(
                EngineFixtures.access(
                        EngineFixtures.engine(new EngineFixtures.FakeRuntime(), new EngineFixtures.FakeBackups())),
                FxBridge.platform(),
                new RunTracker(),
                DemoRelease.find(DemoRelease.FIRST),
                tmp.resolve("apps-" + port),
                left::add);
        stage.setScene(new Scene(new InstallView(vm, Messages.forLocale(Locale.ENGLISH)), 1100, 760));
        stage.show();
    }

    @AfterEach
    void stopWeb() {
        if (web != null) {
            web.stop(0);
        }
    }

    Button next(FxRobot robot) {
        return robot.lookup("#wizard-next").queryButton();
    }

    @Test
    void theDemoInstallsThroughEveryPageWithTheKeyboardAndTheMouse(FxRobot robot) throws Exception {
        robot.clickOn("#release-demo");
        FxWait.shown(robot, "#release-version");
        assertThat(robot.lookup("#release-version").queryAs(Label.class).getText())
                .isEqualTo("1.0.0");
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#install-target");
        FxWait.until(() -> !next(robot).isDisabled());
        assertThat(robot.lookup("#install-target").queryAs(TextField.class).getText())
                .endsWith("berth-demo");
        assertThat(robot.lookup("#install-free").queryAs(Label.class).getText()).contains("free on this disk");
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#env-WEB_PORT");
        TextField portField = robot.lookup("#env-WEB_PORT").queryAs(TextField.class);
        robot.doubleClickOn(portField).eraseText(4).write("99999");
        assertThat(robot.lookup("#env-WEB_PORT-problem").queryAs(Label.class).getText())
                .isEqualTo("Enter a port number from 1 to 65535.");
        assertThat(next(robot).isDisabled()).isTrue();
        robot.interact(() -> portField.setText(Integer.toString(port)));
        assertThat(next(robot).isDisabled()).isFalse();
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#review-summary");
        assertThat(Messages.withoutMnemonic(next(robot).getText())).isEqualTo("Install");
        assertThat(robot.lookup("#plan-steps").tryQuery()).isPresent();
        assertThat(robot.lookup("#diff-files").tryQuery()).isPresent();
        web = EngineFixtures.healthServer(port);
        robot.clickOn("#wizard-next");

        FxWait.shown(robot, "#run-page");
        FxWait.shown(robot, "#install-done");
        assertThat(robot.lookup("#install-open-app")
                        .queryAs(javafx.scene.control.Hyperlink.class)
                        .getText())
                .isEqualTo("Open the app: http://127.0.0.1:" + port + "/");
        assertThat(EnvParser.parse(vm.installFolder().resolve(".env")).values())
                .containsEntry("WEB_PORT", Integer.toString(port));
        robot.clickOn("#install-done");
        assertThat(left).containsExactly(Optional.of(vm.installFolder()));
    }

    @Test
    void cancelOnTheFirstPageLeavesTheWizard(FxRobot robot) {
        robot.clickOn("#wizard-cancel");
        assertThat(left).containsExactly(Optional.empty());
    }
}
