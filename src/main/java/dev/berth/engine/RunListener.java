package dev.berth.engine;

/** Receives a run's events, on the run's worker thread, in order. Must not block for long. */
@FunctionalInterface
public interface RunListener {
    void onEvent(RunEvent event);

    /** A listener that ignores everything. */
    static RunListener none() {
        return e -> {};
    }

    /** Both listeners, this one first. */
    default RunListener andThen(RunListener other) {
        return e -> {
            onEvent(e);
            other.onEvent(e);
        };
    }
}
