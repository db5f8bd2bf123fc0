package dev.berth.engine;

import dev.berth.backup.BackupException;
import dev.berth.config.ConfigException;

/**
 * What a failure says to people, as a text each front end renders in its language (ADR 0013). The
 * layers below the engine know no languages: their exceptions carry what their English message is
 * made of (a {@link BackupException.Reason} and its facts), and this maps it to a key. The text's
 * English is the exception's own message, so the command line and the logs read as before.
 */
public final class Failures {
    private Failures() {}

    /**
     * A failure that may carry its message as a text: the engine's own, or one of a layer above the
     * engine (the docker adapter) that names its key itself.
     */
    public interface Explained {
        /** The message as a text; empty when it is only in English. */
        java.util.Optional<Text> text();
    }

    /**
     * The failure as a text: the engine's own (a {@link ContainerRuntime.RuntimeFailure} with a text,
     * a {@link RunLock.LockedException}), a lower layer's that says what it is made of, or else its
     * English message as it is ({@link Text#plain}). A wrapper with its cause's message is said as
     * its cause.
     */
    public static Text text(Throwable e) {
        return switch (e) {
            case Explained x when x.text().isPresent() -> x.text().get();
            case RunLock.LockedException l -> l.text();
            case BackupException b when b.reason() != BackupException.Reason.NONE -> backup(b);
            case ConfigException c when c.refusal() != ConfigException.Reason.NONE -> config(c);
            default -> {
                Throwable cause = e.getCause();
                if (cause != null
                        && cause != e
                        && cause.getMessage() != null
                        && cause.getMessage().equals(e.getMessage())) {
                    yield text(cause);
                }
                yield Text.plain(message(e));
            }
        };
    }

    private static Text backup(BackupException b) {
        Text.Key key = key(b.reason());
        if (key == null || key.arity() != b.facts().size()) {
            return Text.plain(message(b));
        }
        // A fact that is its cause's message (a wrapper adding what was done about it) is said as the cause.
        Throwable cause = b.getCause();
        java.util.List<Object> args = new java.util.ArrayList<>();
        for (String fact : b.facts()) {
            args.add(cause != null && cause != b && fact.equals(cause.getMessage()) ? text(cause) : fact);
        }
        return new Text(key.key(), args, message(b));
    }

    /** The refusal after its location ("compose.yaml:3: ..."), which stays as it is. */
    private static Text config(ConfigException c) {
        Text.Key key = key(c.refusal());
        if (key == null || key.arity() != c.facts().size()) {
            return Text.plain(message(c));
        }
        Text detail = new Text(key.key(), new java.util.ArrayList<Object>(c.facts()), c.detail());
        if (c.location().isEmpty()) {
            return detail;
        }
        Text at = Text.of(Text.Key.ERROR_CONFIG_AT, c.location(), detail);
        // The English is the exception's, should the location be written otherwise.
        return new Text(at.key(), at.args(), message(c));
    }

    /** The key that says {@code reason}; null for {@link ConfigException.Reason#NONE}. */
    static Text.Key key(ConfigException.Reason reason) {
        return switch (reason) {
            case NONE -> null;
            case NO_COMPOSE_FILE -> Text.Key.ERROR_CONFIG_NO_COMPOSE_FILE;
            case EMPTY_COMPOSE_FILE -> Text.Key.ERROR_CONFIG_EMPTY_COMPOSE_FILE;
            case NOT_A_COMPOSE_FILE -> Text.Key.ERROR_CONFIG_NOT_A_COMPOSE_FILE;
            case NOT_A_FOLDER -> Text.Key.ERROR_CONFIG_NOT_A_FOLDER;
            case ENV_BINARY -> Text.Key.ERROR_CONFIG_ENV_BINARY;
            case ENV_TOO_LARGE -> Text.Key.ERROR_CONFIG_ENV_TOO_LARGE;
            case RELEASE_NONE -> Text.Key.ERROR_CONFIG_RELEASE_NONE;
            case RELEASE_NO_TAG -> Text.Key.ERROR_CONFIG_RELEASE_NO_TAG;
            case RELEASE_NOT_AN_ARCHIVE -> Text.Key.ERROR_CONFIG_RELEASE_NOT_AN_ARCHIVE;
            case RELEASE_NEEDS_TAG -> Text.Key.ERROR_CONFIG_RELEASE_NEEDS_TAG;
            case RELEASE_NOT_FOUND -> Text.Key.ERROR_CONFIG_RELEASE_NOT_FOUND;
            case RELEASE_NO_FOLDER -> Text.Key.ERROR_CONFIG_RELEASE_NO_FOLDER;
            case RELEASE_NO_FILE -> Text.Key.ERROR_CONFIG_RELEASE_NO_FILE;
            case MANIFEST_NAME -> Text.Key.ERROR_CONFIG_MANIFEST_NAME;
            // s7-config: its cases go right below this line
            // ---
            // ---
            // ---
            // s7-release: its cases go right below this line
            case MANIFEST_TOO_LARGE -> Text.Key.ERROR_CONFIG_MANIFEST_TOO_LARGE;
            case MANIFEST_NOT_UTF8 -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_UTF8;
            case MANIFEST_UNREADABLE -> Text.Key.ERROR_CONFIG_MANIFEST_UNREADABLE;
            case MANIFEST_TWO_DOCUMENTS -> Text.Key.ERROR_CONFIG_MANIFEST_TWO_DOCUMENTS;
            case MANIFEST_YAML_SYNTAX -> Text.Key.ERROR_CONFIG_MANIFEST_YAML_SYNTAX;
            case MANIFEST_RENAMED_FROM_VARIABLE -> Text.Key.ERROR_CONFIG_MANIFEST_RENAMED_FROM_VARIABLE;
            case MANIFEST_NO_SERVICE -> Text.Key.ERROR_CONFIG_MANIFEST_NO_SERVICE;
            case MANIFEST_NO_SERVICE_GUESS -> Text.Key.ERROR_CONFIG_MANIFEST_NO_SERVICE_GUESS;
            case MANIFEST_YAML_INVALID -> Text.Key.ERROR_CONFIG_MANIFEST_YAML_INVALID;
            case MANIFEST_YAML_TOO_DEEP -> Text.Key.ERROR_CONFIG_MANIFEST_YAML_TOO_DEEP;
            case MANIFEST_FIELD_REQUIRED -> Text.Key.ERROR_CONFIG_MANIFEST_FIELD_REQUIRED;
            case PROFILE_EMPTY -> Text.Key.ERROR_CONFIG_PROFILE_EMPTY;
            case PROFILE_CITATION -> Text.Key.ERROR_CONFIG_PROFILE_CITATION;
            case GIT_REPOSITORY_REFUSED -> Text.Key.ERROR_CONFIG_GIT_REPOSITORY_REFUSED;
            case GIT_TAG_INVALID -> Text.Key.ERROR_CONFIG_GIT_TAG_INVALID;
            case GIT_NO_TAG -> Text.Key.ERROR_CONFIG_GIT_NO_TAG;
            case GIT_OUTPUT_UNREADABLE -> Text.Key.ERROR_CONFIG_GIT_OUTPUT_UNREADABLE;
            case GIT_NOT_STARTED -> Text.Key.ERROR_CONFIG_GIT_NOT_STARTED;
            case GIT_TIMEOUT -> Text.Key.ERROR_CONFIG_GIT_TIMEOUT;
            case GIT_FAILED -> Text.Key.ERROR_CONFIG_GIT_FAILED;
            case GIT_FAILED_SILENT -> Text.Key.ERROR_CONFIG_GIT_FAILED_SILENT;
            case GIT_INTERRUPTED -> Text.Key.ERROR_CONFIG_GIT_INTERRUPTED;
            case RELEASE_FOLDER_UNREADABLE -> Text.Key.ERROR_CONFIG_RELEASE_FOLDER_UNREADABLE;
            case CATALOG_NO_FOLDER -> Text.Key.ERROR_CONFIG_CATALOG_NO_FOLDER;
            case CATALOG_IS_A_RELEASE -> Text.Key.ERROR_CONFIG_CATALOG_IS_A_RELEASE;
            case CATALOG_UNREADABLE -> Text.Key.ERROR_CONFIG_CATALOG_UNREADABLE;
            case ARCHIVE_UNKNOWN_KIND -> Text.Key.ERROR_CONFIG_ARCHIVE_UNKNOWN_KIND;
            case ARCHIVE_NO_TARGET -> Text.Key.ERROR_CONFIG_ARCHIVE_NO_TARGET;
            case ARCHIVE_DAMAGED -> Text.Key.ERROR_CONFIG_ARCHIVE_DAMAGED;
            case MANIFEST_UNKNOWN_FIELD -> Text.Key.ERROR_CONFIG_MANIFEST_UNKNOWN_FIELD;
            case MANIFEST_UNKNOWN_FIELD_GUESS -> Text.Key.ERROR_CONFIG_MANIFEST_UNKNOWN_FIELD_GUESS;
            case MANIFEST_GIVEN_TWICE -> Text.Key.ERROR_CONFIG_MANIFEST_GIVEN_TWICE;
            case MANIFEST_NOT_ONE_OF -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_ONE_OF;
            case MANIFEST_NOT_ONE_OF_GUESS -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_ONE_OF_GUESS;
            case MANIFEST_NOT_A_VARIABLE_NAME -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_A_VARIABLE_NAME;
            case MANIFEST_NOT_A_SERVICE_NAME -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_A_SERVICE_NAME;
            case MANIFEST_NOT_A_NUMBER -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_A_NUMBER;
            case MANIFEST_NUMBER_RANGE -> Text.Key.ERROR_CONFIG_MANIFEST_NUMBER_RANGE;
            case MANIFEST_NOT_BOOLEAN -> Text.Key.ERROR_CONFIG_MANIFEST_NOT_BOOLEAN;
            case MANIFEST_NO_FILE -> Text.Key.ERROR_CONFIG_MANIFEST_NO_FILE;
            case MANIFEST_EMPTY_VALUE -> Text.Key.ERROR_CONFIG_MANIFEST_EMPTY_VALUE;
            // ---
            // ---
            // ---
        };
    }

    /** The key that says {@code reason}; null for {@link BackupException.Reason#NONE}. */
    static Text.Key key(BackupException.Reason reason) {
        return switch (reason) {
            case NONE -> null;
            case TRUNCATED -> Text.Key.ERROR_BACKUP_TRUNCATED;
            case NOT_FOUND -> Text.Key.ERROR_BACKUP_NOT_FOUND;
            case UNREADABLE -> Text.Key.ERROR_BACKUP_UNREADABLE;
            case CHANGED_AFTER_VERIFY -> Text.Key.ERROR_BACKUP_CHANGED_AFTER_VERIFY;
            case FAILS_VERIFICATION -> Text.Key.ERROR_BACKUP_FAILS_VERIFICATION;
            case NOT_A_BACKUP -> Text.Key.ERROR_BACKUP_NOT_A_BACKUP;
            case NEWER_FORMAT -> Text.Key.ERROR_BACKUP_NEWER_FORMAT;
            case OTHER_APP -> Text.Key.ERROR_BACKUP_OTHER_APP;
            case SIDECAR_MISMATCH -> Text.Key.ERROR_BACKUP_SIDECAR_MISMATCH;
            case UNSAFE_ENTRY -> Text.Key.ERROR_BACKUP_UNSAFE_ENTRY;
            case BACKUP_DISK_FULL_MISSING -> Text.Key.ERROR_BACKUP_DISK_FULL_MISSING;
            case BACKUP_DISK_FULL_FREE -> Text.Key.ERROR_BACKUP_DISK_FULL_FREE;
            case BACKUP_DISK_FULL -> Text.Key.ERROR_BACKUP_DISK_FULL;
            case RESTORE_DISK_FULL_STAGED -> Text.Key.ERROR_BACKUP_RESTORE_DISK_FULL_STAGED;
            case BACKUP_CANCELLED -> Text.Key.ERROR_BACKUP_CANCELLED;
            case VERIFY_CANCELLED -> Text.Key.ERROR_BACKUP_VERIFY_CANCELLED;
            case RESTORE_CANCELLED -> Text.Key.ERROR_BACKUP_RESTORE_CANCELLED;
            case ACCESS_DENIED -> Text.Key.ERROR_BACKUP_ACCESS_DENIED;
            case FILE_UNREADABLE -> Text.Key.ERROR_BACKUP_FILE_UNREADABLE;
            case SIDECAR_UNREADABLE -> Text.Key.ERROR_BACKUP_SIDECAR_UNREADABLE;
            case TAR_HEADER_CHECKSUM -> Text.Key.ERROR_BACKUP_TAR_HEADER_CHECKSUM;
            case CHANGED_DURING_VERIFY -> Text.Key.ERROR_BACKUP_CHANGED_DURING_VERIFY;
            case COPY_OUT_FAILED -> Text.Key.ERROR_BACKUP_COPY_OUT_FAILED;
            case MANIFEST_TOO_LARGE -> Text.Key.ERROR_BACKUP_MANIFEST_TOO_LARGE;
            case DAMAGED_COMPRESSED -> Text.Key.ERROR_BACKUP_DAMAGED_COMPRESSED;
            case DAMAGED_AFTER -> Text.Key.ERROR_BACKUP_DAMAGED_AFTER;
            case DAMAGED_TAR -> Text.Key.ERROR_BACKUP_DAMAGED_TAR;
            case READING_FAILED -> Text.Key.ERROR_BACKUP_READING_FAILED;
            case CLOSING_FAILED -> Text.Key.ERROR_BACKUP_CLOSING_FAILED;
            case MANIFEST_INCOMPLETE -> Text.Key.ERROR_BACKUP_MANIFEST_INCOMPLETE;
            case MANIFEST_INVALID -> Text.Key.ERROR_BACKUP_MANIFEST_INVALID;
            case HEADER_INVALID -> Text.Key.ERROR_BACKUP_HEADER_INVALID;
            case NOT_A_JSON_OBJECT -> Text.Key.ERROR_BACKUP_NOT_A_JSON_OBJECT;
            case NOT_VALID_JSON -> Text.Key.ERROR_BACKUP_NOT_VALID_JSON;
            case NO_HEADER_FIELDS -> Text.Key.ERROR_BACKUP_NO_HEADER_FIELDS;
            case BACKUP_EXISTS -> Text.Key.ERROR_BACKUP_BACKUP_EXISTS;
            case BACKUP_NOT_CREATED -> Text.Key.ERROR_BACKUP_BACKUP_NOT_CREATED;
            case HELPER_DID_NOT_COPY -> Text.Key.ERROR_BACKUP_HELPER_DID_NOT_COPY;
            case ARCHIVE_APPEARED -> Text.Key.ERROR_BACKUP_ARCHIVE_APPEARED;
            case PARTIAL_NOT_REMOVED -> Text.Key.ERROR_BACKUP_PARTIAL_NOT_REMOVED;
            case BACKUP_FAILED_REMOVED -> Text.Key.ERROR_BACKUP_BACKUP_FAILED_REMOVED;
            case BACKUP_FAILED -> Text.Key.ERROR_BACKUP_BACKUP_FAILED;
            case BACKUP_WRITE_FAILED -> Text.Key.ERROR_BACKUP_BACKUP_WRITE_FAILED;
            case SOURCE_FOLDER_MISSING -> Text.Key.ERROR_BACKUP_SOURCE_FOLDER_MISSING;
            case SOURCE_NOT_A_FOLDER -> Text.Key.ERROR_BACKUP_SOURCE_NOT_A_FOLDER;
            case SOURCE_FOLDER_DENIED -> Text.Key.ERROR_BACKUP_SOURCE_FOLDER_DENIED;
            case SOURCE_DENIED -> Text.Key.ERROR_BACKUP_SOURCE_DENIED;
            case STREAM_NOT_A_FOLDER -> Text.Key.ERROR_BACKUP_STREAM_NOT_A_FOLDER;
            case STREAM_BAD_NAME -> Text.Key.ERROR_BACKUP_STREAM_BAD_NAME;
            case STREAM_ENDED -> Text.Key.ERROR_BACKUP_STREAM_ENDED;
            case STREAM_ENDED_OF -> Text.Key.ERROR_BACKUP_STREAM_ENDED_OF;
            case STREAM_TOO_LONG -> Text.Key.ERROR_BACKUP_STREAM_TOO_LONG;
            case RESTORE_FINISH_FAILED -> Text.Key.ERROR_BACKUP_RESTORE_FINISH_FAILED;
            case RESTORE_MOVE_FAILED -> Text.Key.ERROR_BACKUP_RESTORE_MOVE_FAILED;
            case RESTORE_MOVE_FAILED_IN_PLACE -> Text.Key.ERROR_BACKUP_RESTORE_MOVE_FAILED_IN_PLACE;
            case STAGING_NOT_REMOVED -> Text.Key.ERROR_BACKUP_STAGING_NOT_REMOVED;
            case BECAME_A_FOLDER -> Text.Key.ERROR_BACKUP_BECAME_A_FOLDER;
            case REFUSED_BEFORE_WRITING -> Text.Key.ERROR_BACKUP_REFUSED_BEFORE_WRITING;
            case RESTORE_STAGE_FAILED -> Text.Key.ERROR_BACKUP_RESTORE_STAGE_FAILED;
            case TARGET_CONFLICTS -> Text.Key.ERROR_BACKUP_TARGET_CONFLICTS;
            case TARGET_CONFLICTS_MORE -> Text.Key.ERROR_BACKUP_TARGET_CONFLICTS_MORE;
            case TARGET_FILE_NEEDS_FOLDER -> Text.Key.ERROR_BACKUP_TARGET_FILE_NEEDS_FOLDER;
            case TARGET_SYMLINK_NEEDS_FOLDER -> Text.Key.ERROR_BACKUP_TARGET_SYMLINK_NEEDS_FOLDER;
            case TARGET_SPECIAL_NEEDS_FOLDER -> Text.Key.ERROR_BACKUP_TARGET_SPECIAL_NEEDS_FOLDER;
            case TARGET_FOLDER_WHERE_FILE -> Text.Key.ERROR_BACKUP_TARGET_FOLDER_WHERE_FILE;
            case TARGET_FOLDER_WHERE_SYMLINK -> Text.Key.ERROR_BACKUP_TARGET_FOLDER_WHERE_SYMLINK;
            case TARGET_FOLDER_WHERE_HARDLINK -> Text.Key.ERROR_BACKUP_TARGET_FOLDER_WHERE_HARDLINK;
            case TARGET_UNREADABLE -> Text.Key.ERROR_BACKUP_TARGET_UNREADABLE;
            case COPY_TARGET_EXISTS -> Text.Key.ERROR_BACKUP_COPY_TARGET_EXISTS;
            case COPY_TARGET_APPEARED -> Text.Key.ERROR_BACKUP_COPY_TARGET_APPEARED;
            case COPY_CANCELLED -> Text.Key.ERROR_BACKUP_COPY_CANCELLED;
            case COPY_HASH_DIFFERS -> Text.Key.ERROR_BACKUP_COPY_HASH_DIFFERS;
            case COPY_INCOMPLETE -> Text.Key.ERROR_BACKUP_COPY_INCOMPLETE;
            case COPY_FAILED -> Text.Key.ERROR_BACKUP_COPY_FAILED;
            case LIST_FAILED -> Text.Key.ERROR_BACKUP_LIST_FAILED;
            case MARK_FAILED -> Text.Key.ERROR_BACKUP_MARK_FAILED;
            case CLEANUP_FAILED -> Text.Key.ERROR_BACKUP_CLEANUP_FAILED;
            case DELETE_FAILED -> Text.Key.ERROR_BACKUP_DELETE_FAILED;
            case CANNOT_BE_USED -> Text.Key.ERROR_BACKUP_CANNOT_BE_USED;
            case CANNOT_BE_USED_SAID -> Text.Key.ERROR_BACKUP_CANNOT_BE_USED_SAID;
            case LISTING_UNREADABLE -> Text.Key.ERROR_BACKUP_LISTING_UNREADABLE;
            case RESTORE_CANCELLED_AFTER -> Text.Key.ERROR_BACKUP_RESTORE_CANCELLED_AFTER;
            case RESTORE_CANCELLED_AFTER_PARTIAL -> Text.Key.ERROR_BACKUP_RESTORE_CANCELLED_AFTER_PARTIAL;
            case RESTORE_FAILED -> Text.Key.ERROR_BACKUP_RESTORE_FAILED;
            case RESTORE_FAILED_PARTIAL -> Text.Key.ERROR_BACKUP_RESTORE_FAILED_PARTIAL;
            case RESTORE_DISK_FULL -> Text.Key.ERROR_BACKUP_RESTORE_DISK_FULL;
            case RESTORE_DISK_FULL_PARTIAL -> Text.Key.ERROR_BACKUP_RESTORE_DISK_FULL_PARTIAL;
            case RESTORE_WRITE_FAILED -> Text.Key.ERROR_BACKUP_RESTORE_WRITE_FAILED;
            case RESTORE_WRITE_FAILED_PARTIAL -> Text.Key.ERROR_BACKUP_RESTORE_WRITE_FAILED_PARTIAL;
            case RESTORE_CANCELLED_INSIDE -> Text.Key.ERROR_BACKUP_RESTORE_CANCELLED_INSIDE;
            case RESTORE_CANCELLED_INSIDE_PARTIAL -> Text.Key.ERROR_BACKUP_RESTORE_CANCELLED_INSIDE_PARTIAL;
        };
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.toString() : e.getMessage();
    }
}
