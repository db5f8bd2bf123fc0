package dev.berth.docker.compose;

import java.time.Duration;
import java.util.List;

/**
 * A finished compose call.
 *
 * @param commandLine the full command line that ran
 * @param exitCode its exit code
 * @param stdout its standard output lines (the last {@value ComposeRun#MAX_LINES} at most)
 * @param stderr its standard error lines (the last {@value ComposeRun#MAX_LINES} at most)
 * @param took how long it ran
 */
public record ComposeResult(
        List<String> commandLine, int exitCode, List<String> stdout, List<String> stderr, Duration took) {
    public ComposeResult {
        commandLine = List.copyOf(commandLine);
        stdout = List.copyOf(stdout);
        stderr = List.copyOf(stderr);
    }
}
