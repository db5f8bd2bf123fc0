package dev.berth.testbed;

import java.time.Duration;
import java.util.List;

/**
 * How an external command ended.
 *
 * @param command the command line as run
 * @param exitCode the exit code; -1 when it was killed after its timeout
 * @param stdout everything it wrote to standard output
 * @param stderr everything it wrote to standard error
 * @param elapsed how long it ran
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr, Duration elapsed) {

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result when the command succeeded; otherwise an {@link AssertionError} with its output. */
    public ProcessResult orFail() {
        if (!succeeded()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    /** Standard output and error together, for assertions on messages that may go to either. */
    public String output() {
        return stdout + stderr;
    }

    /** The command, its exit code and its output, for failure messages. */
    public String describe() {
        return "`" + String.join(" ", command) + "` "
                + (exitCode == -1 ? "timed out" : "exited with " + exitCode)
                + " after " + elapsed.toMillis() + " ms"
                + (stdout.isBlank() ? "" : "\n--- stdout ---\n" + stdout.strip())
                + (stderr.isBlank() ? "" : "\n--- stderr ---\n" + stderr.strip());
    }
}
