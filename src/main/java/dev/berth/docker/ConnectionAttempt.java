package dev.berth.docker;

/**
 * One place Berth tried while looking for the engine, and what happened.
 *
 * @param endpoint the place
 * @param outcome what happened
 * @param detail for the user: why it failed, or which engine answered
 */
public record ConnectionAttempt(DockerEndpoint endpoint, Outcome outcome, String detail) {

    /** What happened at one place. */
    public enum Outcome {
        /** An engine answered. */
        ANSWERED,
        /** An engine answered but was not used, because an explicit choice comes first. */
        ANSWERED_NOT_USED,
        /** Nothing listens there (no socket file, connection refused). */
        NOTHING_THERE,
        /** Something is there but this user may not use it. */
        PERMISSION_DENIED,
        /** Something is there but it did not answer as a Docker engine, or timed out. */
        FAILED,
        /** The place cannot be used by this version of Berth (ssh://, unknown scheme, broken context). */
        UNSUPPORTED
    }
}
