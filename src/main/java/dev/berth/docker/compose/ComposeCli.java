package dev.berth.docker.compose;

import dev.berth.docker.CommandRunner;
import dev.berth.docker.LocalCommandRunner;
import dev.berth.docker.RunningCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs compose for one install: always {@code --ansi never}, the project name, directory, files,
 * env file and profiles given explicitly, stdin closed, output pumped to a listener. Compose runs
 * through a {@link CommandRunner}: on this computer, or on a server over SSH, where the paths are
 * the server's. Thread-safe; each call is its own process.
 */
public final class ComposeCli {
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);
    /** Variables that would silently pick other files, names or profiles than the project says. */
    public static final Set<String> OVERRIDDEN = Set.of(
            "COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES", "COMPOSE_ENV_FILES", "COMPOSE_PATH_SEPARATOR");

    private final ComposeTool tool;
    private final CommandRunner runner;
    private final Map<String, String> environment;

    /**
     * Compose on this computer.
     *
     * @param tool the compose to run
     * @param environment the child processes' whole environment (usually this process's plus {@code
     *     DOCKER_HOST} of the engine Berth is connected to); {@link #OVERRIDDEN} variables are dropped
     */
    public ComposeCli(ComposeTool tool, Map<String, String> environment) {
        this(tool, new LocalCommandRunner(without(environment, OVERRIDDEN)), Map.of());
    }

    /**
     * Compose wherever {@code runner} runs commands.
     *
     * @param runner runs the commands; its base environment must not hold the {@link #OVERRIDDEN}
     *     variables (a local runner drops them from its map, an SSH runner unsets them)
     * @param environment variables added for every call (say {@code DOCKER_HOST} of the engine Berth
     *     talks to on that machine)
     */
    public ComposeCli(ComposeTool tool, CommandRunner runner, Map<String, String> environment) {
        this.tool = tool;
        this.runner = runner;
        this.environment = Map.copyOf(without(environment, OVERRIDDEN));
    }

    /** A copy of {@code env} without the {@code names}. */
    public static Map<String, String> without(Map<String, String> env, Set<String> names) {
        Map<String, String> out = new HashMap<>(env);
        names.forEach(out::remove);
        return out;
    }

    /**
     * Finds compose on this computer: {@code docker compose} (v2 plugin), then {@code docker-compose}
     * (v1, or a standalone v2), and reads their versions.
     *
     * @param extraEnvironment added to this process's environment for compose, e.g. the engine's
     *     {@code DOCKER_HOST}
     * @throws ComposeException ({@link ComposeException.Failure#NOT_FOUND}) naming what was tried
     */
    public static ComposeCli detect(ComposeChoice choice, Map<String, String> extraEnvironment)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnvironment);
        CommandRunner local = new LocalCommandRunner(without(env, OVERRIDDEN));
        return detect(choice, local, Map.of(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Finds compose where {@code runner} runs commands (see {@link #detect(ComposeChoice, Map)}).
     *
     * @param environment added to every call, see {@link #ComposeCli(ComposeTool, CommandRunner, Map)}
     * @param directory an existing folder to run the probes in
     * @throws ComposeException ({@link ComposeException.Failure#NOT_FOUND}) naming what was tried
     */
    public static ComposeCli detect(
            ComposeChoice choice, CommandRunner runner, Map<String, String> environment, Path directory)
            throws InterruptedException {
        List<String> tried = new ArrayList<>();
        if (choice != ComposeChoice.V1) {
            Optional<ComposeTool> plugin = probe(List.of("docker", "compose"), runner, environment, directory, tried);
            if (plugin.isPresent() && plugin.get().generation() == ComposeGeneration.V2) {
                return new ComposeCli(plugin.get(), runner, environment);
            }
        }
        Optional<ComposeTool> standalone = probe(List.of("docker-compose"), runner, environment, directory, tried);
        if (standalone.isPresent()) {
            ComposeTool t = standalone.get();
            boolean fits = switch (choice) {
                case AUTO -> true;
                case V2 -> t.generation() == ComposeGeneration.V2;
                case V1 -> t.generation() == ComposeGeneration.V1;
            };
            if (fits) {
                return new ComposeCli(t, runner, environment);
            }
            tried.add(t.describe() + ": not " + choice);
        }
        throw new ComposeException(
                ComposeException.Failure.NOT_FOUND,
                "No usable Docker Compose" + (choice == ComposeChoice.AUTO ? "" : " " + choice) + " found on "
                        + runner.describe() + ". Tried:\n  - "
                        + String.join("\n  - ", tried)
                        + "\nInstall the Docker Compose plugin (Docker Desktop has it; on Linux: the"
                        + " docker-compose-plugin package from Docker's repository) or docker-compose, then retry."
                        + " Nothing was changed.",
                null,
                null);
    }

    private static Optional<ComposeTool> probe(
            List<String> command, CommandRunner runner, Map<String, String> env, Path dir, List<String> tried)
            throws InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("version", "--short"));
        String name = String.join(" ", command);
        RunningCommand p;
        try {
            p = runner.start(cmd, env, dir);
        } catch (IOException e) {
            tried.add(name + ": not found (" + e.getMessage() + ")");
            return Optional.empty();
        }
        try (p) {
            p.stdin().close();
            java.util.concurrent.CompletableFuture<byte[]> err = new java.util.concurrent.CompletableFuture<>();
            Thread.ofVirtual().start(() -> err.complete(readSome(p.stderr())));
            byte[] out = p.stdout().readNBytes(8192);
            if (!p.waitFor(VERSION_TIMEOUT)) {
                tried.add(name + ": 'version --short' did not answer within " + VERSION_TIMEOUT.toSeconds() + " s");
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            int code = p.exitCode();
            if (code != 0) {
                String errText = new String(stderrOf(err), StandardCharsets.UTF_8).strip();
                String first = (text + "\n" + errText)
                        .lines()
                        .filter(l -> !l.isBlank())
                        .findFirst()
                        .orElse("exit code " + code);
                tried.add(name + ": not available (" + first + ")");
                return Optional.empty();
            }
            String version = text.lines().reduce((a, b) -> b).orElse("").strip();
            version = version.startsWith("v") ? version.substring(1) : version;
            if (!version.matches("\\d+\\.\\d+.*")) {
                tried.add(name + ": unexpected version output '" + text + "'");
                return Optional.empty();
            }
            ComposeGeneration g = version.startsWith("1.") ? ComposeGeneration.V1 : ComposeGeneration.V2;
            return Optional.of(new ComposeTool(g, command, version));
        } catch (IOException e) {
            tried.add(name + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] stderrOf(java.util.concurrent.CompletableFuture<byte[]> err) throws InterruptedException {
        try {
            return err.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new byte[0];
        }
    }

    private static byte[] readSome(java.io.InputStream in) {
        try {
            byte[] b = in.readNBytes(8192);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return b;
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** Where compose runs, for messages. */
    public CommandRunner runner() {
        return runner;
    }

    /** The variables added to every call. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The compose in use. */
    public ComposeTool tool() {
        return tool;
    }

    /** The full command line for {@code command} on {@code project}. */
    public List<String> commandLine(ComposeTarget project, ComposeSubcommand command) {
        return commandLine(project, command.arguments(tool.generation()));
    }

    List<String> commandLine(ComposeTarget project, List<String> arguments) {
        List<String> cmd = new ArrayList<>(tool.command());
        cmd.addAll(List.of("--ansi", "never", "-p", project.name()));
        cmd.addAll(List.of("--project-directory", project.directory().toString()));
        project.files().forEach(f -> cmd.addAll(List.of("-f", f.toString())));
        project.envFile().ifPresent(f -> cmd.addAll(List.of("--env-file", f.toString())));
        project.profiles().forEach(p -> cmd.addAll(List.of("--profile", p)));
        cmd.addAll(arguments);
        return cmd;
    }

    /**
     * Starts {@code command} and returns at once; the caller awaits or cancels the run.
     *
     * @throws ComposeException ({@link ComposeException.Failure#START_FAILED}) when the program
     *     cannot be started
     */
    public ComposeRun start(ComposeTarget project, ComposeSubcommand command, ComposeOutputListener listener) {
        return start(command, commandLine(project, command), project, listener);
    }

    ComposeRun start(
            ComposeSubcommand command,
            List<String> commandLine,
            ComposeTarget project,
            ComposeOutputListener listener) {
        try {
            return new ComposeRun(
                    tool, command, commandLine, runner.start(commandLine, environment, project.directory()), listener);
        } catch (IOException e) {
            throw new ComposeException(
                    ComposeException.Failure.START_FAILED,
                    "Could not start '" + String.join(" ", commandLine) + "' in " + project.directory() + " on "
                            + runner.describe() + ": " + e.getMessage() + "; nothing was changed.",
                    null,
                    e);
        }
    }

    /**
     * Runs {@code command} to the end.
     *
     * @throws ComposeException when it fails, times out or prints v1's usage text
     * @throws InterruptedException when this thread is interrupted; the process tree is stopped first
     */
    public ComposeResult run(
            ComposeTarget project, ComposeSubcommand command, ComposeOutputListener listener, Duration timeout)
            throws InterruptedException {
        return start(project, command, listener).await(timeout);
    }
}
