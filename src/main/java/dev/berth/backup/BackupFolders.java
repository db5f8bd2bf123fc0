package dev.berth.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where backups live by default: {@code backups/<install-id>/} below Berth's per-user data folder.
 * The one place that knows the folder, until the shared settings take it over.
 */
public final class BackupFolders {
    private BackupFolders() {}

    /**
     * {@code $XDG_DATA_HOME/berth/backups} or {@code ~/.local/share/berth/backups} on Linux,
     * {@code %LOCALAPPDATA%\Berth\backups} on Windows, {@code ~/Library/Application
     * Support/Berth/backups} on macOS.
     */
    public static Path defaultRoot() {
        return defaultRoot(System.getProperty("os.name", ""), System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultRoot(String osName, Map<String, String> env, String userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path home = Path.of(userHome);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank()
                    ? Path.of(local)
                    : home.resolve("AppData").resolve("Local");
            return base.resolve("Berth").resolve("backups");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library")
                    .resolve("Application Support")
                    .resolve("Berth")
                    .resolve("backups");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : home.resolve(".local").resolve("share");
        return base.resolve("berth").resolve("backups");
    }

    /** The folder of one install's backups below {@code root}. */
    public static Path forInstall(Path root, String installId) {
        ArchiveFormat.requireIdentifier("install id", installId);
        return root.resolve(installId);
    }
}
