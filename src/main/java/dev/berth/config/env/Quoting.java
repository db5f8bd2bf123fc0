package dev.berth.config.env;

/** How a value is written in an env file; it decides how Docker Compose reads it. */
public enum Quoting {
    /** Unquoted: trimmed, cut at the first {@code " #"}, then interpolated. */
    NONE,
    /** {@code '...'}: taken literally, only {@code \'} is unescaped; never interpolated. */
    SINGLE,
    /** {@code "..."}: escape sequences expanded, then interpolated. */
    DOUBLE;

    /** Whether Compose substitutes {@code ${...}} references in a value written this way. */
    public boolean interpolates() {
        return this != SINGLE;
    }
}
