package dev.berth.gui.home;

import dev.berth.config.Settings;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Navigator;
import dev.berth.gui.common.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Home: the installs found, and what to show while there are none or the search failed.
 * FX-thread only; the search runs on a worker through the {@link FxBridge}.
 */
public final class HomeViewModel {

    /** What Home shows. */
    public enum State {
        LOADING,
        /** Searched, found nothing: offer the demo app and scanning folders. */
        EMPTY,
        LIST,
        DOCKER_UNREACHABLE,
        FAILED
    }

    private final InstallSource source;
    private final FxBridge bridge;
    private final AppSettings settings;
    private final Navigator navigator;
    private final ObservableList<InstallRow> installs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.LOADING);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ObjectProperty<InstallRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(this, "measuring", false);
    private final HomeActions actions;
    private long generation;
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(HomeViewModel.class.getName());

    public HomeViewModel(InstallSource source, FxBridge bridge, AppSettings settings, Navigator navigator) {
        this(source, bridge, settings, navigator, HomeActions.NONE);
    }

    public HomeViewModel(
            InstallSource source, FxBridge bridge, AppSettings settings, Navigator navigator, HomeActions actions) {
        this.source = source;
        this.bridge = bridge;
        this.settings = settings;
        this.navigator = navigator;
        this.actions = actions;
    }

    /** The install chosen in the list; the action buttons act on it. Null when none is. */
    public ObjectProperty<InstallRow> selectedProperty() {
        return selected;
    }

    /** The action buttons: each acts on the chosen install, and does nothing when none is. */
    public void upgrade() {
        withSelected(actions::upgrade);
    }

    public void configure() {
        withSelected(actions::configure);
    }

    public void backUp() {
        withSelected(actions::backUp);
    }

    public void restore() {
        withSelected(actions::restore);
    }

    public void openFolder() {
        withSelected(actions::openFolder);
    }

    public void showLogs() {
        withSelected(actions::showLogs);
    }

    private void withSelected(java.util.function.Consumer<InstallRow> action) {
        InstallRow r = selected.get();
        if (r != null) {
            action.accept(r);
        }
    }

    public ObservableList<InstallRow> installs() {
        return installs;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The message of the last failure (Docker unreachable or other); empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while the disk use of the listed installs is being measured (shown as they arrive). */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.getReadOnlyProperty();
    }

    /**
     * Searches again; a search still running is superseded (its result is dropped). The installs
     * show as soon as the search has them; their disk use is measured after and fills in.
     */
    public void reload() {
        long mine = ++generation;
        state.set(State.LOADING);
        measuring.set(false);
        bridge.run(
                source::list,
                rows -> {
                    if (mine == generation) {
                        show(rows);
                        error.set("");
                        state.set(rows.isEmpty() ? State.EMPTY : State.LIST);
                        measure(mine, rows);
                    }
                },
                e -> {
                    if (mine == generation) {
                        installs.clear();
                        selected.set(null);
                        error.set(describe(e));
                        state.set(e instanceof DockerUnreachableException ? State.DOCKER_UNREACHABLE : State.FAILED);
                    }
                });
    }

    private void measure(long mine, List<InstallRow> rows) {
        if (rows.stream().noneMatch(r -> r.diskUseBytes() < 0)) {
            return;
        }
        measuring.set(true);
        bridge.run(
                () -> source.measure(rows),
                measured -> {
                    if (mine == generation) {
                        measuring.set(false);
                        show(measured);
                    }
                },
                e -> {
                    if (mine == generation) {
                        // The list stays; only the sizes are missing, and Refresh tries again.
                        LOG.log(java.util.logging.Level.WARNING, "measuring disk use failed: " + describe(e), e);
                        measuring.set(false);
                        show(rows); // the sizes now say "unknown" instead of "measuring"
                    }
                });
    }

    /** Shows rows, keeping the chosen install chosen. */
    private void show(List<InstallRow> rows) {
        InstallRow keep = selected.get();
        installs.setAll(rows);
        selected.set(
                keep == null
                        ? null
                        : rows.stream()
                                .filter(r -> r.project().equals(keep.project()))
                                .findFirst()
                                .orElse(null));
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.toString() : m;
    }

    /** Opens the install page with the demo app chosen. */
    public void tryDemo() {
        actions.tryDemo();
        navigator.go(Page.INSTALL);
    }

    public void openSettings() {
        navigator.go(Page.SETTINGS);
    }

    /**
     * Adds {@code folder} to the scan folders, saves the settings and searches again.
     *
     * @param onFailed gets the reason when the settings could not be saved (FX thread)
     */
    public void addScanFolder(Path folder, Consumer<Exception> onFailed) {
        Path abs = folder.toAbsolutePath().normalize();
        settings.update(
                now -> {
                    if (now.scanFolders().contains(abs)) {
                        return now;
                    }
                    List<Path> folders = new ArrayList<>(now.scanFolders());
                    folders.add(abs);
                    return new Settings(
                            now.dockerHost(),
                            now.backupFolder(),
                            now.backupsToKeep(),
                            now.language(),
                            now.theme(),
                            folders,
                            now.imageMirrors());
                },
                (Optional<Path> aside) -> reload(),
                onFailed);
    }
}
