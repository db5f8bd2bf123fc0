package dev.berth.docker;

import java.util.Locale;

/** Human-readable byte counts for messages (binary units, one decimal). */
public final class Bytes {
    private Bytes() {}

    /** {@code 0 B}, {@code 512 B}, {@code 1.5 KiB}, {@code 20.0 MiB}, ... */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
