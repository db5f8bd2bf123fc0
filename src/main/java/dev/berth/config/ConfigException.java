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
