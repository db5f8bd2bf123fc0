package dev.berth.backup;

import dev.berth.config.AppDirs;
import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import java.nio.file.Path;

/**
 * Where backups live by default: {@code backupFolder} from {@code settings.json}, else {@code
 * backups/} in Berth's per-user data folder ({@code $XDG_DATA_HOME/berth/backups} or {@code
 * ~/.local/share/berth/backups} on Linux, {@code %LOCALAPPDATA%\Berth\backups} on Windows, {@code
 * ~/Library/Application Support/Berth/backups} on macOS), with one subfolder per install.
 */
public final class BackupFolders {
    private BackupFolders() {}

    /**
     * The backup folder of the current user.
     *
     * @throws ConfigException when {@code settings.json} exists but cannot be used
     */
    public static Path defaultRoot() throws ConfigException {
        AppDirs dirs = AppDirs.system();
        return defaultRoot(dirs, Settings.read(dirs.settingsFile()));
    }

    public static Path defaultRoot(AppDirs dirs, Settings settings) {
        return settings.backupDir(dirs);
    }

    /** The folder of one install's backups below {@code root}. */
    public static Path forInstall(Path root, String installId) {
        ArchiveFormat.requireIdentifier("install id", installId);
        return root.resolve(installId);
    }
}
