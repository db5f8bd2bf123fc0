package dev.berth.config.env;

/**
 * One entry of an env file: a blank line, a comment, a commented-out assignment, an assignment (which
 * may span several physical lines when its quoted value does) or a bare name that inherits its value
 * from the environment. Each entry keeps its exact text, so writing the entries back gives the file's
 * bytes unchanged.
 *
 * <p>{@link #text()} is the entry's text without its final line ending; {@link #eol()} is that ending
 * ({@code "\n"}, {@code "\r\n"}, or empty on a last line without one).
 */
public sealed interface EnvLine
        permits EnvLine.Blank, EnvLine.Comment, EnvLine.CommentedAssignment, EnvLine.Assignment, EnvLine.Inherited {

    /** 1-based number of the entry's first physical line. */
    int line();

    /** The entry's text, without its final line ending. */
    String text();

    /** The final line ending: {@code "\n"}, {@code "\r\n"} or {@code ""}. */
    String eol();

    /** 1-based number of the entry's last physical line. */
    default int lastLine() {
        return line() + (int) text().chars().filter(c -> c == '\n').count();
    }

    /** A line of white space only. */
    record Blank(int line, String text, String eol) implements EnvLine {}

    /** A comment line ({@code #} after optional white space) that is not a commented-out assignment. */
    record Comment(int line, String text, String eol) implements EnvLine {
        /** The comment's words: the text after the {@code #} signs, trimmed. */
        public String content() {
            return EnvSyntax.commentContent(text);
        }
    }

    /**
     * A comment that holds an assignment, like {@code #KEY=value} or {@code # export KEY="value"}:
     * templates use these for optional settings. Compose ignores them.
     *
     * @param innerStart index in {@link #text()} where the assignment starts (after {@code #} and spaces)
     * @param value the decoded value as Compose would read it if the line were active, uninterpolated
     */
    record CommentedAssignment(
            int line,
            String text,
            String eol,
            int innerStart,
            String key,
            Quoting quoting,
            String rawValue,
            String value,
            String inlineComment)
            implements EnvLine {

        /** The assignment without the comment sign, as an active line would read. */
        public String uncommentedText() {
            return text.substring(innerStart);
        }

        @Override
        public String toString() {
            // The value may be secret: never in toString.
            return "CommentedAssignment[line=" + line + ", key=" + key + "]";
        }
    }

    /**
     * {@code KEY=value}, optionally with {@code export}, white space around the {@code =} (or the
     * YAML-style {@code :} Compose also accepts), a quoted value (maybe over several lines) and an
     * inline comment.
     *
     * @param exported whether the line starts with {@code export}
     * @param rawValue the value exactly as written, quotes included, inline comment excluded
     * @param valueStart index in {@link #text()} where {@code rawValue} starts
     * @param value the decoded value: quotes removed and, in double quotes, escapes expanded; {@code
     *     ${...}} references are still there when {@link Quoting#interpolates()} (in that case
     *     {@code $$} also still stands for {@code $})
     * @param inlineComment the comment after the value ({@code "# ..."}), or empty
     */
    record Assignment(
            int line,
            String text,
            String eol,
            String key,
            boolean exported,
            Quoting quoting,
            String rawValue,
            int valueStart,
            String value,
            String inlineComment)
            implements EnvLine {

        /** The text with the raw value replaced, everything else (indent, comment) unchanged. */
        public String textWithRawValue(String newRawValue) {
            return text.substring(0, valueStart) + newRawValue + text.substring(valueStart + rawValue.length());
        }

        /**
         * Whether this and {@code other} give Compose the same value whatever the environment:
         * {@code KEY=a}, {@code KEY="a"} and {@code KEY='a'} do; {@code KEY='$A'} and {@code KEY=$A}
         * do not.
         */
        public boolean sameValueAs(Assignment other) {
            return EnvSyntax.canonical(quoting, value).equals(EnvSyntax.canonical(other.quoting, other.value));
        }

        @Override
        public String toString() {
            // The value may be secret: never in toString.
            return "Assignment[line=" + line + ", key=" + key + ", quoting=" + quoting + "]";
        }
    }

    /**
     * A name alone on its line ({@code KEY}): Compose takes the value from the environment, and leaves
     * the variable unset when the environment does not have it.
     */
    record Inherited(int line, String text, String eol, String key, boolean exported) implements EnvLine {}
}
