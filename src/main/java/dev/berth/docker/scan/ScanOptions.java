package dev.berth.docker.scan;

/**
 * How much a scan does.
 *
 * @param sizes whether to measure data sizes (engine disk use for volumes, a folder walk or a
 *     helper container for bind mounts); skipping makes a scan a few engine calls only
 * @param drift whether to compare each install's compose files with what its containers run
 *     (loads the files and inspects one container per service)
 */
public record ScanOptions(Sizes sizes, Drift drift) {
    /** Whether to measure data. */
    public enum Sizes {
        MEASURE,
        SKIP
    }

    /** Whether to look for drift between files and containers. */
    public enum Drift {
        CHECK,
        SKIP
    }

    /** Everything: sizes and drift. */
    public static ScanOptions defaults() {
        return new ScanOptions(Sizes.MEASURE, Drift.CHECK);
    }
}
