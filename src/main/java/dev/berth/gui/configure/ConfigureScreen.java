package dev.berth.gui.configure;

import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The Configure page: the settings session of the install chosen on Home. FX-thread only. */
public final class ConfigureScreen {
    private final EngineAccess access;
    private final ConfigureAccess configure;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final Runnable onLeave;
    private final ReadOnlyObjectWrapper<Optional<ConfigureViewModel>> session =
            new ReadOnlyObjectWrapper<>(this, "session", Optional.empty());

    public ConfigureScreen(
            EngineAccess access, ConfigureAccess configure, FxBridge bridge, RunTracker tracker, Runnable onLeave) {
        this.access = access;
        this.configure = configure;
        this.bridge = bridge;
        this.tracker = tracker;
        this.onLeave = onLeave;
    }

    /**
     * Starts the form for the install in {@code installDir}; keeps an open session of the same
     * install.
     *
     * @return false when another session's run keeps the page busy
     */
    public boolean open(Path installDir) {
        Optional<ConfigureViewModel> now = session.get();
        if (now.isPresent()) {
            if (now.get().installDir().equals(installDir)) {
                return true;
            }
            RunViewModel.State s = now.get().run().stateProperty().get();
            if (s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING) {
                return false;
            }
        }
        ConfigureViewModel[] self = new ConfigureViewModel[1];
        self[0] = new ConfigureViewModel(access, configure, bridge, tracker, installDir, () -> {
            if (session.get().orElse(null) == self[0]) {
                session.set(Optional.empty());
            }
            onLeave.run();
        });
        session.set(Optional.of(self[0]));
        return true;
    }

    public ReadOnlyObjectProperty<Optional<ConfigureViewModel>> sessionProperty() {
        return session.getReadOnlyProperty();
    }
}
