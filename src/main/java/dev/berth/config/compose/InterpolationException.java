package dev.berth.config.compose;

import dev.berth.config.ConfigException;

/**
 * A value of a compose file that is not a valid interpolation template (for example {@code ${}},
 * {@code ${1}} or {@code ${A:x}}). Compose refuses such a file; so does Berth.
 */
public class InterpolationException extends ConfigException {
    private final String template;

    public InterpolationException(String source, int line, int column, String template, String message) {
        super(source, line, column, message, null);
        this.template = template;
    }

    /** The string that could not be interpolated, as written in the file. */
    public String template() {
        return template;
    }

    /** The same error located in a file, at the value that holds the template. */
    InterpolationException at(String source, int line, int column, String path, String value) {
        String why = getMessage().startsWith("invalid interpolation format") ? "" : " (" + getMessage() + ")";
        return new InterpolationException(
                source,
                line,
                column,
                value,
                "invalid interpolation format for " + path + ": \"" + value + "\"" + why
                        + "; write a literal $ as $$ or fix the ${...} expression");
    }
}
