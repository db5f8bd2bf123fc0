package dev.berth.docker.compose;

import dev.berth.docker.DockerException;
import dev.berth.engine.Text;
import java.util.Optional;

/**
 * A compose call failed, was cancelled, timed out, or compose is missing. The message quotes the
 * last lines compose wrote to stderr; they may hold values from the env file, so mask secrets
 * before showing it.
 */
public final class ComposeException extends DockerException {
    /** How the call failed. */
    public enum Failure {
        /** No usable compose on this machine. */
        NOT_FOUND,
        /** The program could not be started. */
        START_FAILED,
        /** It exited with a non-zero code. */
        EXIT_CODE,
        /** v1 printed its usage text instead of doing anything (an option it does not know) and exited 0. */
        USAGE,
        /** It ran longer than allowed and was stopped. */
        TIMEOUT,
        /** It was cancelled and stopped. */
        CANCELLED,
        /**
         * The connection to the server it ran on was lost before it reported its end: it may have
         * finished, failed or still run there.
         */
        CONNECTION_LOST
    }

    private final Failure failure;
    private final transient ComposeResult result;

    public ComposeException(Failure failure, String message, ComposeResult result, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.result = result;
    }

    /** With a message each front end says in its language; the exception's message is its English. */
    public ComposeException(Failure failure, Text text, ComposeResult result, Throwable cause) {
        super(text, cause);
        this.failure = failure;
        this.result = result;
    }

    public Failure failure() {
        return failure;
    }

    /** The call's output so far, when it started. */
    public Optional<ComposeResult> result() {
        return Optional.ofNullable(result);
    }
}
