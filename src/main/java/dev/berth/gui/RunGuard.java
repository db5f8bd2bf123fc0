package dev.berth.gui;

/**
 * Tells the window whether an engine run (install, upgrade, restore) is going on, so closing asks
 * first. The engine bridge implements it; called on the FX thread and must not block.
 */
@FunctionalInterface
public interface RunGuard {
    /** Nothing ever runs: the app before the engine is wired in. */
    RunGuard NONE = () -> false;

    boolean runActive();
}
