package dev.berth.docker.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs compose for one install: always {@code --ansi never}, the project name, directory, files,
 * env file and profiles given explicitly, stdin closed, output pumped to a listener. Thread-safe;
 * each call is its own process.
 */
public final class ComposeCli {
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(20);
    /** Variables that would silently pick other files, names or profiles than the project says. */
    private static final List<String> OVERRIDDEN = List.of(
            "COMPOSE_FILE", "COMPOSE_PROJECT_NAME", "COMPOSE_PROFILES", "COMPOSE_ENV_FILES", "COMPOSE_PATH_SEPARATOR");

    private final ComposeTool tool;
    private final Map<String, String> environment;

    /**
     * @param tool the compose to run
     * @param environment the child processes' environment (usually this process's plus {@code
     *     DOCKER_HOST} of the engine Berth is connected to)
     */
    public ComposeCli(ComposeTool tool, Map<String, String> environment) {
        this.tool = tool;
        Map<String, String> env = new HashMap<>(environment);
        OVERRIDDEN.forEach(env::remove);
        this.environment = Map.copyOf(env);
    }

    /**
     * Finds compose: {@code docker compose} (v2 plugin), then {@code docker-compose} (v1, or a
     * standalone v2), and reads their versions.
     *
     * @param extraEnvironment added to this process's environment for compose, e.g. the engine's
     *     {@code DOCKER_HOST}
     * @throws ComposeException ({@link ComposeException.Failure#NOT_FOUND}) naming what was tried
     */
    public static ComposeCli detect(ComposeChoice choice, Map<String, String> extraEnvironment)
            throws InterruptedException {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnvironment);
        List<String> tried = new ArrayList<>();
        if (choice != ComposeChoice.V1) {
            Optional<ComposeTool> plugin = probe(List.of("docker", "compose"), env, tried);
            if (plugin.isPresent() && plugin.get().generation() == ComposeGeneration.V2) {
                return new ComposeCli(plugin.get(), env);
            }
        }
        Optional<ComposeTool> standalone = probe(List.of("docker-compose"), env, tried);
        if (standalone.isPresent()) {
            ComposeTool t = standalone.get();
            boolean fits = switch (choice) {
                case AUTO -> true;
                case V2 -> t.generation() == ComposeGeneration.V2;
                case V1 -> t.generation() == ComposeGeneration.V1;
            };
            if (fits) {
                return new ComposeCli(t, env);
            }
            tried.add(t.describe() + ": not " + choice);
        }
        throw new ComposeException(
                ComposeException.Failure.NOT_FOUND,
                "No usable Docker Compose" + (choice == ComposeChoice.AUTO ? "" : " " + choice) + " found. Tried:\n  - "
                        + String.join("\n  - ", tried)
                        + "\nInstall the Docker Compose plugin (Docker Desktop has it; on Linux: the"
                        + " docker-compose-plugin package from Docker's repository) or docker-compose, then retry."
                        + " Nothing was changed.",
                null,
                null);
    }

    private static Optional<ComposeTool> probe(List<String> command, Map<String, String> env, List<String> tried)
            throws InterruptedException {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("version", "--short"));
        String name = String.join(" ", command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            tried.add(name + ": not found (" + e.getMessage() + ")");
            return Optional.empty();
        }
        try {
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(8192);
            if (!p.waitFor(VERSION_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                tried.add(name + ": 'version --short' did not answer within " + VERSION_TIMEOUT.toSeconds() + " s");
                return Optional.empty();
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                String first = text.lines().findFirst().orElse("");
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
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
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
        ProcessBuilder pb =
                new ProcessBuilder(commandLine).directory(project.directory().toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        try {
            return new ComposeRun(tool, command, commandLine, pb.start(), listener);
        } catch (IOException e) {
            throw new ComposeException(
                    ComposeException.Failure.START_FAILED,
                    "Could not start '" + String.join(" ", commandLine) + "' in " + project.directory() + ": "
                            + e.getMessage() + "; nothing was changed.",
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
