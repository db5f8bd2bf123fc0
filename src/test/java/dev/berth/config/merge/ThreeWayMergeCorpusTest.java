package dev.berth.config.merge;

import static dev.berth.config.merge.SimulatedUser.ABSENT;
import static dev.berth.config.merge.SimulatedUser.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.merge.SimulatedUser.Leaf;
import dev.berth.config.merge.SimulatedUser.LineEdits;
import dev.berth.config.merge.SimulatedUser.ListEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merges real files of consecutive releases (base = older, theirs = newer) with simulated user edits
 * of the older file, and checks that every user edit and every upstream change survives, with
 * conflicts exactly where both sides changed the same value.
 */
class ThreeWayMergeCorpusTest {
    private final ThreeWayMerge merge = new ThreeWayMerge();

    static List<CorpusPairs> yamlPairs() {
        return CorpusPairs.changed(CorpusPairs::isYaml).stream()
                .filter(p -> SimulatedUser.load(p.base()).isPresent()
                        && SimulatedUser.load(p.theirs()).isPresent())
                .toList();
    }

    /** User edits of values, comments, keys and a list that the release did not touch. */
    record CleanEdits(CorpusPairs pair, String mine, Leaf changed, String newValue, boolean annotated) {
        @Override
        public String toString() {
            return pair.toString();
        }
    }

    /** A user edit of a value the release changed too. */
    record ConflictingEdit(CorpusPairs pair, String mine, Leaf leaf) {
        @Override
        public String toString() {
            return pair.toString();
        }
    }

    /** A changed comment or line and an added comment line, where the release left the lines alone. */
    record LineEdit(CorpusPairs pair, String mine, String expected) {
        @Override
        public String toString() {
            return pair.toString();
        }
    }

    static List<CleanEdits> cleanEdits() {
        return yamlPairs().stream().flatMap(p -> cleanEdits(p).stream()).toList();
    }

    static List<ConflictingEdit> conflictingEdits() {
        return yamlPairs().stream().flatMap(p -> conflictingEdit(p).stream()).toList();
    }

    static List<LineEdit> lineEdits() {
        return CorpusPairs.changed(path -> true).stream()
                .flatMap(p -> lineEdit(p).stream())
                .toList();
    }

    @Test
    void corpusGivesEnoughScenariosForEveryKindOfEdit() {
        List<CorpusPairs> yaml = yamlPairs();
        assertThat(yaml).hasSizeGreaterThan(100);
        assertThat(yaml.stream().map(CorpusPairs::app).collect(Collectors.toSet()))
                .contains(
                        "open-im-server",
                        "openim-docker",
                        "mattermost-docker",
                        "netbox-docker",
                        "jitsi-docker",
                        "plane");
        assertThat(cleanEdits())
                .hasSizeGreaterThan(100)
                .anyMatch(e -> e.pair().toString().equals("open-im-server/config/openim-api.yml v3.8.2 -> v3.8.3"));
        assertThat(conflictingEdits()).hasSizeGreaterThan(60);
        assertThat(lineEdits()).hasSizeGreaterThan(80);
    }

    @ParameterizedTest
    @MethodSource("cleanEdits")
    void mergeKeepsEveryUserEditAndEveryUpstreamChange(CleanEdits edits) {
        CorpusPairs pair = edits.pair();

        MergeResult result = merge.merge(pair.path(), pair.base(), edits.mine(), pair.theirs());

        assertThat(result.conflicts()).as("conflicts of " + pair).isEmpty();
        String merged = result.mergedText().orElseThrow();
        Map<List<String>, Object> mine = flat(edits.mine());
        Map<List<String>, Object> mergedValues = flat(merged);
        assertKeepsBothSides(pair, flat(pair.base()), mine, flat(pair.theirs()), mergedValues, Set.of());
        assertThat(at(mergedValues, edits.changed().path()))
                .isEqualTo(at(mine, edits.changed().path()));
        assertThat(merged).contains(edits.newValue());
        if (edits.annotated()) {
            assertThat(merged.lines().filter(l -> l.strip().equals(SimulatedUser.COMMENT)))
                    .as("the user's comment, once")
                    .hasSize(1);
        }
        assertKeepsTheirComments(pair, merged);
    }

    @ParameterizedTest
    @MethodSource("conflictingEdits")
    void mergeConflictsExactlyWhereBothChangedTheSameValue(ConflictingEdit edit) {
        CorpusPairs pair = edit.pair();
        Leaf leaf = edit.leaf();
        Map<List<String>, Object> mine = flat(edit.mine());
        Map<List<String>, Object> theirs = flat(pair.theirs());

        MergeResult result = merge.merge(pair.path(), pair.base(), edit.mine(), pair.theirs());

        assertThat(result.conflicts()).as("conflicts of " + pair).hasSize(1);
        MergeLocation where = result.conflicts().getFirst().location();
        if (result.method() == MergeMethod.KEYS) {
            assertThat(where).isInstanceOf(MergeLocation.KeyPath.class);
            assertThat(((MergeLocation.KeyPath) where).keys()).isEqualTo(leaf.path());
        } else {
            MergeLocation.Lines range = (MergeLocation.Lines) where;
            assertThat(leaf.line() + 1).isBetween(range.mineFrom(), range.mineFrom() + range.mineCount() - 1);
        }
        assertThat(result.mergedText()).isEmpty();
        Map<List<String>, Object> keptMine = flat(result.resolveAll(ConflictPolicy.KEEP_MINE));
        Map<List<String>, Object> tookTheirs = flat(result.resolveAll(ConflictPolicy.TAKE_THEIRS));
        assertThat(at(keptMine, leaf.path())).isEqualTo(at(mine, leaf.path()));
        assertThat(at(tookTheirs, leaf.path())).isEqualTo(at(theirs, leaf.path()));
        if (result.method() == MergeMethod.KEYS) {
            assertKeepsBothSides(pair, flat(pair.base()), mine, theirs, keptMine, Set.of(leaf.path()));
            assertThat(tookTheirs).isEqualTo(theirs);
        }
    }

    @ParameterizedTest
    @MethodSource("lineEdits")
    void mergeCarriesUserLinesIntoTheNewFileExactly(LineEdit edit) {
        CorpusPairs pair = edit.pair();

        MergeResult result = merge.merge(pair.path(), pair.base(), edit.mine(), pair.theirs());

        assertThat(result.conflicts()).as("conflicts of " + pair).isEmpty();
        assertThat(result.mergedText()).as(pair.toString()).contains(edit.expected());
    }

    private static Optional<CleanEdits> cleanEdits(CorpusPairs pair) {
        Map<List<String>, Object> base = flat(pair.base());
        Map<List<String>, Object> theirs = flat(pair.theirs());
        List<Leaf> leaves = new ArrayList<>();
        List<ListEntry> lists = new ArrayList<>();
        SimulatedUser.scan(pair.base(), leaves, lists);
        List<Leaf> clean = leaves.stream()
                .filter(l -> Objects.equals(at(base, l.path()), at(theirs, l.path())))
                .toList();
        if (clean.size() < 2) {
            return Optional.empty();
        }
        List<String> lines = pair.base().lines().toList();
        Leaf changed =
                clean.stream().filter(l -> l.path().size() >= 2).findFirst().orElse(clean.getFirst());
        Leaf annotated = clean.getLast();
        LineEdits edits = new LineEdits();
        String line = lines.get(changed.line());
        String newValue = SimulatedUser.changedValue(changed, line);
        edits.replace(
                changed.line(),
                line.substring(0, changed.valueStart()) + newValue + line.substring(changed.valueEnd()));
        if (annotated != changed) {
            String indent = SimulatedUser.indentOf(lines.get(annotated.line()));
            edits.insertBefore(annotated.line(), indent + SimulatedUser.COMMENT);
            edits.insertBefore(annotated.line() + 1, indent + SimulatedUser.ADDED_KEY + ": 42");
        }
        lists.stream()
                .filter(l -> at(theirs, l.path()) instanceof List)
                .findFirst()
                .ifPresent(l -> edits.insertBefore(
                        l.lastItemLine() + 1, " ".repeat(l.dashColumn()) + "- " + SimulatedUser.ADDED_ITEM));
        return Optional.of(new CleanEdits(pair, edits.apply(pair.base()), changed, newValue, annotated != changed));
    }

    private static Optional<ConflictingEdit> conflictingEdit(CorpusPairs pair) {
        Map<List<String>, Object> base = flat(pair.base());
        Map<List<String>, Object> theirs = flat(pair.theirs());
        List<Leaf> leaves = new ArrayList<>();
        SimulatedUser.scan(pair.base(), leaves, new ArrayList<>());
        for (Leaf leaf : leaves) {
            Object t = at(theirs, leaf.path());
            if (t == ABSENT || t instanceof Map || t instanceof List || Objects.equals(t, at(base, leaf.path()))) {
                continue;
            }
            String line = pair.base().lines().toList().get(leaf.line());
            LineEdits edits = new LineEdits();
            edits.replace(
                    leaf.line(),
                    line.substring(0, leaf.valueStart())
                            + SimulatedUser.changedValue(leaf, line)
                            + line.substring(leaf.valueEnd()));
            String mine = edits.apply(pair.base());
            if (!Objects.equals(at(flat(mine), leaf.path()), t)) {
                return Optional.of(new ConflictingEdit(pair, mine, leaf));
            }
        }
        return Optional.empty();
    }

    private static Optional<LineEdit> lineEdit(CorpusPairs pair) {
        List<String> base = pair.base().lines().toList();
        int[] kept = LineMerge.matches(base, pair.theirs().lines().toList());
        boolean yaml = CorpusPairs.isYaml(pair.path())
                && SimulatedUser.load(pair.base()).isPresent();
        Set<Integer> keyLines = new HashSet<>();
        if (yaml) {
            List<Leaf> leaves = new ArrayList<>();
            SimulatedUser.scan(pair.base(), leaves, new ArrayList<>());
            leaves.forEach(l -> keyLines.add(l.line()));
        }
        List<Integer> quiet = new ArrayList<>();
        for (int i = 1; i + 1 < base.size(); i++) {
            // the line and its neighbours are still there, with nothing inserted between them
            boolean untouched = kept[i - 1] >= 0 && kept[i] == kept[i - 1] + 1 && kept[i + 1] == kept[i] + 1;
            if (untouched && !base.get(i).isBlank()) {
                quiet.add(i);
            }
        }
        // in YAML a changed line must stay a comment, or it would change a value
        List<Integer> edited = quiet.stream()
                .filter(i -> !yaml || base.get(i).strip().startsWith("#"))
                .toList();
        List<Integer> anchors =
                quiet.stream().filter(i -> !yaml || keyLines.contains(i)).toList();
        if (edited.isEmpty() || anchors.isEmpty()) {
            return Optional.empty();
        }
        int change = edited.getFirst();
        int insert = anchors.getLast() == change && anchors.size() > 1 ? anchors.getFirst() : anchors.getLast();
        if (insert == change) {
            return Optional.empty();
        }
        String changedLine = base.get(change) + " (mine)";
        String addedLine = SimulatedUser.indentOf(base.get(insert)) + "# mine: added line";
        LineEdits edits = new LineEdits();
        edits.replace(change, changedLine);
        edits.insertBefore(insert, addedLine);
        LineEdits expected = new LineEdits();
        expected.replace(kept[change], changedLine);
        expected.insertBefore(kept[insert], addedLine);
        return Optional.of(new LineEdit(pair, edits.apply(pair.base()), expected.apply(pair.theirs())));
    }

    private static Map<List<String>, Object> flat(String text) {
        return SimulatedUser.flatten(
                SimulatedUser.load(text).orElseThrow(() -> new AssertionError("not YAML:\n" + text)));
    }

    /**
     * Where only the user changed a value the merge has the user's; where only the release did, the
     * release's; where both changed a list by appending, the release's list plus the user's items.
     */
    private static void assertKeepsBothSides(
            CorpusPairs pair,
            Map<List<String>, Object> base,
            Map<List<String>, Object> mine,
            Map<List<String>, Object> theirs,
            Map<List<String>, Object> merged,
            Set<List<String>> settledOtherwise) {
        Set<List<String>> paths = new java.util.LinkedHashSet<>(base.keySet());
        paths.addAll(mine.keySet());
        paths.addAll(theirs.keySet());
        paths.addAll(merged.keySet());
        for (List<String> path : paths) {
            if (settledOtherwise.contains(path)) {
                continue;
            }
            Object b = at(base, path);
            Object m = at(mine, path);
            Object t = at(theirs, path);
            Object r = at(merged, path);
            String where = pair + " at " + path;
            if (Objects.equals(m, b)) {
                assertThat(r).as(where + " (release's change)").isEqualTo(t);
            } else if (Objects.equals(t, b) || Objects.equals(m, t)) {
                assertThat(r).as(where + " (user's change)").isEqualTo(m);
            } else {
                assertThat(m).as(where).isInstanceOf(List.class);
                List<Object> expected = new ArrayList<>((List<?>) t);
                List<?> mineList = (List<?>) m;
                expected.addAll(mineList.subList(b instanceof List<?> bl ? bl.size() : 0, mineList.size()));
                assertThat(r).as(where + " (both appended)").isEqualTo(expected);
            }
        }
    }

    /** Every comment line of the new release is still there. */
    private static void assertKeepsTheirComments(CorpusPairs pair, String merged) {
        List<String> mergedComments = comments(merged);
        List<String> missing = new ArrayList<>(comments(pair.theirs()));
        for (String c : mergedComments) {
            missing.remove(c);
        }
        assertThat(missing).as("comments of the release lost in " + pair).isEmpty();
    }

    private static List<String> comments(String text) {
        return text.lines().map(String::strip).filter(l -> l.startsWith("#")).toList();
    }
}
