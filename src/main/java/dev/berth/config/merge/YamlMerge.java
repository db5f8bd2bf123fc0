package dev.berth.config.merge;

import dev.berth.config.merge.YamlDoc.YEntry;
import dev.berth.config.merge.YamlDoc.YMap;
import dev.berth.config.merge.YamlDoc.YNode;
import dev.berth.config.merge.YamlDoc.YSeq;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Key-level three-way merge of a YAML file. The merged text starts from the new release's text
 * (theirs), so its new keys, comments and order come along; the user's changes are carried over by
 * editing the affected lines: a changed scalar in place, an added key or list item as the user's
 * lines, re-indented. Comments the user added, removed or changed on unchanged lines are carried
 * over too. The result is parsed again and must hold exactly the merged values, or the caller falls
 * back to lines.
 */
final class YamlMerge {
    /** A key that is not there. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    /** A conflicting value in the merged tree, settled by the user's decision. */
    record Hole(int id, Object mine, Object theirs) {}

    record Result(MergePlan plan, List<MergeChange> changes) {}

    private final String fileName;
    private final YamlDoc base;
    private final YamlDoc mine;
    private final YamlDoc theirs;
    /** The user's line changes, base to mine. */
    private final List<LineMerge.Change> mineChanges;

    private final int[] baseToMine;
    private final int[] baseToTheirs;
    private final int[] mineToBase;
    private final List<LineOp> settled = new ArrayList<>();
    private final List<MergePlan.Conflict> conflicts = new ArrayList<>();
    private final List<MergeChange> changes = new ArrayList<>();

    private YamlMerge(String fileName, YamlDoc base, YamlDoc mine, YamlDoc theirs) {
        this.fileName = fileName;
        this.base = base;
        this.mine = mine;
        this.theirs = theirs;
        this.mineChanges = LineMerge.changes(LineMerge.Side.MINE, base.lines, mine.lines);
        this.baseToMine = LineMerge.matches(mineChanges, base.lines.size());
        this.baseToTheirs = LineMerge.matches(base.lines, theirs.lines);
        this.mineToBase = new int[mine.lines.size()];
        java.util.Arrays.fill(mineToBase, -1);
        for (int b = 0; b < baseToMine.length; b++) {
            if (baseToMine[b] >= 0) {
                mineToBase[baseToMine[b]] = b;
            }
        }
    }

    /** The merge plan, verified for both extreme decisions. */
    static Result plan(String fileName, List<String> base, List<String> mine, List<String> theirs) throws NotMergeable {
        YamlDoc b = YamlDoc.parse("base", base);
        YamlDoc m = YamlDoc.parse("mine", mine);
        YamlDoc t = YamlDoc.parse("theirs", theirs);
        YMap bRoot = b.root == null ? null : topLevel(b);
        YMap mRoot = topLevel(m);
        YMap tRoot = topLevel(t);
        YamlMerge merge = new YamlMerge(fileName, b, m, t);
        Object merged = merge.mergeMapping(List.of(), bRoot, mRoot, tRoot);
        merge.carryComments();
        MergePlan.Check check = (text, decide) -> merge.problem(text, merged, decide);
        MergePlan plan = new MergePlan(theirs, merge.settled, merge.conflicts, check);
        for (ConflictPolicy policy : ConflictPolicy.values()) {
            Optional<String> problem = check.problem(plan.render(id -> policy), id -> policy);
            if (problem.isPresent()) {
                throw new NotMergeable(problem.get());
            }
        }
        return new Result(plan, merge.changes);
    }

    private static YMap topLevel(YamlDoc doc) throws NotMergeable {
        if (doc.root instanceof YMap m && YamlDoc.isBlock(m)) {
            return m;
        }
        throw new NotMergeable(
                doc.side + (doc.root == null ? " is empty" : " is not a block mapping at the top level"));
    }

    // ---- the tree merge

    private Object mergeMapping(List<String> path, YMap b, YMap m, YMap t) throws NotMergeable {
        Map<String, YEntry> bIndex = index(b);
        Map<String, YEntry> mIndex = index(m);
        Map<String, YEntry> tIndex = index(t);
        Set<String> keys = new LinkedHashSet<>(tIndex.keySet());
        keys.addAll(mIndex.keySet());
        keys.addAll(bIndex.keySet());
        Map<String, Object> result = new LinkedHashMap<>();
        for (String key : keys) {
            List<String> keyPath = append(path, key);
            Object value = mergeEntry(keyPath, bIndex.get(key), mIndex.get(key), tIndex.get(key), m, t);
            if (value != ABSENT) {
                result.put(key, value);
            }
        }
        return result;
    }

    private Object mergeEntry(List<String> path, YEntry bT, YEntry mT, YEntry tT, YMap mParent, YMap tParent)
            throws NotMergeable {
        Object bv = value(bT);
        Object mv = value(mT);
        Object tv = value(tT);
        MergeLocation.KeyPath where =
                new MergeLocation.KeyPath(path, keyLine(base, bT), keyLine(mine, mT), keyLine(theirs, tT));
        if (mv.equals(tv)) {
            if (!mv.equals(bv)) {
                changes.add(new MergeChange(
                        where,
                        Provenance.COMBINED,
                        mv == ABSENT ? "removed on both sides" : "same change on both sides"));
            }
            return tv;
        }
        if (mv.equals(bv)) {
            changes.add(new MergeChange(where, Provenance.TOOK_THEIRS, summary(bv, tv)));
            return tv;
        }
        boolean onlyMine = tv.equals(bv);
        if (mT != null && tT != null) {
            // descend into block collections both sides still have: finer edits keep the release's
            // comments inside. An anchor only the release changed stays as theirs' text has it.
            YNode mn = mT.value();
            YNode tn = tT.value();
            YNode bn = bT == null ? null : bT.value();
            boolean emptyBase = bn == null || isNull(bv);
            String baseAnchor = bn == null ? null : bn.anchor();
            boolean anchorsMerge = Objects.equals(mn.anchor(), baseAnchor) || Objects.equals(mn.anchor(), tn.anchor());
            if (mn instanceof YMap mm
                    && tn instanceof YMap tm
                    && YamlDoc.isBlock(mm)
                    && YamlDoc.isBlock(tm)
                    && anchorsMerge
                    && (onlyMine ? bn instanceof YMap : emptyBase || bn instanceof YMap)) {
                return anchored(tm.anchor(), mergeMapping(path, bn instanceof YMap bm ? bm : null, mm, tm));
            }
            if (mn instanceof YSeq ms
                    && tn instanceof YSeq ts
                    && anchorsMerge
                    && (onlyMine
                            ? YamlDoc.isBlock(ms) && YamlDoc.isBlock(ts) && bn instanceof YSeq
                            : emptyBase || bn instanceof YSeq)) {
                List<?> bl = bn instanceof YSeq bs ? YamlDoc.items(bs) : List.of();
                Object merged = mergeSequence(where, bl, ms, ts);
                if (merged != null) {
                    return anchored(ts.anchor(), merged);
                }
            }
        }
        if (onlyMine) {
            settled.add(mineOp(bT, mT, tT, mParent, tParent));
            changes.add(new MergeChange(where, Provenance.KEPT_MINE, summary(bv, mv)));
            return mv;
        }
        return conflict(where, bT, mT, tT, mParent, tParent, mv, tv);
    }

    /** Lists are whole values, except that items appended on one side join the other side's list; null when they conflict. */
    private Object mergeSequence(MergeLocation.KeyPath where, List<?> bl, YSeq ms, YSeq ts) throws NotMergeable {
        List<?> ml = YamlDoc.items(ms);
        List<?> tl = YamlDoc.items(ts);
        if (startsWith(ml, bl)) {
            List<YNode> extra = new ArrayList<>();
            List<Object> merged = new ArrayList<>(tl);
            for (int i = bl.size(); i < ml.size(); i++) {
                Object item = ml.get(i);
                if (tl.contains(item) && !bl.contains(item)) {
                    continue; // theirs added the same item
                }
                extra.add(ms.items().get(i));
                merged.add(item);
            }
            if (!extra.isEmpty()) {
                settled.add(appendOp(ts, ms, extra));
            }
            if (tl.equals(bl)) {
                changes.add(new MergeChange(where, Provenance.KEPT_MINE, "items appended"));
            } else {
                changes.add(new MergeChange(
                        where,
                        Provenance.COMBINED,
                        extra.isEmpty() ? "same items added on both sides" : "your items appended to the new list"));
            }
            return merged;
        }
        if (startsWith(tl, bl)) {
            List<?> theirsExtra = tl.subList(bl.size(), tl.size());
            for (Object item : theirsExtra) {
                if (ml.contains(item) && !bl.contains(item)) {
                    return null; // both added it, in different places
                }
            }
            settled.addAll(replacePrefixOps(ts, bl, ms));
            List<Object> merged = new ArrayList<>(ml);
            merged.addAll(theirsExtra);
            changes.add(
                    tl.equals(bl)
                            ? new MergeChange(where, Provenance.KEPT_MINE, "list changed")
                            : new MergeChange(
                                    where, Provenance.COMBINED, "your list kept, the release's new items appended"));
            return merged;
        }
        return null;
    }

    private Hole conflict(
            MergeLocation.KeyPath where,
            YEntry bT,
            YEntry mT,
            YEntry tT,
            YMap mParent,
            YMap tParent,
            Object mv,
            Object tv)
            throws NotMergeable {
        int id = conflicts.size() + 1;
        LineOp mineOp = mineOp(bT, mT, tT, mParent, tParent);
        Function<String, LineOp> edited;
        if (tT != null) {
            requireStartsLine(theirs, tT);
            YNode value = tT.value();
            int keyLine = theirs.line(tT.key());
            int end = theirs.endLine(value);
            int indent = theirs.column(tT.key());
            String key = keyText(theirs, tT);
            boolean inline = theirs.isInline(value);
            edited = text -> {
                String v = trimEdited(text);
                if (inline && !v.isEmpty() && !v.contains("\n")) {
                    return splice(theirs, value, v, -1);
                }
                return LineOp.of(keyLine, end + 1, entryText(indent, key, v));
            };
        } else {
            int pos = insertPosition(mT, mParent, tParent);
            int indent = theirs.column(tParent.entries().getFirst().key());
            String key = keyText(mine, mT);
            edited = text -> LineOp.of(pos, pos, entryText(indent, key, trimEdited(text)));
        }
        String baseLines = bT == null ? "" : base.slice(base.line(bT.key()), base.endLine(bT.value()));
        MergeConflict conflict = new MergeConflict(id, where, text(base, bT), text(mine, mT), text(theirs, tT));
        conflicts.add(new MergePlan.Conflict(conflict, mineOp, baseLines, edited));
        return new Hole(id, mv, tv);
    }

    // ---- edits of theirs that carry mine's version of an entry over

    private LineOp mineOp(YEntry bT, YEntry mT, YEntry tT, YMap mParent, YMap tParent) throws NotMergeable {
        if (mT != null && tT != null) {
            return setOp(bT, mT, tT);
        }
        if (mT != null) {
            return insertOp(mT, mParent, tParent);
        }
        requireStartsLine(theirs, tT);
        return LineOp.of(theirs.line(tT.key()), theirs.endLine(tT.value()) + 1, "");
    }

    private LineOp setOp(YEntry bT, YEntry mT, YEntry tT) throws NotMergeable {
        YNode mv = mT.value();
        YNode tv = tT.value();
        int mk = mine.line(mT.key());
        int tk = theirs.line(tT.key());
        if (bT != null
                && isOneLine(base, bT)
                && isOneLine(mine, mT)
                && isOneLine(theirs, tT)
                && mine.startsLine(mT.key())
                && theirs.startsLine(tT.key())
                && theirs.lines.get(tk).equals(base.lines.get(base.line(bT.key())))) {
            // the release left this line alone: take the user's whole line, comment included
            int delta = theirs.column(tT.key()) - mine.column(mT.key());
            return new LineOp(tk, tk + 1, reindent(mine.lines.get(mk), delta) + "\n", mk, mk);
        }
        if (mine.isInline(mv) && theirs.isInline(tv)) {
            String text = mine.lines.get(mine.line(mv)).substring(mine.column(mv), mine.endColumn(mv));
            return splice(theirs, tv, text, mine.line(mv));
        }
        requireStartsLine(mine, mT);
        requireStartsLine(theirs, tT);
        int mEnd = mine.endLine(mv);
        int delta = theirs.column(tT.key()) - mine.column(mT.key());
        return new LineOp(tk, theirs.endLine(tv) + 1, reindentAll(mine.slice(mk, mEnd), delta), mk, mEnd);
    }

    private LineOp insertOp(YEntry mT, YMap mParent, YMap tParent) throws NotMergeable {
        requireStartsLine(mine, mT);
        int mk = mine.line(mT.key());
        int mEnd = mine.endLine(mT.value());
        int lead = leadStart(mk);
        int pos = insertPosition(mT, mParent, tParent);
        if (lead > 0
                && YamlDoc.isComment(mine.lines.get(lead - 1))
                && !mine.isScalarContent(lead - 1)
                && theirsLineOf(lead - 1) >= 0) {
            // the key sits below a comment both files have (often an example it replaces): keep it there
            pos = theirsLineOf(lead - 1) + 1;
        }
        int delta = theirs.column(tParent.entries().getFirst().key()) - mine.column(mT.key());
        return new LineOp(pos, pos, reindentAll(mine.slice(lead, mEnd), delta), lead, mEnd);
    }

    /** Where a key the user added goes in theirs: after the key it follows in mine, else before the one it precedes. */
    private int insertPosition(YEntry mT, YMap mParent, YMap tParent) throws NotMergeable {
        List<YEntry> siblings = mParent.entries();
        Map<String, YEntry> tIndex = index(tParent);
        int at = siblings.indexOf(mT);
        for (int i = at - 1; i >= 0; i--) {
            YEntry before = tIndex.get(key(siblings.get(i)));
            if (before != null) {
                return theirs.endLine(before.value()) + 1;
            }
        }
        for (int i = at + 1; i < siblings.size(); i++) {
            YEntry after = tIndex.get(key(siblings.get(i)));
            if (after != null) {
                requireStartsLine(theirs, after);
                int line = theirs.line(after.key());
                while (line > 0 && YamlDoc.isComment(theirs.lines.get(line - 1)) && !theirs.isScalarContent(line - 1)) {
                    line--;
                }
                return line;
            }
        }
        return theirs.endLine(tParent.entries().getLast().value()) + 1;
    }

    private LineOp appendOp(YSeq ts, YSeq ms, List<YNode> extra) throws NotMergeable {
        if (YamlDoc.isBlock(ts) && YamlDoc.isBlock(ms)) {
            int tDash = theirs.dashColumn(ts.items().getFirst());
            StringBuilder text = new StringBuilder();
            int from = Integer.MAX_VALUE;
            int to = -1;
            for (YNode item : extra) {
                int delta = tDash - mine.dashColumn(item);
                int lead = leadStart(mine.line(item));
                int end = mine.endLine(item);
                text.append(reindentAll(mine.slice(lead, end), delta));
                from = Math.min(from, lead);
                to = Math.max(to, end);
            }
            int pos = theirs.endLine(ts.items().getLast()) + 1;
            return new LineOp(pos, pos, text.toString(), from, to);
        }
        if (theirs.isInline(ts) && mine.isInline(ms)) {
            List<String> items = new ArrayList<>();
            for (YNode item : extra) {
                items.add(mine.lines.get(mine.line(item)).substring(mine.column(item), mine.endColumn(item)));
            }
            int line = theirs.line(ts);
            String text = theirs.lines.get(line);
            int col = ts.items().isEmpty()
                    ? theirs.column(ts) + 1
                    : theirs.endColumn(ts.items().getLast());
            String insert = (ts.items().isEmpty() ? "" : ", ") + String.join(", ", items);
            int ml = mine.line(ms);
            return new LineOp(line, line + 1, text.substring(0, col) + insert + text.substring(col) + "\n", ml, ml);
        }
        throw new NotMergeable("a list is written in flow style on one side and block style on the other, at line "
                + (theirs.line(ts) + 1) + " of theirs");
    }

    /**
     * Edits that turn theirs' first items, which are base's items, into mine's items: in a block list
     * only the items mine changed, inserted or removed, so the release's comments between the others
     * stay; a flow list on one line is replaced as a whole.
     */
    private List<LineOp> replacePrefixOps(YSeq ts, List<?> bl, YSeq ms) throws NotMergeable {
        List<YNode> tItems = ts.items();
        List<YNode> mItems = ms.items();
        int n = bl.size();
        if (mItems.isEmpty()) {
            throw new NotMergeable("mine emptied a list the release kept or added to, at line " + (mine.line(ms) + 1));
        }
        if (YamlDoc.isBlock(ts) && YamlDoc.isBlock(ms)) {
            List<LineOp> ops = new ArrayList<>();
            List<Object> ml = YamlDoc.items(ms);
            for (LineMerge.Change c : LineMerge.changes(LineMerge.Side.MINE, List.<Object>copyOf(bl), ml)) {
                ops.add(itemsOp(tItems, c, mItems));
            }
            return ops;
        }
        if (theirs.isInline(ts) && mine.isInline(ms)) {
            int ml = mine.line(ms);
            String span =
                    mine.lines.get(ml).substring(mine.column(mItems.getFirst()), mine.endColumn(mItems.getLast()));
            int line = theirs.line(ts);
            String text = theirs.lines.get(line);
            int from = theirs.column(tItems.getFirst());
            String next = n == 0
                    ? text.substring(0, from) + span + ", " + text.substring(from)
                    : text.substring(0, from) + span + text.substring(theirs.endColumn(tItems.get(n - 1)));
            return List.of(new LineOp(line, line + 1, next + "\n", ml, ml));
        }
        throw new NotMergeable("a list is written in flow style on one side and block style on the other, at line "
                + (theirs.line(ts) + 1) + " of theirs");
    }

    /** The edit of theirs' block list items for one change of mine's items (base item i is theirs' item i). */
    private LineOp itemsOp(List<YNode> tItems, LineMerge.Change c, List<YNode> mItems) throws NotMergeable {
        int tDash = theirs.dashColumn(tItems.getFirst());
        String text = "";
        int mFrom = -1;
        int mTo = -1;
        if (c.sideTo() > c.sideFrom()) {
            YNode first = mItems.get(c.sideFrom());
            mFrom = c.baseTo() > c.baseFrom() ? mine.line(first) : leadStart(mine.line(first));
            mTo = mine.endLine(mItems.get(c.sideTo() - 1));
            text = reindentAll(mine.slice(mFrom, mTo), tDash - mine.dashColumn(first));
        }
        if (c.baseTo() > c.baseFrom()) {
            int from = theirs.line(tItems.get(c.baseFrom()));
            theirs.dashColumn(tItems.get(c.baseFrom())); // the item must start its line
            return new LineOp(from, theirs.endLine(tItems.get(c.baseTo() - 1)) + 1, text, mFrom, mTo);
        }
        int pos = c.baseFrom() > 0 ? theirs.endLine(tItems.get(c.baseFrom() - 1)) + 1 : theirs.line(tItems.getFirst());
        return new LineOp(pos, pos, text, mFrom, mTo);
    }

    private static LineOp splice(YamlDoc doc, YNode value, String text, int mineLine) {
        int line = doc.line(value);
        String old = doc.lines.get(line);
        String next = old.substring(0, doc.column(value)) + text + old.substring(doc.endColumn(value));
        return new LineOp(line, line + 1, next + "\n", mineLine, mineLine);
    }

    /** First line of the blank and comment lines the user added right above line {@code line} of mine. */
    private int leadStart(int line) {
        int lead = line;
        while (lead > 0
                && mineToBase[lead - 1] < 0
                && !mine.isScalarContent(lead - 1)
                && (mine.lines.get(lead - 1).isBlank() || YamlDoc.isComment(mine.lines.get(lead - 1)))) {
            lead--;
        }
        return lead;
    }

    // ---- comments

    /** Carries over comment lines the user added, removed or changed where the values did not change. */
    private void carryComments() throws NotMergeable {
        List<LineOp> ops = new ArrayList<>(settled);
        conflicts.forEach(c -> ops.add(c.mineOp()));
        boolean[] carried = new boolean[mine.lines.size()];
        for (LineOp op : ops) {
            if (op.mineFrom() >= 0) {
                java.util.Arrays.fill(carried, op.mineFrom(), op.mineTo() + 1, true);
            }
        }
        Map<Integer, KeyAt> mineKeys = new HashMap<>();
        Map<List<String>, YEntry> theirsKeys = new HashMap<>();
        indexKeys(mine, (YMap) mine.root, List.of(), (path, t) -> mineKeys.put(mine.line(t.key()), new KeyAt(path, t)));
        indexKeys(theirs, (YMap) theirs.root, List.of(), theirsKeys::put);

        int n = mine.lines.size();
        for (int i = 0; i < n; i++) {
            if (!isNewComment(i, carried)) {
                continue;
            }
            int from = i;
            while (from > 0
                    && isNew(from - 1, carried)
                    && mine.lines.get(from - 1).isBlank()) {
                from--;
            }
            int to = i;
            while (to + 1 < n
                    && isNew(to + 1, carried)
                    && (isNewComment(to + 1, carried) || mine.lines.get(to + 1).isBlank())) {
                to++;
            }
            while (to > i && mine.lines.get(to).isBlank()) {
                to--;
            }
            i = to;
            int[] place = commentPlace(from, to, mineKeys, theirsKeys, ops);
            LineOp op = new LineOp(place[0], place[0], reindentAll(mine.slice(from, to), place[1]), from, to);
            settled.add(op);
            ops.add(op);
            changes.add(new MergeChange(
                    new MergeLocation.Lines(0, 0, from + 1, to - from + 1, place[0] + 1, 0),
                    Provenance.KEPT_MINE,
                    "comment added"));
        }
        for (int b = 0; b < base.lines.size(); b++) {
            int t = baseToTheirs[b];
            if (baseToMine[b] < 0
                    && t >= 0
                    && YamlDoc.isComment(base.lines.get(b))
                    && !base.isScalarContent(b)
                    && !touches(ops, t)) {
                LineOp op = LineOp.of(t, t + 1, "");
                settled.add(op);
                ops.add(op);
                changes.add(new MergeChange(
                        new MergeLocation.Lines(b + 1, 1, 0, 0, t + 1, 1), Provenance.KEPT_MINE, "comment removed"));
            }
        }
        for (LineMerge.Change d : mineChanges) {
            int bFrom = d.baseFrom();
            int bTo = d.baseTo();
            for (int m = d.sideFrom(); m < d.sideTo(); m++) {
                String line = mine.lines.get(m);
                if (carried[m] || line.isBlank() || YamlDoc.isComment(line) || mine.isScalarContent(m)) {
                    continue;
                }
                for (int b = bFrom; b < bTo; b++) {
                    int t = baseToTheirs[b];
                    String old = base.lines.get(b);
                    if (t >= 0
                            && !base.isScalarContent(b)
                            && !old.equals(line)
                            && withoutComment(old).equals(withoutComment(line))
                            && !touches(ops, t)) {
                        LineOp op = new LineOp(t, t + 1, line + "\n", m, m);
                        settled.add(op);
                        ops.add(op);
                        changes.add(new MergeChange(
                                new MergeLocation.Lines(b + 1, 1, m + 1, 1, t + 1, 1),
                                Provenance.KEPT_MINE,
                                "comment changed"));
                        break;
                    }
                }
            }
        }
    }

    /**
     * Where the comment lines {@code [from, to]} of mine go in theirs, as {line, indent delta}: before
     * the line that follows them if theirs still has it, else before the key that follows them, else
     * after the line that precedes them, else before the next line or key theirs has.
     */
    private int[] commentPlace(
            int from, int to, Map<Integer, KeyAt> mineKeys, Map<List<String>, YEntry> theirsKeys, List<LineOp> ops)
            throws NotMergeable {
        int next = to + 1;
        if (next < mine.lines.size() && theirsLineOf(next) >= 0) {
            return checked(theirsLineOf(next), indentDelta(next), ops, from);
        }
        int k = next;
        while (k < mine.lines.size() && mine.lines.get(k).isBlank()) {
            k++;
        }
        Optional<int[]> key = keyPlace(k, mineKeys, theirsKeys, ops, from);
        if (key.isPresent()) {
            return key.get();
        }
        if (from > 0 && theirsLineOf(from - 1) >= 0) {
            return checked(theirsLineOf(from - 1) + 1, indentDelta(from - 1), ops, from);
        }
        while (k < mine.lines.size() && (mine.lines.get(k).isBlank() || YamlDoc.isComment(mine.lines.get(k)))) {
            k++;
        }
        if (k >= mine.lines.size()) {
            return new int[] {theirs.lines.size(), 0};
        }
        key = keyPlace(k, mineKeys, theirsKeys, ops, from);
        if (key.isPresent()) {
            return key.get();
        }
        if (theirsLineOf(k) >= 0) {
            return checked(theirsLineOf(k), indentDelta(k), ops, from);
        }
        throw new NotMergeable("a comment mine added at line " + (from + 1) + " has no place in theirs");
    }

    /** A key of mine that starts its line, with its path. */
    private record KeyAt(List<String> path, YEntry entry) {}

    /** Before theirs' line of the key that line {@code k} of mine holds, if theirs has that key. */
    private Optional<int[]> keyPlace(
            int k, Map<Integer, KeyAt> mineKeys, Map<List<String>, YEntry> theirsKeys, List<LineOp> ops, int from)
            throws NotMergeable {
        KeyAt at = mineKeys.get(k);
        YEntry tKey = at == null ? null : theirsKeys.get(at.path());
        if (tKey == null) {
            return Optional.empty();
        }
        int delta = theirs.column(tKey.key()) - mine.column(at.entry().key());
        return Optional.of(checked(theirs.line(tKey.key()), delta, ops, from));
    }

    /** The line of theirs that a line of mine was kept as (both unchanged from base), or -1. */
    private int theirsLineOf(int mineLine) {
        int b = mineToBase[mineLine];
        return b < 0 ? -1 : baseToTheirs[b];
    }

    /** How much deeper theirs indents a line that mine and theirs both kept. */
    private int indentDelta(int mineLine) {
        String m = mine.lines.get(mineLine);
        return m.isBlank() ? 0 : YamlDoc.indent(theirs.lines.get(theirsLineOf(mineLine))) - YamlDoc.indent(m);
    }

    private static int[] checked(int line, int delta, List<LineOp> ops, int mineLine) throws NotMergeable {
        for (LineOp op : ops) {
            if (line > op.from() && line < op.to()) {
                throw new NotMergeable(
                        "a comment mine added at line " + (mineLine + 1) + " falls inside an edited entry");
            }
        }
        return new int[] {line, delta};
    }

    private boolean isNew(int line, boolean[] carried) {
        return mineToBase[line] < 0 && !carried[line] && !mine.isScalarContent(line);
    }

    private boolean isNewComment(int line, boolean[] carried) {
        return isNew(line, carried) && YamlDoc.isComment(mine.lines.get(line));
    }

    /** Whether an edit already replaces this line of theirs (an insertion before it does not). */
    private static boolean touches(List<LineOp> ops, int theirsLine) {
        return ops.stream().anyMatch(op -> theirsLine >= op.from() && theirsLine < op.to());
    }

    /** The line without a trailing {@code # comment} (a {@code #} after a blank, outside quotes). */
    static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    private interface KeyVisitor {
        void visit(List<String> path, YEntry tuple);
    }

    /** Visits the keys reachable through mappings only (not inside lists) that start their line. */
    private static void indexKeys(YamlDoc doc, YMap map, List<String> path, KeyVisitor visitor) {
        for (YEntry t : map.entries()) {
            List<String> keyPath = append(path, key(t));
            if (doc.startsLine(t.key())) {
                visitor.visit(keyPath, t);
            }
            if (t.value() instanceof YMap child && YamlDoc.isBlock(child)) {
                indexKeys(doc, child, keyPath, visitor);
            }
        }
    }

    // ---- verification

    private Optional<String> problem(String text, Object merged, Function<Integer, Resolution> decide)
            throws NotMergeable {
        Object expected = resolve(merged, decide);
        YamlDoc doc;
        try {
            doc = YamlDoc.parse(
                    "the merged text", dev.berth.config.diff.TextLines.of(text).lines());
        } catch (NotMergeable e) {
            return Optional.of(e.getMessage());
        }
        Object actual = doc.root == null ? Map.of() : YamlDoc.tree(doc.root);
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("the merged text of " + fileName + " does not hold the merged values, at "
                + firstDifference(expected, actual, ""));
    }

    private Object resolve(Object merged, Function<Integer, Resolution> decide) throws NotMergeable {
        switch (merged) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object v = resolve(e.getValue(), decide);
                    if (v != ABSENT) {
                        out.put((String) e.getKey(), v);
                    }
                }
                return out;
            }
            case Hole hole -> {
                return switch (decide.apply(hole.id())) {
                    case ConflictPolicy.KEEP_MINE -> resolve(hole.mine(), decide);
                    case ConflictPolicy.TAKE_THEIRS -> resolve(hole.theirs(), decide);
                    case Resolution.Edited edited -> YamlDoc.parseValue(trimEdited(edited.text()));
                };
            }
            default -> {
                return merged;
            }
        }
    }

    private static String firstDifference(Object expected, Object actual, String path) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            Set<Object> keys = new LinkedHashSet<>(e.keySet());
            keys.addAll(a.keySet());
            for (Object k : keys) {
                if (!Objects.equals(e.get(k), a.get(k))) {
                    return firstDifference(e.get(k), a.get(k), path.isEmpty() ? k.toString() : path + "." + k);
                }
            }
        }
        return path.isEmpty() ? "(top level)" : path;
    }

    // ---- helpers

    private static Map<String, YEntry> index(YMap map) {
        Map<String, YEntry> index = new LinkedHashMap<>();
        if (map != null) {
            for (YEntry t : map.entries()) {
                index.put(key(t), t);
            }
        }
        return index;
    }

    private static String key(YEntry t) {
        return t.key().value();
    }

    private static List<String> append(List<String> path, String key) {
        List<String> next = new ArrayList<>(path);
        next.add(key);
        return List.copyOf(next);
    }

    private static Object value(YEntry t) {
        return t == null ? ABSENT : YamlDoc.tree(t.value());
    }

    private static Object anchored(String anchor, Object value) {
        return anchor == null ? value : new YamlDoc.Anchored(anchor, value);
    }

    private static boolean isNull(Object value) {
        return value instanceof YamlDoc.Scalar s && s.tag().equals(Tag.NULL.getValue());
    }

    private static boolean startsWith(List<?> list, List<?> prefix) {
        return list.size() >= prefix.size() && list.subList(0, prefix.size()).equals(prefix);
    }

    private static int keyLine(YamlDoc doc, YEntry t) {
        return t == null ? 0 : doc.line(t.key()) + 1;
    }

    private static boolean isOneLine(YamlDoc doc, YEntry t) {
        return !YamlDoc.isBlock(t.value())
                && doc.line(t.key()) == doc.endLine(t.value())
                && doc.line(t.key()) == doc.line(t.value());
    }

    private static void requireStartsLine(YamlDoc doc, YEntry t) throws NotMergeable {
        if (!doc.startsLine(t.key())) {
            throw new NotMergeable(
                    doc.side + " has the key " + key(t) + " after other text on line " + (doc.line(t.key()) + 1));
        }
    }

    private static Optional<String> text(YamlDoc doc, YEntry t) {
        return t == null ? Optional.empty() : Optional.of(doc.text(t.value()));
    }

    private static String keyText(YamlDoc doc, YEntry t) {
        YNode key = t.key();
        return doc.lines.get(doc.line(key)).substring(doc.column(key), doc.endColumn(key));
    }

    private static String summary(Object before, Object after) {
        if (before == ABSENT) {
            return "key added";
        }
        if (after == ABSENT) {
            return "key removed";
        }
        return before instanceof List && after instanceof List ? "list changed" : "value changed";
    }

    /** An edited value without the line breaks a text field leaves at its end. */
    private static String trimEdited(String text) {
        String v = text.replace("\r\n", "\n");
        while (v.endsWith("\n")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /** {@code key: value} at an indent, the value below the key when it has several lines. */
    private static String entryText(int indent, String key, String value) {
        String pad = " ".repeat(indent);
        if (value.isEmpty()) {
            return pad + key + ":\n";
        }
        List<String> lines = value.lines().toList();
        if (lines.size() == 1) {
            return pad + key + ": " + value + "\n";
        }
        StringBuilder sb = new StringBuilder(pad).append(key).append(':');
        List<String> body = lines;
        String first = lines.getFirst().strip();
        if (first.startsWith("|") || first.startsWith(">")) {
            sb.append(' ').append(first);
            body = lines.subList(1, lines.size());
        }
        sb.append('\n');
        int common = body.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(YamlDoc::indent)
                .min()
                .orElse(0);
        for (String line : body) {
            sb.append(line.isBlank() ? "" : pad + "  " + line.substring(common)).append('\n');
        }
        return sb.toString();
    }

    private static String reindent(String line, int delta) {
        if (line.isBlank()) {
            return "";
        }
        if (delta >= 0) {
            return " ".repeat(delta) + line;
        }
        return line.substring(Math.min(-delta, YamlDoc.indent(line)));
    }

    private static String reindentAll(String text, int delta) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            sb.append(reindent(line, delta)).append('\n');
        }
        // split leaves one empty piece after the final \n
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
