package dev.berth;

import dev.berth.cli.BerthVersion;
import dev.berth.cli.Services;
import dev.berth.config.AppDirs;
import dev.berth.config.ImageMirrors;
import dev.berth.config.Settings;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerRuntime;
import dev.berth.docker.compose.ComposeChoice;
import dev.berth.docker.compose.ComposeCli;
import dev.berth.engine.ArchiveBackupSteps;
import dev.berth.engine.BackupSteps;
import dev.berth.engine.ContainerRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wires Berth's parts together for the command line and the GUI. No static singletons. */
final class Wiring implements Services {
    private final ComposeLoader loader = new ComposeLoader();
    private final AppDirs dirs = AppDirs.system();
    private final List<String> extraMirrors = new ArrayList<>();
    private final String dockerHost;
    private ContainerRuntime runtime;

    /** Finds Docker as the docker CLI does (DOCKER_HOST, the context, the usual sockets). */
    Wiring() {
        this("");
    }

    /**
     * @param dockerHost the Docker host of the desktop app's settings ({@code unix://}, {@code
     *     tcp://}, ...), used as DOCKER_HOST; empty to find Docker as the docker CLI does
     */
    Wiring(String dockerHost) {
        this.dockerHost = dockerHost;
    }

    /**
     * Connects to Docker on first use: the engine through docker-java, the user's compose (v2 when
     * present, else v1; {@code BERTH_COMPOSE=v1|v2} forces one), image mirrors from the settings.
     */
    @Override
    public synchronized ContainerRuntime runtime() {
        if (runtime == null) {
            DockerEngine engine = dockerHost.isEmpty()
                    ? DockerEngine.connect()
                    : DockerEngine.connect(
                            dev.berth.docker.DockerEnvironment.current().withVariable("DOCKER_HOST", dockerHost));
            ComposeChoice choice =
                    switch (System.getenv().getOrDefault("BERTH_COMPOSE", "").toLowerCase(java.util.Locale.ROOT)) {
                        case "v1" -> ComposeChoice.V1;
                        case "v2" -> ComposeChoice.V2;
                        default -> ComposeChoice.AUTO;
                    };
            try {
                runtime = new DockerRuntime(engine, ComposeCli.detect(choice, engine.cliEnvironment()), mirrors());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while looking for docker compose", e);
            } catch (dev.berth.docker.compose.ComposeException e) {
                engine.close();
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

    /** The backup folder of the settings (else the per-user data folder), one subfolder per project. */
    @Override
    public Path backupDir(String project) {
        return dev.berth.backup.BackupFolders.forInstall(
                dev.berth.backup.BackupFolders.defaultRoot(dirs, settings()), project);
    }

    @Override
    public String version() {
        return BerthVersion.version();
    }
}
