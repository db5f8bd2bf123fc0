package dev.berth.gui.home;

import dev.berth.engine.Failures;
import dev.berth.engine.Text;
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

    /** Where Home is with one server of the settings. */
    public enum HostState {
        LOADING,
        /** Searched; its installs are in the list. */
        LISTED,
        /** Could not be reached or searched: a line with the reason and Retry. */
        UNREACHABLE
    }

    /**
     * One server's line on Home.
     *
     * @param host {@code user@host:port}
     * @param count installs found there (0 unless LISTED)
     * @param error why it could not be searched (UNREACHABLE), for the view to say in the user's
     *     language; an empty text otherwise
     */
    public record HostStatus(String host, HostState state, int count, Text error) {
        /** A server's line with no failure. */
        public HostStatus(String host, HostState state, int count) {
            this(host, state, count, NO_ERROR);
        }
    }

    private static final Text NO_ERROR = Text.plain("");

    private final InstallSource source;
    private final HostInstalls hostInstalls;
    private final ObservableList<HostStatus> hosts = FXCollections.observableArrayList();
    private final java.util.Map<String, List<InstallRow>> hostRows = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, Long> hostGeneration = new java.util.HashMap<>();
    private List<InstallRow> localRows = List.of();
    private final FxBridge bridge;
    private final AppSettings settings;
    private final Navigator navigator;
    private final ObservableList<InstallRow> installs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.LOADING);
    private final ReadOnlyObjectWrapper<Text> error = new ReadOnlyObjectWrapper<>(this, "error", NO_ERROR);
    private final ObjectProperty<InstallRow> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyBooleanWrapper measuring = new ReadOnlyBooleanWrapper(this, "measuring", false);
    private final HomeActions actions;
    private long generation;
    private final java.time.Duration recheck;
    /** How many times the list is read again while some health check still says "starting". */
    static final int RECHECKS = 30;

    private final List<Runnable> onReload = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(HomeViewModel.class.getName());

    public HomeViewModel(InstallSource source, FxBridge bridge, AppSettings settings, Navigator navigator) {
        this(source, bridge, settings, navigator, HomeActions.NONE);
    }

    public HomeViewModel(
            InstallSource source, FxBridge bridge, AppSettings settings, Navigator navigator, HomeActions actions) {
        this(source, HostInstalls.NONE, bridge, settings, navigator, actions);
    }

    /**
     * @param hostInstalls searches the servers of the settings; each server's installs are listed
     *     beside this computer's
     */
    public HomeViewModel(
            InstallSource source,
            HostInstalls hostInstalls,
            FxBridge bridge,
            AppSettings settings,
            Navigator navigator,
            HomeActions actions) {
        this(source, hostInstalls, bridge, settings, navigator, actions, java.time.Duration.ofSeconds(2));
    }

    /**
     * @param recheck how long to wait before reading the list again while some install's health
     *     checks still say "starting" (they turn healthy a few seconds after a run, and Home should
     *     not keep saying "starting" until the next Refresh)
     */
    HomeViewModel(
            InstallSource source,
            HostInstalls hostInstalls,
            FxBridge bridge,
            AppSettings settings,
            Navigator navigator,
            HomeActions actions,
            java.time.Duration recheck) {
        this.recheck = recheck;
        this.source = source;
        this.hostInstalls = hostInstalls;
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

    /** This computer's installs, then each server's, in the order of the settings. */
    public ObservableList<InstallRow> installs() {
        return installs;
    }

    /** One line per server of the settings: searching, how many installs, or why it failed. */
    public ObservableList<HostStatus> hosts() {
        return hosts;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /**
     * The last failure (Docker unreachable or other), for the view to say in the user's language; an
     * empty text otherwise.
     */
    public ReadOnlyObjectProperty<Text> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True while the disk use of the listed installs is being measured (shown as they arrive). */
    public ReadOnlyBooleanProperty measuringProperty() {
        return measuring.getReadOnlyProperty();
    }

    /** Runs {@code r} (on the FX thread) each time the installs are searched again. */
    public void onReload(Runnable r) {
        onReload.add(r);
    }

    /**
     * Searches again, this computer and every server of the settings, each on its own; a search
     * still running is superseded (its result is dropped). This computer's installs show as soon
     * as the search has them; their disk use is measured after and fills in.
     */
    public void reload() {
        long mine = ++generation;
        onReload.forEach(Runnable::run);
        state.set(State.LOADING);
        measuring.set(false);
        bridge.run(
                source::list,
                rows -> {
                    if (mine == generation) {
                        show(rows);
                        error.set(NO_ERROR);
                        state.set(installs.isEmpty() && hosts.isEmpty() ? State.EMPTY : State.LIST);
                        measure(mine, rows);
                        recheckStarting(
                                rows,
                                source::list,
                                () -> mine == generation,
                                fresh -> show(keepSizes(fresh, localRows)),
                                RECHECKS);
                    }
                },
                e -> {
                    if (mine == generation) {
                        localRows = List.of();
                        combine();
                        error.set(Failures.text(e));
                        state.set(e instanceof DockerUnreachableException ? State.DOCKER_UNREACHABLE : State.FAILED);
                    }
                });
        List<dev.berth.config.Settings.SshServer> servers = settings.get().hosts();
        List<String> keys =
                servers.stream().map(dev.berth.config.Settings.SshServer::key).toList();
        hostRows.keySet().retainAll(keys);
        hosts.setAll(
                keys.stream().map(k -> new HostStatus(k, HostState.LOADING, 0)).toList());
        servers.forEach(this::search);
    }

    /** Searches one server again (its Retry). */
    public void reloadHost(String host) {
        settings.get().hosts().stream()
                .filter(h -> h.key().equals(host))
                .findFirst()
                .ifPresent(this::search);
    }

    private void search(dev.berth.config.Settings.SshServer server) {
        String key = server.key();
        long mine = hostGeneration.merge(key, 1L, Long::sum);
        setHost(new HostStatus(key, HostState.LOADING, 0));
        bridge.run(
                () -> hostInstalls.list(server),
                rows -> {
                    if (mine == hostGeneration.get(key)) {
                        hostRows.put(key, rows.stream().map(r -> r.onHost(key)).toList());
                        setHost(new HostStatus(key, HostState.LISTED, rows.size()));
                        combine();
                        if (state.get() == State.EMPTY) {
                            state.set(State.LIST);
                        }
                        measureHost(server, mine, rows);
                        recheckStarting(
                                rows,
                                () -> hostInstalls.list(server),
                                () -> mine == hostGeneration.get(key),
                                fresh -> {
                                    hostRows.put(
                                            key,
                                            keepSizes(
                                                    fresh.stream()
                                                            .map(r -> r.onHost(key))
                                                            .toList(),
                                                    hostRows.getOrDefault(key, List.of())));
                                    combine();
                                },
                                RECHECKS);
                    }
                },
                e -> {
                    if (mine == hostGeneration.get(key)) {
                        hostRows.remove(key);
                        setHost(new HostStatus(key, HostState.UNREACHABLE, 0, Failures.text(e)));
                        combine();
                    }
                });
    }

    /** A server's disk use, measured there after its rows are shown, as this computer's are. */
    private void measureHost(dev.berth.config.Settings.SshServer server, long mine, List<InstallRow> rows) {
        String key = server.key();
        if (rows.stream().noneMatch(r -> r.diskUseBytes() < 0)) {
            return;
        }
        bridge.run(
                () -> hostInstalls.measure(server, rows),
                measured -> {
                    if (mine == hostGeneration.get(key)) {
                        hostRows.put(
                                key, measured.stream().map(r -> r.onHost(key)).toList());
                        combine();
                    }
                },
                e -> LOG.log(
                        java.util.logging.Level.WARNING,
                        "measuring disk use on " + key + " failed: " + describe(e),
                        e));
    }

    /**
     * While some of {@code rows} say their health checks are still starting, reads the list again
     * after {@link #recheck} and shows it, quietly (no "loading" state), up to {@code left} times;
     * stops as soon as nothing is starting or a newer search ({@code current} false) took over.
     * A failed re-read keeps the list as it is.
     */
    private void recheckStarting(
            List<InstallRow> rows,
            java.util.concurrent.Callable<List<InstallRow>> list,
            java.util.function.BooleanSupplier current,
            Consumer<List<InstallRow>> apply,
            int left) {
        if (left <= 0 || rows.stream().noneMatch(r -> r.health() == InstallRow.Health.STARTING)) {
            return;
        }
        bridge.run(
                () -> {
                    Thread.sleep(recheck.toMillis());
                    return list.call();
                },
                fresh -> {
                    if (current.getAsBoolean()) {
                        apply.accept(fresh);
                        recheckStarting(fresh, list, current, apply, left - 1);
                    }
                },
                e -> LOG.log(java.util.logging.Level.FINE, "reading the installs again failed: " + describe(e), e));
    }

    /** {@code fresh} with the disk use {@code before} had measured for the same project. */
    private static List<InstallRow> keepSizes(List<InstallRow> fresh, List<InstallRow> before) {
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        before.forEach(r -> sizes.put(r.project(), r.diskUseBytes()));
        return fresh.stream()
                .map(r -> r.diskUseBytes() < 0 && sizes.getOrDefault(r.project(), -1L) >= 0
                        ? r.withDiskUse(sizes.get(r.project()))
                        : r)
                .toList();
    }

    private void setHost(HostStatus s) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).host().equals(s.host())) {
                hosts.set(i, s);
                return;
            }
        }
    }

    /** The list: this computer's rows, then each server's; the chosen install stays chosen. */
    private void combine() {
        InstallRow keep = selected.get();
        List<InstallRow> all = new ArrayList<>(localRows);
        for (HostStatus h : hosts) {
            all.addAll(hostRows.getOrDefault(h.host(), List.of()));
        }
        installs.setAll(all);
        selected.set(
                keep == null
                        ? null
                        : all.stream()
                                .filter(r -> r.project().equals(keep.project())
                                        && r.host().equals(keep.host()))
                                .findFirst()
                                .orElse(null));
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

    /** Shows this computer's rows (with the servers' after them), keeping the chosen install chosen. */
    private void show(List<InstallRow> rows) {
        localRows = List.copyOf(rows);
        combine();
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
                    return now.withScanFolders(folders);
                },
                (Optional<Path> aside) -> reload(),
                onFailed);
    }
}
