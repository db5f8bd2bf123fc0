package dev.berth.engine;

import java.time.Instant;

/**
 * What a run reports while it works. Listeners receive these on the run's worker thread; the GUI
 * moves them to the FX thread through its one bridge. Messages never contain secret values. What
 * Berth itself says is a {@link Text} (a front end renders it in its language; {@code message()} is
 * its English); compose output and logs are plain strings.
 */
public sealed interface RunEvent {
    /** The id of the step the event belongs to, or empty for run-level events. */
    String step();

    Instant time();

    /** A step began; {@code text} is the step's title. */
    record StepStarted(String step, Text text, Instant time) implements RunEvent {
        public StepStarted(String step, String message, Instant time) {
            this(step, Text.plain(message), time);
        }

        /** The text in English. */
        public String message() {
            return text.english();
        }
    }

    /**
     * Progress within a step: {@code done} of {@code total} units; {@code total == 0} means the size
     * is not known yet.
     */
    record Progress(String step, long done, long total, Unit unit, String message, Instant time) implements RunEvent {}

    /** A step ended, well or not; {@code text} is its title, or why it failed. */
    record StepFinished(String step, Outcome outcome, Text text, Instant time) implements RunEvent {
        public StepFinished(String step, Outcome outcome, String message, Instant time) {
            this(step, outcome, Text.plain(message), time);
        }

        /** The text in English. */
        public String message() {
            return text.english();
        }
    }

    /**
     * A line for the user's log: what Berth did (a {@link Text} a front end renders in its language)
     * or a tool's output (compose output, container logs: {@link Text#plain}).
     */
    record Log(String step, Text text, Instant time) implements RunEvent {
        /** A line of a tool's output, shown as it is in every language. */
        public Log(String step, String message, Instant time) {
            this(step, Text.plain(message), time);
        }

        /** The line in English. */
        public String message() {
            return text.english();
        }
    }

    /** Something the user should know that does not stop the run. */
    record Warning(String step, Text text, Instant time) implements RunEvent {
        public Warning(String step, String message, Instant time) {
            this(step, Text.plain(message), time);
        }

        /** The text in English. */
        public String message() {
            return text.english();
        }
    }

    /**
     * What to do now that the run has ended, from the app's profile (check the version, tell the
     * users; after a failure, how to repair): sent just before the {@link Result}.
     */
    record Advice(String step, String message, Instant time) implements RunEvent {}

    /** The last event of every run: its exit status and a summary. */
    record Result(String step, RunStatus status, Text text, Instant time) implements RunEvent {
        public Result(String step, RunStatus status, String message, Instant time) {
            this(step, status, Text.plain(message), time);
        }

        /** The summary in English. */
        public String message() {
            return text.english();
        }
    }

    /** The unit of a progress count. */
    enum Unit {
        BYTES,
        ITEMS
    }

    /** How a step ended. */
    enum Outcome {
        DONE,
        SKIPPED,
        FAILED,
        CANCELLED
    }
}
