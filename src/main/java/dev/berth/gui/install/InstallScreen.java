package dev.berth.gui.install;

import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Install page: one wizard session at a time. Leaving a session (cancel, or close after the
 * run) starts a fresh one for the next visit. FX-thread only.
 */
public final class InstallScreen {
    private final EngineAccess access;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final Path defaultParent;
    private final Consumer<Optional<Path>> onLeave;
    private final ReadOnlyObjectWrapper<InstallViewModel> session = new ReadOnlyObjectWrapper<>(this, "session");

    /**
     * @param defaultParent where new installs go by default
     * @param onLeave called when a session ends, with the install folder when something was
     *     installed (the window then shows Home and searches again)
     */
    public InstallScreen(
            EngineAccess access,
            FxBridge bridge,
            RunTracker tracker,
            Path defaultParent,
            Consumer<Optional<Path>> onLeave) {
        this.access = access;
        this.bridge = bridge;
        this.tracker = tracker;
        this.defaultParent = defaultParent;
        this.onLeave = onLeave;
        session.set(fresh());
    }

    private InstallViewModel fresh() {
        return new InstallViewModel(
                access, bridge, tracker, DemoRelease.find(DemoRelease.FIRST), defaultParent, installed -> {
                    session.set(fresh());
                    onLeave.accept(installed);
                });
    }

    /** The current session; the view follows it. */
    public ReadOnlyObjectProperty<InstallViewModel> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public InstallViewModel session() {
        return session.get();
    }

    /**
     * "Try the demo app": the demo release chosen and loading. A session that is past its first
     * page or running is left alone.
     */
    public void tryDemo() {
        InstallViewModel s = session.get();
        if (s.wizard().indexProperty().get() == 0
                && s.screenProperty().get() == dev.berth.gui.common.RunController.Screen.WIZARD) {
            s.release().chooseDemo();
        }
    }
}
