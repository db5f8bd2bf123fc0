package dev.berth.config.diff;

/**
 * One line of a diff hunk, already masked.
 *
 * @param oldNumber 1-based line number in the old text, 0 for an added line
 * @param newNumber 1-based line number in the new text, 0 for a removed line
 * @param text the line without its line ending
 * @param finalNewline {@code MISSING} when this is the last line of its file and has no line ending
 */
public record DiffLine(LineKind kind, int oldNumber, int newNumber, String text, TextLines.FinalNewline finalNewline) {

    /** The line in unified-diff form: a prefix character, the text, and git's marker for a missing newline. */
    public String unified() {
        char prefix = switch (kind) {
            case CONTEXT -> ' ';
            case REMOVED -> '-';
            case ADDED -> '+';
        };
        String line = prefix + text + "\n";
        return finalNewline == TextLines.FinalNewline.MISSING ? line + "\\ No newline at end of file\n" : line;
    }
}
