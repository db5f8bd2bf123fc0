package dev.berth.docker;

import java.util.List;
import java.util.Map;

/**
 * Services did not become healthy. The message names each failing service with its state, exit
 * code and restart count; it carries no container output, because logs may hold secrets: {@link
 * #logTails()} has the last lines of each failing container, unmasked, for the caller to mask and
 * show.
 */
public final class ServicesNotHealthyException extends DockerException {
    /** Why the wait ended. */
    public enum Reason {
        /** The time allowed ran out. */
        TIMEOUT,
        /** A healthcheck reported unhealthy. */
        UNHEALTHY,
        /** A container exited with a non-zero code or died. */
        EXITED,
        /** A container keeps being restarted by its restart policy. */
        CRASH_LOOP
    }

    private final Reason reason;
    private final List<ServiceStatus> containers;
    private final Map<String, List<String>> logTails;

    public ServicesNotHealthyException(
            Reason reason, String message, List<ServiceStatus> containers, Map<String, List<String>> logTails) {
        super(message);
        this.reason = reason;
        this.containers = List.copyOf(containers);
        this.logTails = Map.copyOf(logTails);
    }

    public Reason reason() {
        return reason;
    }

    /** Every awaited container as last inspected. */
    public List<ServiceStatus> containers() {
        return containers;
    }

    /** The last log lines of each failing container, by container name; unmasked. */
    public Map<String, List<String>> logTails() {
        return logTails;
    }
}
