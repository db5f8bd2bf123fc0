package dev.berth.docker;

import dev.berth.docker.compose.ComposeCli;
import dev.berth.docker.remote.FlockRunLock;
import dev.berth.engine.InstallLock;
import dev.berth.engine.RunLock;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * This computer: the default file system, processes started here, the Docker engine the Docker CLI
 * would use ({@code DOCKER_HOST}, the current context, the default sockets).
 *
 * <p>Installs are locked with {@code flock} where it exists (Linux), like a Berth that manages
 * this machine over SSH does, so the two exclude each other; elsewhere with {@link InstallLock}.
 */
public final class LocalHost implements Host {
    private final Map<String, String> environment;
    private final DockerEnvironment docker;
    private final CommandRunner commands;
    private final RunLock lock;
    private DockerEngine engine;

    /** This process's environment and home. */
    public LocalHost() {
        this(System.getenv(), DockerEnvironment.current());
    }

    /** This process's home with {@code environment} and the Docker endpoint {@code docker}. */
    public LocalHost(Map<String, String> environment, DockerEnvironment docker) {
        this.environment = Map.copyOf(environment);
        this.docker = docker;
        this.commands = new LocalCommandRunner(ComposeCli.without(environment, ComposeCli.OVERRIDDEN));
        this.lock = onPath("flock", environment).isPresent() ? new FlockRunLock(commands) : InstallLock::acquire;
    }

    @Override
    public String describe() {
        return "this computer";
    }

    @Override
    public boolean isLocal() {
        return true;
    }

    @Override
    public Path path(String path) {
        return Path.of(path);
    }

    @Override
    public Path home() {
        return docker.userHome();
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public Map<String, String> commandEnvironment() {
        return engine().cliEnvironment();
    }

    @Override
    public synchronized DockerEngine engine() {
        if (engine == null) {
            engine = DockerEngine.connect(docker);
        }
        return engine;
    }

    @Override
    public HttpProbe http() {
        return HttpProbe.direct();
    }

    @Override
    public RunLock lock() {
        return lock;
    }

    @Override
    public Path backupRoot() {
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : home().resolve(".local").resolve("share");
        return base.resolve("berth").resolve("backups");
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /** The program {@code name} in a folder of {@code PATH}, if there is one. */
    static Optional<Path> onPath(String name, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path p = Path.of(dir).resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
