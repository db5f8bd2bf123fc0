package dev.berth.gui;

import dev.berth.config.AppDirs;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.configure.ConfigureAccess;
import dev.berth.gui.home.InstallSource;
import java.util.Objects;

/**
 * What the desktop app needs from outside the gui package; {@code Main} builds it.
 *
 * @param dirs the user's folders (settings, state, logs)
 * @param installs the installs shown on Home
 * @param runs whether a run outside the screens is active (the screens' own runs are counted by
 *     the window), asked before the window closes
 * @param engine the engine, connected to Docker: planning and running installs, upgrades,
 *     restores
 * @param backups listing, inspecting and planning backups and restores
 * @param configure planning a change of an install's settings
 * @param servers the SSH servers of the settings: testing, their installs, their engines
 */
public record GuiServices(
        AppDirs dirs,
        InstallSource installs,
        RunGuard runs,
        EngineAccess engine,
        BackupAccess backups,
        ConfigureAccess configure,
        ServerAccess servers) {
    public GuiServices {
        Objects.requireNonNull(dirs, "dirs");
        Objects.requireNonNull(installs, "installs");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(configure, "configure");
        Objects.requireNonNull(servers, "servers");
    }

    /** Services without servers. */
    public GuiServices(
            AppDirs dirs,
            InstallSource installs,
            RunGuard runs,
            EngineAccess engine,
            BackupAccess backups,
            ConfigureAccess configure) {
        this(dirs, installs, runs, engine, backups, configure, ServerAccess.NONE);
    }

    /** Services without engine, backups and configure: those screens say they are not in this build. */
    public GuiServices(AppDirs dirs, InstallSource installs, RunGuard runs) {
        this(dirs, installs, runs, EngineAccess.NONE, BackupAccess.NONE, ConfigureAccess.NONE);
    }

    /**
     * The app as it stands before discovery and the engine are wired: the user's real folders, no
     * installs found ({@link InstallSource#NONE}), no runs, no engine.
     */
    public static GuiServices standalone() {
        return new GuiServices(AppDirs.system(), InstallSource.NONE, RunGuard.NONE);
    }
}
