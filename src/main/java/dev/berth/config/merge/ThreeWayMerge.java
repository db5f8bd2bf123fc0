package dev.berth.config.merge;

import dev.berth.config.diff.TextLines;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Merges a file the user edited with the new release's version of it: base is the file of the
 * release the user installed, mine is the user's file, theirs is the new release's file.
 *
 * <p>When only one side changed the file, that side wins whole. YAML files ({@code .yml},
 * {@code .yaml}) are merged key by key: changes to different keys combine, a key both sides changed
 * differently is a conflict, and the text keeps the new release's layout with the user's lines
 * carried over. Other files, and YAML the key-level merge cannot handle (not valid before variable
 * substitution, anchors, flow style where an edit lands), are merged line by line (diff3). Line
 * endings, the final newline and a byte order mark follow the user's file where the user changed
 * them, else the new release's.
 *
 * <p>Pure computation on strings: thread-safe, no I/O.
 */
public final class ThreeWayMerge {

    /**
     * Merges one file.
     *
     * @param fileName the file's name or relative path, for messages and to recognise YAML
     * @param base the file as the installed release shipped it
     * @param mine the file as the user has it now
     * @param theirs the file as the new release ships it
     */
    public MergeResult merge(String fileName, String base, String mine, String theirs) {
        if (mine.equals(theirs)) {
            List<MergeChange> changes = mine.equals(base) ? List.of() : List.of(wholeFile(Provenance.COMBINED));
            return MergeResult.whole(fileName, mine, changes);
        }
        if (mine.equals(base)) {
            return MergeResult.whole(fileName, theirs, List.of(wholeFile(Provenance.TOOK_THEIRS)));
        }
        if (theirs.equals(base)) {
            return MergeResult.whole(fileName, mine, List.of(wholeFile(Provenance.KEPT_MINE)));
        }
        TextLines b = TextLines.of(base);
        TextLines m = TextLines.of(mine);
        TextLines t = TextLines.of(theirs);
        TextLines shape = new TextLines(
                List.of(),
                m.lineEnding() != b.lineEnding() ? m.lineEnding() : t.lineEnding(),
                m.finalNewline() != b.finalNewline() ? m.finalNewline() : t.finalNewline(),
                m.byteOrderMark() != b.byteOrderMark() ? m.byteOrderMark() : t.byteOrderMark());
        Optional<String> fallback = Optional.empty();
        if (isYaml(fileName)) {
            try {
                YamlMerge.Result yaml = YamlMerge.plan(fileName, b.lines(), m.lines(), t.lines());
                return MergeResult.planned(
                        fileName, MergeMethod.KEYS, Optional.empty(), yaml.changes(), yaml.plan(), shape);
            } catch (NotMergeable e) {
                fallback = Optional.of(e.getMessage());
            }
        }
        LineMerge.Result lines = LineMerge.merge(b.lines(), m.lines(), t.lines());
        MergePlan plan = new MergePlan(t.lines(), lines.settled(), lines.conflicts(), MergePlan.Check.NONE);
        return MergeResult.planned(fileName, MergeMethod.LINES, fallback, lines.changes(), plan, shape);
    }

    static boolean isYaml(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }

    private static MergeChange wholeFile(Provenance provenance) {
        return new MergeChange(new MergeLocation.WholeFile(), provenance, "one side's file taken whole");
    }
}
