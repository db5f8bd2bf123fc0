package dev.berth.config.merge;

import static dev.berth.config.merge.SimulatedUser.ABSENT;
import static dev.berth.config.merge.SimulatedUser.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
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

    static List<CorpusPairs> allPairs() {
        return CorpusPairs.changed(path -> true);
    }

    @Test
    void corpusHasTheReleasePairsTheseTestsNeed() {
        List<CorpusPairs> yaml = yamlPairs();
        assertThat(yaml).hasSizeGreaterThan(40);
        assertThat(yaml.stream().map(CorpusPairs::app).collect(Collectors.toSet()))
                .contains(
                        "open-im-server",
                        "openim-docker",
                        "mattermost-docker",
                        "netbox-docker",
                        "jitsi-docker",
                        "plane");
        assertThat(yaml)
                .anyMatch(p ->
                        p.path().equals("config/openim-api.yml") && p.from().equals("v3.8.2"));
    }

    @ParameterizedTest
    @MethodSource("yamlPairs")
    void mergeKeepsEveryUserEditAndEveryUpstreamChange(CorpusPairs pair) {
        Map<List<String>, Object> base = flat(pair.base());
        Map<List<String>, Object> theirs = flat(pair.theirs());
        List<Leaf> leaves = new ArrayList<>();
        List<ListEntry> lists = new ArrayList<>();
        SimulatedUser.scan(pair.base(), leaves, lists);
        List<Leaf> clean = leaves.stream()
                .filter(l -> Objects.equals(at(base, l.path()), at(theirs, l.path())))
                .toList();
        assumeTrue(clean.size() >= 2, "no two values the release left alone in " + pair);
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
        Optional<ListEntry> list =
                lists.stream().filter(l -> at(theirs, l.path()) instanceof List).findFirst();
        list.ifPresent(l ->
                edits.insertBefore(l.lastItemLine() + 1, " ".repeat(l.dashColumn()) + "- " + SimulatedUser.ADDED_ITEM));
        String mine = edits.apply(pair.base());
        Map<List<String>, Object> mineValues = flat(mine);

        MergeResult result = merge.merge(pair.path(), pair.base(), mine, pair.theirs());
        if (pair.toString().equals(System.getProperty("merge.debug"))) {
            System.out.println("=== MINE\n" + mine + "\n=== " + result.method() + " " + result.fallbackReason());
            result.changes().forEach(System.out::println);
            result.conflicts().forEach(System.out::println);
            System.out.println("=== MERGED\n" + result.mergedText().orElse(result.withConflictMarkers()));
        }

        assertThat(result.conflicts()).as("conflicts of " + pair).isEmpty();
        String merged = result.mergedText().orElseThrow();
        Map<List<String>, Object> mergedValues = flat(merged);
        assertKeepsBothSides(pair, base, mineValues, theirs, mergedValues, Set.of());
        assertThat(at(mergedValues, changed.path())).isEqualTo(at(mineValues, changed.path()));
        if (annotated != changed) {
            assertThat(merged.lines().filter(l -> l.strip().equals(SimulatedUser.COMMENT)))
                    .as("the user's comment, once")
                    .hasSize(1);
        }
        assertKeepsTheirComments(pair, merged);
        if (result.method() == MergeMethod.KEYS
                && changed.value().getScalarStyle().toString().equals("plain")) {
            assertThat(merged).contains(newValue);
        }
    }

    @ParameterizedTest
    @MethodSource("yamlPairs")
    void mergeConflictsExactlyWhereBothChangedTheSameValue(CorpusPairs pair) {
        Map<List<String>, Object> base = flat(pair.base());
        Map<List<String>, Object> theirs = flat(pair.theirs());
        List<Leaf> leaves = new ArrayList<>();
        SimulatedUser.scan(pair.base(), leaves, new ArrayList<>());
        Optional<Leaf> both = leaves.stream()
                .filter(l -> {
                    Object t = at(theirs, l.path());
                    return t != ABSENT
                            && !(t instanceof Map)
                            && !(t instanceof List)
                            && !Objects.equals(t, at(base, l.path()));
                })
                .findFirst();
        assumeTrue(both.isPresent(), "the release changed no one-line value in " + pair);
        Leaf leaf = both.get();
        List<String> lines = pair.base().lines().toList();
        String line = lines.get(leaf.line());
        LineEdits edits = new LineEdits();
        edits.replace(
                leaf.line(),
                line.substring(0, leaf.valueStart())
                        + SimulatedUser.changedValue(leaf, line)
                        + line.substring(leaf.valueEnd()));
        String mine = edits.apply(pair.base());
        Map<List<String>, Object> mineValues = flat(mine);
        assumeTrue(!Objects.equals(at(mineValues, leaf.path()), at(theirs, leaf.path())));

        MergeResult result = merge.merge(pair.path(), pair.base(), mine, pair.theirs());

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
        assertThat(at(keptMine, leaf.path())).isEqualTo(at(mineValues, leaf.path()));
        assertThat(at(tookTheirs, leaf.path())).isEqualTo(at(theirs, leaf.path()));
        if (result.method() == MergeMethod.KEYS) {
            assertKeepsBothSides(pair, base, mineValues, theirs, keptMine, Set.of(leaf.path()));
            assertThat(tookTheirs).isEqualTo(theirs);
        }
    }

    /**
     * Lines the release left alone, edited by the user (a comment changed, a comment line added):
     * the merge is exactly the release's file with the user's two edits.
     */
    @ParameterizedTest
    @MethodSource("allPairs")
    void mergeCarriesUserLinesIntoTheNewFileExactly(CorpusPairs pair) {
        List<String> base = pair.base().lines().toList();
        List<String> theirs = pair.theirs().lines().toList();
        int[] kept = LineMerge.matches(base, theirs);
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
        List<Integer> edited = quiet.stream()
                .filter(i -> yaml ? base.get(i).strip().startsWith("#") : true)
                .toList();
        List<Integer> anchors =
                quiet.stream().filter(i -> yaml ? keyLines.contains(i) : true).toList();
        assumeTrue(!edited.isEmpty() && !anchors.isEmpty(), "no quiet lines in " + pair);
        int change = edited.getFirst();
        int insert = anchors.getLast() == change && anchors.size() > 1 ? anchors.getFirst() : anchors.getLast();
        assumeTrue(insert != change);
        String changedLine = base.get(change) + " (mine)";
        String addedLine = SimulatedUser.indentOf(base.get(insert)) + "# mine: added line";
        LineEdits edits = new LineEdits();
        edits.replace(change, changedLine);
        edits.insertBefore(insert, addedLine);
        String mine = edits.apply(pair.base());
        LineEdits expected = new LineEdits();
        expected.replace(kept[change], changedLine);
        expected.insertBefore(kept[insert], addedLine);

        MergeResult result = merge.merge(pair.path(), pair.base(), mine, pair.theirs());
        if (pair.toString().equals(System.getProperty("merge.debug"))) {
            System.out.println("=== change " + change + " insert " + insert + " " + result.method() + " "
                    + result.fallbackReason());
            result.changes().forEach(System.out::println);
            result.conflicts().forEach(System.out::println);
        }

        assertThat(result.conflicts()).as("conflicts of " + pair).isEmpty();
        assertThat(result.mergedText()).as(pair.toString()).contains(expected.apply(pair.theirs()));
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

    static List<AbstractDelta<String>> deltas(List<String> a, List<String> b) {
        return DiffUtils.diff(a, b).getDeltas();
    }
}
