package dev.berth.config.merge;

/**
 * A name a file the user added refers to that the new release no longer defines.
 *
 * @param file the user's file, as given to the check
 * @param line 1-based line of the reference
 * @param column 1-based column of the reference
 * @param kind what the name should be
 * @param name the missing name
 * @param service the service of the user's file that holds the reference
 * @param field where in that service: {@code depends_on}, {@code volumes}, {@code services} (the service itself)...
 */
public record MissingReference(
        String file, int line, int column, Kind kind, String name, String service, String field) {

    public enum Kind {
        SERVICE,
        VOLUME,
        NETWORK
    }

    /** What is wrong and what to do, for the user. */
    public String message() {
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        String subject = field.equals("services")
                ? "it changes the service " + name
                : "service " + service + " refers to the " + what + " " + name + " in " + field;
        return file + ":" + line + ":" + column + ": " + subject + ", which the new release no longer defines; "
                + "rename or remove the reference in " + file + " before upgrading";
    }
}
