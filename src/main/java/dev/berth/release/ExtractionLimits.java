package dev.berth.release;

/**
 * Bounds that keep a hostile or broken archive from filling the disk. Releases that ship image
 * tarballs for offline installs are large, so the defaults allow gigabytes but refuse the
 * compression ratios of a zip bomb.
 *
 * @param maxEntryBytes largest uncompressed size of one entry
 * @param maxTotalBytes largest uncompressed size of all entries
 * @param maxEntries most entries (files, folders, links)
 * @param maxRatio largest ratio of uncompressed to compressed bytes, checked once more than
 *     {@code ratioFloorBytes} have been written (small, very compressible text files are fine)
 * @param ratioFloorBytes uncompressed bytes below which the ratio is not checked
 */
public record ExtractionLimits(
        long maxEntryBytes, long maxTotalBytes, int maxEntries, long maxRatio, long ratioFloorBytes) {

    private static final long GIB = 1L << 30;

    /** 8 GiB per entry, 32 GiB in all, 200 000 entries, ratio 100 after the first MiB. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(8 * GIB, 32 * GIB, 200_000, 100, 1L << 20);

    public ExtractionLimits {
        if (maxEntryBytes <= 0 || maxTotalBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || ratioFloorBytes < 0) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
    }
}
