package dev.berth;

import dev.berth.cli.BerthVersion;
import dev.berth.cli.HostChoice;
import dev.berth.cli.Services;
import dev.berth.config.AppDirs;
import dev.berth.config.ImageMirrors;
import dev.berth.config.Settings;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.docker.DockerRuntime;
import dev.berth.docker.Host;
import dev.berth.docker.LocalHost;
import dev.berth.docker.compose.ComposeChoice;
import dev.berth.docker.compose.ComposeCli;
import dev.berth.docker.remote.RemoteHost;
import dev.berth.docker.remote.RemoteHostException;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.docker.remote.SshHost;
import dev.berth.docker.remote.SshOptions;
import dev.berth.engine.ArchiveBackupSteps;
import dev.berth.engine.BackupSteps;
import dev.berth.engine.ContainerRuntime;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Wires Berth's parts together for the command line and the GUI. No static singletons. */
final class Wiring implements Services, AutoCloseable {
    private final ComposeLoader loader = new ComposeLoader();
    private final AppDirs dirs = AppDirs.system();
    private final List<String> extraMirrors = new ArrayList<>();
    private final Map<String, String> environment;
    private final SecretPrompt prompt;
    private final String dockerHost;
    private HostChoice choice = HostChoice.standard();
    private Host host;
    private ContainerRuntime runtime;

    /** Finds Docker as the docker CLI does (DOCKER_HOST, the context, the usual sockets), or --host. */
    Wiring() {
        this(System.getenv(), SecretPrompt.terminal(), "");
    }

    /**
     * @param dockerHost the Docker host of the desktop app's settings ({@code unix://}, {@code
     *     tcp://}, {@code ssh://}...), used as DOCKER_HOST; empty to find Docker as the docker CLI does
     */
    Wiring(String dockerHost) {
        this(System.getenv(), SecretPrompt.terminal(), dockerHost);
    }

    /**
     * @param environment where {@code DOCKER_HOST} and {@code BERTH_COMPOSE} are read
     * @param prompt asks for SSH passphrases and passwords
     */
    Wiring(Map<String, String> environment, SecretPrompt prompt) {
        this(environment, prompt, "");
    }

    private Wiring(Map<String, String> environment, SecretPrompt prompt, String dockerHost) {
        this.environment = Map.copyOf(environment);
        this.prompt = prompt;
        this.dockerHost = dockerHost.strip();
    }

    @Override
    public synchronized void useHost(HostChoice choice) {
        if (!choice.equals(this.choice)) {
            closeHost();
            this.choice = choice;
        }
    }

    /**
     * The chosen machine: a server when {@code --host} or {@code DOCKER_HOST=ssh://} names one (host
     * keys checked against known_hosts, passphrases asked on the terminal), else this computer.
     */
    @Override
    public synchronized Host host() {
        if (host == null) {
            Optional<String> address = choice.address()
                    .or(() -> Optional.of(dockerHost).filter(RemoteHost::isSshAddress))
                    .or(() ->
                            Optional.ofNullable(environment.get("DOCKER_HOST")).filter(RemoteHost::isSshAddress));
            if (address.isEmpty()) {
                host = dockerHost.isEmpty()
                        ? new LocalHost()
                        : new LocalHost(
                                environment,
                                dev.berth.docker.DockerEnvironment.current().withVariable("DOCKER_HOST", dockerHost));
            } else {
                RemoteHost remote = remoteHost(address.get(), choice);
                SshOptions options = SshOptions.defaults(prompt);
                if (choice.knownHosts().isPresent()) {
                    options = options.withKnownHosts(choice.knownHosts().get());
                }
                try {
                    host = SshHost.connect(remote, options, choice.acceptHostKey());
                } catch (RemoteHostException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        }
        return host;
    }

    /**
     * The server of {@code address} as {@code choice} says to reach it: its key file (used for the
     * jump host too, as {@code ssh -i ... -J ...} does) and its jump host.
     *
     * @throws IllegalArgumentException when the address or the jump host is not an SSH address
     */
    static RemoteHost remoteHost(String address, HostChoice choice) {
        dev.berth.docker.remote.SshConfig config;
        try {
            config = dev.berth.docker.remote.SshConfig.read(dev.berth.docker.remote.SshConfig.defaultFile());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    "Could not read " + dev.berth.docker.remote.SshConfig.defaultFile() + ": " + e.getMessage()
                            + "; fix its permissions or move it away.",
                    e);
        }
        String me = System.getProperty("user.name");
        // ~/.ssh/config's Host entries apply as with ssh; the command line's options win over them.
        RemoteHost remote = config.resolve(address, me);
        Optional<RemoteHost> jump =
                choice.jump().map(j -> config.resolve(j, me)).or(remote::jump);
        remote = new RemoteHost(remote.user(), remote.host(), remote.port(), remote.identityFile(), Optional.empty());
        if (choice.identity().isPresent()) {
            remote = remote.withIdentityFile(choice.identity().get());
            jump = jump.map(j -> j.withIdentityFile(choice.identity().get()));
        }
        return jump.isPresent() ? remote.withJump(jump.get()) : remote;
    }

    /**
     * Connects to Docker on first use: the engine through docker-java, the user's compose on the
     * chosen machine (v2 when present, else v1; {@code BERTH_COMPOSE=v1|v2} forces one), image
     * mirrors from the settings.
     */
    @Override
    public synchronized ContainerRuntime runtime() {
        if (runtime == null) {
            Host h = host();
            ComposeChoice compose =
                    switch (environment.getOrDefault("BERTH_COMPOSE", "").toLowerCase(Locale.ROOT)) {
                        case "v1" -> ComposeChoice.V1;
                        case "v2" -> ComposeChoice.V2;
                        default -> ComposeChoice.AUTO;
                    };
            try {
                var engine = h.engine();
                runtime = new DockerRuntime(
                        engine,
                        ComposeCli.detect(compose, h.commands(), h.commandEnvironment(), h.home()),
                        mirrors(),
                        h.home(),
                        h.http());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while looking for docker compose", e);
            } catch (dev.berth.docker.compose.ComposeException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return runtime;
    }

    private ImageMirrors mirrors() {
        Settings s = settings();
        List<String> rules = new ArrayList<>(
                s.imageMirrors().stream().map(m -> m.from() + "=" + m.to()).toList());
        rules.addAll(extraMirrors);
        return rules.isEmpty() ? ImageMirrors.NONE : ImageMirrors.parse(rules, "settings and --image-mirror");
    }

    @Override
    public synchronized void addImageMirrors(List<String> rules) {
        if (runtime != null && !rules.isEmpty()) {
            throw new IllegalStateException("image mirrors must be given before Docker is first used");
        }
        extraMirrors.addAll(rules);
    }

    private Settings settings() {
        try {
            return Settings.read(dirs.settingsFile());
        } catch (dev.berth.config.ConfigException e) {
            System.err.println("berth: " + e.getMessage() + " — using the default settings.");
            return Settings.DEFAULTS;
        }
    }

    @Override
    public ComposeLoader composeLoader() {
        return loader;
    }

    @Override
    public BackupSteps backups(ContainerRuntime runtime, ContainerRuntime.Project project) {
        return new ArchiveBackupSteps(runtime, project, loader, version());
    }

    /**
     * Backups are kept on the machine the install is on: here in the settings' backup folder (else the
     * per-user data folder), on a server in its user's data folder; one subfolder per project.
     */
    @Override
    public Path backupDir(String project) {
        return host().isLocal()
                ? dev.berth.backup.BackupFolders.forInstall(
                        dev.berth.backup.BackupFolders.defaultRoot(dirs, settings()), project)
                : host().backupRoot().resolve(project);
    }

    @Override
    public String version() {
        return BerthVersion.version();
    }

    private void closeHost() {
        if (host != null) {
            host.close();
            host = null;
            runtime = null;
        }
    }

    @Override
    public synchronized void close() {
        closeHost();
    }
}
