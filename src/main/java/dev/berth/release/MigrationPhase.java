package dev.berth.release;

/** When a migration runs during an upgrade. */
public enum MigrationPhase {
    /** After the old version stopped and the new images are in place, before the app starts. */
    BEFORE_START,
    /** After the new version started (and passed its health checks), e.g. a reindex. */
    AFTER_START
}
