package dev.berth.config.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * A text file cut into lines without their terminators, plus what is needed to write it back the
 * same way: the line ending, whether the last line ends with one, and a leading byte order mark.
 * Lines are cut at {@code \n}; a {@code \r} before it belongs to the line ending. A file that mixes
 * CRLF and LF is written back with the ending most of its lines use.
 */
public record TextLines(List<String> lines, LineEnding lineEnding, FinalNewline finalNewline, boolean byteOrderMark) {

    public enum LineEnding {
        LF("\n"),
        CRLF("\r\n");

        private final String chars;

        LineEnding(String chars) {
            this.chars = chars;
        }

        public String chars() {
            return chars;
        }
    }

    public enum FinalNewline {
        PRESENT,
        MISSING
    }

    public TextLines {
        lines = List.copyOf(lines);
    }

    public static TextLines of(String text) {
        boolean bom = text.startsWith("\uFEFF");
        String body = bom ? text.substring(1) : text;
        List<String> lines = new ArrayList<>();
        int crlf = 0;
        int lf = 0;
        int start = 0;
        while (start < body.length()) {
            int nl = body.indexOf('\n', start);
            if (nl < 0) {
                lines.add(body.substring(start));
                break;
            }
            boolean cr = nl > start && body.charAt(nl - 1) == '\r';
            if (cr) {
                crlf++;
            } else {
                lf++;
            }
            lines.add(body.substring(start, cr ? nl - 1 : nl));
            start = nl + 1;
        }
        FinalNewline fin = body.isEmpty() || body.endsWith("\n") ? FinalNewline.PRESENT : FinalNewline.MISSING;
        return new TextLines(lines, crlf > lf ? LineEnding.CRLF : LineEnding.LF, fin, bom);
    }

    /** The lines joined back with this file's line ending, final newline and byte order mark. */
    public String text() {
        return join(lines);
    }

    /** Other lines written the way this file is written. */
    public String join(List<String> content) {
        StringBuilder sb = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
        for (int i = 0; i < content.size(); i++) {
            sb.append(content.get(i));
            if (i < content.size() - 1 || finalNewline == FinalNewline.PRESENT) {
                sb.append(lineEnding.chars());
            }
        }
        return sb.toString();
    }
}
