package dev.berth.backup;

/**
 * A restore written into staging folders beside its targets during one pass that verified the
 * whole archive ({@link BackupReader#stage}); the targets are untouched until {@link
 * #moveIntoPlace()}. Closing it without moving removes the staging folders. Not thread-safe: use it
 * on the thread that staged it.
 */
public final class StagedBackup implements AutoCloseable {
    /** The staging side: moves the staged trees into their targets, or removes them. */
    interface Moves {
        RestoreReport moveIntoPlace() throws BackupException;

        void discard() throws BackupException;
    }

    private final VerifiedBackup backup;
    private final Moves moves;

    StagedBackup(VerifiedBackup backup, Moves moves) {
        this.backup = backup;
        this.moves = moves;
    }

    /** The archive as verified by the staging pass (for volumes and dumps, restored in later passes). */
    public VerifiedBackup backup() {
        return backup;
    }

    /**
     * Moves the staged trees into their targets (renames; an existing target folder is merged:
     * files and symlinks replace what is there, other files stay), then gives folders their mode,
     * owner and time. Once only.
     *
     * @throws BackupException TARGET_CONFLICT before anything moved (a folder where the backup has a
     *     file, a file on the way into a folder); IO or DISK_FULL mid-way, naming the targets that
     *     hold a partial restore. The staging folders are removed either way.
     */
    public RestoreReport moveIntoPlace() throws BackupException {
        return moves.moveIntoPlace();
    }

    /** Removes the staging folders unless they were moved into place. */
    @Override
    public void close() throws BackupException {
        moves.discard();
    }
}
