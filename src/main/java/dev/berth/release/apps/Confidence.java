package dev.berth.release.apps;

/** How sure Berth is that an install runs a known app. */
public enum Confidence {
    /** A weak hint only (a project name, an image name that merely contains the app's name). */
    LOW,
    /** The install's file layout is the app's, or an image that forks and mirrors use. */
    MEDIUM,
    /** The install runs one of the app's own images. */
    HIGH
}
