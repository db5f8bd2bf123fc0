package dev.berth.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs commands as {@value #NAME}, the unprivileged member of the {@code docker} group that
 * {@code .ci/setup.sh} creates. Tests use it to run Berth the way most users do: allowed to talk to
 * the engine, not allowed to read data that belongs to container users (PostgreSQL's 0700 data
 * dir), so such data must be reached through the engine.
 *
 * <p>The JVM switches user with {@code runuser} when it runs as root, otherwise with
 * {@code sudo -n} (which then must be allowed without a password).
 */
public final class NonRootUser {
    /** The user's name. */
    public static final String NAME = "berth-it";

    private NonRootUser() {}

    /** Runs {@code command} as {@value #NAME} in the current folder. */
    public static ProcessResult run(Duration timeout, String... command) {
        require();
        return Commands.run(timeout, wrap(List.of(command)));
    }

    /** The command line that runs {@code command} as {@value #NAME}. */
    public static List<String> wrap(List<String> command) {
        List<String> cmd = new ArrayList<>(
                isRoot() ? List.of("runuser", "-u", NAME, "--") : List.of("sudo", "-n", "-u", NAME, "--"));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Checks that the user exists and is in the {@code docker} group.
     *
     * @throws AssertionError saying how to create it
     */
    public static void require() {
        ProcessResult id = Commands.run(Duration.ofSeconds(10), "id", "-nG", NAME);
        if (!id.succeeded()) {
            throw new AssertionError(
                    "The test user " + NAME + " does not exist. Create it with `sudo bash .ci/setup.sh`" + " (it adds "
                            + NAME + " to the docker group).");
        }
        if (!List.of(id.stdout().strip().split("\\s+")).contains("docker")) {
            throw new AssertionError("The test user " + NAME + " is not in the docker group (groups: "
                    + id.stdout().strip() + "). Fix it with `sudo bash .ci/setup.sh`.");
        }
    }

    /** Whether this JVM runs as root. */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
