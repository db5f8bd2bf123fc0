package dev.berth.cli;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.engine.BackupSteps;
import dev.berth.engine.ContainerRuntime;
import java.nio.file.Path;

/**
 * What the commands need from the rest of Berth, wired by {@code Main}. Expensive things (the
 * Docker connection) are made on first use, so {@code berth env merge} never touches Docker.
 */
public interface Services {
    /**
     * Chooses the machine the following calls work on; call before {@link #host()} and {@link
     * #runtime()}. Without a call: this computer, or the server of {@code DOCKER_HOST=ssh://...}.
     */
    void useHost(HostChoice choice);

    /**
     * The chosen machine, connected.
     *
     * @throws java.io.UncheckedIOException holding a {@code RemoteHostException} when a server cannot
     *     be reached, its host key is unknown or changed, or it refuses the login
     */
    dev.berth.docker.Host host();

    /**
     * The container runtime of the chosen machine, connected.
     *
     * @throws RuntimeException whose message lists every place that was tried when Docker is not
     *     reachable
     */
    ContainerRuntime runtime();

    /** Adds image mirror rules ({@code FROM=TO}) from the command line; call before {@link #runtime()}. */
    void addImageMirrors(java.util.List<String> rules);

    /** The compose loader (Berth's own resolver). */
    ComposeLoader composeLoader();

    /** The backup side of runs on a project, working through the given runtime. */
    BackupSteps backups(ContainerRuntime runtime, ContainerRuntime.Project project);

    /** The folder on the chosen machine that holds an install's backups (one subfolder per project). */
    Path backupDir(String project);

    /** Berth's version, for journals and backups. */
    String version();

    /**
     * The engine on the chosen machine, connected: its runtime, its paths ({@link
     * dev.berth.docker.Host#path}, SFTP on a server) and its run lock. The CLI's commands and the
     * desktop app build it here, so a server is driven the same way from both.
     */
    default dev.berth.engine.Engine engine() {
        var host = host();
        var runtime = runtime();
        return new dev.berth.engine.Engine(
                runtime,
                composeLoader(),
                p -> backups(runtime, p),
                version(),
                dev.berth.engine.CrashPoints.fromEnvironment(),
                host::path,
                host.lock());
    }
}
