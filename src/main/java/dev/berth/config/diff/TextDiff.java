package dev.berth.config.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Computes the unified diff of two versions of any config file with java-diff-utils. Secrets are
 * masked before the lines are compared, so no output of this class holds a secret value; a changed
 * secret shows as a changed line ending in {@value SecretMasker#CHANGED}. Thread-safe.
 */
public final class TextDiff {
    /** The context lines around each change that {@code diff -u} and git show. */
    public static final int DEFAULT_CONTEXT = 3;

    private static final String NO_NEWLINE = "\u0000";

    private final SecretMasker masker;
    private final int context;

    /** @param contextLines unchanged lines shown before and after each change, 0 or more */
    public TextDiff(SecretMasker masker, int contextLines) {
        if (contextLines < 0) {
            throw new IllegalArgumentException("contextLines must be 0 or more, was " + contextLines);
        }
        this.masker = Objects.requireNonNull(masker);
        this.context = contextLines;
    }

    /** A diff with {@link #DEFAULT_CONTEXT} lines of context and the default secret names. */
    public static TextDiff withDefaults() {
        return new TextDiff(SecretMasker.withDefaultNames(), DEFAULT_CONTEXT);
    }

    /**
     * The differences from {@code oldText} to {@code newText}.
     *
     * @param oldName shown after {@code ---}, e.g. {@code a/docker-compose.yml}
     * @param newName shown after {@code +++}
     */
    public UnifiedDiff diff(String oldName, String oldText, String newName, String newText) {
        TextLines before = TextLines.of(oldText);
        TextLines after = TextLines.of(newText);
        SecretMasker.MaskedPair masked = masker.maskPair(before.lines(), after.lines());
        List<String> a = compared(masked.oldLines(), before);
        List<String> b = compared(masked.newLines(), after);
        List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b).getDeltas();
        List<DiffHunk> hunks = new ArrayList<>();
        int i = 0;
        while (i < deltas.size()) {
            int j = i;
            while (j + 1 < deltas.size()
                    && deltas.get(j + 1).getSource().getPosition() - end(deltas.get(j)) <= 2 * context) {
                j++;
            }
            hunks.add(hunk(deltas.subList(i, j + 1), a, b));
            i = j + 1;
        }
        List<String> notes = new ArrayList<>();
        if (before.lineEnding() != after.lineEnding()
                && !before.lines().isEmpty()
                && !after.lines().isEmpty()) {
            notes.add("line endings changed from " + before.lineEnding() + " to " + after.lineEnding());
        }
        if (before.byteOrderMark() != after.byteOrderMark()) {
            notes.add(after.byteOrderMark() ? "byte order mark added" : "byte order mark removed");
        }
        return new UnifiedDiff(oldName, newName, hunks, notes);
    }

    /** The lines as compared: a last line without newline differs from the same line with one. */
    private static List<String> compared(List<String> masked, TextLines text) {
        List<String> lines = new ArrayList<>(masked);
        if (!lines.isEmpty() && text.finalNewline() == TextLines.FinalNewline.MISSING) {
            lines.set(lines.size() - 1, lines.getLast() + NO_NEWLINE);
        }
        return lines;
    }

    private static int end(AbstractDelta<String> d) {
        return d.getSource().getPosition() + d.getSource().size();
    }

    private DiffHunk hunk(List<AbstractDelta<String>> deltas, List<String> a, List<String> b) {
        AbstractDelta<String> first = deltas.getFirst();
        AbstractDelta<String> last = deltas.getLast();
        int oldFrom = Math.max(0, first.getSource().getPosition() - context);
        int newFrom = first.getTarget().getPosition() - (first.getSource().getPosition() - oldFrom);
        int oldTo = Math.min(a.size(), end(last) + context);
        int newTo = last.getTarget().getPosition() + last.getTarget().size() + (oldTo - end(last));
        List<DiffLine> lines = new ArrayList<>();
        int o = oldFrom;
        int n = newFrom;
        for (AbstractDelta<String> d : deltas) {
            for (; o < d.getSource().getPosition(); o++, n++) {
                lines.add(line(LineKind.CONTEXT, o + 1, n + 1, b.get(n)));
            }
            for (int k = 0; k < d.getSource().size(); k++, o++) {
                lines.add(line(LineKind.REMOVED, o + 1, 0, a.get(o)));
            }
            for (int k = 0; k < d.getTarget().size(); k++, n++) {
                lines.add(line(LineKind.ADDED, 0, n + 1, b.get(n)));
            }
        }
        for (; o < oldTo; o++, n++) {
            lines.add(line(LineKind.CONTEXT, o + 1, n + 1, b.get(n)));
        }
        int oldCount = oldTo - oldFrom;
        int newCount = newTo - newFrom;
        return new DiffHunk(
                oldCount == 0 ? oldFrom : oldFrom + 1,
                oldCount,
                newCount == 0 ? newFrom : newFrom + 1,
                newCount,
                lines);
    }

    private static DiffLine line(LineKind kind, int oldNumber, int newNumber, String compared) {
        boolean missing = compared.endsWith(NO_NEWLINE);
        return new DiffLine(
                kind,
                oldNumber,
                newNumber,
                missing ? compared.substring(0, compared.length() - 1) : compared,
                missing ? TextLines.FinalNewline.MISSING : TextLines.FinalNewline.PRESENT);
    }
}
