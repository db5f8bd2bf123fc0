package dev.berth.docker.scan;

import java.util.Locale;

/**
 * Something about an install the user should know or fix.
 *
 * @param kind what kind
 * @param message what it means and what to do
 */
public record InstallWarning(Kind kind, String message) {
    /** The kinds of warnings. */
    public enum Kind {
        WORKING_DIR_MISSING,
        WORKING_DIR_UNREADABLE,
        CONFIG_FILE_MISSING,
        FILE_UNREADABLE,
        MIXED_WORKING_DIRS,
        PROJECT_NAME_GIVEN,
        SAME_WORKING_DIR,
        SAME_APP,
        PROJECT_NAME_CLASH,
        DATABASE_PORT_PUBLIC,
        DOCKER_SOCKET_MOUNTED,
        DATA_MISSING,
        SIZE_UNKNOWN,
        MANIFEST_UNREADABLE,
        DRIFT;

        /** Lower case, hyphenated. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
