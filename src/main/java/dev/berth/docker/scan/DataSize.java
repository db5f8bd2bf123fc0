package dev.berth.docker.scan;

/**
 * The disk space an install's data takes.
 *
 * @param bytes bind-mounted data plus named volumes, as far as measured
 * @param completeness whether every part was measured
 */
public record DataSize(long bytes, Completeness completeness) {
    /** Whether a total covers everything. */
    public enum Completeness {
        COMPLETE,
        /** Some parts could not be measured: the total is a lower bound. */
        PARTIAL,
        NOT_MEASURED
    }

    public static DataSize notMeasured() {
        return new DataSize(0, Completeness.NOT_MEASURED);
    }
}
