package dev.berth.gui.common;

import java.time.Duration;
import java.util.Optional;

/**
 * Estimates the time left from {@code done/total} samples: the rate is smoothed with a moving
 * average that forgets with a time constant of {@value #TAU_SECONDS} s, so one slow layer does
 * not swing the estimate, and no estimate is given in the first {@value #WARMUP_SECONDS} s.
 * Progress that goes backwards (a new phase) starts the estimate over. Not thread-safe.
 */
public final class EtaEstimator {
    static final double TAU_SECONDS = 5;
    static final long WARMUP_SECONDS = 2;
    private static final double NANOS = 1e9;

    private long startNanos;
    private long lastNanos;
    private long lastDone;
    private double ratePerNano = -1;
    private boolean started;

    /**
     * @param nowNanos a monotonic clock reading ({@link System#nanoTime()})
     * @return the time left; empty while unknown (indeterminate total, warming up, no progress)
     */
    public Optional<Duration> update(long done, long total, long nowNanos) {
        if (total <= 0) {
            return Optional.empty();
        }
        if (done >= total) {
            return Optional.of(Duration.ZERO);
        }
        if (!started || done < lastDone) {
            started = true;
            startNanos = nowNanos;
            lastNanos = nowNanos;
            lastDone = done;
            ratePerNano = -1;
            return Optional.empty();
        }
        long dt = nowNanos - lastNanos;
        if (dt > 0) {
            double instant = (double) (done - lastDone) / dt;
            double alpha = 1 - Math.exp(-dt / (TAU_SECONDS * NANOS));
            ratePerNano = ratePerNano < 0 ? instant : ratePerNano + alpha * (instant - ratePerNano);
            lastNanos = nowNanos;
            lastDone = done;
        }
        if (nowNanos - startNanos < WARMUP_SECONDS * NANOS || ratePerNano <= 0) {
            return Optional.empty();
        }
        double left = (total - done) / ratePerNano;
        return Optional.of(Duration.ofNanos((long) Math.min(left, Long.MAX_VALUE / 2.0)));
    }

    public void reset() {
        started = false;
        ratePerNano = -1;
    }
}
