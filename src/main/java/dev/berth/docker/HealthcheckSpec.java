package dev.berth.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A container's configured healthcheck command as the engine runs it ({@code CMD} as is,
 * {@code CMD-SHELL} through the container's shell, {@code /bin/sh -c} by default) and how long one run may take.
 *
 * @param argv the command
 * @param timeout how long one run may take (the engine's default, 30 s, when not set)
 */
record HealthcheckSpec(List<String> argv, Duration timeout) {
    /** The engine's default timeout of a healthcheck run. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    HealthcheckSpec {
        argv = List.copyOf(argv);
    }

    /**
     * From the {@code Healthcheck} of a container's config.
     *
     * @param test its {@code Test} ({@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]}, {@code
     *     ["NONE"]}, or null/empty when inherited and unset)
     * @param timeoutNanos its {@code Timeout}, null or 0 for the default
     * @param shell the container's {@code Shell}, null or empty for {@code /bin/sh -c}
     * @return empty when there is no command to run
     */
    static Optional<HealthcheckSpec> of(List<String> test, Long timeoutNanos, List<String> shell) {
        if (test == null || test.isEmpty()) {
            return Optional.empty();
        }
        Duration timeout = timeoutNanos == null || timeoutNanos <= 0 ? DEFAULT_TIMEOUT : Duration.ofNanos(timeoutNanos);
        List<String> rest = test.subList(1, test.size());
        return switch (test.getFirst()) {
            case "CMD" -> rest.isEmpty() ? Optional.empty() : Optional.of(new HealthcheckSpec(rest, timeout));
            case "CMD-SHELL" ->
                rest.isEmpty() ? Optional.empty() : Optional.of(new HealthcheckSpec(withShell(shell, rest), timeout));
            default -> Optional.empty(); // NONE, or a form this engine version does not know
        };
    }

    // as the engine does: the shell, then every argument after CMD-SHELL
    private static List<String> withShell(List<String> shell, List<String> args) {
        List<String> argv = new ArrayList<>(shell == null || shell.isEmpty() ? List.of("/bin/sh", "-c") : shell);
        argv.addAll(args);
        return argv;
    }
}
