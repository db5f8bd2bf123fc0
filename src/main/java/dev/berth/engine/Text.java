package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.text.ListFormat;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A text the engine shows people (a step's title, a check, a warning, a run's result) as a key of
 * the engine's texts bundle ({@code dev/berth/engine/texts*.properties}) and its arguments, so each
 * front end renders it in its own language; see ADR 0013. Arguments are user data (service names,
 * paths, versions, counts, error output of tools) and are never translated, another {@code Text}
 * rendered in the same language, or a list of those: a list of strings is names, shown in the
 * language's list format ("web, db", "web、db"), any other list is joined with "; ". Nothing
 * secret goes in.
 *
 * <p>{@link #english()} is the English rendering, made when the text is made: the CLI prints it,
 * the journal keeps it, and a front end falls back to it when it does not know the key (a text read
 * from the journal of an older Berth has no key at all).
 *
 * @param key the pattern's key, or "" for a text only known in English
 * @param args strings, whole numbers (for counts; a port or a year goes in as a string, or it
 *     would come out "8,080"), nested texts, or lists of those
 * @param english the text in English
 */
public record Text(String key, List<Object> args, String english) {
    /** The base name of the engine's texts bundle. */
    public static final String BUNDLE = "dev.berth.engine.texts";

    public Text {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(english, "english");
        List<Object> checked = new ArrayList<>();
        for (Object a : args == null ? List.of() : args) {
            checked.add(argument(a));
        }
        args = List.copyOf(checked);
    }

    /** Read back from JSON: objects are nested texts, whole numbers stay numbers. */
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    static Text fromJson(
            @JsonProperty("key") String key,
            @JsonProperty("args") List<Object> args,
            @JsonProperty("english") String english) {
        return new Text(key == null ? "" : key, args, english == null ? "" : english);
    }

    /** A title or message stored as a plain string by an older Berth (its journals): English only. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Text fromJson(String english) {
        return plain(english);
    }

    /** The text for {@code key} with {@code args}; their number must be the key's. */
    public static Text of(Key key, Object... args) {
        if (args.length != key.arity()) {
            throw new IllegalArgumentException(
                    key.key() + " takes " + key.arity() + " argument(s), got " + args.length);
        }
        List<Object> list = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Double) {
                throw new IllegalArgumentException("a fraction goes in a text only as a size (Text.bytes)");
            }
            list.add(argument(a));
        }
        return new Text(key.key(), list, format(englishBundle(), Locale.ENGLISH, key.key(), list, "", true));
    }

    /**
     * A text Berth only has in English (an error message of a tool, a manifest's description, a
     * text an older journal stored): shown as it is in every language.
     */
    public static Text plain(String english) {
        return new Text("", List.of(), english);
    }

    /**
     * The text in the language of {@code bundle} (the engine's texts bundle for some locale): the
     * English text when the bundle lacks the key or the text has none.
     */
    public String render(ResourceBundle bundle, Locale locale) {
        return key.isEmpty() ? english : format(bundle, locale, key, args, english, false);
    }

    /** With {@code english}, a nested text is its own English (a size keeps the CLI's "16.0 MB"). */
    private static String format(
            ResourceBundle bundle, Locale locale, String key, List<Object> args, String fallback, boolean english) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return fallback;
        }
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(args.get(i), bundle, locale, english);
        }
        return new MessageFormat(pattern, locale).format(values);
    }

    /**
     * A nested text in the same language; a list of names (strings only) in the locale's list
     * format ("web, db", "web、db"); any other list as its items joined with "; " (failed checks).
     */
    private static Object value(Object a, ResourceBundle bundle, Locale locale, boolean english) {
        return switch (a) {
            case Text t -> english ? t.english() : t.render(bundle, locale);
            case List<?> l when !l.isEmpty() && l.stream().allMatch(String.class::isInstance) -> names(l, locale);
            case List<?> l ->
                String.join(
                        "; ",
                        l.stream()
                                .map(x -> String.valueOf(value(x, bundle, locale, english)))
                                .toList());
            default -> a;
        };
    }

    /**
     * Names (services, variables, files) as a list in {@code locale}'s own way: "web, worker, db" in
     * English and French, "web、worker、db" in Chinese and Japanese. The narrow standard list
     * has no "and", so the English stays what the CLI always printed.
     */
    static String names(List<?> names, Locale locale) {
        return ListFormat.getInstance(locale, ListFormat.Type.STANDARD, ListFormat.Style.NARROW)
                .format(names.stream().map(String::valueOf).toList());
    }

    /**
     * A size in bytes for people, as a text of its own: "12 bytes", "820 KB", "1.5 GB" (powers of
     * 1024, as {@code df -h}; one decimal below 100). The number is rendered with the language's
     * decimal separator ("1,5 Go"); the English is what the CLI always printed.
     */
    public static Text bytes(long bytes) {
        if (bytes < 1024) {
            return new Text(Key.SIZE_BYTES.key(), List.of(bytes), bytes + " bytes");
        }
        Key[] units = {Key.SIZE_KB, Key.SIZE_MB, Key.SIZE_GB, Key.SIZE_TB};
        String[] english = {"KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        double shown = v >= 100 ? Math.round(v) : Math.round(v * 10) / 10.0;
        String en = (v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v)) + " "
                + english[u];
        return new Text(units[u].key(), List.of(shown), en);
    }

    private static Object argument(Object a) {
        return switch (a) {
            case String s -> s;
            case Integer i -> i.longValue();
            case Long l -> l;
            case Double d -> d;
            case Text t -> t;
            case java.util.Collection<?> l -> l.stream().map(Text::argument).toList();
            case Map<?, ?> m -> fromJson((String) m.get("key"), castList(m.get("args")), (String) m.get("english"));
            case null -> throw new IllegalArgumentException("a text argument is null");
            default ->
                throw new IllegalArgumentException("a text argument is a string, a number or a text, not "
                        + a.getClass().getName());
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** The English bundle, which has every key (the build checks it). */
    static ResourceBundle englishBundle() {
        return ResourceBundle.getBundle(
                BUNDLE,
                Locale.ROOT,
                Text.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    @Override
    public String toString() {
        return english;
    }

    /**
     * Every key the engine emits and how many arguments it takes. The bundles must have exactly
     * these keys ({@code TextsTest}); a key's string is its name in lower case with dots ({@code
     * STEP_STOP} → {@code step.stop}).
     */
    public enum Key {
        // Step titles.
        STEP_LOAD_IMAGES(0),
        STEP_BUILD(1),
        STEP_PULL(1),
        STEP_PIN(0),
        STEP_BACKUP_HOT(0),
        STEP_BACKUP_FINAL(0),
        STEP_BACKUP_ALL_HOT(0),
        STEP_BACKUP_FINISH(0),
        STEP_BACKUP_FINISH_DUMPS(0),
        STEP_BACKUP_CURRENT_HOT(0),
        STEP_BACKUP_CURRENT_FINAL(0),
        STEP_STOP(1),
        STEP_STOP_GRACE(2),
        STEP_STOP_FOR(1),
        STEP_APPLY_INSTALL(0),
        STEP_APPLY_CONFIGURE(0),
        STEP_APPLY_RELEASE(0),
        STEP_APPLY_VERSION(1),
        STEP_START_SERVICES(1),
        STEP_START_VERSION(1),
        STEP_START_NEW(0),
        STEP_START_APP(2),
        STEP_START_FIRST(1),
        STEP_START_MIGRATIONS(1),
        STEP_START_DUMPS(1),
        STEP_RECREATE(1),
        STEP_WAIT_ACCEPTING(1),
        STEP_VERIFY_VERSION(1),
        STEP_VERIFY_NEW(0),
        STEP_VERIFY_APP(0),
        STEP_VERIFY_AGAIN(0),
        STEP_VERIFY_RESTORED(0),
        STEP_MIGRATE_RUN(1),
        STEP_MIGRATE_EXEC(2),
        STEP_MIGRATE_SQL(2),
        STEP_MIGRATE_SET_ASIDE(1),
        STEP_LOAD_DUMP(1),
        STEP_RESTORE(1),
        STEP_RECORD(1),
        STEP_RECORD_RESTORE(1),
        STEP_REMOVE_IMAGES(0),
        STEP_OF_VERSION(2),
        // What a run reports while it works.
        RUN_UNDO(1),
        RUN_UNDONE(1),
        RUN_RESTORE_DATA(0),
        RUN_DATA_RESTORED(0),
        RUN_VERIFY_ROLLBACK(0),
        RUN_OLD_HEALTHY(0),
        RUN_CANCELLED(0),
        RUN_ROLLING_BACK(1),
        RUN_NO_BACKUP(0),
        RUN_MANUAL_STEPS(3),
        // Why a run stopped: a full sentence, used in the results.
        CAUSE_CANCELLED(1),
        CAUSE_FAILED(2),
        CAUSE_RESUMED_ROLLBACK(0),
        CAUSE_ROLLBACK_ASKED(0),
        // How a run ended.
        RESULT_INSTALLED(1),
        RESULT_UPGRADED(2),
        RESULT_CONFIGURED(0),
        RESULT_BACKED_UP(0),
        RESULT_RESTORED(0),
        RESULT_REFUSED(1),
        RESULT_DRIFT(1),
        RESULT_NOTHING_TO_RESUME(1),
        RESULT_NOTHING_TO_ROLL_BACK(1),
        RESULT_NOTHING_CHANGED_STARTED(1),
        RESULT_NOTHING_CHANGED_RUNS(2),
        RESULT_NOTHING_CHANGED_APP_RUNS(1),
        RESULT_ROLLED_BACK_FRESH_INSTALL(1),
        RESULT_ROLLED_BACK_FRESH_RESTORE(1),
        RESULT_ROLLED_BACK_DATA(2),
        RESULT_ROLLED_BACK_KEPT(2),
        RESULT_ROLLED_BACK_PREVIOUS_DATA(1),
        RESULT_ROLLED_BACK_PREVIOUS_KEPT(1),
        RESULT_ROLLBACK_FAILED(3),
        // Checks and warnings shown with a plan.
        CHECK_VERSION_PATH(2),
        CHECK_UP_TO_DATE(1),
        CHECK_FLOATING_IMAGE(2),
        CHECK_CONFLICTS(3),
        CHECK_MISSING_VALUES(1),
        CHECK_COMPOSE_OK(0),
        CHECK_COMPOSE_REJECTED(2),
        CHECK_COMPOSE_UNREADABLE(2),
        CHECK_ARCHIVE(1),
        CHECK_ENV_REQUIRED(1),
        CHECK_RESTORE_PROJECT(1),
        CHECK_RESTORE_IN_PLACE(1),
        WARN_VERSION_UNKNOWN(0),
        WARN_NO_PRISTINE(1),
        WARN_DB_NOT_RUNNING(1),
        WARN_DATA_FOLDER_MOVED(2),
        WARN_PORT_MOVED(3),
        WARN_DUMP_NOT_LOADED(2),
        WARN_DUMP_EMPTY(2),
        // Checks, warnings and env-merge notes made from the layers below the engine (ADR 0013).
        MERGE_MISSING(2),
        MERGE_MISSING_DOCS(3),
        MERGE_PLACEHOLDER(2),
        MERGE_PLACEHOLDER_SECRET(2),
        MERGE_DEFAULT_SECRET(2),
        MERGE_NO_TEMPLATE(1),
        MERGE_ANSWER_UNUSED(1),
        MERGE_KEPT_REMOVED_UPSTREAM(1),
        MERGE_CONFLICT(2),
        MERGE_CONFLICT_MOVED(3),
        MERGE_CONFLICT_WHY(2),
        MERGE_WHY_MOVED_UNCOMPARED(1),
        MERGE_WHY_BINARY(0),
        MERGE_WHY_NO_BASE(0),
        MERGE_PROFILE_TOOK_RELEASE(3),
        MERGE_PROFILE_COMPOSE_DEFAULT(3),
        MERGE_PROFILE_KEPT_YOURS(3),
        MERGE_ENV_DUPLICATE(6),
        MERGE_ENV_RENAMED_TWICE(5),
        MERGE_ENV_CHANGED_IN_BOTH(5),
        MERGE_ENV_INHERITED(0),
        RISK_PRIVILEGED(1),
        RISK_HOST_NETWORK(1),
        RISK_HOST_NAMESPACE(2),
        RISK_DOCKER_SOCKET(2),
        RISK_DOCKER_SOCKET_READ_ONLY(2),
        RISK_HOST_FOLDER(3),
        RISK_HOST_FOLDER_READ_ONLY(3),
        RISK_DATA_PORT_ALL(2),
        RISK_DATA_PORT(3),
        MERGE_REFUSED(3),
        WARN_COMPOSE_RENAMED(3),
        CHECK_COMPOSE_GONE(3),
        WARN_COMPOSE_SPLIT(3),
        CHECK_COMPOSE_SPLIT_EDITED(4),
        CHECK_PROFILE_REFUSES(1),
        CONFIG_VERSION_OK(3),
        CONFIG_VERSION_MISSING(3),
        CONFIG_VERSION_UNREADABLE(4),
        CONFIG_VERSION_NO_KEY(3),
        CONFIG_VERSION_OTHER(4),
        CHECK_APP_SURE(1),
        CHECK_APP_PROBABLY(1),
        CHECK_APP_POSSIBLY(1),
        CHECK_TARGET_FILE(1),
        CHECK_TARGET_INSTALLED(2),
        CHECK_TARGET_NOT_EMPTY(1),
        CHECK_TARGET_CANNOT_CREATE(2),
        CHECK_PORT_IN_USE(3),
        CHECK_DATA_PORT_OPEN(2),
        CHECK_ENV_TYPE(3),
        CHECK_ENV_TYPE_SECRET(2),
        CHECK_ENV_UNKNOWN(1),
        CHECK_CONFIGURE_UNRESOLVED(1),
        CHECK_NOTHING_TO_CHANGE(0),
        CHECK_NO_SERVICE_CHANGES(0),
        CHECK_RESTORE_SCRATCH(1),
        CHECK_RESTORE_ARCHIVE(7),
        CHECK_CANNOT_READ(2),
        CHECK_RESTORE_OTHER_APP(3),
        CHECK_RESTORE_OTHER_INSTALL(3),
        CHECK_RESTORE_NOT_EMPTY(1),
        CHECK_RESTORE_FILE(1),
        CHECK_RESTORE_FILES_UNREADABLE(1),
        CHECK_RESTORE_COMPOSE_UNUSABLE(1),
        CHECK_RESTORE_SAFETY(1),
        CHECK_PROJECT_NAME(1),
        CHECK_PROJECT_SAME(1),
        CHECK_PROJECT_EXISTS(1),
        CHECK_VOLUME_FIXED_NAME(1),
        CHECK_DATA_FOLDER_FIXED(1),
        CHECK_PORT_FIXED_IN_USE(2),
        CHECK_PORT_FIXED(2),
        CHECK_PORT_OFFSET_OUT_OF_RANGE(2),
        CHECK_PORT_MOVED_IN_USE(2),
        SPACE_ADVICE_BACKUP(0),
        SPACE_ADVICE_RESTORE(0),
        SPACE_BACKUP(0),
        SPACE_BACKUP_IN(0),
        SPACE_UPGRADE_BACKUP(0),
        SPACE_UPGRADE_BACKUP_IN(0),
        SPACE_SAFETY(0),
        SPACE_SAFETY_IN(0),
        SPACE_SAFETY_AND_RESTORE(0),
        SPACE_SAFETY_AND_RESTORE_IN(0),
        SPACE_RESTORE(0),
        SPACE_RESTORE_IN(0),
        SPACE_PARTS(5),
        SPACE_PARTS_UNMEASURED(6),
        SPACE_UNREADABLE_HERE(1),
        SPACE_VOLUME(1),
        SPACE_RESTORED_PARTS(3),
        SPACE_SAFETY_AND_RESTORE_PARTS(2),
        SPACE_NOT_CHECKED(4),
        SPACE_NOT_CHECKED_ERROR(5),
        SPACE_NOT_ENOUGH(8),
        SPACE_ENOUGH(4),
        CHECK_ONLINE_UNDUMPABLE(1),
        WARN_UNDUMPABLE_STOPS(2),
        CONSISTENCY_NOTHING_RUNS(0),
        CONSISTENCY_NOTHING_RUNS_DUMPS(0),
        CONSISTENCY_STOP(1),
        CONSISTENCY_STOP_DUMPS(3),
        CONSISTENCY_ONLINE(0),
        CONSISTENCY_ONLINE_DUMPS(2),
        CHECK_DOWNGRADE(2),
        CHECK_MISSING_STOP(5),
        WARN_VOLUMES_NOT_BACK(0),
        WARN_NO_DUMP_TOOL(2),
        WARN_CANNOT_DUMP_TYPE(2),
        WARN_TEST_RESTORE_LEFT(1),
        WARN_HELPERS_LEFT(1),
        RESULT_LOCKED(1),
        RESULT_LOCKED_BY(2),
        RESULT_LOCKED_REMOTE(2),
        RESULT_LOCKED_REMOTE_BY(3),
        // Why a step failed, when the engine itself found it.
        FAIL_DRAIN(2),
        FAIL_MIGRATION_RUN(2),
        FAIL_MIGRATION_EXEC(2),
        FAIL_MIGRATION_SQL(3),
        FAIL_MIGRATION_TIMEOUT(2),
        FAIL_HTTP(3),
        FAIL_LOG_SHOWS(2),
        FAIL_LOG_NEVER(2),
        FAIL_IMAGE_WRONG(3),
        FAIL_IMAGES(1),
        // The engine's own files it could not read or write (EngineIOException).
        ERROR_PREVIEW(1),
        ERROR_CANNOT_READ(2),
        ERROR_CANNOT_READ_PERMISSIONS(2),
        ERROR_CANNOT_STAGE(2),
        ERROR_CANNOT_LIST(2),
        ERROR_CANNOT_CREATE(2),
        ERROR_CANNOT_WRITE(2),
        ERROR_HISTORY_UNREADABLE(2),
        ERROR_LOCK_FAILED(2),
        ERROR_RECORD_UNREADABLE(2),
        ERROR_JOURNAL_UNREADABLE(2),
        ERROR_JOURNAL_UNWRITABLE(2),
        ERROR_PLAN_UNREADABLE(2),
        ERROR_RELEASE_TEMPLATES(1),
        ERROR_SET_ASIDE_BACK(2),
        ERROR_SET_ASIDE_STUCK(3),
        ERROR_HISTORY_UNWRITABLE(1),
        ERROR_JOURNAL_NOT_ARCHIVED(1),
        ERROR_CANNOT_STAGE_RELEASE(2),
        ERROR_RUN_UNFINISHED(4),
        ERROR_RUN_BACKUP_MISSING(0),
        ERROR_SIDECAR_CHANGED(1),
        ERROR_SECRETS_GONE(1),
        ERROR_DUMP_FAILED(3),
        // A lower layer's failure, said from what its exception is made of (Failures).
        ERROR_BACKUP_TRUNCATED(1),
        ERROR_BACKUP_NOT_FOUND(1),
        ERROR_BACKUP_UNREADABLE(2),
        ERROR_BACKUP_CHANGED_AFTER_VERIFY(1),
        ERROR_BACKUP_FAILS_VERIFICATION(2),
        ERROR_BACKUP_NOT_A_BACKUP(2),
        ERROR_BACKUP_NEWER_FORMAT(4),
        ERROR_BACKUP_OTHER_APP(3),
        ERROR_BACKUP_SIDECAR_MISMATCH(3),
        ERROR_BACKUP_UNSAFE_ENTRY(1),
        ERROR_BACKUP_DISK_FULL_MISSING(2),
        ERROR_BACKUP_DISK_FULL_FREE(2),
        ERROR_BACKUP_DISK_FULL(1),
        ERROR_BACKUP_RESTORE_DISK_FULL_STAGED(2),
        ERROR_BACKUP_CANCELLED(0),
        ERROR_BACKUP_VERIFY_CANCELLED(0),
        ERROR_BACKUP_RESTORE_CANCELLED(0),
        ERROR_CONFIG_AT(2),
        ERROR_PULL_FAILED(2),
        ERROR_PULL_CONNECTION(2),
        ERROR_PULL_STALLED(4),
        ERROR_PULL_STALLED_UNKNOWN(3),
        ERROR_DOCKER_LOST(3),
        ERROR_COMPOSE_FAILED(2),
        ERROR_COMPOSE_FAILED_SAID(3),
        ERROR_COMPOSE_TIMEOUT(2),
        ERROR_COMPOSE_TIMEOUT_SAID(3),
        ERROR_CONFIG_NO_COMPOSE_FILE(1),
        ERROR_CONFIG_EMPTY_COMPOSE_FILE(0),
        ERROR_CONFIG_NOT_A_COMPOSE_FILE(0),
        ERROR_CONFIG_NOT_A_FOLDER(0),
        ERROR_CONFIG_ENV_BINARY(0),
        ERROR_CONFIG_ENV_TOO_LARGE(2),
        ERROR_CONFIG_RELEASE_NONE(0),
        ERROR_CONFIG_RELEASE_NO_TAG(0),
        ERROR_CONFIG_RELEASE_NOT_AN_ARCHIVE(0),
        ERROR_CONFIG_RELEASE_NEEDS_TAG(1),
        ERROR_CONFIG_RELEASE_NOT_FOUND(0),
        ERROR_CONFIG_RELEASE_NO_FOLDER(0),
        ERROR_CONFIG_RELEASE_NO_FILE(0),
        ERROR_CONFIG_MANIFEST_NAME(2),
        // s7-config (compose, env, interpolation, merge, settings, image mirrors): its keys go right below this line
        // ---
        // ---
        // ---
        // s7-release (release sources, manifest, profiles, git, CLI input): its keys go right below this line
        ERROR_CONFIG_MANIFEST_TOO_LARGE(1),
        ERROR_CONFIG_MANIFEST_NOT_UTF8(0),
        ERROR_CONFIG_MANIFEST_UNREADABLE(1),
        ERROR_CONFIG_MANIFEST_TWO_DOCUMENTS(0),
        ERROR_CONFIG_MANIFEST_YAML_SYNTAX(1),
        ERROR_CONFIG_MANIFEST_RENAMED_FROM_VARIABLE(2),
        ERROR_CONFIG_MANIFEST_NO_SERVICE(3),
        ERROR_CONFIG_MANIFEST_NO_SERVICE_GUESS(4),
        ERROR_CONFIG_MANIFEST_YAML_INVALID(1),
        ERROR_CONFIG_MANIFEST_YAML_TOO_DEEP(0),
        ERROR_CONFIG_MANIFEST_FIELD_REQUIRED(1),
        ERROR_CONFIG_PROFILE_EMPTY(0),
        ERROR_CONFIG_PROFILE_CITATION(2),
        ERROR_CONFIG_GIT_REPOSITORY_REFUSED(1),
        ERROR_CONFIG_GIT_TAG_INVALID(1),
        ERROR_CONFIG_GIT_NO_TAG(2),
        ERROR_CONFIG_GIT_OUTPUT_UNREADABLE(1),
        ERROR_CONFIG_GIT_NOT_STARTED(1),
        ERROR_CONFIG_GIT_TIMEOUT(2),
        ERROR_CONFIG_GIT_FAILED(2),
        ERROR_CONFIG_GIT_FAILED_SILENT(1),
        ERROR_CONFIG_GIT_INTERRUPTED(0),
        ERROR_CONFIG_RELEASE_FOLDER_UNREADABLE(1),
        ERROR_CONFIG_CATALOG_NO_FOLDER(0),
        ERROR_CONFIG_CATALOG_IS_A_RELEASE(1),
        ERROR_CONFIG_CATALOG_UNREADABLE(1),
        ERROR_CONFIG_ARCHIVE_UNKNOWN_KIND(0),
        ERROR_CONFIG_ARCHIVE_NO_TARGET(2),
        ERROR_CONFIG_ARCHIVE_DAMAGED(1),
        ERROR_CONFIG_MANIFEST_UNKNOWN_FIELD(2),
        ERROR_CONFIG_MANIFEST_UNKNOWN_FIELD_GUESS(3),
        ERROR_CONFIG_MANIFEST_GIVEN_TWICE(2),
        ERROR_CONFIG_MANIFEST_NOT_ONE_OF(3),
        ERROR_CONFIG_MANIFEST_NOT_ONE_OF_GUESS(4),
        ERROR_CONFIG_MANIFEST_NOT_A_VARIABLE_NAME(2),
        ERROR_CONFIG_MANIFEST_NOT_A_SERVICE_NAME(2),
        ERROR_CONFIG_MANIFEST_NOT_A_NUMBER(2),
        ERROR_CONFIG_MANIFEST_NUMBER_RANGE(4),
        ERROR_CONFIG_MANIFEST_NOT_BOOLEAN(2),
        ERROR_CONFIG_MANIFEST_NO_FILE(2),
        ERROR_CONFIG_MANIFEST_EMPTY_VALUE(1),
        // ---
        // ---
        // ---
        // s7-backup (backup, verify, restore): its keys go right below this line
        ERROR_BACKUP_ACCESS_DENIED(1),
        ERROR_BACKUP_FILE_UNREADABLE(2),
        ERROR_BACKUP_SIDECAR_UNREADABLE(2),
        ERROR_BACKUP_TAR_HEADER_CHECKSUM(2),
        ERROR_BACKUP_CHANGED_DURING_VERIFY(1),
        ERROR_BACKUP_COPY_OUT_FAILED(2),
        ERROR_BACKUP_MANIFEST_TOO_LARGE(1),
        ERROR_BACKUP_DAMAGED_COMPRESSED(3),
        ERROR_BACKUP_DAMAGED_AFTER(3),
        ERROR_BACKUP_DAMAGED_TAR(2),
        ERROR_BACKUP_READING_FAILED(2),
        ERROR_BACKUP_CLOSING_FAILED(2),
        ERROR_BACKUP_MANIFEST_INCOMPLETE(1),
        ERROR_BACKUP_MANIFEST_INVALID(2),
        ERROR_BACKUP_HEADER_INVALID(2),
        ERROR_BACKUP_NOT_A_JSON_OBJECT(1),
        ERROR_BACKUP_NOT_VALID_JSON(2),
        ERROR_BACKUP_NO_HEADER_FIELDS(1),
        ERROR_BACKUP_BACKUP_EXISTS(1),
        ERROR_BACKUP_BACKUP_NOT_CREATED(2),
        ERROR_BACKUP_HELPER_DID_NOT_COPY(1),
        ERROR_BACKUP_ARCHIVE_APPEARED(1),
        ERROR_BACKUP_PARTIAL_NOT_REMOVED(1),
        ERROR_BACKUP_BACKUP_FAILED_REMOVED(1),
        ERROR_BACKUP_BACKUP_FAILED(1),
        ERROR_BACKUP_BACKUP_WRITE_FAILED(2),
        ERROR_BACKUP_SOURCE_FOLDER_MISSING(1),
        ERROR_BACKUP_SOURCE_NOT_A_FOLDER(1),
        ERROR_BACKUP_SOURCE_FOLDER_DENIED(1),
        ERROR_BACKUP_SOURCE_DENIED(1),
        ERROR_BACKUP_STREAM_NOT_A_FOLDER(2),
        ERROR_BACKUP_STREAM_BAD_NAME(3),
        ERROR_BACKUP_STREAM_ENDED(2),
        ERROR_BACKUP_STREAM_ENDED_OF(3),
        ERROR_BACKUP_STREAM_TOO_LONG(2),
        ERROR_BACKUP_RESTORE_FINISH_FAILED(1),
        ERROR_BACKUP_RESTORE_MOVE_FAILED(3),
        ERROR_BACKUP_RESTORE_MOVE_FAILED_IN_PLACE(2),
        ERROR_BACKUP_STAGING_NOT_REMOVED(1),
        ERROR_BACKUP_BECAME_A_FOLDER(1),
        ERROR_BACKUP_REFUSED_BEFORE_WRITING(1),
        ERROR_BACKUP_RESTORE_STAGE_FAILED(3),
        ERROR_BACKUP_TARGET_CONFLICTS(1),
        ERROR_BACKUP_TARGET_CONFLICTS_MORE(2),
        ERROR_BACKUP_TARGET_FILE_NEEDS_FOLDER(1),
        ERROR_BACKUP_TARGET_SYMLINK_NEEDS_FOLDER(1),
        ERROR_BACKUP_TARGET_SPECIAL_NEEDS_FOLDER(2),
        ERROR_BACKUP_TARGET_FOLDER_WHERE_FILE(1),
        ERROR_BACKUP_TARGET_FOLDER_WHERE_SYMLINK(1),
        ERROR_BACKUP_TARGET_FOLDER_WHERE_HARDLINK(1),
        ERROR_BACKUP_TARGET_UNREADABLE(1),
        ERROR_BACKUP_COPY_TARGET_EXISTS(2),
        ERROR_BACKUP_COPY_TARGET_APPEARED(2),
        ERROR_BACKUP_COPY_CANCELLED(2),
        ERROR_BACKUP_COPY_HASH_DIFFERS(4),
        ERROR_BACKUP_COPY_INCOMPLETE(4),
        ERROR_BACKUP_COPY_FAILED(3),
        ERROR_BACKUP_LIST_FAILED(2),
        ERROR_BACKUP_MARK_FAILED(2),
        ERROR_BACKUP_CLEANUP_FAILED(2),
        ERROR_BACKUP_DELETE_FAILED(2),
        ERROR_BACKUP_CANNOT_BE_USED(2),
        ERROR_BACKUP_CANNOT_BE_USED_SAID(2),
        ERROR_BACKUP_LISTING_UNREADABLE(1),
        ERROR_BACKUP_RESTORE_CANCELLED_AFTER(1),
        ERROR_BACKUP_RESTORE_CANCELLED_AFTER_PARTIAL(2),
        ERROR_BACKUP_RESTORE_FAILED(1),
        ERROR_BACKUP_RESTORE_FAILED_PARTIAL(2),
        ERROR_BACKUP_RESTORE_DISK_FULL(2),
        ERROR_BACKUP_RESTORE_DISK_FULL_PARTIAL(3),
        ERROR_BACKUP_RESTORE_WRITE_FAILED(2),
        ERROR_BACKUP_RESTORE_WRITE_FAILED_PARTIAL(3),
        ERROR_BACKUP_RESTORE_CANCELLED_INSIDE(1),
        ERROR_BACKUP_RESTORE_CANCELLED_INSIDE_PARTIAL(2),
        // ---
        // ---
        // ---
        // s7-docker (docker layer, runtime, GUI pages): its keys go right below this line
        // ---
        // ---
        // ---
        // Sizes ({@link Text#bytes}).
        SIZE_BYTES(1),
        SIZE_KB(1),
        SIZE_MB(1),
        SIZE_GB(1),
        SIZE_TB(1),
        // Lines of the run's log saying what Berth did.
        LOG_RESUMING(1),
        LOG_HELPER_REMOVED(1),
        LOG_COMPOSE_FILES(1),
        LOG_PULLING(3),
        LOG_PINNED(3),
        LOG_IMAGE_RESTORED(2),
        LOG_MIGRATION_TOO_LONG(1),
        LOG_MOVED_ASIDE(2),
        LOG_PUT_BACK(1),
        LOG_HTTP_ANSWERED(2),
        LOG_BACKUP_COMPLETE(1),
        LOG_COPY_EVERYTHING(0),
        LOG_COPIED_CHANGES(1),
        LOG_LIST_FAILED(2),
        LOG_LIST_TOO_MANY(2),
        LOG_LISTED(4),
        LOG_BACKUP_WRITTEN(3),
        WARN_BACKUP_NOTE(1),
        LOG_LEFTOVER_STAGING(1),
        LOG_RESTORE_STAGING(1),
        LOG_MOVING_INTO_PLACE(1),
        LOG_CHECKING_ENTRIES(1),
        LOG_RESTORING_FILES(1),
        LOG_RESTORING_FOLDER_HELPER(1),
        LOG_RESTORING_FOLDER(1),
        LOG_RESTORING_VOLUME(1),
        LOG_RESTORING_VOLUME_INTO(2),
        LOG_RESTORED(5),
        LOG_VOLUME_REMOVED(1),
        LOG_VOLUME_PUT_BACK(1),
        LOG_MOVING_HELPER(2),
        LOG_RESTORED_PROJECT(1),
        LOG_ENV_SET(2),
        LOG_DUMPED(3),
        LOG_STOPPING(3),
        LOG_ONE_OFFS_REMOVED(2),
        LOG_NO_DEPENDENCIES(1);

        private final int arity;

        Key(int arity) {
            this.arity = arity;
        }

        /** How many arguments the key's pattern takes ({0} to {arity - 1}). */
        public int arity() {
            return arity;
        }

        /** The key as the bundles spell it. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '.');
        }
    }
}
