package dev.berth.gui.common;

import java.util.Locale;

/**
 * The pages of the main window. The first five are the navigation, in order; the others are
 * reached from Home for one install and show Home as their place in the navigation.
 */
public enum Page {
    HOME,
    INSTALL,
    RESTORE,
    SETTINGS,
    ABOUT,
    /** The upgrade wizard of the install chosen on Home. */
    UPGRADE,
    /** The settings form of the install chosen on Home. */
    CONFIGURE,
    /** A run started from Home: back up, resume or roll back an unfinished run. */
    RUN;

    /** The stable lower-case name used in node ids ({@code #nav-home}) and options. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Page fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** Whether the page has its own entry in the navigation. */
    public boolean inNavigation() {
        return ordinal() <= ABOUT.ordinal();
    }

    /** The navigation entry shown as current while this page is shown. */
    public Page navigationEntry() {
        return inNavigation() ? this : HOME;
    }
}
