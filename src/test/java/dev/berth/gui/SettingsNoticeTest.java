package dev.berth.gui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Message;
import dev.berth.config.AppDirs;
import dev.berth.gui.MainWindow.WindowMemory;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.home.InstallSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A broken settings file: the app starts with defaults, says so, and leaves the file alone. */
@ExtendWith(ApplicationExtension.class)
class SettingsNoticeTest {
    private static final String BROKEN = "{\n  \"theme\": \"dark\",\n  \"backupsToKeep\": ten\n}\n";

    @TempDir
    Path home;

    private AppDirs dirs;

    @Start
    void start(Stage stage) throws IOException {
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString(), "LANG", "en"));
        Files.createDirectories(dirs.configDir());
        Files.writeString(dirs.settingsFile(), BROKEN);
        FxBridge bridge = FxBridge.platform();
        new MainWindow(
                        new GuiServices(dirs, InstallSource.NONE, RunGuard.NONE),
                        AppSettings.load(dirs.settingsFile(), bridge),
                        bridge,
                        WindowMemory.FORGET)
                .show(stage, Optional.empty());
    }

    @Test
    void theNoticeNamesTheFileAndTheLineAndTheFileIsUnchanged(FxRobot robot) throws IOException {
        Message notice = robot.lookup("#settings-notice").queryAs(Message.class);

        assertThat(notice.isVisible()).isTrue();
        assertThat(notice.getDescription()).contains(dirs.settingsFile() + ":3:");
        assertThat(Files.readString(dirs.settingsFile())).isEqualTo(BROKEN);
    }

    @Test
    void savingReplacesTheFileAndKeepsTheBrokenOneAside(FxRobot robot) throws TimeoutException, IOException {
        robot.clickOn("#nav-settings");
        robot.clickOn("#settings-keep").eraseText(1).write("7");
        robot.clickOn("#settings-save");

        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#settings-notice").tryQuery().isEmpty());
        try (var files = Files.list(dirs.configDir())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("settings.json.broken-"))
                    .contains("settings.json");
        }
        assertThat(dev.berth.config.Settings.read(dirs.settingsFile()).backupsToKeep())
                .isEqualTo(7);
    }
}
