package dev.berth;

import dev.berth.cli.HostChoice;
import dev.berth.config.AppDirs;
import dev.berth.config.ConfigException;
import dev.berth.config.Settings;
import dev.berth.docker.ConnectionAttempt;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.remote.ChangedHostKeyException;
import dev.berth.docker.remote.RemoteHost;
import dev.berth.docker.remote.RemoteHostException;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.docker.remote.SshHost;
import dev.berth.docker.remote.SshOptions;
import dev.berth.docker.remote.UnknownHostKeyException;
import dev.berth.docker.scan.InstallScanner;
import dev.berth.docker.scan.ScanOptions;
import dev.berth.docker.scan.ScanResult;
import dev.berth.engine.ContainerRuntime;
import dev.berth.engine.Engine;
import dev.berth.gui.GuiServices;
import dev.berth.gui.RunGuard;
import dev.berth.gui.ServerAccess;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.EngineAccess;
import dev.berth.gui.common.Messages;
import dev.berth.gui.home.HostInstalls;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.home.InstallSource;
import dev.berth.gui.settings.HostProbe;
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

    /** The services of the desktop app over the user's folders, the local Docker engine and the servers of the settings. */
    static GuiServices services(AppDirs dirs) {
        return services(dirs, new Servers(dirs, java.util.Optional.empty(), dev.berth.gui.SecretDialog.prompt()));
    }

    /** As {@link #services(AppDirs)}, with the servers reached as {@code servers} says (tests: their own known_hosts). */
    static GuiServices services(AppDirs dirs, Servers servers) {
        Connection connection = new Connection(() -> settings(dirs).dockerHost());
        return new GuiServices(
                dirs,
                new Discovery(dirs, connection),
                RunGuard.NONE,
                connection,
                new GuiBackups(dirs, connection),
                (install, answers) -> connection.engine().planConfigure(install, answers, java.util.Map.of()),
                servers);
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
                runtime();
                engine = wiring.engine();
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

    /** The rows of a machine's last list, what they were made from, and the scanner that found them. */
    private record Scanned(
            List<InstallRow> rows,
            InstallScanner scanner,
            List<dev.berth.docker.scan.Install> installs,
            java.util.Map<String, java.time.Instant> backups,
            Messages messages) {}

    /**
     * Home's list: every compose install Docker knows and those in the scan folders of the settings.
     * The list comes from a scan without sizes (a few engine calls); {@link #measure} then adds the
     * sizes to the installs of that scan.
     */
    static final class Discovery implements InstallSource {
        private final AppDirs dirs;
        private final Connection connection;
        private volatile Scanned last;

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

    /**
     * The servers of the settings, each with its own {@link Wiring} chosen as {@code --host} would
     * choose it ({@link HostChoice#of}), so the desktop app drives a server exactly as the command
     * line does. A server's connection is made on first use and kept; a failed one is not kept, so
     * Retry really connects again. Passphrases and passwords are asked through {@code prompt}.
     */
    static final class Servers implements ServerAccess {
        private final AppDirs dirs;
        private final java.util.Optional<java.nio.file.Path> knownHosts;
        private final SecretPrompt prompt;
        private final java.util.Map<String, Wiring> wirings = new java.util.HashMap<>();

        /**
         * @param knownHosts the known_hosts file; empty for {@code ~/.ssh/known_hosts}
         */
        Servers(AppDirs dirs, java.util.Optional<java.nio.file.Path> knownHosts, SecretPrompt prompt) {
            this.dirs = dirs;
            this.knownHosts = knownHosts;
            this.prompt = prompt;
        }

        private HostChoice choice(Settings.SshServer server, java.util.Optional<String> accept) {
            HostChoice c = HostChoice.of(server);
            return new HostChoice(c.address(), c.identity(), knownHosts, accept, c.jump());
        }

        private Settings.SshServer server(String host) {
            return settings(dirs).hosts().stream()
                    .filter(h -> h.key().equals(host))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "The server " + host + " is no longer in the settings; nothing was changed. Add it again"
                                    + " in Settings → Servers."));
        }

        /** The wiring of a server as the settings now describe it (a changed entry wires anew). */
        private synchronized Wiring wiring(Settings.SshServer server) {
            String id = server.key() + "|" + server.identityFile() + "|" + server.jump();
            return wirings.computeIfAbsent(id, k -> {
                Wiring w = new Wiring(System.getenv(), prompt);
                w.useHost(choice(server, java.util.Optional.empty()));
                return w;
            });
        }

        @Override
        public HostProbe probe() {
            return this::test;
        }

        private HostProbe.Result test(Settings.SshServer server, java.util.Optional<String> accept) {
            RemoteHost remote;
            try {
                remote = Wiring.remoteHost(server.address(), choice(server, accept));
            } catch (IllegalArgumentException e) {
                return new HostProbe.Result.Failed(HostProbe.Failure.OTHER, e.getMessage());
            }
            SshOptions options = SshOptions.defaults(prompt);
            if (knownHosts.isPresent()) {
                options = options.withKnownHosts(knownHosts.get());
            }
            try (SshHost h = SshHost.connect(remote, options, accept)) {
                String docker;
                String compose;
                try {
                    docker = h.engine().info().serverVersion();
                    compose = dev.berth.docker.compose.ComposeCli.detect(
                                    dev.berth.docker.compose.ComposeChoice.AUTO,
                                    h.commands(),
                                    h.commandEnvironment(),
                                    h.home())
                            .tool()
                            .describe();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new HostProbe.Result.Failed(HostProbe.Failure.OTHER, "Interrupted.");
                } catch (RuntimeException e) {
                    return new HostProbe.Result.Failed(
                            HostProbe.Failure.NO_DOCKER,
                            e.getMessage() + " Check that Docker runs on the server and that " + remote.user()
                                    + " is in the docker group.");
                }
                return new HostProbe.Result.Connected(remote.address(), docker, compose);
            } catch (UnknownHostKeyException e) {
                return new HostProbe.Result.UnknownKey(
                        e.host().knownHostsName(),
                        e.keyType(),
                        e.fingerprint(),
                        e.knownHosts().toString());
            } catch (ChangedHostKeyException e) {
                return new HostProbe.Result.ChangedKey(e.host().knownHostsName(), e.getMessage());
            } catch (RemoteHostException e) {
                HostProbe.Failure f = switch (e.failure()) {
                    case UNREACHABLE, CONNECTION_LOST -> HostProbe.Failure.UNREACHABLE;
                    case TIMEOUT -> HostProbe.Failure.TIMEOUT;
                    case PERMISSION_DENIED -> HostProbe.Failure.PERMISSION_DENIED;
                    case HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, REFUSED -> HostProbe.Failure.OTHER;
                };
                return new HostProbe.Result.Failed(f, e.getMessage());
            }
        }

        /** The last list of each server: what its rows were made from, for {@link HostInstalls#measure}. */
        private final java.util.Map<String, Scanned> scanned = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public HostInstalls installs() {
            return new HostInstalls() {
                @Override
                public List<InstallRow> list(Settings.SshServer server) throws Exception {
                    return listOn(server);
                }

                @Override
                public List<InstallRow> measure(Settings.SshServer server, List<InstallRow> rows)
                        throws InterruptedException {
                    Scanned s = scanned.get(server.key());
                    if (s == null || s.rows() != rows) {
                        return rows;
                    }
                    return InstallRows.of(s.scanner().measure(s.installs()), s.backups(), s.messages()).stream()
                            .map(r -> r.onHost(server.key()))
                            .toList();
                }
            };
        }

        private List<InstallRow> listOn(Settings.SshServer server) throws Exception {
            Wiring w = wiring(server);
            dev.berth.docker.Host h = host(w);
            InstallScanner scanner = new InstallScanner(h.engine(), h.home());
            ScanResult result =
                    scanner.scan(List.of(), new ScanOptions(ScanOptions.Sizes.SKIP, ScanOptions.Drift.CHECK));
            result.notes().forEach(n -> LOG.info("scan " + server.key() + ": " + n));
            java.util.Map<String, java.time.Instant> newest;
            try {
                newest = GuiBackups.newestByProject(List.of(h.backupRoot()));
            } catch (dev.berth.backup.BackupException e) {
                LOG.info("backups on " + server.key() + " not listed: " + e.getMessage());
                newest = java.util.Map.of();
            }
            Messages messages = Messages.forLocale(settings(dirs).language().locale(Locale.getDefault()));
            List<InstallRow> rows = InstallRows.of(result.installs(), newest, messages).stream()
                    .map(r -> r.onHost(server.key()))
                    .toList();
            scanned.put(server.key(), new Scanned(rows, scanner, result.installs(), newest, messages));
            return rows;
        }

        private static dev.berth.docker.Host host(Wiring w) throws RemoteHostException {
            try {
                return w.host();
            } catch (java.io.UncheckedIOException e) {
                if (e.getCause() instanceof RemoteHostException r) {
                    throw r;
                }
                throw e;
            }
        }

        @Override
        public EngineAccess engine(String host) {
            return () -> {
                Wiring w = wiring(server(host));
                try {
                    w.runtime();
                    return w.engine();
                } catch (RuntimeException e) {
                    throw new DockerUnreachableException(
                            "Could not use Docker on " + host + "; nothing was changed.\n- " + host + ": "
                                    + e.getMessage(),
                            e);
                }
            };
        }

        @Override
        public dev.berth.gui.common.BackupAccess backups(String host, dev.berth.gui.common.BackupAccess desktop) {
            return new ServerBackups(host, () -> wiring(server(host)), engine(host), desktop);
        }

        @Override
        public java.nio.file.Path backupRoot(String host) throws Exception {
            return host(wiring(server(host))).backupRoot();
        }
    }
}
