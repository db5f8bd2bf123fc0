package dev.berth.gui.restore;

import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import java.nio.file.Path;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The Restore page: one wizard session at a time; leaving it starts a fresh one that lists the
 * backups again. FX-thread only.
 */
public final class RestoreScreen {
    private final BackupAccess backups;
    private final EngineAccess access;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final Runnable onLeave;
    private final ReadOnlyObjectWrapper<RestoreViewModel> session = new ReadOnlyObjectWrapper<>(this, "session");
    private boolean listed;

    public RestoreScreen(
            BackupAccess backups, EngineAccess access, FxBridge bridge, RunTracker tracker, Runnable onLeave) {
        this.backups = backups;
        this.access = access;
        this.bridge = bridge;
        this.tracker = tracker;
        this.onLeave = onLeave;
        session.set(fresh());
    }

    private RestoreViewModel fresh() {
        listed = false;
        return new RestoreViewModel(backups, access, bridge, tracker, () -> {
            session.set(fresh());
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
     * Opens a backup file ({@code berth gui FILE}, or the backup an upgrade took), in the current
     * session unless it is running.
     *
     * @return false when a restore is running
     */
    public boolean open(Path archive, Optional<Path> install) {
        RunViewModel.State s = session.get().run().stateProperty().get();
        if (s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING) {
            return false;
        }
        if (s == RunViewModel.State.FINISHED) {
            session.set(fresh());
        }
        shown();
        session.get().open(archive, install);
        return true;
    }
}
