package dev.berth.config;

import java.util.List;
import java.util.Optional;

/**
 * A configuration input (an env file, a compose file, a manifest, a template) that Berth cannot
 * accept. The message names the file and line when known and says what to do; nothing has been
 * written when this is thrown. The command line maps it to exit code 3 (refused).
 */
public class ConfigException extends RuntimeException {
    /**
     * What the message (without its location) says, so that a front end can say it in the user's
     * language (the engine maps each reason to a text; this layer knows no languages, ADR 0013): it
     * is made of {@link #facts()}, in this order.
     */
    public enum Reason {
        /** Only the English message. */
        NONE(0),
        /** A folder holds no compose file: the names looked for. */
        NO_COMPOSE_FILE(1),
        /** A compose file is empty. */
        EMPTY_COMPOSE_FILE(0),
        /** A file is not a compose file with services. */
        NOT_A_COMPOSE_FILE(0),
        /** An install folder is not a folder. */
        NOT_A_FOLDER(0),
        /** An env file holds binary data. */
        ENV_BINARY(0),
        /** An env file is too large: its size and the limit, in bytes. */
        ENV_TOO_LARGE(2),
        /** No release was given. */
        RELEASE_NONE(0),
        /** Nothing after the # of REPO#TAG. */
        RELEASE_NO_TAG(0),
        /** A file that is no release archive. */
        RELEASE_NOT_AN_ARCHIVE(0),
        /** A git repository without a tag: the repository as given. */
        RELEASE_NEEDS_TAG(1),
        /** No such folder or file. */
        RELEASE_NOT_FOUND(0),
        /** A release folder that does not exist. */
        RELEASE_NO_FOLDER(0),
        /** A release archive that does not exist. */
        RELEASE_NO_FILE(0),
        /** The manifest has another name: the right name, the name found. */
        MANIFEST_NAME(2),
        // s7-config: its reasons go right below this line
        // ---
        // ---
        // ---
        // s7-release: its reasons go right below this line
        /** A manifest over 1 MiB: the manifest's file name. */
        MANIFEST_TOO_LARGE(1),
        /** A manifest that is not UTF-8. */
        MANIFEST_NOT_UTF8(0),
        /** A manifest that cannot be read: the I/O error. */
        MANIFEST_UNREADABLE(1),
        /** A manifest with a second YAML document. */
        MANIFEST_TWO_DOCUMENTS(0),
        /** A manifest that is not valid YAML: the parser's problem. */
        MANIFEST_YAML_SYNTAX(1),
        /** A manifest's variable renamed from another variable of the release: the field, the old name. */
        MANIFEST_RENAMED_FROM_VARIABLE(2),
        /** A manifest names a service the compose file lacks: the field, the service, the services. */
        MANIFEST_NO_SERVICE(3),
        /** As {@link #MANIFEST_NO_SERVICE} with a likely name: the field, the service, the guess, the services. */
        MANIFEST_NO_SERVICE_GUESS(4),
        /** YAML (a manifest, a profile) that does not parse: the parser's message. */
        MANIFEST_YAML_INVALID(1),
        /** YAML nested too deeply. */
        MANIFEST_YAML_TOO_DEEP(0),
        /** A required field is missing: the field. */
        MANIFEST_FIELD_REQUIRED(1),
        /** An app profile without content. */
        PROFILE_EMPTY(0),
        /** An app profile's citation of another form: the field, the citation. */
        PROFILE_CITATION(2),
        /** A git repository string Berth does not pass to git: the repository. */
        GIT_REPOSITORY_REFUSED(1),
        /** A tag name that is not valid: the tag. */
        GIT_TAG_INVALID(1),
        /** The repository has no such tag: the tag, the repository. */
        GIT_NO_TAG(2),
        /** Reading git's output failed: the I/O error. */
        GIT_OUTPUT_UNREADABLE(1),
        /** Git cannot be started: the system's message. */
        GIT_NOT_STARTED(1),
        /** Git took too long: the seconds, the command line. */
        GIT_TIMEOUT(2),
        /** Git failed: its exit code, its own message. */
        GIT_FAILED(2),
        /** Git failed without a message: its exit code. */
        GIT_FAILED_SILENT(1),
        /** Interrupted while git ran. */
        GIT_INTERRUPTED(0),
        /** A release folder whose files cannot be listed: the I/O error. */
        RELEASE_FOLDER_UNREADABLE(1),
        /** A folder of releases that does not exist. */
        CATALOG_NO_FOLDER(0),
        /** A single release given as a folder of releases: the file that marks it. */
        CATALOG_IS_A_RELEASE(1),
        /** A folder of releases that cannot be read: the I/O error. */
        CATALOG_UNREADABLE(1),
        /** A file of no archive kind Berth extracts. */
        ARCHIVE_UNKNOWN_KIND(0),
        /** The folder to extract into cannot be made: the folder, the I/O error. */
        ARCHIVE_NO_TARGET(2),
        /** A damaged or cut-off archive: the reader's message. */
        ARCHIVE_DAMAGED(1),
        /** A field the manifest does not know: the field, the fields known there. */
        MANIFEST_UNKNOWN_FIELD(2),
        /** As {@link #MANIFEST_UNKNOWN_FIELD} with a likely name: the field, the guess, the fields known. */
        MANIFEST_UNKNOWN_FIELD_GUESS(3),
        /** A name given twice: the field, the name. */
        MANIFEST_GIVEN_TWICE(2),
        /** A value of none of the choices: the field, the choices, the value (quoted). */
        MANIFEST_NOT_ONE_OF(3),
        /** As {@link #MANIFEST_NOT_ONE_OF} with a likely choice: the field, the choices, the value, the guess. */
        MANIFEST_NOT_ONE_OF_GUESS(4),
        /** Not a variable name: the field, the value (quoted). */
        MANIFEST_NOT_A_VARIABLE_NAME(2),
        /** Not a service name: the field, the value (quoted). */
        MANIFEST_NOT_A_SERVICE_NAME(2),
        /** Not a number: the field, the value (quoted). */
        MANIFEST_NOT_A_NUMBER(2),
        /** A number out of its range: the field, the least, the most, the number. */
        MANIFEST_NUMBER_RANGE(4),
        /** Neither true nor false: the field, the value (quoted). */
        MANIFEST_NOT_BOOLEAN(2),
        /** A file the release does not ship: the field, the path. */
        MANIFEST_NO_FILE(2),
        /** An empty string where a value is needed: the field. */
        MANIFEST_EMPTY_VALUE(1),
    // ---
    // ---
    // ---
    ;

        private final int facts;

        Reason(int facts) {
            this.facts = facts;
        }

        /** How many facts the reason's message is made of. */
        public int facts() {
            return facts;
        }
    }

    private final String source;
    private final int line;
    private final int column;
    private final String detail;
    private final Reason reason;
    private final List<String> facts;

    /**
     * @param source the file (or other input) at fault, as the user knows it; may be null
     * @param line 1-based line, 0 when unknown
     * @param column 1-based column, 0 when unknown
     * @param message what is wrong and what to do, without the location (added here)
     */
    public ConfigException(String source, int line, int column, String message, Throwable cause) {
        super(format(source, line, column, message), cause);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = message;
        this.reason = Reason.NONE;
        this.facts = List.of();
    }

    /**
     * A refusal a front end can say in its language.
     *
     * @param facts what the message is made of, as many as the reason takes
     * @param message the same in English, without the location
     */
    public ConfigException(String source, int line, Reason reason, List<String> facts, String message) {
        super(format(source, line, 0, message));
        if (facts.size() != reason.facts()) {
            throw new IllegalArgumentException(reason + " takes " + reason.facts() + " facts, got " + facts.size());
        }
        this.source = source;
        this.line = line;
        this.column = 0;
        this.detail = message;
        this.reason = reason;
        this.facts = List.copyOf(facts);
    }

    /** What the message says; {@link Reason#NONE} when it is only in English. */
    public Reason refusal() {
        return reason;
    }

    /** What the message is made of, for its {@link #refusal()}. */
    public List<String> facts() {
        return facts;
    }

    /** The message without its location. */
    public String detail() {
        return detail;
    }

    /** Where the input is at fault ("compose.yaml:3:5"), or empty when the message names no input. */
    public String location() {
        return source == null ? "" : format(source, line, column, "").replaceFirst(": $", "");
    }

    public ConfigException(String source, int line, String message) {
        this(source, line, 0, message, null);
    }

    public ConfigException(String source, String message, Throwable cause) {
        this(source, 0, 0, message, cause);
    }

    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    private static String format(String source, int line, int column, String message) {
        if (source == null) {
            return message;
        }
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(message).toString();
    }
}
