package dev.berth.engine;

import java.util.Locale;

/**
 * A test-only switch that kills the process at a named step and phase, so that crash-recovery
 * tests are deterministic instead of timing-based. Set {@code BERTH_CRASH_AT=step:phase} in the
 * environment (or the system property {@code berth.crashAt}); phase is {@code before}, {@code
 * middle} or {@code after}. The process then halts with exit code 137 exactly as {@code kill -9}
 * would leave it: no shutdown hooks, no finally blocks, the journal as it was last written.
 */
public final class CrashPoints {
    /** Where in a step a crash may be asked for. */
    public enum Phase {
        BEFORE,
        MIDDLE,
        AFTER
    }

    private final String step;
    private final Phase phase;

    private CrashPoints(String step, Phase phase) {
        this.step = step;
        this.phase = phase;
    }

    /** Reads the switch from the system property, else the environment. */
    public static CrashPoints fromEnvironment() {
        String spec = System.getProperty("berth.crashAt");
        if (spec == null || spec.isBlank()) {
            spec = System.getenv("BERTH_CRASH_AT");
        }
        return parse(spec);
    }

    /** No crash point: for production wiring that must never halt on purpose. */
    public static CrashPoints none() {
        return new CrashPoints(null, null);
    }

    static CrashPoints parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return new CrashPoints(null, null);
        }
        int colon = spec.lastIndexOf(':');
        String s = colon < 0 ? spec : spec.substring(0, colon);
        Phase p = colon < 0
                ? Phase.BEFORE
                : Phase.valueOf(spec.substring(colon + 1).toUpperCase(Locale.ROOT));
        return new CrashPoints(s.trim(), p);
    }

    /** Halts the process when this step and phase is the one asked for. */
    public void reach(String stepId, Phase at) {
        if (step != null && step.equals(stepId) && phase == at) {
            System.err.println("berth: test crash point reached at " + stepId + ":"
                    + at.name().toLowerCase(Locale.ROOT));
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    /** Whether any crash point is set (tests assert it is not in production runs). */
    public boolean armed() {
        return step != null;
    }
}
