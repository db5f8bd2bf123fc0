package dev.berth.gui;

import dev.berth.config.Settings;
import dev.berth.config.Settings.Language;
import dev.berth.engine.Engine;
import dev.berth.engine.Plan;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.about.AboutView;
import dev.berth.gui.about.AboutViewModel;
import dev.berth.gui.common.AppLogsView;
import dev.berth.gui.common.AppLogsViewModel;
import dev.berth.gui.common.Desktops;
import dev.berth.gui.common.FocusScroll;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.Page;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.TaskView;
import dev.berth.gui.common.TaskViewModel;
import dev.berth.gui.configure.ConfigureScreen;
import dev.berth.gui.configure.ConfigureView;
import dev.berth.gui.home.HomeActions;
import dev.berth.gui.home.HomeView;
import dev.berth.gui.home.HomeViewModel;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.install.DemoRelease;
import dev.berth.gui.install.InstallScreen;
import dev.berth.gui.install.InstallView;
import dev.berth.gui.restore.RestoreScreen;
import dev.berth.gui.restore.RestoreView;
import dev.berth.gui.resume.ResumeBanner;
import dev.berth.gui.resume.ResumeViewModel;
import dev.berth.gui.settings.HostsView;
import dev.berth.gui.settings.HostsViewModel;
import dev.berth.gui.settings.SettingsView;
import dev.berth.gui.settings.SettingsViewModel;
import dev.berth.gui.upgrade.UpgradeScreen;
import dev.berth.gui.upgrade.UpgradeView;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: builds the view-models once, and the views for the current language (all of
 * them again when the language changes, which is how switching applies live). Remembers its size
 * and position. Keys: Ctrl+, (⌘, on macOS) opens Settings, F5 searches for installs again, Alt
 * plus the underlined letter picks a page.
 */
public final class MainWindow {
    private static final Logger LOG = Logger.getLogger(MainWindow.class.getName());

    /** Whether the window's size and position are read from and written to the state file. */
    public enum WindowMemory {
        REMEMBER,
        /** For screenshots, benchmarks and tests: the user's saved place is neither used nor changed. */
        FORGET
    }

    private final GuiServices services;
    private final AppSettings settings;
    private final WindowMemory memory;
    private final FxBridge bridge;
    private final RunTracker tracker = new RunTracker();
    private final ShellViewModel shell;
    private final HomeViewModel home;
    private final ObjectProperty<Optional<TaskViewModel>> task = new SimpleObjectProperty<>(Optional.empty());
    private InstallScreen install;
    private UpgradeScreen upgrade;
    private ConfigureScreen configure;
    private RestoreScreen restore;
    private ResumeViewModel resume;
    /** The installs of each machine ("" for this computer) whose journals were last read. */
    private final java.util.Map<String, List<Path>> checkedForResume = new java.util.HashMap<>();

    private SettingsViewModel settingsPage;
    private HostsViewModel hostsPage;
    private final HostRoute upgradeRoute;
    private final HostRoute configureRoute;
    private AboutViewModel about;
    private final ThemeManager theme = new ThemeManager();
    private Messages messages;
    private Language shownLanguage;
    private Scene scene;
    private Stage stage;
    private WindowState normal;

    public MainWindow(GuiServices services, AppSettings settings, FxBridge bridge, WindowMemory memory) {
        this.services = services;
        this.settings = settings;
        this.memory = memory;
        this.bridge = bridge;
        RunGuard outside = services.runs();
        this.shell = new ShellViewModel(settings, () -> outside.runActive() || tracker.active());
        this.home = new HomeViewModel(
                services.installs(), services.servers().installs(), bridge, settings, shell, new Actions());
        this.upgradeRoute = new HostRoute(services.engine(), services.servers());
        this.configureRoute = new HostRoute(services.engine(), services.servers());
        // Unfinished runs are looked for in the installs Home found, on this computer and on each
        // server once it is listed (again only when they changed: the list is set again when disk
        // use arrives), and in all of them again after a search (Refresh, back from a run: a run
        // cut off by a dropped connection or another Berth's crash leaves a journal behind). The
        // journals are read off the FX thread, a server's over its connection.
        home.onReload(() -> checkedForResume.replaceAll((host, dirs) -> null)); // null: read again
        home.installs().addListener((ListChangeListener<InstallRow>) c -> {
            java.util.Map<String, List<Path>> byHost = new java.util.LinkedHashMap<>();
            byHost.put("", new java.util.ArrayList<>());
            for (InstallRow r : home.installs()) {
                byHost.computeIfAbsent(r.host(), h -> new java.util.ArrayList<>())
                        .add(r.installDir());
            }
            // A server no longer listed (unreachable, removed) has its offers cleared.
            checkedForResume.keySet().forEach(h -> byHost.putIfAbsent(h, List.of()));
            byHost.forEach((host, dirs) -> {
                if (!dirs.equals(checkedForResume.getOrDefault(host, List.of()))) {
                    checkedForResume.put(host, List.copyOf(dirs));
                    resume().check(host, dirs);
                }
            });
        });
    }

    /** The screens' runs: closing the window asks first while one goes on. */
    public RunTracker runs() {
        return tracker;
    }

    /** The install wizard; made on first use. */
    public InstallScreen install() {
        if (install == null) {
            install = new InstallScreen(
                    services.engine(), bridge, tracker, Path.of(System.getProperty("user.home"), "apps"), installed -> {
                        shell.go(Page.HOME);
                        if (installed.isPresent()) {
                            home.reload();
                        }
                    });
        }
        return install;
    }

    /** The upgrade wizard; made on first use. */
    public UpgradeScreen upgrade() {
        if (upgrade == null) {
            upgrade = new UpgradeScreen(
                    upgradeRoute,
                    services.backups(),
                    bridge,
                    tracker,
                    () -> backupRoot(upgradeRoute.host()),
                    DemoRelease::newest,
                    this::backHome,
                    (archive, dir) -> {
                        if (restore().open(upgradeRoute.host(), archive, Optional.of(dir))) {
                            shell.go(Page.RESTORE);
                        }
                    });
        }
        return upgrade;
    }

    /** The settings of an install; made on first use. */
    public ConfigureScreen configure() {
        if (configure == null) {
            configure = new ConfigureScreen(
                    configureRoute,
                    (install, answers) -> configureRoute.host().isEmpty()
                            ? services.configure().plan(install, answers)
                            : configureRoute.engine().planConfigure(install, answers, java.util.Map.of()),
                    bridge,
                    tracker,
                    this::backHome);
        }
        return configure;
    }

    /** The restore wizard; made on first use. */
    public RestoreScreen restore() {
        if (restore == null) {
            restore = new RestoreScreen(
                    host -> host.isEmpty()
                            ? services.backups()
                            : services.servers().backups(host, services.backups()),
                    host -> host.isEmpty()
                            ? services.engine()
                            : services.servers().engine(host),
                    bridge,
                    tracker,
                    this::backHome);
        }
        return restore;
    }

    /** Unfinished runs; made when Home first lists installs. */
    public ResumeViewModel resume() {
        if (resume == null) {
            resume = new ResumeViewModel(
                    host -> host.isEmpty()
                            ? services.engine()
                            : services.servers().engine(host),
                    bridge,
                    tracker);
        }
        return resume;
    }

    /** The run started from Home (back up, resume, roll back), if any. */
    public ObjectProperty<Optional<TaskViewModel>> task() {
        return task;
    }

    private void backHome() {
        shell.go(Page.HOME);
        home.reload();
    }

    /**
     * Opens a file given on the command line ({@code berth gui FILE}): a backup ({@code .berth})
     * opens the restore screen with it.
     *
     * @return false when Berth does not know what to do with the file
     */
    public boolean openFile(Path file) {
        if (!file.getFileName().toString().endsWith(".berth")) {
            return false;
        }
        if (restore().open(file.toAbsolutePath(), Optional.empty())) {
            shell.go(Page.RESTORE);
        }
        return true;
    }

    /** Starts a run page for Home's tasks, unless one is running. */
    private void startTask(java.util.function.Function<Runnable, TaskViewModel> make) {
        Optional<TaskViewModel> now = task.get();
        if (now.isPresent()) {
            RunViewModel.State s = now.get().run().stateProperty().get();
            if (s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING) {
                shell.go(Page.RUN);
                return;
            }
        }
        TaskViewModel[] self = new TaskViewModel[1];
        self[0] = make.apply(() -> {
            if (task.get().orElse(null) == self[0]) {
                task.set(Optional.empty());
            }
            backHome();
        });
        task.set(Optional.of(self[0]));
        shell.go(Page.RUN);
    }

    /** Home's buttons: they open the screens for the chosen install. */
    private final class Actions implements HomeActions {
        @Override
        public void upgrade(InstallRow row) {
            String was = upgradeRoute.use(row.host());
            if (MainWindow.this.upgrade().open(row.installDir())) {
                shell.go(Page.UPGRADE);
            } else {
                upgradeRoute.use(was);
                busy();
            }
        }

        @Override
        public void configure(InstallRow row) {
            String was = configureRoute.use(row.host());
            if (MainWindow.this.configure().open(row.installDir())) {
                shell.go(Page.CONFIGURE);
            } else {
                configureRoute.use(was);
                busy();
            }
        }

        @Override
        public void backUp(InstallRow row) {
            Path dir = row.installDir();
            String host = row.host();
            Object folder = row.isLocal() ? settings.get().backupDir(services.dirs()) : host;
            startTask(onClose -> new TaskViewModel(
                    bridge,
                    tracker,
                    new TaskViewModel.Texts(
                            "backup.title",
                            List.of(row.app()),
                            "backup.text",
                            List.of(row.app(), folder),
                            "backup.action"),
                    () -> {
                        UpgradePlanner.Result r = host.isEmpty()
                                ? services.backups().planBackup(dir)
                                : services.servers().planBackup(host, dir);
                        Engine e = host.isEmpty()
                                ? services.engine().engine()
                                : services.servers().engine(host).engine();
                        Plan p = r.plan();
                        return new TaskViewModel.Prepared(
                                Optional.of(p),
                                RunViewModel.StepSpec.of(p),
                                (listener, cancellation) -> e.run(p, listener, cancellation));
                    },
                    onClose));
        }

        @Override
        public void restore(InstallRow row) {
            // While a restore runs, the page shows it (whatever machine it is on) instead of a new one.
            MainWindow.this.restore().showFor(row.host());
            shell.go(Page.RESTORE);
        }

        @Override
        public void openFolder(InstallRow row) {
            Path dir = row.installDir();
            bridge.run(() -> Desktops.open(dir), x -> {}, e -> error(messages.get("desktop.failed", e.getMessage())));
        }

        @Override
        public void showLogs(InstallRow row) {
            MainWindow.this.showLogs(
                    row.isLocal() ? services.engine() : services.servers().engine(row.host()), row.installDir());
        }

        @Override
        public void tryDemo() {
            install().tryDemo();
        }
    }

    private void busy() {
        error(messages.get("run.busy"));
    }

    private void error(String text) {
        Alert a = new Alert(Alert.AlertType.WARNING, text);
        a.setHeaderText(null);
        a.initOwner(stage);
        a.show();
    }

    /** Opens a window with the container logs of an install. */
    public void showLogs(Path installDir) {
        showLogs(services.engine(), installDir);
    }

    private void showLogs(dev.berth.gui.common.EngineAccess engine, Path installDir) {
        AppLogsViewModel logs = new AppLogsViewModel(engine, bridge, installDir);
        Stage w = new Stage();
        w.initOwner(stage);
        w.setTitle(messages.get("logs.window", installDir.getFileName()));
        Scene sc = new Scene(new AppLogsView(logs, messages, w::close), 900, 560);
        sc.getStylesheets().addAll(scene.getStylesheets());
        w.setScene(sc);
        w.show();
        logs.load();
    }

    /** Resumes or rolls back an unfinished run on the run page. */
    private void unfinished(ResumeViewModel.Unfinished u, boolean rollback) {
        startTask(onClose -> rollback ? resume().rollback(u, onClose) : resume().resume(u, onClose));
    }

    public ShellViewModel shell() {
        return shell;
    }

    public HomeViewModel home() {
        return home;
    }

    /** The backup folder for an install on {@code host}: the settings' here, the login user's on a server. */
    private Path backupRoot(String host) {
        if (host.isEmpty()) {
            return settings.get().backupDir(services.dirs());
        }
        try {
            return services.servers().backupRoot(host);
        } catch (Exception e) {
            throw new IllegalStateException(
                    "Could not reach " + host + " to find its backup folder: " + e.getMessage(), e);
        }
    }

    /** Settings → Servers; made on first visit. */
    public HostsViewModel hostsPage() {
        if (hostsPage == null) {
            hostsPage = new HostsViewModel(settings, bridge, services.servers().probe());
        }
        return hostsPage;
    }

    /** Created on first visit, like the other pages that are not shown at start. */
    public SettingsViewModel settingsPage() {
        if (settingsPage == null) {
            settingsPage = new SettingsViewModel(settings, services.dirs());
        }
        return settingsPage;
    }

    private AboutViewModel about() {
        if (about == null) {
            about = new AboutViewModel(services.dirs());
        }
        return about;
    }

    public Scene scene() {
        return scene;
    }

    /**
     * Shows the window in {@code stage} and starts the first search for installs (off the FX
     * thread, after the window is up).
     *
     * @param preloaded the texts, when already loaded off the FX thread for the settings' language
     */
    public void show(Stage stage, Optional<Messages> preloaded) {
        this.stage = stage;
        Settings s = settings.get();
        theme.apply(s.theme());
        BerthApp.phase("theme");
        shownLanguage = s.language();
        messages = preloaded.orElseGet(() -> Messages.forLocale(s.language().locale(Locale.getDefault())));
        scene = new Scene(buildRoot());
        FocusScroll.install(scene);
        BerthApp.phase("views");
        scene.getStylesheets().add(MainWindow.class.getResource("berth.css").toExternalForm());
        scene.getAccelerators()
                .put(
                        new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                        () -> shell.go(Page.SETTINGS));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), () -> {
            shell.go(Page.HOME);
            home.reload();
        });
        stage.setTitle(messages.get("app.title"));
        stage.setMinWidth(WindowState.MIN_WIDTH);
        stage.setMinHeight(WindowState.MIN_HEIGHT);
        stage.setScene(scene);
        place(stage);
        stage.setOnCloseRequest(e -> {
            if (shell.closeNeedsConfirmation() && !confirmClose()) {
                e.consume();
                return;
            }
            remember();
        });
        settings.settingsProperty().addListener((o, was, now) -> applySettings(now));
        stage.show();
        BerthApp.phase("shown");
        home.reload();
    }

    private Parent buildRoot() {
        return new ShellView(shell, messages, this::page);
    }

    private Node page(Page p) {
        return switch (p) {
            case HOME -> homePage();
            case INSTALL -> following("page-install", install().sessionProperty(), vm -> new InstallView(vm, messages));
            case RESTORE -> {
                restore().shown();
                yield following("page-restore-holder", restore().sessionProperty(), vm -> {
                    restore().shown();
                    return new RestoreView(vm, messages);
                });
            }
            case SETTINGS -> new SettingsView(settingsPage(), messages, new HostsView(hostsPage(), messages));
            case ABOUT -> new AboutView(about(), messages);
            case UPGRADE ->
                following(
                        "page-upgrade",
                        upgrade().sessionProperty(),
                        s -> s.<Node>map(vm -> new UpgradeView(vm, messages, this::showLogs))
                                .orElseGet(() -> new PlaceholderView(
                                        "upgrade-none", messages, "upgrade.title", "upgrade.none")));
            case CONFIGURE ->
                following(
                        "page-configure",
                        configure().sessionProperty(),
                        s -> s.<Node>map(vm -> new ConfigureView(vm, messages))
                                .orElseGet(() -> new PlaceholderView(
                                        "configure-none", messages, "configure.title", "configure.none")));
            case RUN ->
                following(
                        "page-run",
                        task,
                        t -> t.<Node>map(vm -> new TaskView(vm, messages))
                                .orElseGet(
                                        () -> new PlaceholderView("task-none", messages, "task.title", "task.none")));
        };
    }

    /** Home with the banner of unfinished runs above it. */
    private Node homePage() {
        HomeView view = new HomeView(home, messages);
        if (resume == null) {
            // Nothing to offer before the first search; the banner comes with the next build of views.
            StackPane holder = new StackPane(view);
            home.installs().addListener(new ListChangeListener<InstallRow>() {
                @Override
                public void onChanged(Change<? extends InstallRow> c) {
                    home.installs().removeListener(this);
                    BorderPane withBanner = new BorderPane(view);
                    withBanner.setTop(banner());
                    holder.getChildren().setAll(withBanner);
                }
            });
            return holder;
        }
        BorderPane withBanner = new BorderPane(view);
        withBanner.setTop(banner());
        return withBanner;
    }

    /** The banner, scrolling when several runs are unfinished, so the list of apps keeps its room. */
    private Node banner() {
        ResumeBanner b = new ResumeBanner(resume(), messages, u -> unfinished(u, false), u -> unfinished(u, true));
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(b);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add(atlantafx.base.theme.Styles.FLAT);
        scroll.maxHeightProperty().bind(b.heightProperty().map(h -> Math.min(h.doubleValue() + 2, 200)));
        scroll.prefViewportHeightProperty().bind(b.heightProperty().map(h -> Math.min(h.doubleValue(), 198)));
        scroll.visibleProperty().bind(b.visibleProperty());
        scroll.managedProperty().bind(b.managedProperty());
        BorderPane.setMargin(scroll, new Insets(0, 0, 12, 0));
        return scroll;
    }

    /** A page that shows {@code view} of the current value of {@code session}, built anew when it changes. */
    private <T> Node following(String id, ObservableValue<T> session, java.util.function.Function<T, Node> view) {
        StackPane holder = new StackPane();
        holder.setId(id);
        Runnable fill = () -> holder.getChildren().setAll(view.apply(session.getValue()));
        session.addListener(o -> fill.run());
        fill.run();
        return holder;
    }

    private void applySettings(Settings now) {
        theme.apply(now.theme());
        if (now.language() != shownLanguage) {
            shownLanguage = now.language();
            messages = Messages.forLocale(now.language().locale(Locale.getDefault()));
            stage.setTitle(messages.get("app.title"));
            // View-models keep all state, so new views in the new language show the same thing.
            scene.setRoot(buildRoot());
        }
    }

    private void place(Stage stage) {
        List<Rectangle2D> screens = new ArrayList<>();
        screens.add(Screen.getPrimary().getVisualBounds());
        for (Screen sc : Screen.getScreens()) {
            if (!sc.equals(Screen.getPrimary())) {
                screens.add(sc.getVisualBounds());
            }
        }
        Optional<WindowState> saved = memory == WindowMemory.REMEMBER
                ? WindowState.read(services.dirs().windowStateFile())
                : Optional.empty();
        WindowState w = saved.map(ws -> ws.placeOn(screens)).orElseGet(() -> WindowState.centered(screens.getFirst()));
        stage.setX(w.x());
        stage.setY(w.y());
        stage.setWidth(w.width());
        stage.setHeight(w.height());
        stage.setMaximized(w.maximized());
        normal = w;
        // Remember the un-maximized bounds, which is what the window restores to next time.
        Runnable track = () -> {
            if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
                normal = new WindowState(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
            }
        };
        stage.xProperty().addListener(o -> track.run());
        stage.yProperty().addListener(o -> track.run());
        stage.widthProperty().addListener(o -> track.run());
        stage.heightProperty().addListener(o -> track.run());
    }

    private void remember() {
        if (memory != WindowMemory.REMEMBER) {
            return;
        }
        Path file = services.dirs().windowStateFile();
        WindowState w = new WindowState(normal.x(), normal.y(), normal.width(), normal.height(), stage.isMaximized());
        try {
            w.write(file);
        } catch (IOException e) {
            LOG.log(
                    Level.WARNING,
                    "could not remember the window place in " + file + "; it opens at its default next time",
                    e);
        }
    }

    private boolean confirmClose() {
        ButtonType keep = new ButtonType(messages.get("close.keep"), ButtonBar.ButtonData.CANCEL_CLOSE);
        ButtonType close = new ButtonType(messages.get("close.anyway"), ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.WARNING, messages.get("close.text"), keep, close);
        a.setTitle(messages.get("close.title"));
        a.setHeaderText(messages.get("close.title"));
        a.initOwner(stage);
        // The safe choice is the default: Enter keeps the run going.
        ((Button) a.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        ((Button) a.getDialogPane().lookupButton(close)).setDefaultButton(false);
        return a.showAndWait().filter(b -> b == close).isPresent();
    }
}
