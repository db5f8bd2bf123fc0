package dev.berth.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.Settings.Field;
import dev.berth.config.Settings.Kind;
import dev.berth.config.Settings.Language;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.Theme;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.settings.SettingsViewModel.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsViewModelTest {
    @TempDir
    Path home;

    private AppDirs dirs;
    private AppSettings app;
    private SettingsViewModel vm;

    @BeforeEach
    void setUp() {
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        app = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
        vm = new SettingsViewModel(app, dirs);
    }

    @Test
    void showsTheCurrentSettingsAndNothingToSave() {
        assertThat(vm.backupsToKeepProperty().get()).isEqualTo("5");
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(vm.statusProperty().get()).isEqualTo(Status.CLEAN);
        assertThat(vm.canSave().get()).isFalse();
        assertThat(vm.defaultBackupFolder()).isEqualTo(dirs.defaultBackupDir());
    }

    @Test
    void anEditMakesItSaveable() {
        vm.dockerHostProperty().set("tcp://192.168.1.5:2376");

        assertThat(vm.statusProperty().get()).isEqualTo(Status.EDITED);
        assertThat(vm.edited().get()).isTrue();
        assertThat(vm.canSave().get()).isTrue();
    }

    @Test
    void undoingAnEditByHandMakesItCleanAgain() {
        vm.dockerHostProperty().set("tcp://x:1");
        vm.dockerHostProperty().set("");

        assertThat(vm.edited().get()).isFalse();
        assertThat(vm.canSave().get()).isFalse();
    }

    @Test
    void invalidValuesAreListedPerFieldAndBlockSaving() {
        vm.dockerHostProperty().set("192.168.1.5:2376");
        vm.backupsToKeepProperty().set("ten");
        vm.scanFoldersProperty().set("/srv/apps\n\nrelative\n");
        vm.imageMirrorsProperty().set("docker.io");

        assertThat(vm.valid().get()).isFalse();
        assertThat(vm.canSave().get()).isFalse();
        assertThat(vm.problems().get())
                .extracting(Problem::field, Problem::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Field.DOCKER_HOST, Kind.DOCKER_HOST_SCHEME),
                        org.assertj.core.groups.Tuple.tuple(Field.BACKUPS_TO_KEEP, Kind.KEEP_OUT_OF_RANGE),
                        org.assertj.core.groups.Tuple.tuple(Field.SCAN_FOLDERS, Kind.FOLDER_NOT_ABSOLUTE),
                        org.assertj.core.groups.Tuple.tuple(Field.IMAGE_MIRRORS, Kind.MIRROR_NOT_FROM_TO));
    }

    @Test
    void keepOutsideTheRangeIsAProblem() {
        assertThat(SettingsViewModel.check(Field.BACKUPS_TO_KEEP, "0")).hasSize(1);
        assertThat(SettingsViewModel.check(Field.BACKUPS_TO_KEEP, " 12 ")).isEmpty();
        assertThat(SettingsViewModel.check(Field.BACKUPS_TO_KEEP, "1000")).hasSize(1);
    }

    @Test
    void saveWritesTheFileAndBecomesTheAppsSettings() throws IOException {
        vm.dockerHostProperty().set(" unix:///run/user/1000/docker.sock ");
        vm.backupFolderProperty().set("/srv/backups");
        vm.backupsToKeepProperty().set("9");
        vm.languageProperty().set(Language.FRENCH);
        vm.themeProperty().set(Theme.DARK);
        vm.scanFoldersProperty().set("  /srv/apps \n\n/opt/stacks");
        vm.imageMirrorsProperty().set("docker.io = mirror.example.org");

        vm.save();

        Settings expected = new Settings(
                "unix:///run/user/1000/docker.sock",
                "/srv/backups",
                9,
                Language.FRENCH,
                Theme.DARK,
                List.of(Path.of("/srv/apps"), Path.of("/opt/stacks")),
                List.of(new Settings.ImageMirror("docker.io", "mirror.example.org")));
        assertThat(Settings.read(dirs.settingsFile())).isEqualTo(expected);
        assertThat(app.get()).isEqualTo(expected);
        assertThat(vm.statusProperty().get()).isEqualTo(Status.SAVED);
        assertThat(vm.edited().get()).isFalse();
        assertThat(vm.scanFoldersProperty().get()).as("shown as stored").isEqualTo("/srv/apps\n/opt/stacks");
        assertThat(vm.movedAsideProperty().get()).isEmpty();
    }

    @Test
    void afterSavingThereIsNothingLeftToSave() {
        vm.dockerHostProperty().set("tcp://10.0.0.5:2376");

        vm.save();

        assertThat(vm.edited().get()).isFalse();
        assertThat(vm.canSave().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo(Status.SAVED);
    }

    @Test
    void savingOverABrokenFileReportsWhereItWasKept() throws IOException {
        Files.createDirectories(dirs.configDir());
        Files.writeString(dirs.settingsFile(), "{ not json");
        app = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
        vm = new SettingsViewModel(app, dirs);
        assertThat(app.loadErrorProperty().get()).isPresent();

        vm.themeProperty().set(Theme.LIGHT);
        vm.save();

        assertThat(vm.statusProperty().get()).isEqualTo(Status.SAVED);
        assertThat(vm.movedAsideProperty().get()).hasValueSatisfying(p -> {
            assertThat(p.getFileName().toString()).startsWith("settings.json.broken-");
            assertThat(p).content().isEqualTo("{ not json");
        });
        assertThat(app.loadErrorProperty().get()).isEmpty();
    }

    @Test
    void aWriteFailureIsReportedAndKeepsTheEdits() throws IOException {
        // The config folder is a file, so the settings cannot be written.
        Files.createDirectories(dirs.configDir().getParent());
        Files.writeString(dirs.configDir(), "in the way");
        vm.themeProperty().set(Theme.DARK);

        vm.save();

        assertThat(vm.statusProperty().get()).isEqualTo(Status.FAILED);
        assertThat(vm.statusDetailProperty().get()).isNotBlank();
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(app.get().theme()).isEqualTo(Theme.SYSTEM);
    }

    @Test
    void revertPutsBackTheSavedValues() {
        vm.dockerHostProperty().set("tcp://elsewhere:2376");
        vm.themeProperty().set(Theme.DARK);

        vm.revert();

        assertThat(vm.dockerHostProperty().get()).isEmpty();
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.SYSTEM);
        assertThat(vm.statusProperty().get()).isEqualTo(Status.CLEAN);
    }

    @Test
    void settingsSavedElsewhereShowUpWhenNotEditing() {
        Settings withFolder =
                new Settings("", "", 5, Language.SYSTEM, Theme.SYSTEM, List.of(Path.of("/srv/apps")), List.of());

        app.save(withFolder, aside -> {}, e -> {});

        assertThat(vm.scanFoldersProperty().get()).isEqualTo("/srv/apps");
        assertThat(vm.edited().get()).isFalse();
    }

    @Test
    void settingsSavedElsewhereDoNotOverwriteTheUsersEdits() {
        vm.dockerHostProperty().set("tcp://mine:2376");
        Settings withFolder =
                new Settings("", "", 5, Language.SYSTEM, Theme.SYSTEM, List.of(Path.of("/srv/apps")), List.of());

        app.save(withFolder, aside -> {}, e -> {});

        assertThat(vm.dockerHostProperty().get()).isEqualTo("tcp://mine:2376");
    }

    @Test
    void addScanFolderAppendsOnceAsAnAbsolutePath() {
        vm.scanFoldersProperty().set("/srv/apps");

        vm.addScanFolder(Path.of("/opt/stacks"));
        vm.addScanFolder(Path.of("/opt/stacks/"));

        assertThat(vm.scanFoldersProperty().get()).isEqualTo("/srv/apps\n/opt/stacks");
    }
}
