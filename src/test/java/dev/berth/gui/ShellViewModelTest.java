package dev.berth.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {
    @TempDir
    Path home;

    private AppSettings settings() {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        return AppSettings.load(dirs.settingsFile(), FxBridge.direct());
    }

    @Test
    void startsOnHomeAndGoesWhereAsked() {
        ShellViewModel vm = new ShellViewModel(settings(), RunGuard.NONE);
        assertThat(vm.pageProperty().get()).isEqualTo(Page.HOME);

        vm.go(Page.ABOUT);

        assertThat(vm.pageProperty().get()).isEqualTo(Page.ABOUT);
    }

    @Test
    void closingAsksOnlyWhileARunIsActive() {
        boolean[] running = {false};
        ShellViewModel vm = new ShellViewModel(settings(), () -> running[0]);

        assertThat(vm.closeNeedsConfirmation()).isFalse();
        running[0] = true;
        assertThat(vm.closeNeedsConfirmation()).isTrue();
    }

    @Test
    void aBrokenSettingsFileIsANoticeUntilDismissed() throws IOException {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        Files.createDirectories(dirs.configDir());
        Files.writeString(dirs.settingsFile(), "{\"theme\": 3}");
        ShellViewModel vm = new ShellViewModel(AppSettings.load(dirs.settingsFile(), FxBridge.direct()), RunGuard.NONE);

        assertThat(vm.settingsNotice().get())
                .hasValueSatisfying(text -> assertThat(text)
                        .contains(dirs.settingsFile().toString())
                        .contains("\"theme\" must be a string"));

        vm.dismissNotice();
        assertThat(vm.settingsNotice().get()).isEmpty();
    }

    @Test
    void aGoodSettingsFileGivesNoNotice() {
        assertThat(new ShellViewModel(settings(), RunGuard.NONE)
                        .settingsNotice()
                        .get())
                .isEmpty();
    }
}
