package dev.berth.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The engine could not read or write one of its own files (a journal, an install record, a staged
 * file), said as a text each front end renders in its language (ADR 0013); the message is the
 * text's English, as the command line prints it. The operating system's own reason is a fact of
 * the text and stays as it is.
 */
public final class EngineIOException extends UncheckedIOException implements Failures.Explained {
    private final transient Text text;

    public EngineIOException(Text text, IOException cause) {
        super(text.english(), cause);
        this.text = text;
    }

    /** {@code key} said of {@code file}, with the reason {@code cause} gives. */
    static EngineIOException of(Text.Key key, Object file, IOException cause) {
        return new EngineIOException(Text.of(key, String.valueOf(file), reason(cause)), cause);
    }

    /** What the operating system (or the parser) said, never empty. */
    static String reason(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public Optional<Text> text() {
        return Optional.of(text);
    }

    /** The same for a checked failure a step throws (it reaches the run as its cause's text). */
    public static final class Checked extends IOException implements Failures.Explained {
        private final transient Text text;

        public Checked(Text text, Throwable cause) {
            super(text.english(), cause);
            this.text = text;
        }

        @Override
        public Optional<Text> text() {
            return Optional.of(text);
        }
    }
}
