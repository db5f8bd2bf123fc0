package dev.berth.engine;

import java.util.Optional;

/**
 * The engine cannot go on from the state it found (an unfinished run in the way, a dump that
 * failed, a file of the run that is gone), said as a text each front end renders in its language
 * (ADR 0013); the message is the text's English, as the command line prints it.
 */
public final class EngineFailure extends IllegalStateException implements Failures.Explained {
    private final transient Text text;

    public EngineFailure(Text text) {
        super(text.english());
        this.text = text;
    }

    @Override
    public Optional<Text> text() {
        return Optional.of(text);
    }
}
