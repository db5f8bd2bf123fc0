package dev.berth.docker.scan;

import java.util.Locale;

/** How a size was measured. */
public enum SizeSource {
    /** The engine's disk-usage API. */
    ENGINE,
    /** Walking the folder as this user. */
    FILE_SYSTEM,
    /** A helper container, because this user may not read the folder. */
    HELPER_CONTAINER,
    /** Not measured (sizes skipped, or the path is missing). */
    NOT_MEASURED;

    /** Lower case, hyphenated. */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
