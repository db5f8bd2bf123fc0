package dev.berth.config.compose;

import dev.berth.config.ConfigException;

/**
 * A required variable ({@code ${NAME:?message}} or {@code ${NAME?message}}) has no value. The
 * command line maps it to exit code 3 (refused), like every {@link ConfigException}.
 */
public class MissingVariableException extends ConfigException {
    private final String variable;
    private final String reason;

    public MissingVariableException(String source, int line, int column, String variable, String reason) {
        super(source, line, column, describe(variable, reason), null);
        this.variable = variable;
        this.reason = reason;
    }

    /** The name of the variable that has no value. */
    public String variable() {
        return variable;
    }

    /** The message written after {@code ?} in the compose file, interpolated; empty when none. */
    public String reason() {
        return reason;
    }

    MissingVariableException at(String source, int line, int column) {
        return new MissingVariableException(source, line, column, variable, reason);
    }

    private static String describe(String variable, String reason) {
        String what = "required variable " + variable + " is missing a value";
        if (!reason.isEmpty()) {
            what += ": " + reason;
        }
        return what + "; set " + variable + " in the .env file (or the --env-file given) and retry";
    }
}
