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
        RESTORE_CANCELLED(0),
        // Each reason below is its English message with its facts as {0}, {1}... (a quote is shown
        // once). A fact that is the cause's own message is said as the cause (Failures).
        /** Berth may not read the backup {0}. */
        ACCESS_DENIED(1),
        /** Cannot read {0}: {1} */
        FILE_UNREADABLE(2),
        /** Cannot read the sidecar {0}: {1} */
        SIDECAR_UNREADABLE(2),
        /** The backup {0} is damaged: the tar header of entry {1} has a wrong checksum. Nothing was restored from it; use another backup. */
        TAR_HEADER_CHECKSUM(2),
        /** The backup {0} changed while it was being verified; verify it again when nothing writes to it. */
        CHANGED_DURING_VERIFY(1),
        /** Copying {0} out of the backup failed: {1} */
        COPY_OUT_FAILED(2),
        /** The manifest in {0} is impossibly large. */
        MANIFEST_TOO_LARGE(1),
        /** The backup {0} is damaged: its compressed data cannot be decoded ({1}, after {2} bytes). Nothing was restored from it; use another backup. */
        DAMAGED_COMPRESSED(3),
        /** The backup {0} is damaged ({1} after {2} bytes). Nothing was restored from it; use another backup. */
        DAMAGED_AFTER(3),
        /** The backup {0} is damaged: its tar data cannot be read ({1}). Nothing was restored from it; use another backup. */
        DAMAGED_TAR(2),
        /** Reading the backup {0} failed: {1} */
        READING_FAILED(2),
        /** Closing the backup {0} failed: {1} */
        CLOSING_FAILED(2),
        /** The manifest in {0} is incomplete. */
        MANIFEST_INCOMPLETE(1),
        /** The manifest in {0} is not valid JSON of a Berth backup ({1}). */
        MANIFEST_INVALID(2),
        /** The header of {0} is not valid JSON: {1} */
        HEADER_INVALID(2),
        /** {0} is not a JSON object. */
        NOT_A_JSON_OBJECT(1),
        /** {0} is not valid JSON: {1} */
        NOT_VALID_JSON(2),
        /** {0} lacks the backup's header fields. */
        NO_HEADER_FIELDS(1),
        /** Backup not started: {0} exists already; choose another name. Nothing was changed. */
        BACKUP_EXISTS(1),
        /** Backup not started: cannot create {0} ({1}). Nothing was changed. */
        BACKUP_NOT_CREATED(2),
        /** Backup failed: the helper container listed {0} but did not copy it. */
        HELPER_DID_NOT_COPY(1),
        /** Backup failed: {0} appeared while the backup ran. */
        ARCHIVE_APPEARED(1),
        /** The partial archive {0} could not be removed. */
        PARTIAL_NOT_REMOVED(1),
        /** {0} The partial archive was removed; nothing else changed. */
        BACKUP_FAILED_REMOVED(1),
        /** Backup failed: {0}. The partial archive was removed; nothing else changed. */
        BACKUP_FAILED(1),
        /** Backup failed while writing {0}: {1}. The partial archive was removed; nothing else changed. */
        BACKUP_WRITE_FAILED(2),
        /** Backup failed: the folder {0} does not exist. */
        SOURCE_FOLDER_MISSING(1),
        /** Backup failed: {0} is not a folder. */
        SOURCE_NOT_A_FOLDER(1),
        /** Backup failed: Berth may not read the folder {0} (permission denied); the engine must copy it through Docker. */
        SOURCE_FOLDER_DENIED(1),
        /** Backup failed: Berth may not read {0} (permission denied); the engine must copy it through Docker. */
        SOURCE_DENIED(1),
        /** Backup failed: the stream for {0} holds a {1} where its folder should be. */
        STREAM_NOT_A_FOLDER(2),
        /** Backup failed: the stream for {0} holds an entry "{1}" that {2}. */
        STREAM_BAD_NAME(3),
        /** Backup failed: the stream ended inside {0} ({1} bytes missing). */
        STREAM_ENDED(2),
        /** Backup failed: the stream ended inside {0} ({1} of {2} bytes missing). */
        STREAM_ENDED_OF(3),
        /** Backup failed: the stream for {0} is longer than the {1} bytes announced. */
        STREAM_TOO_LONG(2),
        /** Restore failed while finishing the staged files: {0}. Nothing was changed. */
        RESTORE_FINISH_FAILED(1),
        /** Restore failed while moving the verified files into {0}: {1}. These targets hold a partial restore: {2}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_MOVE_FAILED(3),
        /** Restore failed while moving the verified files into place: {0}. These targets hold a partial restore: {1}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_MOVE_FAILED_IN_PLACE(2),
        /** Removing the staged restore beside {0} failed. */
        STAGING_NOT_REMOVED(1),
        /** {0} became a folder during the restore; move it away and restore again. */
        BECAME_A_FOLDER(1),
        /** Restore refused before writing anything: {0} */
        REFUSED_BEFORE_WRITING(1),
        /** Restore failed while writing {0} into {1}: {2}. Nothing was changed: the staged files were removed. */
        RESTORE_STAGE_FAILED(3),
        /** Restore refused before writing anything: {0}. Move these away or restore into an empty folder. */
        TARGET_CONFLICTS(1),
        /** Restore refused before writing anything: {0} (and {1} more). Move these away or restore into an empty folder. */
        TARGET_CONFLICTS_MORE(2),
        /** {0} is a file where the restore needs a folder; Berth never writes through it. */
        TARGET_FILE_NEEDS_FOLDER(1),
        /** {0} is a symlink where the restore needs a folder; Berth never writes through it. */
        TARGET_SYMLINK_NEEDS_FOLDER(1),
        /** {0} is a {1} where the restore needs a folder; Berth never writes through it. */
        TARGET_SPECIAL_NEEDS_FOLDER(2),
        /** {0} is a folder where the backup has a file; move it away and restore again. */
        TARGET_FOLDER_WHERE_FILE(1),
        /** {0} is a folder where the backup has a symlink; move it away and restore again. */
        TARGET_FOLDER_WHERE_SYMLINK(1),
        /** {0} is a folder where the backup has a hardlink; move it away and restore again. */
        TARGET_FOLDER_WHERE_HARDLINK(1),
        /** Cannot look at the restore target: {0} */
        TARGET_UNREADABLE(1),
        /** Cannot copy {0}: {1} already exists. Nothing was copied; move it away or copy to another folder. */
        COPY_TARGET_EXISTS(2),
        /** Cannot copy {0}: {1} already exists. Nothing was copied. */
        COPY_TARGET_APPEARED(2),
        /** The copy of {0} was cancelled; nothing was kept in {1}. */
        COPY_CANCELLED(2),
        /** The copy of {0} has SHA-256 {1}, the original {2}: the bytes changed on the way. Nothing was kept in {3}; copy it again. */
        COPY_HASH_DIFFERS(4),
        /** The copy of {0} got {1} of {2} bytes (the file changed while it was copied?). Nothing was kept in {3}. */
        COPY_INCOMPLETE(4),
        /** Copying {0} to {1} failed: {2}. Nothing was kept there. */
        COPY_FAILED(3),
        /** Cannot list the backups in {0}: {1} */
        LIST_FAILED(2),
        /** Cannot record that {0} was verified: {1} */
        MARK_FAILED(2),
        /** Cannot clean up interrupted backups in {0}: {1} */
        CLEANUP_FAILED(2),
        /** Cannot delete the backup {0}: {1} */
        DELETE_FAILED(2),
        /** The backup {0} cannot be read: {1}. Nothing was changed; choose another backup. */
        CANNOT_BE_USED(2),
        /** The backup {0} cannot be read: {1} Nothing was changed; choose another backup. ({1} ends a sentence) */
        CANNOT_BE_USED_SAID(2),
        /** cannot be read: {0} */
        LISTING_UNREADABLE(1),
        /** Restore cancelled after {0} entries. Nothing was written. */
        RESTORE_CANCELLED_AFTER(1),
        /** Restore cancelled after {0} entries. These targets hold a partial restore: {1}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_CANCELLED_AFTER_PARTIAL(2),
        /** {0} Nothing was written. */
        RESTORE_FAILED(1),
        /** {0} These targets hold a partial restore: {1}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_FAILED_PARTIAL(2),
        /** Restore failed: the disk is full while writing {0} (needs about {1} MB more). Nothing was written. */
        RESTORE_DISK_FULL(2),
        /** Restore failed: the disk is full while writing {0} (needs about {1} MB more). These targets hold a partial restore: {2}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_DISK_FULL_PARTIAL(3),
        /** Restore failed while writing {0}: {1}. Nothing was written. */
        RESTORE_WRITE_FAILED(2),
        /** Restore failed while writing {0}: {1}. These targets hold a partial restore: {2}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_WRITE_FAILED_PARTIAL(3),
        /** Restore cancelled inside {0}. Nothing was written. */
        RESTORE_CANCELLED_INSIDE(1),
        /** Restore cancelled inside {0}. These targets hold a partial restore: {1}. Restore again (into an empty folder) once the cause is fixed. */
        RESTORE_CANCELLED_INSIDE_PARTIAL(2);

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
