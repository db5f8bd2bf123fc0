package dev.berth.gui.settings;

import dev.berth.config.AppDirs;
import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import dev.berth.config.Settings.Field;
import dev.berth.config.Settings.ImageMirror;
import dev.berth.config.Settings.Kind;
import dev.berth.config.Settings.Language;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.Theme;
import dev.berth.gui.AppSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings page: every setting as the user edits it (lists as one entry per line), what is
 * wrong with it, and saving. Validation is {@link Settings}' own, so the command line and the app
 * accept the same values. FX-thread only.
 */
public final class SettingsViewModel {

    /** Where the page is with saving. */
    public enum Status {
        /** Nothing changed since the last load or save. */
        CLEAN,
        EDITED,
        SAVING,
        SAVED,
        FAILED
    }

    private final AppSettings app;
    private final AppDirs dirs;
    private final StringProperty dockerHost = new SimpleStringProperty(this, "dockerHost", "");
    private final StringProperty backupFolder = new SimpleStringProperty(this, "backupFolder", "");
    private final StringProperty backupsToKeep = new SimpleStringProperty(this, "backupsToKeep", "");
    private final ObjectProperty<Language> language = new SimpleObjectProperty<>(this, "language", Language.SYSTEM);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private final StringProperty scanFolders = new SimpleStringProperty(this, "scanFolders", "");
    private final StringProperty imageMirrors = new SimpleStringProperty(this, "imageMirrors", "");
    private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.CLEAN);
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper(this, "statusDetail", "");
    private final ReadOnlyObjectWrapper<Optional<Path>> movedAside =
            new ReadOnlyObjectWrapper<>(this, "movedAside", Optional.empty());
    private final ObjectBinding<List<Problem>> problems;
    private final BooleanBinding valid;
    private final BooleanBinding edited;
    private final BooleanBinding canSave;
    /** What was last loaded or saved; edits are measured against it. */
    private final ObjectProperty<Settings> baseline = new SimpleObjectProperty<>(this, "baseline");

    public SettingsViewModel(AppSettings app, AppDirs dirs) {
        this.app = app;
        this.dirs = dirs;
        this.baseline.set(app.get());
        Observable[] inputs = {dockerHost, backupFolder, backupsToKeep, language, theme, scanFolders, imageMirrors};
        problems = Bindings.createObjectBinding(this::computeProblems, inputs);
        valid = Bindings.createBooleanBinding(() -> problems.get().isEmpty(), problems);
        edited =
                Bindings.createBooleanBinding(() -> !texts().equals(textsOf(baseline.get())), concat(inputs, baseline));
        canSave = Bindings.createBooleanBinding(
                () -> valid.get() && edited.get() && status.get() != Status.SAVING, valid, edited, status);
        edited.addListener((o, was, now) -> {
            if (now && status.get() != Status.SAVING) {
                status.set(Status.EDITED);
            }
        });
        fillFrom(app.get());
        // Another part of the app saved (Home added a scan folder): show it unless the user is editing.
        app.settingsProperty().addListener((o, was, now) -> {
            if (!edited.get() && status.get() != Status.SAVING) {
                fillFrom(now);
            }
        });
    }

    public StringProperty dockerHostProperty() {
        return dockerHost;
    }

    /** The backup folder as typed; empty means {@link #defaultBackupFolder()}. */
    public StringProperty backupFolderProperty() {
        return backupFolder;
    }

    /** How many backups to keep, as typed (a number from 1 to 999). */
    public StringProperty backupsToKeepProperty() {
        return backupsToKeep;
    }

    public ObjectProperty<Language> languageProperty() {
        return language;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** One absolute folder per line; blank lines are ignored. */
    public StringProperty scanFoldersProperty() {
        return scanFolders;
    }

    /** One {@code FROM=TO} per line; blank lines are ignored. */
    public StringProperty imageMirrorsProperty() {
        return imageMirrors;
    }

    public ReadOnlyObjectProperty<Status> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** With FAILED: why. */
    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    /** With SAVED: where the unreadable settings file was kept, if one was replaced. */
    public ReadOnlyObjectProperty<Optional<Path>> movedAsideProperty() {
        return movedAside.getReadOnlyProperty();
    }

    /** Every problem of the values as typed, in field order. */
    public ObjectBinding<List<Problem>> problems() {
        return problems;
    }

    public BooleanBinding valid() {
        return valid;
    }

    public BooleanBinding edited() {
        return edited;
    }

    public BooleanBinding canSave() {
        return canSave;
    }

    public Path settingsFile() {
        return app.file();
    }

    public Path defaultBackupFolder() {
        return dirs.defaultBackupDir();
    }

    /** The problems {@code text} would have in {@code field}; for decorating one control. */
    public static List<Problem> check(Field field, String text) {
        return switch (field) {
            case DOCKER_HOST -> Settings.checkDockerHost(text.strip());
            case BACKUP_FOLDER -> Settings.checkBackupFolder(text.strip());
            case BACKUPS_TO_KEEP ->
                parseKeep(text)
                        .map(Settings::checkBackupsToKeep)
                        .orElse(List.of(new Problem(Field.BACKUPS_TO_KEEP, Kind.KEEP_OUT_OF_RANGE, text.strip())));
            case SCAN_FOLDERS -> Settings.checkScanFolders(lines(text));
            case IMAGE_MIRRORS -> Settings.checkImageMirrors(lines(text));
            case LANGUAGE, THEME, HOSTS -> List.of();
        };
    }

    /** Adds a folder to the scan folders text (from a folder chooser). */
    public void addScanFolder(Path folder) {
        List<String> l = new ArrayList<>(lines(scanFolders.get()));
        String f = folder.toAbsolutePath().normalize().toString();
        if (!l.contains(f)) {
            l.add(f);
            scanFolders.set(String.join("\n", l));
        }
    }

    /** Saves when valid; status goes SAVING, then SAVED or FAILED. */
    public void save() {
        if (!canSave.get()) {
            return;
        }
        Settings next = candidate();
        status.set(Status.SAVING);
        statusDetail.set("");
        app.save(
                next,
                aside -> {
                    movedAside.set(aside);
                    // Normalise what is shown (trimmed lines, canonical paths) to what was stored.
                    fillFrom(next);
                    status.set(Status.SAVED);
                },
                e -> {
                    statusDetail.set(e instanceof ConfigException ? e.getMessage() : String.valueOf(e.getMessage()));
                    status.set(Status.FAILED);
                });
    }

    /** Puts back the last saved values. */
    public void revert() {
        fillFrom(app.get());
    }

    private void fillFrom(Settings s) {
        baseline.set(s);
        List<String> t = textsOf(s);
        dockerHost.set(t.get(0));
        backupFolder.set(t.get(1));
        backupsToKeep.set(t.get(2));
        language.set(s.language());
        theme.set(s.theme());
        scanFolders.set(t.get(5));
        imageMirrors.set(t.get(6));
        status.set(Status.CLEAN);
    }

    private List<String> texts() {
        return List.of(
                dockerHost.get().strip(),
                backupFolder.get().strip(),
                backupsToKeep.get().strip(),
                language.get().tag(),
                theme.get().key(),
                String.join("\n", lines(scanFolders.get())),
                String.join("\n", lines(imageMirrors.get())));
    }

    private static List<String> textsOf(Settings s) {
        return List.of(
                s.dockerHost(),
                s.backupFolder(),
                Integer.toString(s.backupsToKeep()),
                s.language().tag(),
                s.theme().key(),
                String.join("\n", s.scanFolders().stream().map(Path::toString).toList()),
                String.join(
                        "\n",
                        s.imageMirrors().stream().map(ImageMirror::toString).toList()));
    }

    private List<Problem> computeProblems() {
        List<Problem> all = new ArrayList<>();
        for (Field f : Field.values()) {
            String text = switch (f) {
                case DOCKER_HOST -> dockerHost.get();
                case BACKUP_FOLDER -> backupFolder.get();
                case BACKUPS_TO_KEEP -> backupsToKeep.get();
                case SCAN_FOLDERS -> scanFolders.get();
                case IMAGE_MIRRORS -> imageMirrors.get();
                case LANGUAGE, THEME, HOSTS -> "";
            };
            all.addAll(check(f, Objects.requireNonNullElse(text, "")));
        }
        return List.copyOf(all);
    }

    private Settings candidate() {
        return new Settings(
                dockerHost.get().strip(),
                backupFolder.get().strip(),
                parseKeep(backupsToKeep.get()).orElseThrow(),
                language.get(),
                theme.get(),
                lines(scanFolders.get()).stream().map(Path::of).toList(),
                lines(imageMirrors.get()).stream().map(ImageMirror::parse).toList(),
                app.get().hosts()); // servers are saved on their own by the hosts page
    }

    private static Observable[] concat(Observable[] a, Observable b) {
        Observable[] all = Arrays.copyOf(a, a.length + 1);
        all[a.length] = b;
        return all;
    }

    private static Optional<Integer> parseKeep(String text) {
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<String> lines(String text) {
        if (text == null) {
            return List.of();
        }
        return Arrays.stream(text.split("\r?\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
    }
}
