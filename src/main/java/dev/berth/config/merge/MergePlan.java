package dev.berth.config.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A merge as edits of the new release's text ({@code \n}-terminated lines): settled edits carry the
 * user's changes over, and each conflict has the edit that would take the user's version instead.
 * Taking the new release's version of a conflict means leaving its lines alone.
 */
final class MergePlan {

    /**
     * One conflict with its alternatives.
     *
     * @param mineOp the edit that puts the user's version in place
     * @param baseText the base version as whole lines, for conflict markers
     * @param edited the edit that puts a text the user wrote in place
     */
    record Conflict(MergeConflict conflict, LineOp mineOp, String baseText, Function<String, LineOp> edited) {}

    /** Checks a rendered text against what the decisions should give; a problem description, or empty. */
    interface Check {
        Optional<String> problem(String text, Function<Integer, Resolution> decisions) throws NotMergeable;

        Check NONE = (text, decisions) -> Optional.empty();
    }

    private final List<String> theirs;
    private final List<LineOp> settled;
    private final List<Conflict> conflicts;
    private final Check check;

    MergePlan(List<String> theirs, List<LineOp> settled, List<Conflict> conflicts, Check check) {
        this.theirs = List.copyOf(theirs);
        this.settled = List.copyOf(settled);
        this.conflicts = List.copyOf(conflicts);
        this.check = check;
    }

    List<Conflict> conflicts() {
        return conflicts;
    }

    Check check() {
        return check;
    }

    /** The text for these decisions. */
    String render(Function<Integer, Resolution> decide) throws NotMergeable {
        List<LineOp> ops = new ArrayList<>(settled);
        for (Conflict c : conflicts) {
            switch (decide.apply(c.conflict().id())) {
                case ConflictPolicy.KEEP_MINE -> ops.add(c.mineOp());
                case ConflictPolicy.TAKE_THEIRS -> {}
                case Resolution.Edited edited -> ops.add(c.edited().apply(edited.text()));
            }
        }
        return apply(ops, op -> op.replacement());
    }

    /** The text with every conflict written out between diff3 markers, as {@code git merge --diff3} does. */
    String renderWithMarkers() throws NotMergeable {
        List<LineOp> ops = new ArrayList<>(settled);
        for (Conflict c : conflicts) {
            LineOp mine = c.mineOp();
            String theirsText = String.join(
                    "",
                    theirs.subList(mine.from(), mine.to()).stream()
                            .map(l -> l + "\n")
                            .toList());
            LineOp op = LineOp.of(
                    mine.from(),
                    mine.to(),
                    "<<<<<<< mine\n" + mine.replacement() + "||||||| base\n" + c.baseText() + "=======\n" + theirsText
                            + ">>>>>>> theirs\n");
            ops.add(op);
        }
        return apply(ops, op -> op.replacement());
    }

    private String apply(List<LineOp> ops, Function<LineOp, String> text) throws NotMergeable {
        List<LineOp> sorted = new ArrayList<>(ops);
        // inserts at a line go before a replacement that starts there; otherwise keep the order given
        sorted.sort(Comparator.comparingInt(LineOp::from).thenComparing(op -> op.isInsert() ? 0 : 1));
        StringBuilder sb = new StringBuilder();
        int cursor = 0;
        for (LineOp op : sorted) {
            if (op.from() < cursor) {
                throw new NotMergeable("two edits touch the same lines (" + (op.from() + 1) + ")");
            }
            appendLines(sb, cursor, op.from());
            sb.append(text.apply(op));
            cursor = op.to();
        }
        appendLines(sb, cursor, theirs.size());
        return sb.toString();
    }

    private void appendLines(StringBuilder sb, int from, int to) {
        for (int i = from; i < to; i++) {
            sb.append(theirs.get(i)).append('\n');
        }
    }
}
