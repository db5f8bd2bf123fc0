package dev.berth.gui.home;

/**
 * What Home's buttons do with the install chosen in the list; the main window implements it by
 * opening the screens. Called on the FX thread.
 */
public interface HomeActions {

    /** Does nothing (tests, and the app before the screens are wired). */
    HomeActions NONE = new HomeActions() {};

    /** Opens the upgrade wizard for the install. */
    default void upgrade(InstallRow row) {}

    /** Opens the settings of the install. */
    default void configure(InstallRow row) {}

    /** Backs the install up (confirm, then run). */
    default void backUp(InstallRow row) {}

    /** Opens the restore screen for the install's backups. */
    default void restore(InstallRow row) {}

    /** Opens the install's folder in the file manager. */
    default void openFolder(InstallRow row) {}

    /** Shows the install's container logs. */
    default void showLogs(InstallRow row) {}

    /** Chooses the demo app in the install wizard (called before Home navigates there). */
    default void tryDemo() {}
}
