package dev.berth.config.env;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads env files losslessly: every byte ends up in one {@link EnvLine}, so {@link EnvWriter} gives
 * the same bytes back, and values are decoded exactly as Docker Compose v2 decodes them (compose-go
 * {@code dotenv/parser.go}, {@code dotenv/godotenv.go}):
 *
 * <ul>
 *   <li>A UTF-8 byte order mark is skipped. Lines end at {@code \n}; a {@code \r} before it is white
 *       space, so CRLF files read like LF files.
 *   <li>Leading white space (Go's {@code unicode.IsSpace}) is skipped; a line whose first other
 *       character is {@code #} is a comment.
 *   <li>An optional {@code export} followed by white space; then the name, which holds letters,
 *       numbers, {@code _ . [ ] -}; then {@code =} (or the YAML-style {@code :}) with optional white
 *       space around it. A name alone on its line inherits its value from the environment.
 *   <li>Unquoted values run to the end of the line, are cut at the first {@code " #"} (a space then
 *       {@code #}; a {@code #} without a space before it is part of the value) and trimmed.
 *   <li>A value starting with {@code '} or {@code "} runs to the matching unescaped quote, over
 *       several lines if needed. A backslash before the quote character keeps the quote; any other
 *       backslash stays. In double quotes the escapes of {@link EnvSyntax#expandEscapes} are then
 *       expanded; single-quoted values are literal.
 *   <li>Unquoted and double-quoted values are interpolated ({@code ${VAR}}, {@code $VAR}, see
 *       {@link Interpolation}) from the environment first, then from earlier keys of the same file;
 *       single-quoted values are not. See {@link EnvFile#resolve}.
 *   <li>A key set twice: the last one wins.
 * </ul>
 *
 * Berth is stricter than Compose where Compose silently reads something else than the author
 * meant, and refuses: text after a closing quote that is not a comment (Compose would read it as
 * another variable), a name with white space inside or no name before the {@code =}. It also refuses
 * binary content (a NUL byte), invalid UTF-8 and files over {@link #MAX_BYTES}.
 *
 * <p>Thread-safe: the class has no state.
 */
public final class EnvParser {
    /** The largest env file accepted: 8 MiB, far beyond any real one. */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Pattern COMMENTED_KEY = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern ANY_COMMENTED_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private EnvParser() {}

    /**
     * Reads and parses {@code file}.
     *
     * @throws ConfigException when the file is not an env file Compose would read as written
     * @throws IOException when the file cannot be read
     */
    public static EnvFile parse(Path file) throws IOException {
        String source = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw tooLarge(source, size);
        }
        return parse(source, Files.readAllBytes(file));
    }

    /**
     * Parses the bytes of an env file.
     *
     * @param source the file name used in error messages
     * @throws ConfigException when the bytes are not an env file Compose would read as written
     */
    public static EnvFile parse(String source, byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(source, bytes.length);
        }
        boolean bom = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2];
        int start = bom ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new ConfigException(
                        source,
                        lineAt(bytes, start, i),
                        ConfigException.Reason.ENV_BINARY,
                        List.of(),
                        "the file holds binary data (a NUL byte), so it is not an env file; nothing was read"
                                + " from it. Check that the right file was given");
            }
        }
        return parseText(source, decode(source, bytes, start), bom);
    }

    /** Parses env file text (no byte order mark); for text built in memory. */
    public static EnvFile parse(String source, String text) {
        if (text.indexOf('\0') >= 0) {
            int at = text.indexOf('\0');
            throw new ConfigException(
                    source, lineOf(text, at), "the text holds a NUL character, so it is not an env file");
        }
        return parseText(source, text, false);
    }

    private static ConfigException tooLarge(String source, long size) {
        return new ConfigException(
                source,
                0,
                ConfigException.Reason.ENV_TOO_LARGE,
                List.of(String.valueOf(size), String.valueOf(MAX_BYTES)),
                "the file is " + size + " bytes, more than the " + MAX_BYTES + " bytes an env file may have;"
                        + " nothing was read. Check that the right file was given");
    }

    private static String decode(String source, byte[] bytes, int start) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new ConfigException(
                    source,
                    lineAt(bytes, start, at),
                    0,
                    String.format(
                            "the file is not valid UTF-8 (byte 0x%02X); Compose reads env files as UTF-8, so"
                                    + " save it as UTF-8 and try again",
                            bytes[at] & 0xFF),
                    toException(r));
        }
        out.flip();
        return out.toString();
    }

    private static CharacterCodingException toException(CoderResult r) {
        try {
            r.throwException();
        } catch (CharacterCodingException e) {
            return e;
        }
        return new CharacterCodingException();
    }

    private static int lineAt(byte[] bytes, int from, int at) {
        int line = 1;
        for (int i = from; i < at; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineOf(String text, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static EnvFile parseText(String source, String text, boolean bom) {
        List<EnvLine> lines = new ArrayList<>();
        List<EnvLine.CommentedAssignment> lowercaseCandidates = new ArrayList<>();
        int pos = 0;
        int lineNo = 1;
        int n = text.length();
        while (pos < n) {
            int nl = text.indexOf('\n', pos);
            int lineEnd = nl < 0 ? n : nl;
            int contentEnd = nl > pos && text.charAt(nl - 1) == '\r' ? nl - 1 : lineEnd;
            int next = nl < 0 ? n : nl + 1;
            String eol = text.substring(contentEnd, next);
            int first = pos;
            while (first < contentEnd) {
                int c = text.codePointAt(first);
                if (!EnvSyntax.isUnicodeSpace(c)) {
                    break;
                }
                first += Character.charCount(c);
            }
            if (first == contentEnd) {
                lines.add(new EnvLine.Blank(lineNo, text.substring(pos, contentEnd), eol));
                pos = next;
                lineNo++;
            } else if (text.charAt(first) == '#') {
                String content = text.substring(pos, contentEnd);
                EnvLine.CommentedAssignment ca = commentedAssignment(content, first - pos, lineNo, eol);
                if (ca == null) {
                    lines.add(new EnvLine.Comment(lineNo, content, eol));
                } else {
                    if (!COMMENTED_KEY.matcher(ca.key()).matches()) {
                        lowercaseCandidates.add(ca);
                    }
                    lines.add(ca);
                }
                pos = next;
                lineNo++;
            } else {
                Statement st = new Statement(source, text, pos, lineNo);
                EnvLine entry = st.parse(first);
                lines.add(entry);
                lineNo = entry.lastLine() + 1;
                pos = st.next;
            }
        }
        if (!lowercaseCandidates.isEmpty()) {
            // "# note=..." is prose unless the file sets that key for real somewhere.
            Set<String> active = new HashSet<>();
            for (EnvLine l : lines) {
                if (l instanceof EnvLine.Assignment a) {
                    active.add(a.key());
                }
            }
            for (EnvLine.CommentedAssignment ca : lowercaseCandidates) {
                if (!active.contains(ca.key())) {
                    int i = lines.indexOf(ca);
                    lines.set(i, new EnvLine.Comment(ca.line(), ca.text(), ca.eol()));
                }
            }
        }
        return new EnvFile(source, bom, lines);
    }

    /**
     * A comment that reads as {@code KEY=value}: at most one space after the {@code #}, a plain name
     * right before {@code =}, and a value that parses on this line alone. Returns null for prose.
     */
    private static EnvLine.CommentedAssignment commentedAssignment(String content, int hash, int lineNo, String eol) {
        int i = hash;
        while (i < content.length() && content.charAt(i) == '#') {
            i++;
        }
        int spaces = i;
        while (i < content.length() && (content.charAt(i) == ' ' || content.charAt(i) == '\t')) {
            i++;
        }
        if (i - spaces > 1 || content.indexOf('\t', spaces) == spaces) {
            // "#   KEY=value" is an example quoted inside prose, not a setting to uncomment.
            return null;
        }
        int innerStart = i;
        if (innerStart >= content.length()) {
            return null;
        }
        Statement st = new Statement("", content, innerStart, lineNo);
        try {
            EnvLine parsed = st.parse(innerStart);
            if (!(parsed instanceof EnvLine.Assignment a)
                    || !st.plainSeparator
                    || st.next != content.length()
                    || !ANY_COMMENTED_KEY.matcher(a.key()).matches()) {
                return null;
            }
            return new EnvLine.CommentedAssignment(
                    lineNo, content, eol, innerStart, a.key(), a.quoting(), a.rawValue(), a.value(), a.inlineComment());
        } catch (ConfigException e) {
            // Not an assignment: an ordinary comment. The error is the answer to the question asked.
            return null;
        }
    }

    /** One statement of compose-go's parser, from its first character to the end of its value. */
    private static final class Statement {
        private final String source;
        private final String text;
        private final int lineStart;
        private final int lineNo;
        /** Index where the next entry starts (after this one's line ending). */
        int next;
        /** Whether the name is followed directly by {@code =}, without space or {@code :}. */
        boolean plainSeparator;

        Statement(String source, String text, int lineStart, int lineNo) {
            this.source = source;
            this.text = text;
            this.lineStart = lineStart;
            this.lineNo = lineNo;
        }

        EnvLine parse(int first) {
            int contentEnd = contentEnd(lineStart);
            int i = first;
            boolean exported = false;
            if (text.startsWith("export", i) && i + 6 < contentEnd && isExportSpace(text.charAt(i + 6))) {
                exported = true;
                i += 6;
                while (i < contentEnd && EnvSyntax.isSpace(text.charAt(i))) {
                    i++;
                }
            }
            int keyStart = i;
            int sep = -1;
            while (i < contentEnd) {
                int c = text.codePointAt(i);
                if (c == '=' || c == ':') {
                    sep = i;
                    break;
                }
                if (!EnvSyntax.isSpace(c) && !EnvSyntax.isKeyChar(c)) {
                    throw error(
                            i,
                            "unexpected character '" + new String(Character.toChars(c))
                                    + "' in a variable name; names hold letters, digits and _ . - [ ]. If this line"
                                    + " is a note, start it with #");
                }
                i += Character.charCount(c);
            }
            String key = EnvSyntax.trimRightUnicode(text.substring(keyStart, sep < 0 ? contentEnd : sep));
            for (int k = 0; k < key.length(); k++) {
                if (EnvSyntax.isSpace(key.charAt(k))) {
                    throw error(keyStart + k, "a variable name cannot contain white space");
                }
            }
            if (key.isEmpty()) {
                throw error(sep < 0 ? keyStart : sep, "a variable name is missing before the '='");
            }
            if (sep < 0) {
                next = nextLine(contentEnd);
                return new EnvLine.Inherited(
                        lineNo, text.substring(lineStart, contentEnd), eolAt(contentEnd), key, exported);
            }
            plainSeparator = text.charAt(sep) == '=' && sep == keyStart + key.length();
            int v = sep + 1;
            while (v < contentEnd && EnvSyntax.isSpace(text.charAt(v))) {
                v++;
            }
            char q = v < contentEnd ? text.charAt(v) : 0;
            if (q == '"' || q == '\'') {
                return quoted(key, exported, v, q);
            }
            String rest = text.substring(v, contentEnd);
            int cut = rest.indexOf(" #");
            String raw = EnvSyntax.trimRightUnicode(cut < 0 ? rest : rest.substring(0, cut));
            String comment = cut < 0 ? "" : EnvSyntax.trimRightUnicode(rest.substring(cut + 1));
            next = nextLine(contentEnd);
            return new EnvLine.Assignment(
                    lineNo,
                    text.substring(lineStart, contentEnd),
                    eolAt(contentEnd),
                    key,
                    exported,
                    Quoting.NONE,
                    raw,
                    v - lineStart,
                    raw,
                    comment);
        }

        private EnvLine quoted(String key, boolean exported, int open, char q) {
            StringBuilder chars = new StringBuilder();
            boolean escape = false;
            int close = -1;
            for (int i = open + 1; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != q) {
                    if (!escape && c == '\\') {
                        escape = true;
                        continue;
                    }
                    if (escape) {
                        escape = false;
                        chars.append('\\');
                    }
                    chars.append(c);
                    continue;
                }
                if (escape) {
                    escape = false;
                    chars.append(c);
                    continue;
                }
                close = i;
                break;
            }
            if (close < 0) {
                throw error(
                        open,
                        "unterminated quoted value: the " + (q == '"' ? "double" : "single") + " quote that opens the"
                                + " value of " + key + " is never closed; add the closing " + q);
            }
            int closeLineStart = text.lastIndexOf('\n', close) + 1;
            int contentEnd = contentEnd(closeLineStart);
            int after = close + 1;
            while (after < contentEnd && EnvSyntax.isUnicodeSpace(text.codePointAt(after))) {
                after += Character.charCount(text.codePointAt(after));
            }
            String comment = "";
            if (after < contentEnd) {
                if (text.charAt(after) != '#') {
                    int line = lineNo
                            + (int) text.substring(lineStart, after)
                                    .chars()
                                    .filter(c -> c == '\n')
                                    .count();
                    throw new ConfigException(
                            source,
                            line,
                            after - closeLineStart + 1,
                            "unexpected text after the closing quote of " + key
                                    + "; Compose would read it as another variable. Put it inside the quotes, or"
                                    + " start a comment with ' #'",
                            null);
                }
                comment = EnvSyntax.trimRightUnicode(text.substring(after, contentEnd));
            }
            String value = q == '"' ? EnvSyntax.expandEscapes(chars.toString()) : chars.toString();
            next = nextLine(contentEnd);
            return new EnvLine.Assignment(
                    lineNo,
                    text.substring(lineStart, contentEnd),
                    eolAt(contentEnd),
                    key,
                    exported,
                    q == '"' ? Quoting.DOUBLE : Quoting.SINGLE,
                    text.substring(open, close + 1),
                    open - lineStart,
                    value,
                    comment);
        }

        private static boolean isExportSpace(char c) {
            // Go's \s in "^export\s+", without the line feed, which ends the line here.
            return c == ' ' || c == '\t' || c == '\f' || c == '\r';
        }

        /** Index of the end of the line's content (before {@code \r\n} or {@code \n}). */
        private int contentEnd(int from) {
            int nl = text.indexOf('\n', from);
            if (nl < 0) {
                return text.length();
            }
            return nl > from && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
        }

        private String eolAt(int contentEnd) {
            return text.substring(contentEnd, nextLine(contentEnd));
        }

        private int nextLine(int contentEnd) {
            int nl = text.indexOf('\n', contentEnd);
            return nl < 0 ? text.length() : nl + 1;
        }

        private ConfigException error(int at, String message) {
            int lineBegin = text.lastIndexOf('\n', at - 1) + 1;
            int line = lineNo
                    + (int) text.substring(lineStart, Math.max(lineStart, at))
                            .chars()
                            .filter(c -> c == '\n')
                            .count();
            return new ConfigException(source, line, at - lineBegin + 1, message, null);
        }
    }
}
