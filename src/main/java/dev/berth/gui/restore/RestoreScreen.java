package dev.berth.gui.restore;

import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Restore page: one wizard session at a time, on one machine (this computer, or a server of
 * the settings); leaving it starts a fresh one that lists the backups again. FX-thread only.
 */
public final class RestoreScreen {
    private final Function<String, BackupAccess> backups;
    private final Function<String, EngineAccess> engines;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final Runnable onLeave;
    private final ReadOnlyObjectWrapper<RestoreViewModel> session = new ReadOnlyObjectWrapper<>(this, "session");
    private boolean listed;

    /** Restores on this computer only. */
    public RestoreScreen(
            BackupAccess backups, EngineAccess access, FxBridge bridge, RunTracker tracker, Runnable onLeave) {
        this(h -> backups, h -> access, bridge, tracker, onLeave);
    }

    /**
     * Restores on any machine: {@code backups} and {@code engines} give, for a machine ({@code
     * user@host:port}; empty for this computer), its backups and its engine.
     */
    public RestoreScreen(
            Function<String, BackupAccess> backups,
            Function<String, EngineAccess> engines,
            FxBridge bridge,
            RunTracker tracker,
            Runnable onLeave) {
        this.backups = backups;
        this.engines = engines;
        this.bridge = bridge;
        this.tracker = tracker;
        this.onLeave = onLeave;
        session.set(fresh(""));
    }

    private RestoreViewModel fresh(String host) {
        listed = false;
        return new RestoreViewModel(host, backups.apply(host), engines.apply(host), bridge, tracker, () -> {
            // Leaving returns to this computer: the sidebar's Restore is about this computer's backups.
            session.set(fresh(""));
            onLeave.run();
        });
    }

    public ReadOnlyObjectProperty<RestoreViewModel> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public RestoreViewModel session() {
        return session.get();
    }

    /** Lists the backups the first time the page is shown in a session. */
    public void shown() {
        if (!listed) {
            listed = true;
            session.get().reload();
        }
    }

    /**
     * Points the page at {@code host}'s backups ({@code user@host:port}; empty for this computer):
     * a fresh session there unless the current one is on that machine already.
     *
     * @return false when a restore is running
     */
    public boolean showFor(String host) {
        RunViewModel.State s = session.get().run().stateProperty().get();
        if (s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING) {
            return false;
        }
        if (s == RunViewModel.State.FINISHED || !session.get().host().equals(host)) {
            session.set(fresh(host));
        }
        shown();
        return true;
    }

    /**
     * Opens a backup file ({@code berth gui FILE}, or the backup an upgrade took), in the current
     * session unless it is running.
     *
     * @return false when a restore is running
     */
    public boolean open(Path archive, Optional<Path> install) {
        return open("", archive, install);
    }

    /**
     * Opens a backup on {@code host} (the backup an upgrade of a server's install took: a path on
     * that server).
     *
     * @return false when a restore is running
     */
    public boolean open(String host, Path archive, Optional<Path> install) {
        if (!showFor(host)) {
            return false;
        }
        session.get().open(archive, install);
        return true;
    }
}
