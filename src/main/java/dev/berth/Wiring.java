package dev.berth;

import dev.berth.cli.BerthVersion;
import dev.berth.cli.Services;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.engine.BackupSteps;
import dev.berth.engine.ContainerRuntime;
import java.nio.file.Path;

/** Wires Berth's parts together for the command line and the GUI. No static singletons. */
final class Wiring implements Services {
    private final ComposeLoader loader = new ComposeLoader();
    private ContainerRuntime runtime;

    @Override
    public synchronized ContainerRuntime runtime() {
        if (runtime == null) {
            throw new UnsupportedOperationException("the Docker runtime is not wired yet");
        }
        return runtime;
    }

    @Override
    public ComposeLoader composeLoader() {
        return loader;
    }

    @Override
    public BackupSteps backups(ContainerRuntime runtime) {
        throw new UnsupportedOperationException("backups are not wired yet");
    }

    @Override
    public Path backupDir(String project) {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("berth").resolve("backups").resolve(project);
    }

    @Override
    public String version() {
        return BerthVersion.version();
    }
}
