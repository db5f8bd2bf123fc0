package dev.berth.release;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A condition the started app must meet before an upgrade counts as done. */
public sealed interface HealthCheck {

    /** How long to wait for the condition before the upgrade fails (and rolls back). */
    Duration timeout();

    /** The default timeout when the manifest gives none. */
    Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** The service's own compose/image healthcheck reports healthy (or it runs, without one). */
    record ServiceHealthy(String service, Duration timeout) implements HealthCheck {}

    /**
     * An HTTP GET from the host answers with the expected status.
     *
     * @param url may hold {@code ${VAR}} references to the install's env, resolved by the engine
     */
    record Http(String url, int expect, Duration timeout) implements HealthCheck {}

    /**
     * A line matching {@code pattern} appears in the service's log (since the start); a line
     * matching {@code failPattern} fails the check at once.
     *
     * @param pattern a Java regular expression, validated when the manifest is read
     */
    record Log(String service, String pattern, Optional<String> failPattern, Duration timeout) implements HealthCheck {}

    /** A command in the service's container exits with 0. */
    record Exec(String service, List<String> command, Duration timeout) implements HealthCheck {
        public Exec {
            command = List.copyOf(command);
        }
    }
}
