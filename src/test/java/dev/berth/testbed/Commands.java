package dev.berth.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs external commands (docker, docker-compose, runuser) for the integration tests. */
public final class Commands {
    private Commands() {}

    /** Runs a command in the current folder. */
    public static ProcessResult run(Duration timeout, String... command) {
        return run(timeout, Optional.empty(), Map.of(), List.of(command));
    }

    /** Runs a command in the current folder. */
    public static ProcessResult run(Duration timeout, List<String> command) {
        return run(timeout, Optional.empty(), Map.of(), command);
    }

    /**
     * Runs a command with standard input closed, collects its output, and kills it (with its
     * children) when it outlives {@code timeout}; a killed command reports exit code -1.
     *
     * @param dir the working folder, or empty for the current one
     * @param env variables added to (or replacing) the inherited environment
     */
    public static ProcessResult run(
            Duration timeout, Optional<Path> dir, Map<String, String> env, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        dir.ifPresent(d -> pb.directory(d.toFile()));
        pb.environment().putAll(env);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start `" + String.join(" ", command) + "`: " + e.getMessage()
                            + "; is it installed and on the PATH?",
                    e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new ProcessResult(
                    command,
                    done ? p.exitValue() : -1,
                    out.get(10, TimeUnit.SECONDS),
                    err.get(10, TimeUnit.SECONDS),
                    elapsed);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running `" + String.join(" ", command) + "`", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("could not read the output of `" + String.join(" ", command) + "`", e);
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
