package dev.berth.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancellation token shared between the caller (GUI or CLI) and a run. The engine checks it
 * between steps and inside long loops and stops at the next safe point; it never kills a step
 * half-way through an irreversible action. Thread-safe.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** Asks the run to stop at its next safe point. Returns at once; the run reports what it did. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancelledException} when cancellation was asked for. */
    public void check() {
        if (cancelled.get()) {
            throw new CancelledException();
        }
    }

    /** A token that is never cancelled. */
    public static Cancellation none() {
        return new Cancellation();
    }

    /** Thrown inside a run when the user cancelled; the runner turns it into a rollback or a stop. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException() {
            super("Cancelled by the user");
        }
    }
}
