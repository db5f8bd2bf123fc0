package dev.berth.gui.upgrade;

import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** The Upgrade page: the wizard session of the install chosen on Home. FX-thread only. */
public final class UpgradeScreen {
    private final EngineAccess access;
    private final BackupAccess backups;
    private final FxBridge bridge;
    private final RunTracker tracker;
    private final Supplier<Path> backupRoot;
    private final Supplier<Optional<Path>> demoNewest;
    private final Runnable onLeave;
    private final BiConsumer<Path, Path> restoreBackup;
    private final ReadOnlyObjectWrapper<Optional<UpgradeViewModel>> session =
            new ReadOnlyObjectWrapper<>(this, "session", Optional.empty());

    /**
     * @param demoNewest the newest demo release, offered first when the install is the demo app
     * @param onLeave called when a session ends (the window shows Home and searches again)
     * @param restoreBackup opens the restore screen with (backup archive, install folder)
     */
    public UpgradeScreen(
            EngineAccess access,
            BackupAccess backups,
            FxBridge bridge,
            RunTracker tracker,
            Supplier<Path> backupRoot,
            Supplier<Optional<Path>> demoNewest,
            Runnable onLeave,
            BiConsumer<Path, Path> restoreBackup) {
        this.access = access;
        this.backups = backups;
        this.bridge = bridge;
        this.tracker = tracker;
        this.backupRoot = backupRoot;
        this.demoNewest = demoNewest;
        this.onLeave = onLeave;
        this.restoreBackup = restoreBackup;
    }

    /**
     * Starts the wizard for the install in {@code installDir}, unless a session for it is open
     * or a run of another session goes on (then that one stays).
     *
     * @return false when another session's run keeps the page busy
     */
    public boolean open(Path installDir) {
        Optional<UpgradeViewModel> now = session.get();
        if (now.isPresent()) {
            if (now.get().installDir().equals(installDir)) {
                return true;
            }
            if (now.get().run().stateProperty().get() == dev.berth.gui.common.RunViewModel.State.RUNNING
                    || now.get().run().stateProperty().get() == dev.berth.gui.common.RunViewModel.State.CANCELLING) {
                return false;
            }
            now.get().release().close();
        }
        UpgradeViewModel[] self = new UpgradeViewModel[1];
        self[0] = new UpgradeViewModel(
                access,
                backups,
                bridge,
                tracker,
                installDir,
                backupRoot,
                demoNewest.get(),
                () -> {
                    if (session.get().orElse(null) == self[0]) {
                        session.set(Optional.empty());
                    }
                    onLeave.run();
                },
                restoreBackup);
        session.set(Optional.of(self[0]));
        return true;
    }

    public ReadOnlyObjectProperty<Optional<UpgradeViewModel>> sessionProperty() {
        return session.getReadOnlyProperty();
    }
}
