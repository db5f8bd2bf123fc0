package dev.berth.gui;

import dev.berth.config.AppDirs;
import dev.berth.gui.home.InstallSource;
import java.util.Objects;

/**
 * What the desktop app needs from outside the gui package; {@code Main} builds it. Grows as the
 * engine, discovery and docker adapters arrive.
 *
 * @param dirs the user's folders (settings, state, logs)
 * @param installs the installs shown on Home
 * @param runs whether a run is active, asked before the window closes
 */
public record GuiServices(AppDirs dirs, InstallSource installs, RunGuard runs) {
    public GuiServices {
        Objects.requireNonNull(dirs, "dirs");
        Objects.requireNonNull(installs, "installs");
        Objects.requireNonNull(runs, "runs");
    }

    /**
     * The app as it stands before discovery and the engine exist: the user's real folders, no
     * installs found ({@link InstallSource#NONE}) and no runs.
     */
    public static GuiServices standalone() {
        return new GuiServices(AppDirs.system(), InstallSource.NONE, RunGuard.NONE);
    }
}
