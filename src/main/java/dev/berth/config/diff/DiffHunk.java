package dev.berth.config.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run of changed lines with context around them.
 *
 * @param oldStart 1-based first old line, or the line before the hunk when {@code oldCount} is 0
 * @param newStart 1-based first new line, or the line before the hunk when {@code newCount} is 0
 */
public record DiffHunk(int oldStart, int oldCount, int newStart, int newCount, List<DiffLine> lines) {

    public DiffHunk {
        lines = List.copyOf(lines);
    }

    /** The unified-diff header, {@code @@ -12,7 +12,8 @@}. */
    public String header() {
        return "@@ -" + range(oldStart, oldCount) + " +" + range(newStart, newCount) + " @@";
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /**
     * The hunk as rows for a side-by-side view: each block of removed lines is paired line by line
     * with the added lines that follow it.
     */
    public List<SideBySideRow> sideBySide() {
        List<SideBySideRow> rows = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            DiffLine line = lines.get(i);
            if (line.kind() == LineKind.CONTEXT) {
                rows.add(new SideBySideRow(Optional.of(line), Optional.of(line)));
                i++;
                continue;
            }
            List<DiffLine> removed = new ArrayList<>();
            List<DiffLine> added = new ArrayList<>();
            while (i < lines.size() && lines.get(i).kind() == LineKind.REMOVED) {
                removed.add(lines.get(i++));
            }
            while (i < lines.size() && lines.get(i).kind() == LineKind.ADDED) {
                added.add(lines.get(i++));
            }
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                rows.add(new SideBySideRow(
                        k < removed.size() ? Optional.of(removed.get(k)) : Optional.empty(),
                        k < added.size() ? Optional.of(added.get(k)) : Optional.empty()));
            }
        }
        return rows;
    }
}
