package dev.berth.gui.common;

/**
 * Counts the engine runs the screens have going, so closing the window asks first. FX-thread
 * only: runs begin and end on the FX thread through their view-models.
 */
public final class RunTracker {
    private int active;

    void begin() {
        active++;
    }

    void end() {
        if (active == 0) {
            throw new IllegalStateException("a run ended that never began");
        }
        active--;
    }

    /** True while any run of a screen has not finished. */
    public boolean active() {
        return active > 0;
    }
}
