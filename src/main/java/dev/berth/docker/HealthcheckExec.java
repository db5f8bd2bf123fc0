package dev.berth.docker;

import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Runs a container's own healthcheck command, as the engine would, on Berth's schedule. */
interface HealthcheckExec {

    /** How one run ended. */
    enum Outcome {
        /** Exit code 0: the engine would count the container healthy. */
        PASSED,
        /** Another exit code: not (yet) healthy; the engine's own status decides a failure. */
        FAILED,
        /** Still running after the healthcheck's timeout; left to end on its own. */
        TIMED_OUT,
        /** The engine refused the exec (container gone or stopped, no permission, ...). */
        REFUSED
    }

    /** The container's healthcheck command, empty when it has none (or {@code NONE}). */
    Optional<HealthcheckSpec> spec(String containerId);

    /**
     * Runs {@code spec} once in the container and waits up to its timeout, or until {@code
     * abandoned} says the wait is over (then the outcome does not matter). Not interrupted for
     * that: an interrupted request would be sent again by the HTTP client.
     */
    Outcome run(String containerId, HealthcheckSpec spec, BooleanSupplier abandoned) throws InterruptedException;
}
