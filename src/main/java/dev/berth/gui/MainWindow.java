package dev.berth.gui;

import dev.berth.config.Settings;
import dev.berth.config.Settings.Language;
import dev.berth.gui.about.AboutView;
import dev.berth.gui.about.AboutViewModel;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.Page;
import dev.berth.gui.home.HomeView;
import dev.berth.gui.home.HomeViewModel;
import dev.berth.gui.settings.SettingsView;
import dev.berth.gui.settings.SettingsViewModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
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
    private final ShellViewModel shell;
    private final HomeViewModel home;
    private SettingsViewModel settingsPage;
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
        this.shell = new ShellViewModel(settings, services.runs());
        this.home = new HomeViewModel(services.installs(), bridge, settings, shell);
    }

    public ShellViewModel shell() {
        return shell;
    }

    public HomeViewModel home() {
        return home;
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
            case HOME -> new HomeView(home, messages);
            case INSTALL -> new PlaceholderView("page-install", messages, "install.title", "install.pending");
            case RESTORE -> new PlaceholderView("page-restore", messages, "restore.title", "restore.pending");
            case SETTINGS -> new SettingsView(settingsPage(), messages);
            case ABOUT -> new AboutView(about(), messages);
        };
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
