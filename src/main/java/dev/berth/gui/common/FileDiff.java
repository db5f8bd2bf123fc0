package dev.berth.gui.common;

import dev.berth.config.diff.SideBySideRow;
import java.util.List;

/**
 * One file a plan writes, compared side by side with what it replaces (or with its template). Holds
 * no secret values: the diff masks them before comparing.
 *
 * @param path the file, relative to the install
 * @param rows hunk headers and side-by-side line pairs; empty for binary or unchanged files
 * @param added lines only on the new side
 * @param removed lines only on the old side
 * @param shown whether the text can be shown (false for binary or very large files)
 */
public record FileDiff(String path, Change change, List<Row> rows, int added, int removed, boolean shown) {
    public FileDiff {
        rows = List.copyOf(rows);
    }

    /** What happens to the file. */
    public enum Change {
        ADDED,
        CHANGED,
        REMOVED,
        /** Written as it is in the release (or its template): nothing to compare. */
        SAME
    }

    /** A row of the side-by-side view. */
    public sealed interface Row {
        /** The start of a hunk, {@code @@ -12,7 +12,8 @@}. */
        record Hunk(String header) implements Row {}

        /** A pair of lines, old on the left, new on the right. */
        record Line(SideBySideRow pair) implements Row {}
    }
}
