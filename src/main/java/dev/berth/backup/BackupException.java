package dev.berth.backup;

import java.io.IOException;
import java.util.List;

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

    /**
     * What the message says, so that a front end can say it in the user's language (the engine maps
     * each reason to a text; this layer knows no languages, ADR 0013): each reason's message is
     * made of its {@link #facts()}, in this order.
     */
    public enum Reason {
        /** Only the English message. */
        NONE(0),
        /** The archive ends too early: the file. */
        TRUNCATED(1),
        /** The archive does not exist: the file. */
        NOT_FOUND(1),
        /** The archive cannot be read: the file, the error (English, from the system). */
        UNREADABLE(2),
        /** The archive changed after it was verified: the file. */
        CHANGED_AFTER_VERIFY(1),
        /** The archive fails verification: the file, what is wrong (English, from the reader). */
        FAILS_VERIFICATION(2),
        /** Not a Berth backup: the file, why (English, from the reader). */
        NOT_A_BACKUP(2),
        /** Made by a newer Berth: the file, that Berth's version, its format, the format this one reads. */
        NEWER_FORMAT(4),
        /** Of another app: the file, the app it is of, the app expected. */
        OTHER_APP(3),
        /** The sidecar disagrees with the manifest: the sidecar, the archive's name, what (English). */
        SIDECAR_MISMATCH(3),
        /** An unsafe entry: what it is (English, from the reader). */
        UNSAFE_ENTRY(1),
        /** The disk of a backup is full: the folder, the MB still missing. */
        BACKUP_DISK_FULL_MISSING(2),
        /** The disk of a backup is full: the folder, the MB that were free. */
        BACKUP_DISK_FULL_FREE(2),
        /** The disk of a backup is full: the folder. */
        BACKUP_DISK_FULL(1),
        /** The disk filled up while a restore was staged: the folder, the entry being written. */
        RESTORE_DISK_FULL_STAGED(2),
        /** A backup was cancelled. */
        BACKUP_CANCELLED(0),
        /** A verify was cancelled or interrupted. */
        VERIFY_CANCELLED(0),
        /** A restore was cancelled before it changed anything. */
        RESTORE_CANCELLED(0);

        private final int facts;

        Reason(int facts) {
            this.facts = facts;
        }

        /** How many facts the reason's message is made of. */
        public int facts() {
            return facts;
        }
    }

    private final Kind kind;
    private final Reason reason;
    private final List<String> facts;

    public BackupException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.reason = Reason.NONE;
        this.facts = List.of();
    }

    public BackupException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = Reason.NONE;
        this.facts = List.of();
    }

    /**
     * A failure a front end can say in its language.
     *
     * @param facts what the message is made of (paths, names, versions, English details), as many as
     *     the reason takes
     * @param message the same in English, for the log and the command line
     */
    public BackupException(Kind kind, Reason reason, List<String> facts, String message, Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        if (facts.size() != reason.facts()) {
            throw new IllegalArgumentException(reason + " takes " + reason.facts() + " facts, got " + facts.size());
        }
        this.kind = kind;
        this.reason = reason;
        this.facts = List.copyOf(facts);
    }

    public Kind kind() {
        return kind;
    }

    /** What the message says; {@link Reason#NONE} when it is only in English. */
    public Reason reason() {
        return reason;
    }

    /** What the message is made of, for its {@link #reason()}. */
    public List<String> facts() {
        return facts;
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
                Reason.UNSAFE_ENTRY,
                List.of(what),
                "Refused: " + what + ". Berth restores nothing from an archive with such an entry;"
                        + " nothing was written. The archive may have been tampered with.",
                null);
    }
}
