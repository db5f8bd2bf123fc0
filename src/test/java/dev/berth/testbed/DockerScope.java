package dev.berth.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers an integration test starts with plain {@code docker run}: each gets a unique
 * {@code berth-it-tb-...} name, and {@link #close()} removes exactly those (with their anonymous
 * volumes) and nothing else.
 */
public final class DockerScope implements AutoCloseable {
    private static final Duration DOCKER_TIMEOUT = Duration.ofMinutes(2);
    private final List<String> containers = new ArrayList<>();

    /** {@code docker <args>}, failing on a non-zero exit. */
    public ProcessResult docker(String... args) {
        return dockerResult(args).orFail();
    }

    /** {@code docker <args>}, returning a failed result instead of failing. */
    public ProcessResult dockerResult(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        return Commands.run(DOCKER_TIMEOUT, cmd);
    }

    /** {@code docker run -d --name <unique> <args>}; returns the container's name. */
    public String start(String... args) {
        String name = "berth-it-tb-" + DockerTestBed.randomHex(4);
        List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", name));
        cmd.addAll(List.of(args));
        containers.add(name);
        docker(cmd.toArray(String[]::new));
        return name;
    }

    /** Runs SQL with psql inside a postgres container (local socket), returning unaligned tuples. */
    public String psql(String container, String user, String database, String sql) {
        return docker(
                        "exec",
                        container,
                        "psql",
                        "-X",
                        "-q",
                        "-A",
                        "-t",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-U",
                        user,
                        "-d",
                        database,
                        "-c",
                        sql)
                .stdout()
                .strip();
    }

    /**
     * Waits until a postgres container accepts TCP connections on 127.0.0.1, which only the final
     * server does: the entrypoint's setup server listens on the socket alone.
     */
    public void awaitPostgres(String container, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (dockerResult("exec", container, "pg_isready", "-q", "-h", "127.0.0.1")
                    .succeeded()) {
                return;
            }
            String state = docker("inspect", "-f", "{{.State.Status}}", container)
                    .stdout()
                    .strip();
            if (!state.equals("running")) {
                throw new AssertionError(
                        container + " is " + state + " instead of starting PostgreSQL:\n" + logs(container));
            }
            sleep(Duration.ofMillis(200));
        }
        throw new AssertionError(
                "PostgreSQL in " + container + " not ready after " + timeout.toSeconds() + " s:\n" + logs(container));
    }

    /** Waits for a container to stop and returns its exit code. */
    public int awaitExit(String container, Duration timeout) {
        ProcessResult r = Commands.run(timeout, "docker", "wait", container);
        if (!r.succeeded()) {
            throw new AssertionError(container + " did not stop within " + timeout.toSeconds() + " s: " + r.describe());
        }
        return Integer.parseInt(r.stdout().strip());
    }

    /** Everything the container logged (stdout and stderr). */
    public String logs(String container) {
        return dockerResult("logs", container).output();
    }

    /** The container's IP address on the default bridge network. */
    public String ip(String container) {
        return docker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", container)
                .stdout()
                .strip();
    }

    /** Removes the containers this scope started, with their anonymous volumes. */
    @Override
    public void close() {
        if (!containers.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("rm", "-f", "-v"));
            cmd.addAll(containers);
            ProcessResult r = dockerResult(cmd.toArray(String[]::new));
            containers.clear();
            if (!r.succeeded() && !r.stderr().contains("No such container")) {
                throw new AssertionError("could not remove test containers: " + r.describe());
            }
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
