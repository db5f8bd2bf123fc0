package dev.berth.docker;

import java.util.Locale;

/** The operating systems whose Docker endpoints differ. */
public enum OperatingSystem {
    LINUX,
    MAC,
    WINDOWS,
    OTHER;

    /** The system this JVM runs on. */
    public static OperatingSystem current() {
        String name = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac")) {
            return MAC;
        }
        return name.startsWith("linux") ? LINUX : OTHER;
    }
}
