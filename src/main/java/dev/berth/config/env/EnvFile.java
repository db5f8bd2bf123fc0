package dev.berth.config.env;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed env file: its entries in order, each with its exact text, so that {@link EnvWriter} writes
 * the same bytes back. Immutable; the {@code with...} methods return a new file in which only the
 * changed entry differs.
 *
 * @param source the file name, for messages
 * @param bom whether the file starts with a UTF-8 byte order mark (kept on write)
 * @param lines the entries, in file order
 */
public record EnvFile(String source, boolean bom, List<EnvLine> lines) {

    public EnvFile {
        Objects.requireNonNull(source, "source");
        lines = List.copyOf(lines);
    }

    /** An empty file. */
    public static EnvFile empty(String source) {
        return new EnvFile(source, false, List.of());
    }

    /** A key set more than once; Compose takes the last. */
    public record Duplicate(String key, List<Integer> lines) {
        public Duplicate {
            lines = List.copyOf(lines);
        }
    }

    /** The whole text, without the byte order mark. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (EnvLine l : lines) {
            sb.append(l.text()).append(l.eol());
        }
        return sb.toString();
    }

    /** The active assignments, in file order (duplicates included). */
    public List<EnvLine.Assignment> assignments() {
        List<EnvLine.Assignment> out = new ArrayList<>();
        for (EnvLine l : lines) {
            if (l instanceof EnvLine.Assignment a) {
                out.add(a);
            }
        }
        return out;
    }

    /** The commented-out assignments ({@code #KEY=value}), in file order. */
    public List<EnvLine.CommentedAssignment> commentedOut() {
        List<EnvLine.CommentedAssignment> out = new ArrayList<>();
        for (EnvLine l : lines) {
            if (l instanceof EnvLine.CommentedAssignment c) {
                out.add(c);
            }
        }
        return out;
    }

    /** The assignment Compose uses for {@code key}: the last one. */
    public Optional<EnvLine.Assignment> assignment(String key) {
        EnvLine.Assignment found = null;
        for (EnvLine l : lines) {
            if (l instanceof EnvLine.Assignment a && a.key().equals(key)) {
                found = a;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code key} is set by an active line (assignment or inherited name). */
    public boolean isSet(String key) {
        for (EnvLine l : lines) {
            if ((l instanceof EnvLine.Assignment a && a.key().equals(key))
                    || (l instanceof EnvLine.Inherited i && i.key().equals(key))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The decoded, uninterpolated value of every key (see {@link EnvLine.Assignment#value()}), last
     * one winning, in the order keys first appear. Inherited names are absent.
     */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        for (EnvLine.Assignment a : assignments()) {
            out.put(a.key(), a.value());
        }
        return out;
    }

    /** Keys set more than once, with the lines that set them. */
    public List<Duplicate> duplicates() {
        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        for (EnvLine l : lines) {
            if (l instanceof EnvLine.Assignment a) {
                seen.computeIfAbsent(a.key(), k -> new ArrayList<>()).add(a.line());
            } else if (l instanceof EnvLine.Inherited i) {
                seen.computeIfAbsent(i.key(), k -> new ArrayList<>()).add(i.line());
            }
        }
        List<Duplicate> out = new ArrayList<>();
        seen.forEach((k, v) -> {
            if (v.size() > 1) {
                out.add(new Duplicate(k, v));
            }
        });
        return out;
    }

    /**
     * The values Compose gets from this file, exactly as compose-go's {@code GetEnvFromFile}
     * computes them: in file order, each unquoted or double-quoted value is interpolated, looking
     * names up in {@code outside} first (the environment, earlier env files) and then in the keys
     * already read from this file; single-quoted values are taken as they are; an inherited name
     * takes its value from {@code outside}, or stays unset. The last assignment of a key wins.
     *
     * @throws ConfigException when a value has an invalid reference or a required variable is missing
     */
    public Map<String, String> resolve(VariableLookup outside) {
        Map<String, String> out = new LinkedHashMap<>();
        VariableLookup lookup = outside.orElse(VariableLookup.of(out));
        for (EnvLine l : lines) {
            switch (l) {
                case EnvLine.Assignment a -> {
                    String v = a.quoting().interpolates()
                            ? Interpolation.substitute(
                                    a.value(),
                                    lookup,
                                    new Interpolation.Origin(source, a.line(), "the value of " + a.key()))
                            : a.value();
                    out.put(a.key(), v);
                }
                case EnvLine.Inherited i -> outside.find(i.key()).ifPresent(v -> out.put(i.key(), v));
                case EnvLine.Blank b -> {}
                case EnvLine.Comment c -> {}
                case EnvLine.CommentedAssignment c -> {}
            }
        }
        return out;
    }

    /** The line ending most lines use ({@code "\r\n"} or {@code "\n"}), for lines Berth adds. */
    public String lineEnding() {
        int crlf = 0;
        int lf = 0;
        for (EnvLine l : lines) {
            String text = l.text();
            lf += (int) text.chars().filter(c -> c == '\n').count();
            crlf += countCrlf(text);
            if (l.eol().equals("\r\n")) {
                crlf++;
            } else if (l.eol().equals("\n")) {
                lf++;
            }
        }
        return crlf > lf - crlf ? "\r\n" : "\n";
    }

    private static int countCrlf(String text) {
        int n = 0;
        for (int i = text.indexOf("\r\n"); i >= 0; i = text.indexOf("\r\n", i + 2)) {
            n++;
        }
        return n;
    }

    /**
     * Sets {@code key} to the literal {@code value} (no interpolation: {@code $} stays {@code $}),
     * quoting it as needed. The last active line of the key is rewritten in place (its comment kept);
     * if the key is only commented out, the first such line becomes active; otherwise a line is
     * appended. Every other entry keeps its bytes.
     */
    public EnvFile withValue(String key, String value) {
        return withRawValue(key, EnvSyntax.encode(value));
    }

    /**
     * Like {@link #withValue} but with the value as it is to be written ({@code "a b"}, {@code
     * ${OTHER}}): for carrying a value over byte for byte.
     *
     * @throws IllegalArgumentException when {@code key} is not a valid name or {@code rawValue} does
     *     not parse as one value on its own
     */
    public EnvFile withRawValue(String key, String rawValue) {
        requireValidKey(key);
        EnvLine.Assignment expected = assignmentOf(key, rawValue);
        List<String> chunks = chunks();
        int index = lastIndexOf(key);
        if (index >= 0) {
            EnvLine.Assignment a = (EnvLine.Assignment) lines.get(index);
            chunks.set(index, replacedText(a, rawValue, expected) + a.eol());
            return reparse(chunks);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof EnvLine.CommentedAssignment c && c.key().equals(key)) {
                chunks.set(i, activatedText(c, rawValue, expected) + c.eol());
                return reparse(chunks);
            }
        }
        return withAddedRaw(key, rawValue);
    }

    /** Appends {@code key=value} (literal value, quoted as needed) at the end of the file. */
    public EnvFile withAdded(String key, String value) {
        requireValidKey(key);
        return withAddedRaw(key, EnvSyntax.encode(value));
    }

    private EnvFile withAddedRaw(String key, String rawValue) {
        assignmentOf(key, rawValue);
        String eol = lineEnding();
        List<String> chunks = chunks();
        if (!lines.isEmpty() && lines.getLast().eol().isEmpty()) {
            chunks.set(chunks.size() - 1, lines.getLast().text() + eol);
        }
        chunks.add(key + "=" + rawValue + eol);
        return reparse(chunks);
    }

    /** Removes every active line of {@code key}; the rest stays byte for byte. */
    public EnvFile without(String key) {
        List<String> chunks = new ArrayList<>();
        for (EnvLine l : lines) {
            if (!isActive(l, key)) {
                chunks.add(l.text() + l.eol());
            }
        }
        if (!chunks.isEmpty()
                && !lines.isEmpty()
                && lines.getLast().eol().isEmpty()
                && isActive(lines.getLast(), key)) {
            // The removed last line had no line ending: the file keeps ending without one.
            String last = chunks.removeLast();
            chunks.add(
                    last.endsWith("\r\n")
                            ? last.substring(0, last.length() - 2)
                            : last.substring(0, last.length() - 1));
        }
        return reparse(chunks);
    }

    /** Turns every active line of {@code key} into a comment ({@code #KEY=value}). */
    public EnvFile withCommentedOut(String key) {
        List<String> chunks = new ArrayList<>();
        for (EnvLine l : lines) {
            chunks.add(isActive(l, key) ? "#" + l.text().replace("\n", "\n#") + l.eol() : l.text() + l.eol());
        }
        return reparse(chunks);
    }

    private List<String> chunks() {
        List<String> out = new ArrayList<>(lines.size());
        for (EnvLine l : lines) {
            out.add(l.text() + l.eol());
        }
        return out;
    }

    private static boolean isActive(EnvLine l, String key) {
        return (l instanceof EnvLine.Assignment a && a.key().equals(key))
                || (l instanceof EnvLine.Inherited i && i.key().equals(key));
    }

    private int lastIndexOf(String key) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i) instanceof EnvLine.Assignment a && a.key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text of {@code a} with its raw value replaced and its indent, {@code export} and comment
     * kept; when the comment would change how the value reads, a space is put before it, and when
     * that does not help the line becomes a plain {@code KEY=raw}.
     */
    static String replacedText(EnvLine.Assignment a, String rawValue, EnvLine.Assignment expected) {
        String text = a.textWithRawValue(rawValue);
        if (sameEntry(parseOne(text), expected)) {
            return text;
        }
        text = a.textWithRawValue(rawValue + " ");
        if (sameEntry(parseOne(text), expected)) {
            return text;
        }
        return indentOf(a.text()) + (a.exported() ? "export " : "") + a.key() + "=" + rawValue;
    }

    /** The text of a commented-out line made active with {@code rawValue}, its indent and comment kept. */
    static String activatedText(EnvLine.CommentedAssignment c, String rawValue, EnvLine.Assignment expected) {
        String indent = indentOf(c.text());
        EnvLine.Assignment inner = parseOne(indent + c.uncommentedText());
        if (inner != null && inner.key().equals(c.key())) {
            return replacedText(inner, rawValue, expected);
        }
        return indent + c.key() + "=" + rawValue;
    }

    private static String indentOf(String text) {
        int i = 0;
        while (i < text.length() && EnvSyntax.isUnicodeSpace(text.charAt(i))) {
            i++;
        }
        return text.substring(0, i);
    }

    private static boolean sameEntry(EnvLine.Assignment a, EnvLine.Assignment b) {
        return a != null
                && b != null
                && a.key().equals(b.key())
                && a.quoting() == b.quoting()
                && a.rawValue().equals(b.rawValue())
                && a.value().equals(b.value());
    }

    /** Parses {@code text} as one entry; null when it is not exactly one assignment. */
    static EnvLine.Assignment parseOne(String text) {
        try {
            EnvFile f = EnvParser.parse("", text);
            return f.lines().size() == 1 && f.lines().getFirst() instanceof EnvLine.Assignment a ? a : null;
        } catch (ConfigException e) {
            // Not one valid assignment: the callers fall back to a plain line.
            return null;
        }
    }

    /** The assignment {@code key=rawValue}, checking that the raw value reads as one value. */
    static EnvLine.Assignment assignmentOf(String key, String rawValue) {
        EnvLine.Assignment a = parseOne(key + "=" + rawValue);
        if (a == null || !a.key().equals(key) || !a.rawValue().equals(rawValue)) {
            throw new IllegalArgumentException("the value given for " + key + " is not one env value on its own");
        }
        return a;
    }

    private static void requireValidKey(String key) {
        if (!EnvSyntax.isValidKey(key)) {
            throw new IllegalArgumentException(
                    "\"" + key + "\" is not a variable name; names hold letters, digits and _ . - [ ]");
        }
    }

    private EnvFile reparse(List<String> chunks) {
        EnvFile parsed = EnvParser.parse(source, String.join("", chunks));
        return new EnvFile(source, bom, parsed.lines());
    }
}
