package dev.berth.gui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;

/** Sizes, durations and times as the user reads them, in the language of the given texts. */
public final class Formats {
    private static final String[] UNITS = {"unit.bytes", "unit.kb", "unit.mb", "unit.gb", "unit.tb"};

    private Formats() {}

    /** {@code 1536} → "1.5 KB" (binary multiples, one decimal above bytes); negative → "unknown". */
    public static String bytes(Messages m, long bytes) {
        if (bytes < 0) {
            return m.get("value.unknown");
        }
        if (bytes < 1024) {
            return m.get("unit.bytes", bytes);
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return m.get(UNITS[unit], Math.round(v * 10) / 10.0);
    }

    /** A remaining time: "about 3 min", "about 40 s", "about 2 h 5 min"; empty → "estimating…". */
    public static String eta(Messages m, Optional<Duration> eta) {
        if (eta.isEmpty()) {
            return m.get("eta.estimating");
        }
        long s = Math.max(1, eta.get().toSeconds());
        if (s < 60) {
            return m.get("eta.seconds", s);
        }
        long min = Math.round(s / 60.0);
        if (min < 60) {
            return m.get("eta.minutes", min);
        }
        return m.get("eta.hours", min / 60, min % 60);
    }

    /** A length of time: "45 s", "3 min", "1 h 5 min" (minutes rounded above a minute). */
    public static String duration(Messages m, Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return m.get("duration.seconds", s);
        }
        long min = Math.round(s / 60.0);
        if (min < 60) {
            return m.get("duration.minutes", min);
        }
        return m.get("duration.hours", min / 60, min % 60);
    }

    /** A point in time in the user's zone, medium style in their language. */
    public static String dateTime(Messages m, Instant when, ZoneId zone) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(m.locale())
                .withZone(zone)
                .format(when);
    }
}
