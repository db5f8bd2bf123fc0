package dev.berth.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A test-only switch that kills the process at a named step and phase, so that crash-recovery
 * tests are deterministic instead of timing-based. Set {@code BERTH_CRASH_AT=step:phase} in the
 * environment (or the system property {@code berth.crashAt}); phase is {@code before}, {@code
 * middle} or {@code after}. The process then halts with exit code 137 exactly as {@code kill -9}
 * would leave it: no shutdown hooks, no finally blocks, the journal as it was last written.
 *
 * <p>With {@code BERTH_HOLD_FILE=PATH} (or {@code berth.holdFile}) as well, the process does not
 * halt at that point: it creates PATH and waits until the test deletes it (at most ten minutes), so
 * a fault can be caused at an exact step instead of racing a fast one.
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
    private final Path holdFile;

    private CrashPoints(String step, Phase phase) {
        this(step, phase, null);
    }

    private CrashPoints(String step, Phase phase, Path holdFile) {
        this.step = step;
        this.phase = phase;
        this.holdFile = holdFile;
    }

    /** Reads the switch from the system property, else the environment. */
    public static CrashPoints fromEnvironment() {
        String spec = System.getProperty("berth.crashAt");
        if (spec == null || spec.isBlank()) {
            spec = System.getenv("BERTH_CRASH_AT");
        }
        CrashPoints c = parse(spec);
        String hold = System.getProperty("berth.holdFile");
        if (hold == null || hold.isBlank()) {
            hold = System.getenv("BERTH_HOLD_FILE");
        }
        return hold == null || hold.isBlank() || c.step == null ? c : new CrashPoints(c.step, c.phase, Path.of(hold));
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
            if (holdFile != null) {
                hold(stepId, at);
                return;
            }
            System.err.println("berth: test crash point reached at " + stepId + ":"
                    + at.name().toLowerCase(Locale.ROOT));
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }

    private void hold(String stepId, Phase at) {
        System.err.println("berth: test hold point reached at " + stepId + ":"
                + at.name().toLowerCase(Locale.ROOT) + "; waiting until " + holdFile + " is deleted");
        try {
            Files.writeString(holdFile, stepId);
            long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (Files.exists(holdFile) && System.nanoTime() < end) {
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the test hold file " + holdFile, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether any crash point is set (tests assert it is not in production runs). */
    public boolean armed() {
        return step != null;
    }
}
