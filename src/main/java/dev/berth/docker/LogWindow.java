package dev.berth.docker;

import java.time.Instant;
import java.util.Optional;

/**
 * Which log lines of a container to read.
 *
 * @param tailLines at most this many of the last lines; 0 for no limit
 * @param since only lines written at or after this time
 */
public record LogWindow(int tailLines, Optional<Instant> since) {
    public LogWindow {
        if (tailLines < 0) {
            throw new IllegalArgumentException("tailLines must be >= 0, was " + tailLines);
        }
    }

    /** The last {@code lines} lines. */
    public static LogWindow tail(int lines) {
        return new LogWindow(lines, Optional.empty());
    }

    /** Every line since {@code time}. */
    public static LogWindow since(Instant time) {
        return new LogWindow(0, Optional.of(time));
    }
}
