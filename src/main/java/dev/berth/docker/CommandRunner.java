package dev.berth.docker;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts programs on the machine that holds the installs: this computer ({@link
 * LocalCommandRunner}) or a server over SSH ({@link dev.berth.docker.remote.SshCommandRunner}).
 * Compose and every other command line Berth runs go through one runner, so a step works the same
 * locally and remotely.
 *
 * <p>Implementations are thread-safe; each call starts its own process.
 */
public interface CommandRunner {

    /**
     * Starts {@code command} and returns at once; the caller reads its output, then waits for it or
     * terminates it.
     *
     * @param command the program and its arguments, passed as they are (never parsed by a shell)
     * @param environment variables added to (or replacing) the runner's base environment; they never
     *     appear on a command line, so they may hold secrets
     * @param workingDir the folder to run in, absolute, on the machine where the command runs (for a
     *     remote runner a path of the session's SFTP file system or an absolute POSIX path)
     * @throws IOException when the program could not be started (not found, folder missing,
     *     connection lost); nothing ran then
     */
    RunningCommand start(List<String> command, Map<String, String> environment, Path workingDir) throws IOException;

    /** Where commands run, for messages: {@code this computer}, {@code berth@server.example:22}. */
    String describe();
}
