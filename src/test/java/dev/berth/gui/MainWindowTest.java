package dev.berth.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.Settings.Language;
import dev.berth.config.Settings.Theme;
import dev.berth.gui.MainWindow.WindowMemory;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.home.InstallSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window end to end, headless: navigation, keys, saving settings, live theme and language. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    @TempDir
    Path home;

    private AppDirs dirs;
    private Stage stage;
    private MainWindow window;
    private volatile boolean running;

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        new Settings("", "", 5, Language.ENGLISH, Theme.LIGHT, List.of(), List.of()).write(dirs.settingsFile());
        FxBridge bridge = FxBridge.platform();
        AppSettings settings = AppSettings.load(dirs.settingsFile(), bridge);
        window = new MainWindow(
                new GuiServices(dirs, InstallSource.NONE, () -> running), settings, bridge, WindowMemory.REMEMBER);
        window.show(stage, Optional.empty());
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Visible, and so are all its parents (pages hide by their containers). */
    static boolean shown(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(MainWindowTest::treeVisible).orElse(false);
    }

    static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return n.getScene() != null;
    }

    @Test
    void opensOnHomeWithTheEmptyStateOnceTheSearchIsDone(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shown(robot, "#home-empty"));

        assertThat(shown(robot, "#home-demo")).isTrue();
        Node nav = robot.lookup("#nav-settings").query();
        assertThat(nav.getAccessibleText()).isEqualTo("Settings");
        assertThat(nav.getAccessibleHelp()).contains("Ctrl+,");
        assertThat(robot.lookup("#nav-home")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
    }

    @Test
    void navigationButtonsShowTheirPages(FxRobot robot) {
        robot.clickOn("#nav-settings");
        assertThat(shown(robot, "#page-settings")).isTrue();

        robot.clickOn("#nav-about");
        assertThat(shown(robot, "#page-about")).isTrue();
        assertThat(robot.lookup("#about-version").queryAs(Label.class).getText())
                .startsWith("Version ");

        robot.clickOn("#nav-install");
        assertThat(shown(robot, "#page-install")).isTrue();

        robot.clickOn("#nav-home");
        assertThat(shown(robot, "#page-home")).isTrue();
    }

    @Test
    void clickingTheSelectedPageKeepsItSelected(FxRobot robot) {
        robot.clickOn("#nav-home");

        assertThat(robot.lookup("#nav-home")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
    }

    @Test
    void shortcutCommaOpensSettings(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot, "#page-settings")).isTrue();
    }

    @Test
    void altAndTheUnderlinedLetterPicksAPage(FxRobot robot) {
        robot.press(KeyCode.ALT, KeyCode.A).release(KeyCode.A, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(shown(robot, "#page-about")).isTrue();
    }

    @Test
    void arrowKeysMoveThroughThePagesAndTabLeavesTheNavigation(FxRobot robot) throws TimeoutException {
        waitUntil(() -> shown(robot, "#home-empty"));
        robot.interact(() -> robot.lookup("#nav-home").query().requestFocus());

        robot.type(KeyCode.DOWN);
        assertThat(robot.lookup("#nav-install").query().isFocused()).isTrue();
        assertThat(shown(robot, "#page-install")).isTrue();
        robot.type(KeyCode.UP);
        assertThat(shown(robot, "#page-home")).isTrue();

        robot.type(KeyCode.TAB);
        assertThat(robot.lookup("#home-scan").query().isFocused())
                .as("into the page")
                .isTrue();
    }

    @Test
    void aChangedSettingIsSavedToTheFile(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-settings");
        robot.clickOn("#settings-docker-host").write("tcp://10.0.0.5:2376");
        robot.clickOn("#settings-save");

        waitUntil(() -> Settings.read(dirs.settingsFile()).dockerHost().equals("tcp://10.0.0.5:2376"));
        assertThat(robot.lookup("#settings-status").queryAs(Label.class).getText())
                .isEqualTo("Saved to " + dirs.settingsFile() + ".");
        assertThat(robot.lookup("#settings-save").queryButton().isDisabled()).isTrue();
    }

    @Test
    void anInvalidValueIsExplainedAndCannotBeSaved(FxRobot robot) throws IOException {
        byte[] before = Files.readAllBytes(dirs.settingsFile());
        robot.clickOn("#nav-settings");
        robot.clickOn("#settings-keep").eraseText(1).write("0");

        assertThat(robot.lookup("#settings-keep-problem").queryAs(Label.class).getText())
                .isEqualTo("“0” is not a number from 1 to 999.");
        assertThat(robot.lookup("#settings-save").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#settings-status").queryAs(Label.class).getText())
                .isEqualTo("One value needs fixing before you can save.");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Files.readAllBytes(dirs.settingsFile())).isEqualTo(before);
    }

    @Test
    void choosingJapaneseSwitchesTheWindowLive(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-settings");
        robot.interact(() -> robot.lookup("#settings-language")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(Language.JAPANESE));
        robot.clickOn("#settings-save");

        Messages ja = Messages.forLocale(Locale.JAPANESE);
        waitUntil(
                () -> robot.lookup("#nav-home").queryAs(Labeled.class).getText().equals(ja.get("nav.home")));
        assertThat(shown(robot, "#page-settings")).as("still on Settings").isTrue();
        assertThat(robot.lookup("#settings-save").queryButton().getText()).isEqualTo("保存");
    }

    @Test
    void choosingDarkSwitchesTheThemeLive(FxRobot robot) throws TimeoutException {
        robot.clickOn("#nav-settings");
        robot.interact(() -> robot.lookup("#settings-theme")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(Theme.DARK));
        robot.clickOn("#settings-save");

        waitUntil(() -> Application.getUserAgentStylesheet().contains("primer-dark"));
        assertThat(Settings.read(dirs.settingsFile()).theme()).isEqualTo(Theme.DARK);
    }

    @Test
    void closingRemembersTheWindowPlace(FxRobot robot) {
        robot.interact(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(900);
            stage.setHeight(650);
        });

        robot.interact(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));

        assertThat(WindowState.read(dirs.windowStateFile())).contains(new WindowState(40, 30, 900, 650, false));
    }

    @Test
    void closingDuringARunAsksAndTheDefaultKeepsTheWindow(FxRobot robot) throws TimeoutException {
        running = true;
        WindowEvent request = new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST);

        // The question blocks in a nested event loop, so fire it without waiting for it.
        Platform.runLater(() -> stage.fireEvent(request));
        waitUntil(() -> robot.lookup("Keep running").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("Keep running").tryQuery()).isEmpty();
        assertThat(Files.exists(dirs.windowStateFile()))
                .as("not closed, so nothing remembered")
                .isFalse();
        assertThat(stage.isShowing()).isTrue();
    }

    @Test
    void closingDuringARunCanBeConfirmed(FxRobot robot) throws TimeoutException {
        running = true;

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> robot.lookup("Close anyway").tryQuery().isPresent());
        robot.clickOn(robot.lookup("Close anyway").queryAs(Button.class));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Files.exists(dirs.windowStateFile()))
                .as("closing went ahead")
                .isTrue();
    }

    @Test
    void aBackupFileFromTheCommandLineOpensTheRestorePage(FxRobot robot) throws TimeoutException {
        robot.interact(() ->
                assertThat(window.openFile(home.resolve("records-1.0.0.berth"))).isTrue());
        waitUntil(() -> robot.lookup("#restore-wizard").tryQuery().isPresent());
        assertThat(robot.lookup("#nav-restore")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
        robot.interact(
                () -> assertThat(window.openFile(home.resolve("notes.txt"))).isFalse());
    }

    @Test
    void aPageOfOneInstallShowsHomeAsItsPlaceInTheNavigation(FxRobot robot) throws TimeoutException {
        robot.interact(() -> window.shell().go(dev.berth.gui.common.Page.UPGRADE));
        waitUntil(() -> robot.lookup("#upgrade-none").tryQuery().isPresent());
        assertThat(robot.lookup("#nav-home")
                        .queryAs(javafx.scene.control.ToggleButton.class)
                        .isSelected())
                .isTrue();
        assertThat(robot.lookup("#nav-upgrade").tryQuery()).isEmpty();

        robot.clickOn("#nav-home");
        waitUntil(() -> robot.lookup("#page-home").tryQuery().isPresent());
    }

    @Test
    void closingWhileAScreensRunGoesOnAsksFirst(FxRobot robot) throws TimeoutException {
        robot.interact(() -> window.install()
                .session()
                .run()
                .start(
                        List.of(new dev.berth.gui.common.RunViewModel.StepSpec("pull", "Pull")),
                        (listener, cancellation) -> {
                            while (!cancellation.isCancelled()) {
                                Thread.onSpinWait();
                            }
                            return new dev.berth.engine.RunReport(
                                    "r",
                                    dev.berth.engine.RunStatus.ROLLED_BACK,
                                    "Cancelled",
                                    List.of(),
                                    "",
                                    java.time.Duration.ZERO,
                                    List.of());
                        }));
        assertThat(window.runs().active()).isTrue();

        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(() -> robot.lookup("Keep running").tryQuery().isPresent());
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(stage.isShowing()).isTrue();
        robot.interact(() -> window.install().session().run().cancel());
        waitUntil(() -> !window.runs().active());
    }
}
