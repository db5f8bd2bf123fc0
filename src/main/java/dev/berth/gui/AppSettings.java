package dev.berth.gui;

import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import dev.berth.gui.common.FxBridge;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The settings the running app uses, and the one place that saves them. Pages observe {@link
 * #settingsProperty()}; the theme and language follow it live. FX-thread only.
 */
public final class AppSettings {
    private final Path file;
    private final FxBridge bridge;
    private final ReadOnlyObjectWrapper<Settings> settings;
    private final ReadOnlyObjectWrapper<Optional<ConfigException>> loadError;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean saving;

    /**
     * @param loaded what {@link Settings#read} gave, or DEFAULTS when it failed
     * @param loadError why the file could not be used, if it could not
     */
    public AppSettings(Path file, Settings loaded, Optional<ConfigException> loadError, FxBridge bridge) {
        this.file = Objects.requireNonNull(file, "file");
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.settings = new ReadOnlyObjectWrapper<>(this, "settings", Objects.requireNonNull(loaded, "loaded"));
        this.loadError = new ReadOnlyObjectWrapper<>(this, "loadError", loadError);
    }

    /** Reads {@code file} now (blocking); a broken file gives defaults and the error. */
    public static AppSettings load(Path file, FxBridge bridge) {
        try {
            return new AppSettings(file, Settings.read(file), Optional.empty(), bridge);
        } catch (ConfigException e) {
            return new AppSettings(file, Settings.DEFAULTS, Optional.of(e), bridge);
        }
    }

    public Path file() {
        return file;
    }

    public Settings get() {
        return settings.get();
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** Why the settings file was not used at start; cleared by a successful save. */
    public ReadOnlyObjectProperty<Optional<ConfigException>> loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    /**
     * Writes {@code next} on a worker thread; on success it becomes the current settings. Both
     * callbacks run on the FX thread.
     *
     * @param onSaved gets the broken file that was moved aside, if there was one
     * @param onFailed gets a {@link ConfigException} (invalid settings) or an {@code IOException}
     */
    public void save(Settings next, Consumer<Optional<Path>> onSaved, Consumer<Exception> onFailed) {
        update(current -> next, onSaved, onFailed);
    }

    /**
     * Changes some settings: {@code change} is applied to the settings current when this save's
     * turn comes, so saves from different pages never undo each other. Saves run one at a time,
     * in the order asked, so the file always ends with the last one.
     */
    public void update(UnaryOperator<Settings> change, Consumer<Optional<Path>> onSaved, Consumer<Exception> onFailed) {
        queue.add(() -> {
            Settings next = change.apply(settings.get());
            bridge.run(
                    () -> next.write(file),
                    aside -> {
                        settings.set(next);
                        loadError.set(Optional.empty());
                        onSaved.accept(aside);
                        saveNext();
                    },
                    e -> {
                        onFailed.accept(e);
                        saveNext();
                    });
        });
        if (!saving) {
            saveNext();
        }
    }

    private void saveNext() {
        Runnable next = queue.poll();
        saving = next != null;
        if (next != null) {
            next.run();
        }
    }
}
