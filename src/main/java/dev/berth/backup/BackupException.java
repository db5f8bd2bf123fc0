package dev.berth.backup;

import java.io.IOException;

/**
 * A backup, verify or restore failed. The message says what failed, what state things are in and
 * what to do; {@link #kind()} lets callers map it (the CLI: refusals exit 3, failures 1).
 */
public final class BackupException extends IOException {
    /** Why it failed. */
    public enum Kind {
        /** The disk filled up; the partial archive (or restore) was removed or reported. */
        DISK_FULL,
        /** The caller cancelled; the partial archive was removed. */
        CANCELLED,
        /** A source folder or stream could not be read or is not what it should be. */
        SOURCE,
        /** Reading or writing failed for another reason (permissions, I/O error). */
        IO,
        /** The file is not a Berth backup. */
        NOT_A_BACKUP,
        /** The compressed stream or the tar inside it is damaged. */
        CORRUPT,
        /** The file ends too early: it was cut off (copy interrupted, disk full while writing). */
        TRUNCATED,
        /** An entry does not match the manifest (hash, size, metadata) or the manifest is inconsistent. */
        TAMPERED,
        /** The sidecar {@code .berth.json} disagrees with the manifest inside the archive. */
        SIDECAR_MISMATCH,
        /** An entry would escape its target folder or is a device file or fifo. */
        UNSAFE_ENTRY,
        /** The backup is of another app than the one the caller expects. */
        OTHER_APP,
        /** The backup was written by a newer Berth in a format this one cannot read. */
        NEWER_FORMAT,
        /** The restore target holds something that blocks the restore (a folder where a file goes). */
        TARGET_CONFLICT
    }

    private final Kind kind;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public BackupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when Berth refused the archive or the target (nothing was written), rather than failed. */
    public boolean isRefusal() {
        return switch (kind) {
            case NOT_A_BACKUP,
                    CORRUPT,
                    TRUNCATED,
                    TAMPERED,
                    SIDECAR_MISMATCH,
                    UNSAFE_ENTRY,
                    OTHER_APP,
                    NEWER_FORMAT,
                    TARGET_CONFLICT -> true;
            case DISK_FULL, CANCELLED, SOURCE, IO -> false;
        };
    }

    static BackupException unsafe(String what) {
        return new BackupException(
                Kind.UNSAFE_ENTRY,
                "Refused: " + what + ". Berth restores nothing from an archive with such an entry;"
                        + " nothing was written. The archive may have been tampered with.");
    }
}
