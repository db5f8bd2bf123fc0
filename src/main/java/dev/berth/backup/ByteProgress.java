package dev.berth.backup;

/** Told how many more bytes were written; may throw to cancel. */
@FunctionalInterface
interface ByteProgress {
    void advance(long bytes) throws BackupException;
}
