package dev.berth.docker.scan;

/**
 * How much a scan does.
 *
 * @param sizes whether to measure data sizes (engine disk use for volumes, a folder walk or a
 *     helper container for bind mounts); skipping makes a scan a few engine calls only
 */
public record ScanOptions(Sizes sizes) {
    /** Whether to measure data. */
    public enum Sizes {
        MEASURE,
        SKIP
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Sizes.MEASURE);
    }
}
