package dev.berth.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A command started by a {@link CommandRunner}. Its three streams must be read (or closed) by the
 * caller, as with {@link Process}: a command whose output nobody reads stops when the pipe is full.
 * {@link #close()} terminates the command when it still runs and frees the streams.
 */
public interface RunningCommand extends AutoCloseable {

    /** The command's standard input; close it to send end-of-file. */
    OutputStream stdin();

    /** The command's standard output. */
    InputStream stdout();

    /** The command's standard error. */
    InputStream stderr();

    /**
     * Waits at most {@code timeout} for the command to end.
     *
     * @return whether it ended
     */
    boolean waitFor(Duration timeout) throws InterruptedException;

    /** Whether the command still runs. */
    boolean isAlive();

    /**
     * The exit code of the ended command; {@code 128 + n} when it was killed by signal {@code n}.
     *
     * @throws IllegalStateException while it runs
     * @throws IOException when the outcome is unknown: the connection to the server was lost before
     *     the command reported its end (it may still run there or have finished)
     */
    int exitCode() throws IOException;

    /**
     * Stops the command and every process it started: SIGTERM first so they can stop cleanly, then
     * SIGKILL for those still alive after {@code grace}. Returns when they are gone or when the
     * connection to them is lost. Does nothing when the command has ended.
     */
    void terminate(Duration grace);

    /** The command for messages: its program and process id, and where it runs. Never its environment. */
    String describe();

    /** Terminates the command (5 s grace) when it still runs and closes the streams. */
    @Override
    void close();
}
