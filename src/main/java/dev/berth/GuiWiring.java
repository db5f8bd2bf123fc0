package dev.berth;

import dev.berth.config.AppDirs;
import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import dev.berth.docker.ConnectionAttempt;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.scan.InstallScanner;
import dev.berth.docker.scan.ScanOptions;
import dev.berth.docker.scan.ScanResult;
import dev.berth.engine.ContainerRuntime;
import dev.berth.engine.CrashPoints;
import dev.berth.engine.Engine;
import dev.berth.gui.GuiServices;
import dev.berth.gui.RunGuard;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.Messages;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.home.InstallSource;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Wires the desktop app to the real engine: the Docker runtime of {@link Wiring} behind {@link
 * EngineAccess}, discovery ({@code berth scan}) behind {@link InstallSource}, the backup folder
 * behind {@link GuiBackups}, and the engine's configure planner. Nothing here connects to Docker
 * before a screen asks (on a worker thread), so the first frame never waits for it; a failed
 * connection is not cached, so Retry really tries again.
 */
final class GuiWiring {
    private static final Logger LOG = Logger.getLogger(GuiWiring.class.getName());

    private GuiWiring() {}

    /** The services of the desktop app over the user's folders and the local Docker engine. */
    static GuiServices services(AppDirs dirs) {
        Connection connection = new Connection(() -> settings(dirs).dockerHost());
        return new GuiServices(
                dirs,
                new Discovery(dirs, connection),
                RunGuard.NONE,
                connection,
                new GuiBackups(dirs, connection),
                (install, answers) -> connection.engine().planConfigure(install, answers, java.util.Map.of()));
    }

    /** The settings as saved now; the defaults when the file cannot be read (the app says so elsewhere). */
    static Settings settings(AppDirs dirs) {
        try {
            return Settings.read(dirs.settingsFile());
        } catch (ConfigException e) {
            return Settings.DEFAULTS;
        }
    }

    /**
     * The engine over the Docker runtime, connected on first use and then kept while the Docker
     * host of the settings stays the same (a changed host connects anew on the next use).
     */
    static final class Connection implements EngineAccess {
        private final java.util.function.Supplier<String> dockerHost;
        private Wiring wiring;
        private String wiredHost;
        private Engine engine;

        Connection(java.util.function.Supplier<String> dockerHost) {
            this.dockerHost = dockerHost;
        }

        @Override
        public synchronized Engine engine() throws DockerUnreachableException {
            Wiring wiring = wiring();
            if (engine == null) {
                ContainerRuntime runtime = runtime();
                engine = new Engine(
                        runtime,
                        wiring.composeLoader(),
                        p -> wiring.backups(runtime, p),
                        wiring.version(),
                        CrashPoints.fromEnvironment());
            }
            return engine;
        }

        /**
         * The Docker engine alone, for discovery: without looking for docker compose (running
         * {@code docker compose version} and {@code docker-compose version} costs seconds of CPU on
         * a busy machine, and Home needs neither).
         */
        DockerEngine docker() throws DockerUnreachableException {
            try {
                return wiring().host().engine();
            } catch (dev.berth.docker.DockerUnreachableException e) {
                throw new DockerUnreachableException(unreachable(e.attempts()), e);
            }
        }

        /**
         * The wiring for the Docker host of the settings now; a new one when the host changed, the
         * old one closed (its Docker client and, for an SSH host, its session).
         */
        private synchronized Wiring wiring() {
            String host = dockerHost.get();
            if (wiring == null || !host.equals(wiredHost)) {
                if (wiring != null) {
                    wiring.close();
                }
                wiring = new Wiring(host);
                wiredHost = host;
                engine = null;
            }
            return wiring;
        }

        private ContainerRuntime runtime() throws DockerUnreachableException {
            try {
                return wiring().runtime();
            } catch (dev.berth.docker.DockerUnreachableException e) {
                throw new DockerUnreachableException(unreachable(e.attempts()), e);
            } catch (IllegalStateException e) {
                // docker compose missing: the engine answered, but Berth cannot run apps without compose.
                throw new DockerUnreachableException(
                        "Docker answered, but Berth cannot use it; nothing was changed.\n- docker compose: "
                                + e.getMessage(),
                        e);
            }
        }

        /** The guided page's format: a headline, then one {@code - place: reason} line per place tried. */
        static String unreachable(List<ConnectionAttempt> attempts) {
            StringBuilder sb = new StringBuilder("Docker is not reachable; nothing was changed.");
            for (ConnectionAttempt a : attempts) {
                sb.append("\n- ").append(a.endpoint().describe()).append(": ").append(a.detail());
            }
            return sb.toString();
        }
    }

    /**
     * Home's list: every compose install Docker knows and those in the scan folders of the settings.
     * The list comes from a scan without sizes (a few engine calls); {@link #measure} then adds the
     * sizes to the installs of that scan.
     */
    static final class Discovery implements InstallSource {
        private final AppDirs dirs;
        private final Connection connection;
        private volatile Scanned last;

        /** The rows of the last list, what they were made from, and the scanner that found them. */
        private record Scanned(
                List<InstallRow> rows,
                InstallScanner scanner,
                List<dev.berth.docker.scan.Install> installs,
                java.util.Map<String, java.time.Instant> backups,
                Messages messages) {}

        Discovery(AppDirs dirs, Connection connection) {
            this.dirs = dirs;
            this.connection = connection;
        }

        @Override
        public List<InstallRow> list() throws Exception {
            Settings s = settings(dirs);
            DockerEngine docker = connection.docker();
            InstallScanner scanner = new InstallScanner(docker);
            ScanResult result =
                    scanner.scan(s.scanFolders(), new ScanOptions(ScanOptions.Sizes.SKIP, ScanOptions.Drift.CHECK));
            result.notes().forEach(n -> LOG.info("scan: " + n));
            Messages messages = Messages.forLocale(s.language().locale(Locale.getDefault()));
            var backups = GuiBackups.newestByProject(GuiBackups.folders(dirs));
            List<InstallRow> rows = InstallRows.of(result.installs(), backups, messages);
            last = new Scanned(rows, scanner, result.installs(), backups, messages);
            return rows;
        }

        /** The sizes of the installs of the last list; other rows are returned as they are. */
        @Override
        public List<InstallRow> measure(List<InstallRow> rows) throws Exception {
            Scanned s = last;
            if (s == null || s.rows() != rows) {
                return rows;
            }
            return InstallRows.of(s.scanner().measure(s.installs()), s.backups(), s.messages());
        }
    }
}
