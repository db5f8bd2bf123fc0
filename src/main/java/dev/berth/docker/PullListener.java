package dev.berth.docker;

/**
 * Progress of one image pull. Called on docker-java's callback thread, one call at a time.
 */
@FunctionalInterface
public interface PullListener {
    /**
     * Bytes moved so far over all layers that must be fetched: downloaded plus extracted, so a
     * layer counts twice its compressed size. {@code total} grows while the engine learns layer
     * sizes and is 0 while none is known. Never a percentage; {@code done <= total} once total
     * is known, and both are equal when the pull ends.
     */
    void progress(long done, long total);

    /** One layer's status changed ({@code Pulling fs layer}, {@code Download complete}, ...), for the log. */
    default void layer(String layerId, String status) {}

    /** A listener that ignores everything. */
    static PullListener none() {
        return (done, total) -> {};
    }
}
