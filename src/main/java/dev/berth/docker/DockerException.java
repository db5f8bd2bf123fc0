package dev.berth.docker;

/**
 * A Docker operation failed. The message says what failed, what state things are in and what to
 * do; the cause (when any) carries the engine's own answer for the log.
 */
public class DockerException extends RuntimeException {
    public DockerException(String message) {
        super(message);
    }

    public DockerException(String message, Throwable cause) {
        super(message, cause);
    }
}
