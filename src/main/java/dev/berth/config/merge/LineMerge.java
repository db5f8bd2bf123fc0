package dev.berth.config.merge;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Classic diff3 over lines. Changes of the two sides conflict when their base ranges overlap, or
 * touch where one of them is an insertion (the order of the new lines would be a guess); changes to
 * neighbouring lines do not conflict.
 */
final class LineMerge {
    private LineMerge() {}

    /** A change of one side: base lines [baseFrom, baseTo) became side lines [sideFrom, sideTo). */
    record Change(Side side, int baseFrom, int baseTo, int sideFrom, int sideTo) {
        boolean isInsert() {
            return baseFrom == baseTo;
        }
    }

    enum Side {
        MINE,
        THEIRS
    }

    /** The changes from {@code base} to {@code other}, lines or any values compared with {@code equals}. */
    static <T> List<Change> changes(Side side, List<T> base, List<T> other) {
        List<Change> changes = new ArrayList<>();
        for (AbstractDelta<T> d : DiffUtils.diff(base, other).getDeltas()) {
            int bf = d.getSource().getPosition();
            int sf = d.getTarget().getPosition();
            changes.add(new Change(
                    side, bf, bf + d.getSource().size(), sf, sf + d.getTarget().size()));
        }
        return changes;
    }

    /** For each line of {@code base}, the line of {@code other} it was kept as, or -1. */
    static int[] matches(List<String> base, List<String> other) {
        return matches(changes(Side.MINE, base, other), base.size());
    }

    /** For each of {@code baseSize} lines, the line it was kept as after {@code changes}, or -1. */
    static int[] matches(List<Change> changes, int baseSize) {
        int[] map = new int[baseSize];
        int b = 0;
        int o = 0;
        for (Change c : changes) {
            while (b < c.baseFrom()) {
                map[b++] = o++;
            }
            while (b < c.baseTo()) {
                map[b++] = -1;
            }
            o = c.sideTo();
        }
        while (b < baseSize) {
            map[b++] = o++;
        }
        return map;
    }

    /** The diff3 merge of the three texts ({@code \n}-terminated lines) as edits of theirs. */
    static Result merge(List<String> base, List<String> mine, List<String> theirs) {
        List<Change> all = new ArrayList<>(changes(Side.MINE, base, mine));
        all.addAll(changes(Side.THEIRS, base, theirs));
        all.sort(Comparator.comparingInt(Change::baseFrom).thenComparingInt(Change::baseTo));
        List<LineOp> settled = new ArrayList<>();
        List<MergePlan.Conflict> conflicts = new ArrayList<>();
        List<MergeChange> provenance = new ArrayList<>();
        int mineShift = 0; // mine line - base line, after the changes seen so far
        int theirsShift = 0;
        int i = 0;
        while (i < all.size()) {
            List<Change> group = new ArrayList<>(List.of(all.get(i)));
            int from = all.get(i).baseFrom();
            int to = all.get(i).baseTo();
            int j = i + 1;
            while (j < all.size() && joins(all.get(j), to, group)) {
                to = Math.max(to, all.get(j).baseTo());
                group.add(all.get(j++));
            }
            i = j;
            int mineFrom = from + mineShift;
            int theirsFrom = from + theirsShift;
            boolean mineChanged = false;
            boolean theirsChanged = false;
            for (Change c : group) {
                int delta = (c.sideTo() - c.sideFrom()) - (c.baseTo() - c.baseFrom());
                if (c.side() == Side.MINE) {
                    mineShift += delta;
                    mineChanged = true;
                } else {
                    theirsShift += delta;
                    theirsChanged = true;
                }
            }
            int mineTo = to + mineShift;
            int theirsTo = to + theirsShift;
            List<String> mineLines = mine.subList(mineFrom, mineTo);
            List<String> theirsLines = theirs.subList(theirsFrom, theirsTo);
            MergeLocation.Lines where = new MergeLocation.Lines(
                    from + 1, to - from, mineFrom + 1, mineTo - mineFrom, theirsFrom + 1, theirsTo - theirsFrom);
            if (!theirsChanged) {
                settled.add(new LineOp(theirsFrom, theirsTo, joined(mineLines), mineFrom, mineTo - 1));
                provenance.add(new MergeChange(where, Provenance.KEPT_MINE, summary(to - from, mineLines.size())));
            } else if (!mineChanged) {
                provenance.add(new MergeChange(where, Provenance.TOOK_THEIRS, summary(to - from, theirsLines.size())));
            } else if (mineLines.equals(theirsLines)) {
                provenance.add(new MergeChange(where, Provenance.COMBINED, "same change on both sides"));
            } else {
                conflicts.add(conflict(
                        conflicts.size() + 1,
                        base.subList(from, to),
                        mineLines,
                        mineFrom,
                        theirsLines,
                        theirsFrom,
                        where));
            }
        }
        return new Result(settled, conflicts, provenance);
    }

    record Result(List<LineOp> settled, List<MergePlan.Conflict> conflicts, List<MergeChange> changes) {}

    /** Whether a change belongs to the group spanning base lines [from, to). */
    private static boolean joins(Change c, int to, List<Change> group) {
        if (c.baseFrom() < to) {
            return true;
        }
        if (c.baseFrom() > to) {
            return false;
        }
        // c starts where the group ends: they conflict only when an insertion is involved
        return c.isInsert() || group.stream().anyMatch(g -> g.isInsert() && g.baseFrom() == to);
    }

    /** A conflict hunk, trimmed of the lines both sides begin or end with. */
    private static MergePlan.Conflict conflict(
            int id,
            List<String> base,
            List<String> mine,
            int mineFrom,
            List<String> theirs,
            int theirsFrom,
            MergeLocation.Lines where) {
        int head = 0;
        while (head < mine.size() && head < theirs.size() && mine.get(head).equals(theirs.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < mine.size() - head
                && tail < theirs.size() - head
                && mine.get(mine.size() - 1 - tail).equals(theirs.get(theirs.size() - 1 - tail))) {
            tail++;
        }
        List<String> m = mine.subList(head, mine.size() - tail);
        List<String> t = theirs.subList(head, theirs.size() - tail);
        int tFrom = theirsFrom + head;
        int tTo = tFrom + t.size();
        MergeLocation.Lines trimmed = new MergeLocation.Lines(
                where.baseFrom(), where.baseCount(), mineFrom + head + 1, m.size(), tFrom + 1, t.size());
        MergeConflict conflict = new MergeConflict(id, trimmed, text(base), text(m), text(t));
        LineOp mineOp = new LineOp(tFrom, tTo, joined(m), mineFrom + head, mineFrom + head + m.size() - 1);
        return new MergePlan.Conflict(conflict, mineOp, joined(base), edited -> LineOp.of(tFrom, tTo, linesOf(edited)));
    }

    private static Optional<String> text(List<String> lines) {
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    private static String summary(int removed, int added) {
        if (removed == 0) {
            return added == 1 ? "line added" : added + " lines added";
        }
        if (added == 0) {
            return removed == 1 ? "line removed" : removed + " lines removed";
        }
        return removed == 1 && added == 1 ? "line changed" : removed + " lines replaced by " + added;
    }

    static String joined(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** A text the user typed as whole {@code \n}-terminated lines. */
    static String linesOf(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String lf = text.replace("\r\n", "\n");
        return lf.endsWith("\n") ? lf : lf + "\n";
    }
}
