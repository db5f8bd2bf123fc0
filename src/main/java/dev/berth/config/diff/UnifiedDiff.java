package dev.berth.config.diff;

import java.util.List;

/**
 * The line differences between two versions of a file, secrets masked, as hunks (for the GUI's
 * side-by-side view) and as unified-diff text (for the command line and golden files).
 *
 * @param notes differences that have no line of their own, such as a change of line endings
 */
public record UnifiedDiff(String oldName, String newName, List<DiffHunk> hunks, List<String> notes) {

    public UnifiedDiff {
        hunks = List.copyOf(hunks);
        notes = List.copyOf(notes);
    }

    /** Whether the two texts have the same lines (notes may still report a line-ending change). */
    public boolean isEmpty() {
        return hunks.isEmpty();
    }

    /** Unified-diff text: {@code ---}/{@code +++} headers, then the hunks; empty when nothing differs. */
    public String render() {
        if (hunks.isEmpty() && notes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append("--- ").append(oldName).append('\n');
        sb.append("+++ ").append(newName).append('\n');
        for (String note : notes) {
            sb.append("# ").append(note).append('\n');
        }
        for (DiffHunk hunk : hunks) {
            sb.append(hunk.header()).append('\n');
            for (DiffLine line : hunk.lines()) {
                sb.append(line.unified());
            }
        }
        return sb.toString();
    }
}
