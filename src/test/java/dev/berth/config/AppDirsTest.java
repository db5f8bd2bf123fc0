package dev.berth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.AppDirs.Os;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirsTest {

    @Test
    void linuxUsesXdgFoldersUnderHomeWhenNoVariablesAreSet() {
        AppDirs dirs = new AppDirs(Os.LINUX, Map.of("HOME", "/home/ana"));

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ana/.config/berth"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ana/.local/share/berth"));
        assertThat(dirs.stateDir()).isEqualTo(Path.of("/home/ana/.local/state/berth"));
        assertThat(dirs.logsDir()).isEqualTo(Path.of("/home/ana/.local/state/berth/logs"));
        assertThat(dirs.settingsFile()).isEqualTo(Path.of("/home/ana/.config/berth/settings.json"));
        assertThat(dirs.windowStateFile()).isEqualTo(Path.of("/home/ana/.local/state/berth/window.properties"));
        assertThat(dirs.defaultBackupDir()).isEqualTo(Path.of("/home/ana/.local/share/berth/backups"));
    }

    @Test
    void linuxHonoursAbsoluteXdgVariables() {
        AppDirs dirs = new AppDirs(
                Os.LINUX,
                Map.of(
                        "HOME", "/home/ana",
                        "XDG_CONFIG_HOME", "/cfg",
                        "XDG_DATA_HOME", "/data",
                        "XDG_STATE_HOME", "/state"));

        assertThat(dirs.configDir()).isEqualTo(Path.of("/cfg/berth"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/berth"));
        assertThat(dirs.defaultBackupDir()).isEqualTo(Path.of("/data/berth/backups"));
        assertThat(dirs.logsDir()).isEqualTo(Path.of("/state/berth/logs"));
    }

    @Test
    void linuxIgnoresRelativeAndEmptyXdgVariablesAsTheSpecificationRequires() {
        AppDirs dirs = new AppDirs(
                Os.LINUX, Map.of("HOME", "/home/ana", "XDG_CONFIG_HOME", "relative/cfg", "XDG_DATA_HOME", ""));

        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ana/.config/berth"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ana/.local/share/berth"));
    }

    @Test
    void windowsUsesRoamingAppDataForConfigAndLocalAppDataForData() {
        AppDirs dirs = new AppDirs(
                Os.WINDOWS,
                Map.of(
                        "USERPROFILE", "C:\\Users\\ana",
                        "APPDATA", "C:\\Users\\ana\\AppData\\Roaming",
                        "LOCALAPPDATA", "C:\\Users\\ana\\AppData\\Local"));

        assertThat(dirs.configDir())
                .isEqualTo(Path.of("C:\\Users\\ana\\AppData\\Roaming").resolve("Berth"));
        assertThat(dirs.dataDir())
                .isEqualTo(Path.of("C:\\Users\\ana\\AppData\\Local").resolve("Berth"));
        assertThat(dirs.logsDir())
                .isEqualTo(Path.of("C:\\Users\\ana\\AppData\\Local")
                        .resolve("Berth")
                        .resolve("logs"));
        assertThat(dirs.defaultBackupDir())
                .isEqualTo(Path.of("C:\\Users\\ana\\AppData\\Local")
                        .resolve("Berth")
                        .resolve("backups"));
    }

    @Test
    void windowsFallsBackToTheProfileFolderWhenAppDataIsMissing() {
        AppDirs dirs = new AppDirs(Os.WINDOWS, Map.of("USERPROFILE", "/profile"));

        assertThat(dirs.configDir()).isEqualTo(Path.of("/profile/AppData/Roaming/Berth"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/profile/AppData/Local/Berth"));
    }

    @Test
    void macosKeepsEverythingInApplicationSupportAndLogsInLibraryLogs() {
        AppDirs dirs = new AppDirs(Os.MACOS, Map.of("HOME", "/Users/ana"));

        assertThat(dirs.configDir()).isEqualTo(Path.of("/Users/ana/Library/Application Support/Berth"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/Users/ana/Library/Application Support/Berth"));
        assertThat(dirs.defaultBackupDir()).isEqualTo(Path.of("/Users/ana/Library/Application Support/Berth/backups"));
        assertThat(dirs.logsDir()).isEqualTo(Path.of("/Users/ana/Library/Logs/Berth"));
    }

    @Test
    void missingHomeIsAnErrorThatSaysWhatToSet() {
        assertThatThrownBy(() -> new AppDirs(Os.LINUX, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HOME is not set");
    }

    @Test
    void osNamesMapToTheirConventions() {
        assertThat(Os.fromOsName("Windows 11")).isEqualTo(Os.WINDOWS);
        assertThat(Os.fromOsName("Mac OS X")).isEqualTo(Os.MACOS);
        assertThat(Os.fromOsName("Linux")).isEqualTo(Os.LINUX);
        assertThat(Os.fromOsName("FreeBSD")).isEqualTo(Os.LINUX);
    }
}
