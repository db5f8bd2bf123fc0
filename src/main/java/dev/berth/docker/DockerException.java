package dev.berth.docker;

import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import java.util.Optional;

/**
 * A Docker operation failed. The message says what failed, what state things are in and what to
 * do; the cause (when any) carries the engine's own answer for the log. A failure a user meets
 * often (a pull, a lost connection) carries its message as a {@link Text} too, for the front ends
 * to say in the user's language.
 */
public class DockerException extends RuntimeException implements Failures.Explained {
    private final transient Text text;

    public DockerException(String message) {
        super(message);
        this.text = null;
    }

    public DockerException(String message, Throwable cause) {
        super(message, cause);
        this.text = null;
    }

    /** With a message each front end says in its language; the exception's message is its English. */
    public DockerException(Text text, Throwable cause) {
        super(text.english(), cause);
        this.text = text;
    }

    @Override
    public Optional<Text> text() {
        return Optional.ofNullable(text);
    }
}
