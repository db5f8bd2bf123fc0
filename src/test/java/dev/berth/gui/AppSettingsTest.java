package dev.berth.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.Settings.Theme;
import dev.berth.gui.common.FxBridge;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppSettingsTest {
    @TempDir
    Path home;

    @Test
    void savesRunOneAtATimeAndEachBuildsOnThePreviousOne() {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        Queue<Runnable> worker = new ArrayDeque<>();
        AppSettings app = AppSettings.load(dirs.settingsFile(), new FxBridge(Runnable::run, worker::add));
        List<String> events = new ArrayList<>();

        app.update(s -> withTheme(s, Theme.DARK), aside -> events.add("dark saved"), e -> events.add("failed"));
        app.update(
                s -> withFolder(s, Path.of("/srv/apps")),
                aside -> events.add("folder saved"),
                e -> events.add("failed"));
        assertThat(worker).as("the second waits for the first").hasSize(1);

        worker.poll().run();
        worker.poll().run();

        assertThat(events).containsExactly("dark saved", "folder saved");
        Settings onDisk = Settings.read(dirs.settingsFile());
        assertThat(onDisk.theme()).as("the folder save kept the theme").isEqualTo(Theme.DARK);
        assertThat(onDisk.scanFolders()).containsExactly(Path.of("/srv/apps"));
        assertThat(app.get()).isEqualTo(onDisk);
    }

    @Test
    void aFailedSaveDoesNotBlockTheNextOne() {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        AppSettings app = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
        List<String> events = new ArrayList<>();
        Settings invalid =
                new Settings("no-scheme", "", 5, Settings.Language.SYSTEM, Theme.SYSTEM, List.of(), List.of());

        app.save(invalid, aside -> events.add("saved"), e -> events.add("refused"));
        app.update(s -> withTheme(s, Theme.LIGHT), aside -> events.add("saved"), e -> events.add("refused"));

        assertThat(events).containsExactly("refused", "saved");
        assertThat(Settings.read(dirs.settingsFile()).theme()).isEqualTo(Theme.LIGHT);
    }

    private static Settings withTheme(Settings s, Theme t) {
        return new Settings(
                s.dockerHost(),
                s.backupFolder(),
                s.backupsToKeep(),
                s.language(),
                t,
                s.scanFolders(),
                s.imageMirrors());
    }

    private static Settings withFolder(Settings s, Path folder) {
        List<Path> folders = new ArrayList<>(s.scanFolders());
        folders.add(folder);
        return new Settings(
                s.dockerHost(),
                s.backupFolder(),
                s.backupsToKeep(),
                s.language(),
                s.theme(),
                folders,
                s.imageMirrors());
    }
}
