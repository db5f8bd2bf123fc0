package dev.berth.config.diff;

import dev.berth.config.env.Secrets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the values of secret keys in config text by {@value #MASK} before the text is shown,
 * diffed or logged. It reads lines as env files ({@code KEY=value}, {@code export KEY=value},
 * {@code #KEY=value}) and as YAML ({@code key: value}, {@code - KEY=value}, block scalars under a
 * secret key), and masks the password of any {@code scheme://user:password@host} URL whatever its
 * key. A value that is only a reference to a variable ({@code ${DB_PASSWORD}}) reveals nothing and
 * stays visible. Thread-safe.
 */
public final class SecretMasker {
    /** What a masked value looks like, the same as in every other output ({@link Secrets#MASK}). */
    public static final String MASK = Secrets.MASK;

    /** Appended to a masked line whose secret value differs from the old text's. */
    public static final String CHANGED = " (changed)";

    private static final Pattern URL_CREDENTIALS =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@]*:)([^\\s@/]+)(@)");
    /** {@code NAME=value} inside a line: a comment ({@code # Default: PASSWORD=x}), a command, a query string. */
    private static final Pattern EMBEDDED_ASSIGNMENT = Pattern.compile(
            "(?<![A-Za-z0-9_$])([A-Za-z_][A-Za-z0-9_.-]*)=(\\$\\{[^}]*}|\"[^\"]*\"|'[^']*'|[^\\s\"',;&)\\]}]+)");

    private static final Pattern REFERENCE =
            Pattern.compile("\\$(\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}|[A-Za-z_][A-Za-z0-9_]*)");

    private final Predicate<String> isSecretName;

    /** @param isSecretName whether a variable or key name holds a secret, e.g. {@link #isSecretByName} */
    public SecretMasker(Predicate<String> isSecretName) {
        this.isSecretName = Objects.requireNonNull(isSecretName);
    }

    /** A masker that judges names with {@link #isSecretByName}. */
    public static SecretMasker withDefaultNames() {
        return new SecretMasker(SecretMasker::isSecretByName);
    }

    /**
     * {@link Secrets#isSecretName} for env names and YAML keys alike: camelCase keys of config
     * templates ({@code secretAccessKey}, {@code apiKey}) are judged word by word as
     * {@code SECRET_ACCESS_KEY} and {@code API_KEY} are.
     */
    public static boolean isSecretByName(String name) {
        return Secrets.isSecretName(snakeCase(name));
    }

    /** {@code secretAccessKey} as {@code secret_Access_Key}: an underscore before each capital that follows a lower-case letter. */
    static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1))) {
                sb.append('_');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Whether values of this name are masked. */
    public boolean isSecret(String name) {
        return isSecretName.test(name);
    }

    /**
     * The value as it may be shown: {@value #MASK} when the name is secret and the value is neither
     * empty nor a plain variable reference, else the value with URL passwords masked.
     */
    public String maskValue(String name, String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        if (isSecret(name) && !isReference(value.strip())) {
            return MASK;
        }
        return maskRest(value);
    }

    /** One line masked on its own (without the context of a block scalar that began above it). */
    public String maskLine(String line) {
        return scanAll(List.of(line)).masked.getFirst();
    }

    /** Lines masked, following block scalars and open quotes of secret values across lines; same count of lines. */
    public List<String> maskLines(List<String> lines) {
        return List.copyOf(scanAll(lines).masked);
    }

    /**
     * The old and the new text of a file masked for a diff: a secret whose value changed shows as
     * {@code KEY=******** (changed)} in the new text, so the diff shows that it changed without
     * revealing either value; an unchanged secret masks to the same line on both sides.
     */
    public MaskedPair maskPair(List<String> oldLines, List<String> newLines) {
        Scan before = scanAll(oldLines);
        Scan after = scanAll(newLines);
        List<String> masked = new ArrayList<>(after.masked);
        for (int i = 0; i < masked.size(); i++) {
            String slot = after.slots[i];
            if (slot != null
                    && before.values.containsKey(slot)
                    && !before.values.get(slot).equals(after.values.get(slot))) {
                masked.set(i, masked.get(i) + CHANGED);
            }
        }
        return new MaskedPair(before.masked, masked);
    }

    /** The two sides of a diff after masking; holds no secret values. */
    public record MaskedPair(List<String> oldLines, List<String> newLines) {
        public MaskedPair {
            oldLines = List.copyOf(oldLines);
            newLines = List.copyOf(newLines);
        }
    }

    private static boolean isReference(String value) {
        return REFERENCE.matcher(value).matches();
    }

    /** URL passwords and embedded {@code SECRET=value} pairs masked in free text. */
    private String maskRest(String text) {
        Matcher m = EMBEDDED_ASSIGNMENT.matcher(maskUrls(text));
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            boolean quoted = value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'');
            String inner = quoted ? value.substring(1, value.length() - 1) : value;
            String replacement = !isSecret(m.group(1)) || inner.isEmpty() || inner.equals(MASK) || isReference(inner)
                    ? m.group()
                    : m.group(1) + "=" + (quoted ? value.charAt(0) + MASK + value.charAt(0) : MASK);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String maskUrls(String text) {
        Matcher m = URL_CREDENTIALS.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String password = m.group(2);
            String replacement = isReference(password) ? m.group() : m.group(1) + MASK + m.group(3);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Masked lines, plus for each line holding a secret the slot it fills and (internally only) its raw value. */
    private static final class Scan {
        final List<String> masked = new ArrayList<>();
        final String[] slots;
        final Map<String, String> values = new HashMap<>();

        Scan(int size) {
            slots = new String[size];
        }
    }

    private record Frame(int indent, String key) {}

    private Scan scanAll(List<String> lines) {
        Scan scan = new Scan(lines.size());
        Deque<Frame> path = new ArrayDeque<>();
        Map<String, Integer> seen = new HashMap<>();
        int blockIndent = -1; // >= 0 while inside the block scalar of a secret key
        String blockSlot = null;
        char openQuote = 0; // set while inside a multi-line quoted secret value
        String openSlot = null;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (blockIndent >= 0) {
                int indent = indentOf(line);
                if (line.isBlank() || indent > blockIndent) {
                    scan.masked.add(line.isBlank() ? line : line.substring(0, indent) + MASK);
                    scan.values.merge(blockSlot, line, (a, b) -> a + "\n" + b);
                    continue;
                }
                blockIndent = -1;
            }
            if (openQuote != 0) {
                int close = closingQuote(line, 0, openQuote);
                scan.values.merge(openSlot, close < 0 ? line : line.substring(0, close), (a, b) -> a + "\n" + b);
                if (close < 0) {
                    scan.masked.add(line.isEmpty() ? line : MASK);
                    continue;
                }
                scan.masked.add(MASK + maskRest(line.substring(close)));
                openQuote = 0;
                continue;
            }
            KeyLine kl = KeyLine.parse(line);
            if (kl == null) {
                scan.masked.add(maskRest(line));
                continue;
            }
            String slot = slotOf(kl, path, seen);
            if (kl.yaml() && !kl.commented()) {
                while (!path.isEmpty() && path.peek().indent() >= kl.keyColumn()) {
                    path.pop();
                }
                if (kl.valueStart() >= line.length() || line.charAt(kl.valueStart()) == '#') {
                    path.push(new Frame(kl.keyColumn(), kl.key()));
                }
            }
            if (!isSecret(kl.key())) {
                scan.masked.add(maskRest(line));
                continue;
            }
            Value v = Value.find(line, kl);
            if (v.blockScalar()) {
                scan.masked.add(maskRest(line));
                scan.slots[n] = slot;
                scan.values.put(slot, "");
                blockIndent = indentOf(line);
                blockSlot = slot;
                continue;
            }
            String raw = line.substring(v.start(), v.end());
            if (raw.isEmpty() || isReference(raw)) {
                scan.masked.add(maskRest(line));
                continue;
            }
            scan.slots[n] = slot;
            scan.values.put(slot, raw);
            scan.masked.add(maskRest(line.substring(0, v.start())) + MASK + maskRest(line.substring(v.end())));
            if (v.openQuote() != 0) {
                openQuote = v.openQuote();
                openSlot = slot;
            }
        }
        return scan;
    }

    private static String slotOf(KeyLine kl, Deque<Frame> path, Map<String, Integer> seen) {
        StringBuilder sb = new StringBuilder(kl.commented() ? "#" : "");
        if (kl.yaml()) {
            List<Frame> outer = new ArrayList<>(path);
            for (int i = outer.size() - 1; i >= 0; i--) {
                if (outer.get(i).indent() < kl.keyColumn()) {
                    sb.append(outer.get(i).key()).append('/');
                }
            }
        }
        sb.append(kl.key());
        String base = sb.toString();
        int count = seen.merge(base, 1, Integer::sum);
        return count == 1 ? base : base + "@" + count;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Index of the quote that closes a value opened before {@code from}, or -1. */
    static int closingQuote(String line, int from, char quote) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * A line that assigns a value to a key: {@code KEY=value}, {@code export KEY=value},
     * {@code #KEY=value}, {@code - KEY=value}, {@code - "KEY=value"}, {@code key: value}.
     *
     * @param itemQuote the quote around a whole list item ({@code - "KEY=value"}), or 0
     * @param valueStart index of the first character after the separator and its blanks
     */
    private record KeyLine(String key, int keyColumn, boolean yaml, boolean commented, char itemQuote, int valueStart) {

        static KeyLine parse(String line) {
            int i = indentOf(line);
            boolean commented = false;
            if (i < line.length() && line.charAt(i) == '#') {
                commented = true;
                i++;
                while (i < line.length() && line.charAt(i) == ' ') {
                    i++;
                }
            }
            if (i < line.length() && line.charAt(i) == '-' && (i + 1 == line.length() || line.charAt(i + 1) == ' ')) {
                i = indentAfter(line, i + 1);
            }
            if (line.startsWith("export ", i)) {
                i = indentAfter(line, i + 6);
            }
            char quote = 0;
            if (i < line.length() && (line.charAt(i) == '"' || line.charAt(i) == '\'')) {
                quote = line.charAt(i++);
            }
            int keyStart = i;
            while (i < line.length() && isKeyChar(line.charAt(i))) {
                i++;
            }
            if (i == keyStart) {
                return null;
            }
            String key = line.substring(keyStart, i);
            if (quote != 0 && i < line.length() && line.charAt(i) == quote) {
                quote = 0; // a quoted YAML key: "password": x
                i++;
            }
            int sep = indentAfter(line, i);
            if (sep < line.length() && line.charAt(sep) == '=') {
                return new KeyLine(key, keyStart, false, commented, quote, indentAfter(line, sep + 1));
            }
            boolean colon = sep < line.length()
                    && line.charAt(sep) == ':'
                    && (sep + 1 == line.length() || line.charAt(sep + 1) == ' ' || line.charAt(sep + 1) == '\t');
            if (colon && quote == 0) {
                return new KeyLine(key, keyStart, true, commented, (char) 0, indentAfter(line, sep + 1));
            }
            return null;
        }

        private static int indentAfter(String line, int i) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            return i;
        }

        private static boolean isKeyChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
        }
    }

    /** Where the value sits on its key line: [start, end), and how it continues onto later lines. */
    private record Value(int start, int end, boolean blockScalar, char openQuote) {

        static Value find(String line, KeyLine kl) {
            int start = kl.valueStart();
            if (kl.itemQuote() != 0) {
                int close = line.lastIndexOf(kl.itemQuote());
                int end = close >= start ? close : line.length();
                return new Value(start, end, false, (char) 0);
            }
            if (start < line.length() && (line.charAt(start) == '"' || line.charAt(start) == '\'')) {
                char q = line.charAt(start);
                int close = closingQuote(line, start + 1, q);
                return close < 0
                        ? new Value(start + 1, line.length(), false, q)
                        : new Value(start + 1, close, false, (char) 0);
            }
            if (kl.yaml() && start < line.length() && (line.charAt(start) == '|' || line.charAt(start) == '>')) {
                return new Value(start, start, true, (char) 0);
            }
            int end = line.length();
            for (int i = start; i < line.length(); i++) {
                if (line.charAt(i) == '#' && i > 0 && Character.isWhitespace(line.charAt(i - 1))) {
                    end = i;
                    break;
                }
            }
            while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
                end--;
            }
            return new Value(start, end, false, (char) 0);
        }
    }
}
