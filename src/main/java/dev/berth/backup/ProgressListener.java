package dev.berth.backup;

/**
 * Progress of a backup, verify or restore. Called on the worker thread, after every entry and
 * every few megabytes inside large ones.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, entry) -> {};

    /**
     * @param done bytes processed so far (uncompressed content; compressed bytes for verify)
     * @param total bytes expected in all, or 0 when not known (a stream of unknown length)
     * @param entry the archive path being processed
     */
    void progress(long done, long total, String entry);
}
