package dev.berth.docker.compose;

import dev.berth.docker.RunningCommand;
import dev.berth.engine.Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A running compose call. Its output is pumped by two threads into the listener and kept. {@link
 * #cancel()} and timeouts stop the whole process tree ({@code docker compose} runs the plugin as
 * a child process), on this computer or on the server: SIGTERM first, so compose can stop cleanly,
 * then a kill after a grace period.
 */
public final class ComposeRun {
    /** Lines kept per stream; older ones are dropped (the listener saw them all). */
    public static final int MAX_LINES = 10_000;

    static final long GRACE_SECONDS = 5;
    static final Duration GRACE = Duration.ofSeconds(GRACE_SECONDS);
    private static final Duration PUMP_JOIN = Duration.ofSeconds(5);
    private static final Pattern USAGE_LINE = Pattern.compile("^Usage:(\\s.*)?$");
    private static final Pattern OPTIONS_LINE = Pattern.compile("^Options:\\s*$");

    private final ComposeTool tool;
    private final ComposeSubcommand command;
    private final List<String> commandLine;
    private static final java.util.concurrent.atomic.AtomicLong COUNTER = new java.util.concurrent.atomic.AtomicLong();

    private final RunningCommand process;
    private final long startNanos = System.nanoTime();
    private final ComposeOutputListener listener;
    private final Deque<String> stdout = new ArrayDeque<>();
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Thread outPump;
    private final Thread errPump;
    private volatile boolean cancelled;

    ComposeRun(
            ComposeTool tool,
            ComposeSubcommand command,
            List<String> commandLine,
            RunningCommand process,
            ComposeOutputListener listener) {
        this.tool = tool;
        this.command = command;
        this.commandLine = List.copyOf(commandLine);
        this.process = process;
        this.listener = listener;
        try {
            process.stdin().close(); // compose must never wait for input
        } catch (IOException e) {
            // The process may already have exited; its output still tells what happened.
        }
        long n = COUNTER.incrementAndGet();
        this.outPump = pump(process.stdout(), ComposeOutputListener.Channel.STDOUT, stdout, n);
        this.errPump = pump(process.stderr(), ComposeOutputListener.Channel.STDERR, stderr, n);
    }

    private Thread pump(InputStream in, ComposeOutputListener.Channel channel, Deque<String> keep, long n) {
        return Thread.ofPlatform()
                .daemon()
                .name("compose-" + channel.name().toLowerCase(java.util.Locale.ROOT) + "-" + n)
                .start(() -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            synchronized (this) {
                                keep.addLast(line);
                                if (keep.size() > MAX_LINES) {
                                    keep.removeFirst();
                                }
                                listener.line(channel, line);
                            }
                        }
                    } catch (IOException e) {
                        // The stream closes when the process is destroyed; what was read is kept.
                    }
                });
    }

    /** The command line that runs. */
    public List<String> commandLine() {
        return commandLine;
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process and where it runs, for the log. */
    public String describeProcess() {
        return process.describe();
    }

    /**
     * Stops the call and every process it started (SIGTERM, then SIGKILL after {@value
     * #GRACE_SECONDS} s) and returns when they are gone. What compose had already done stays done.
     */
    public void cancel() {
        cancelled = true;
        process.terminate(GRACE);
    }

    /**
     * Waits for the call to end.
     *
     * @throws ComposeException when it fails, prints v1's usage text, times out (the process tree is
     *     then stopped) or was cancelled
     * @throws InterruptedException when this thread is interrupted; the process tree is stopped first
     */
    public ComposeResult await(Duration timeout) throws InterruptedException {
        try {
            return awaitEnd(timeout);
        } finally {
            process.close();
        }
    }

    private ComposeResult awaitEnd(Duration timeout) throws InterruptedException {
        boolean finished;
        try {
            finished = process.waitFor(timeout);
        } catch (InterruptedException e) {
            cancel();
            throw e;
        }
        if (!finished) {
            process.terminate(GRACE);
            ComposeResult r = result();
            throw new ComposeException(
                    ComposeException.Failure.TIMEOUT,
                    r.stderr().isEmpty()
                            ? Text.of(Text.Key.ERROR_COMPOSE_TIMEOUT, describe(), String.valueOf(timeout.toSeconds()))
                            : Text.of(
                                    Text.Key.ERROR_COMPOSE_TIMEOUT_SAID,
                                    describe(),
                                    String.valueOf(timeout.toSeconds()),
                                    lastLines(r)),
                    r,
                    null);
        }
        ComposeResult r = result();
        if (cancelled) {
            throw new ComposeException(
                    ComposeException.Failure.CANCELLED,
                    describe() + " was cancelled and stopped; what it had done so far stays.",
                    r,
                    null);
        }
        if (r.exitCode() != 0) {
            throw new ComposeException(
                    ComposeException.Failure.EXIT_CODE,
                    r.stderr().isEmpty()
                            ? Text.of(Text.Key.ERROR_COMPOSE_FAILED, describe(), String.valueOf(r.exitCode()))
                            : Text.of(
                                    Text.Key.ERROR_COMPOSE_FAILED_SAID,
                                    describe(),
                                    String.valueOf(r.exitCode()),
                                    lastLines(r)),
                    r,
                    null);
        }
        if (tool.generation() == ComposeGeneration.V1 && printedUsage(r.stderr())) {
            throw new ComposeException(
                    ComposeException.Failure.USAGE,
                    describe() + " printed its usage text instead of running: this docker-compose "
                            + tool.version() + " does not understand an option Berth passed, and did nothing"
                            + " (it exits 0 in that case). Install Docker Compose v2 or report this.",
                    r,
                    null);
        }
        return r;
    }

    /** v1's help for a sub-command: a {@code Usage:} line and an {@code Options:} line. */
    static boolean printedUsage(List<String> stderr) {
        boolean usage = false;
        boolean options = false;
        for (String l : stderr) {
            usage |= USAGE_LINE.matcher(l).matches();
            options |= OPTIONS_LINE.matcher(l).matches();
        }
        return usage && options;
    }

    private ComposeResult result() throws InterruptedException {
        outPump.join(PUMP_JOIN);
        errPump.join(PUMP_JOIN);
        int code;
        try {
            code = process.isAlive() ? -1 : process.exitCode();
        } catch (IOException e) {
            synchronized (this) {
                throw new ComposeException(
                        ComposeException.Failure.CONNECTION_LOST,
                        describe() + ": " + e.getMessage(),
                        new ComposeResult(
                                commandLine,
                                -1,
                                List.copyOf(stdout),
                                List.copyOf(stderr),
                                Duration.ofNanos(System.nanoTime() - startNanos)),
                        e);
            }
        }
        synchronized (this) {
            return new ComposeResult(
                    commandLine,
                    code,
                    List.copyOf(stdout),
                    List.copyOf(stderr),
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    private String describe() {
        return "'" + String.join(" ", tool.command()) + " " + String.join(" ", command.arguments(tool.generation()))
                + "'";
    }

    /** The last lines compose wrote to stderr, one per line, indented (compose's words: English). */
    private static String lastLines(ComposeResult r) {
        List<String> err = r.stderr();
        List<String> last = err.subList(Math.max(0, err.size() - 8), err.size());
        return "  " + String.join("\n  ", last);
    }
}
