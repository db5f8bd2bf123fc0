package dev.berth.gui.common;

import java.util.Locale;

/** The pages of the main window, in navigation order. */
public enum Page {
    HOME,
    INSTALL,
    RESTORE,
    SETTINGS,
    ABOUT;

    /** The stable lower-case name used in node ids ({@code #nav-home}) and options. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Page fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
