package dev.berth.gui;

/**
 * Tooling for {@code scripts/screenshots.sh}: brings the window into a state (a wizard page, a run
 * half-way) before the picture is taken. The screenshot fixtures in the tests implement it; the
 * app never does.
 */
@FunctionalInterface
interface ScreenshotScenario {
    /**
     * Drives the window's view-models; calls {@code ready} on the FX thread once the state to
     * picture is reached.
     */
    void prepare(MainWindow window, Runnable ready);
}
