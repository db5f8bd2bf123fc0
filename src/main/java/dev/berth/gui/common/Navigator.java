package dev.berth.gui.common;

/** Shows a page of the main window; view-models get one instead of reaching for the window. */
@FunctionalInterface
public interface Navigator {
    void go(Page page);
}
