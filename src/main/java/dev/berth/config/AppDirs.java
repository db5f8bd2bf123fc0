package dev.berth.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The per-user folders Berth reads and writes, following each system's convention. Nothing is
 * created here: callers create a folder when they first write into it.
 *
 * <table>
 *   <caption>Folders by system</caption>
 *   <tr><th></th><th>Linux and other Unix</th><th>Windows</th><th>macOS</th></tr>
 *   <tr><td>config</td><td>{@code $XDG_CONFIG_HOME/berth} or {@code ~/.config/berth}</td>
 *       <td>{@code %APPDATA%\Berth}</td><td>{@code ~/Library/Application Support/Berth}</td></tr>
 *   <tr><td>data</td><td>{@code $XDG_DATA_HOME/berth} or {@code ~/.local/share/berth}</td>
 *       <td>{@code %LOCALAPPDATA%\Berth}</td><td>{@code ~/Library/Application Support/Berth}</td></tr>
 *   <tr><td>state</td><td>{@code $XDG_STATE_HOME/berth} or {@code ~/.local/state/berth}</td>
 *       <td>{@code %LOCALAPPDATA%\Berth\state}</td><td>{@code ~/Library/Application Support/Berth/state}</td></tr>
 *   <tr><td>logs</td><td>state{@code /logs}</td><td>{@code %LOCALAPPDATA%\Berth\logs}</td>
 *       <td>{@code ~/Library/Logs/Berth}</td></tr>
 * </table>
 *
 * <p>XDG variables that are empty or not absolute are ignored, as the XDG Base Directory
 * specification requires. The environment is passed in so tests never touch the real home.
 */
public final class AppDirs {

    /** The folder conventions Berth knows. Every Unix other than macOS follows XDG. */
    public enum Os {
        LINUX,
        WINDOWS,
        MACOS;

        /** The convention for a {@code os.name} value. */
        public static Os fromOsName(String osName) {
            String n = osName.toLowerCase(Locale.ROOT);
            if (n.startsWith("windows")) {
                return WINDOWS;
            }
            if (n.startsWith("mac") || n.startsWith("darwin")) {
                return MACOS;
            }
            return LINUX;
        }

        public static Os current() {
            return fromOsName(System.getProperty("os.name", ""));
        }
    }

    private final Path config;
    private final Path data;
    private final Path state;
    private final Path logs;

    /**
     * @param os whose conventions to follow
     * @param env the environment ({@code HOME}, {@code XDG_*}, {@code APPDATA}, {@code LOCALAPPDATA},
     *     {@code USERPROFILE}); {@code HOME} (or {@code USERPROFILE} on Windows) must be set
     * @throws IllegalArgumentException when the home folder cannot be determined from {@code env}
     */
    public AppDirs(Os os, Map<String, String> env) {
        Map<String, String> e = Map.copyOf(env);
        switch (os) {
            case LINUX -> {
                Path home = home(e, "HOME");
                config = xdg(e, "XDG_CONFIG_HOME", home.resolve(".config")).resolve("berth");
                data = xdg(e, "XDG_DATA_HOME", home.resolve(".local").resolve("share"))
                        .resolve("berth");
                state = xdg(e, "XDG_STATE_HOME", home.resolve(".local").resolve("state"))
                        .resolve("berth");
                logs = state.resolve("logs");
            }
            case WINDOWS -> {
                Path home = home(e, "USERPROFILE");
                Path roaming =
                        absolute(e.get("APPDATA"), home.resolve("AppData").resolve("Roaming"));
                Path local =
                        absolute(e.get("LOCALAPPDATA"), home.resolve("AppData").resolve("Local"));
                config = roaming.resolve("Berth");
                data = local.resolve("Berth");
                state = data.resolve("state");
                logs = data.resolve("logs");
            }
            case MACOS -> {
                Path home = home(e, "HOME");
                Path support =
                        home.resolve("Library").resolve("Application Support").resolve("Berth");
                config = support;
                data = support;
                state = support.resolve("state");
                logs = home.resolve("Library").resolve("Logs").resolve("Berth");
            }
            default -> throw new IllegalStateException("unknown OS " + os);
        }
    }

    /** The folders of the current user on this machine. */
    public static AppDirs system() {
        Map<String, String> env = new HashMap<>(System.getenv());
        String home = System.getProperty("user.home");
        env.putIfAbsent("HOME", home);
        env.putIfAbsent("USERPROFILE", home);
        return new AppDirs(Os.current(), env);
    }

    /** Settings and other files the user may edit or copy to another machine. */
    public Path configDir() {
        return config;
    }

    /** Files Berth creates and manages: backups by default. */
    public Path dataDir() {
        return data;
    }

    /** Files that only matter on this machine and may be lost: window geometry. */
    public Path stateDir() {
        return state;
    }

    public Path logsDir() {
        return logs;
    }

    /** {@code settings.json} in the config folder; see {@code docs/settings.md}. */
    public Path settingsFile() {
        return config.resolve("settings.json");
    }

    /** Where the desktop app remembers its window size and position. */
    public Path windowStateFile() {
        return state.resolve("window.properties");
    }

    /** Where backups go when the settings name no backup folder: {@code backups/} under data. */
    public Path defaultBackupDir() {
        return data.resolve("backups");
    }

    @Override
    public String toString() {
        return "AppDirs[config=" + config + ", data=" + data + ", state=" + state + ", logs=" + logs + "]";
    }

    private static Path home(Map<String, String> env, String var) {
        String h = env.get(var);
        if (h == null || h.isBlank()) {
            h = env.get("HOME");
        }
        if (h == null || h.isBlank()) {
            throw new IllegalArgumentException(
                    "cannot find the home folder: " + var + " is not set; set it to your home folder and retry");
        }
        return Path.of(h);
    }

    private static Path xdg(Map<String, String> env, String var, Path fallback) {
        String v = env.get(var);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        Path p = Path.of(v);
        return p.isAbsolute() ? p : fallback;
    }

    /** Windows variables are trusted when set; relative values are ignored like XDG ones. */
    private static Path absolute(String value, Path fallback) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        Path p = Path.of(value);
        // On a non-Windows JVM (tests) "C:\..." is not absolute; accept drive paths by their shape.
        return p.isAbsolute() || value.matches("^[A-Za-z]:\\\\.*") || value.startsWith("\\\\") ? p : fallback;
    }
}
