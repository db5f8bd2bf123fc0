package dev.berth.config;

import java.util.Optional;

/**
 * A configuration input (an env file, a compose file, a manifest, a template) that Berth cannot
 * accept. The message names the file and line when known and says what to do; nothing has been
 * written when this is thrown. The command line maps it to exit code 3 (refused).
 */
public class ConfigException extends RuntimeException {
    private final String source;
    private final int line;
    private final int column;

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
