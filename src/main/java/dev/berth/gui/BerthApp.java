package dev.berth.gui;

import dev.berth.config.AppDirs;
import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import dev.berth.gui.MainWindow.WindowMemory;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts the desktop app. Not a JavaFX {@code Application} subclass: {@link Platform#startup}
 * lets {@code Main} hand in the wired services without a static field. Start-up is kept lean:
 * reading the settings, the texts and setting up the log file run on a helper thread while the
 * toolkit starts; Docker is only asked after the first frame, off the FX thread.
 *
 * <p>Hidden options (system properties) for tooling: {@code berth.coldstart=true} prints the
 * time of {@code main} and of the first rendered frame and exits ({@code bench/coldstart.sh});
 * {@code berth.screenshot.dir=DIR} with {@code berth.screenshot.page=home|install|restore|
 * settings|about} (and optionally {@code berth.screenshot.name}) writes a PNG of that page and
 * exits ({@code scripts/screenshots.sh}). Both leave the remembered window place alone.
 */
public final class BerthApp {
    private static final Logger LOG = Logger.getLogger(BerthApp.class.getName());

    private BerthApp() {}

    /** Starts the app with the user's folders and nothing wired in yet; returns at once. */
    public static void launchApp(String[] args) {
        launchApp(GuiServices.standalone(), args);
    }

    /**
     * Starts the JavaFX toolkit and shows the main window. Returns once the toolkit runs; the JVM
     * exits when the window closes.
     *
     * @param args {@code [FILE]}: a backup ({@code .berth}) to open in the restore screen
     */
    public static void launchApp(GuiServices services, String[] args) {
        launchApp(services, args, Optional.empty());
    }

    /** As {@link #launchApp(GuiServices, String[])}, with a scenario for screenshots (tooling). */
    static void launchApp(GuiServices services, String[] args, Optional<ScreenshotScenario> scenario) {
        long mainMillis = System.currentTimeMillis();
        if (args.length > 1 || (args.length == 1 && args[0].startsWith("-"))) {
            System.err.println("berth gui: expected at most one file, got " + String.join(" ", args)
                    + "\n  Usage: berth [gui [FILE]]   (berth --help lists the commands)");
            System.exit(2);
        }
        Tooling tooling = Tooling.fromSystemProperties();
        if (tooling.coldstart()) {
            System.out.println("berth-coldstart main() epochMs=" + mainMillis);
        }
        FxBridge bridge = FxBridge.platform();
        CompletableFuture<Prepared> prepared =
                CompletableFuture.supplyAsync(() -> prepare(services.dirs(), bridge, tooling), daemon());
        Optional<Path> file = args.length == 1 ? Optional.of(Path.of(args[0])) : Optional.empty();
        Platform.startup(() -> {
            try {
                phase("fx-start");
                start(services, prepared.join(), bridge, tooling, file, scenario);
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "the desktop app could not start", e);
                System.err.println("berth: the desktop app could not start: " + e
                        + "\n  Nothing was changed. The log is in "
                        + services.dirs().logsDir()
                        + "; the command line still works: berth --help");
                System.exit(1);
            }
        });
    }

    private record Prepared(AppSettings settings, Messages messages) {}

    /** Tooling switches from system properties; see the class comment. */
    private record Tooling(
            boolean coldstart, Optional<Path> screenshotDir, String screenshotPage, String screenshotName) {
        static Tooling fromSystemProperties() {
            String dir = System.getProperty("berth.screenshot.dir", "");
            String page = System.getProperty("berth.screenshot.page", "home");
            return new Tooling(
                    Boolean.getBoolean("berth.coldstart"),
                    dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir)),
                    page,
                    System.getProperty("berth.screenshot.name", page));
        }

        boolean forgetWindow() {
            return coldstart || screenshotDir.isPresent();
        }
    }

    private static java.util.concurrent.Executor daemon() {
        return r -> {
            Thread t = new Thread(r, "berth-startup");
            t.setDaemon(true);
            t.start();
        };
    }

    static void phase(String name) {
        if (Boolean.getBoolean("berth.coldstart")) {
            String cpu = Boolean.getBoolean("berth.coldstart.cpu")
                    ? " threadCpuMs="
                            + java.lang.management.ManagementFactory.getThreadMXBean()
                                            .getCurrentThreadCpuTime()
                                    / 1_000_000
                            + " thread=" + Thread.currentThread().getName()
                    : "";
            System.out.println("berth-coldstart phase " + name + cpu + " epochMs=" + System.currentTimeMillis());
        }
    }

    private static Prepared prepare(AppDirs dirs, FxBridge bridge, Tooling tooling) {
        phase("prepare-start");
        Thread.setDefaultUncaughtExceptionHandler(
                (t, e) -> LOG.log(Level.SEVERE, "uncaught exception on thread " + t.getName(), e));
        AppSettings settings = AppSettings.load(dirs.settingsFile(), bridge);
        Settings s = settings.get();
        phase("settings");
        Messages messages = Messages.forLocale(s.language().locale(Locale.getDefault()));
        phase("messages");
        return new Prepared(settings, messages);
    }

    private static void logSettingsProblem(ConfigException e) {
        LOG.warning("settings not used, starting with defaults and leaving the file unchanged: " + e.getMessage());
    }

    private static void start(
            GuiServices services,
            Prepared p,
            FxBridge bridge,
            Tooling tooling,
            Optional<Path> file,
            Optional<ScreenshotScenario> scenario) {
        Stage stage = new Stage();
        MainWindow window = new MainWindow(
                services, p.settings(), bridge, tooling.forgetWindow() ? WindowMemory.FORGET : WindowMemory.REMEMBER);
        window.show(stage, Optional.of(p.messages()));
        file.ifPresent(f -> {
            if (!window.openFile(f)) {
                LOG.warning("berth gui " + f + ": Berth opens backups (.berth files); showing Home instead");
            }
        });
        // The log file is not needed for the first frame; set it up on a worker meanwhile.
        Optional<ConfigException> settingsProblem =
                p.settings().loadErrorProperty().get();
        bridge.run(
                () -> {
                    GuiLog.toFile(services.dirs().logsDir());
                    settingsProblem.ifPresent(BerthApp::logSettingsProblem);
                    return null;
                },
                done -> {},
                e -> LOG.log(Level.WARNING, "setting up the log file failed", e));
        if (tooling.coldstart()) {
            afterFrames(2, () -> {
                System.out.println("berth-coldstart first frame rendered epochMs=" + System.currentTimeMillis());
                if (Boolean.getBoolean("berth.coldstart.home")) {
                    untilHomeListed(window);
                } else {
                    Platform.exit();
                }
            });
        }
        tooling.screenshotDir()
                .ifPresent(dir ->
                        Screenshots.take(window, dir, tooling.screenshotPage(), tooling.screenshotName(), scenario));
    }

    /**
     * {@code berth.coldstart.home=true}: also stamps the frame on which Home shows what the scan
     * found (the list, or the empty or Docker page), and the one on which the disk use filled in.
     */
    private static void untilHomeListed(MainWindow window) {
        dev.berth.gui.home.HomeViewModel home = window.home();
        Runnable sized = () -> afterFrames(2, () -> {
            System.out.println("berth-coldstart sizes shown epochMs=" + System.currentTimeMillis());
            Platform.exit();
        });
        Runnable listed = () -> afterFrames(2, () -> {
            System.out.println(
                    "berth-coldstart home listed state=" + home.stateProperty().get() + " installs="
                            + home.installs().size() + " epochMs=" + System.currentTimeMillis());
            if (home.measuringProperty().get()) {
                home.measuringProperty().addListener((o, was, now) -> {
                    if (!now) {
                        sized.run();
                    }
                });
            } else {
                sized.run();
            }
        });
        if (home.stateProperty().get() != dev.berth.gui.home.HomeViewModel.State.LOADING) {
            listed.run();
        } else {
            home.stateProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(
                        javafx.beans.value.ObservableValue<? extends dev.berth.gui.home.HomeViewModel.State> o,
                        dev.berth.gui.home.HomeViewModel.State was,
                        dev.berth.gui.home.HomeViewModel.State now) {
                    if (now != dev.berth.gui.home.HomeViewModel.State.LOADING) {
                        o.removeListener(this);
                        listed.run();
                    }
                }
            });
        }
    }

    /** Runs {@code action} on the FX thread after {@code n} more pulses have been rendered. */
    static void afterFrames(int n, Runnable action) {
        new AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= n) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }
}
