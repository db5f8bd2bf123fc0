package dev.berth.config.compose;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Variable interpolation exactly as the compose specification ("Interpolation") and compose-go's
 * {@code template/template.go} (v2.13) define it:
 *
 * <ul>
 *   <li>{@code $$} is a literal {@code $};
 *   <li>{@code $NAME} takes the longest name matching {@code [_a-zA-Z][_a-zA-Z0-9]*};
 *   <li>{@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?msg}},
 *       {@code ${NAME?msg}}, {@code ${NAME:+alt}}, {@code ${NAME+alt}}; the default, alternative
 *       and message are interpolated themselves (nesting), and only when they are used;
 *   <li>an operator expression runs to the first balanced {@code }} and is only recognised when a
 *       {@code }} follows on the same line;
 *   <li>{@code $} followed by anything else is kept as written; {@code ${} followed by anything
 *       that is not a valid expression ({@code ${}}, {@code ${1}}, {@code ${A:x}}, an unclosed
 *       {@code ${A:-x}) is an {@link InterpolationException};
 *   <li>an unset variable without default becomes the empty string and is recorded in {@link
 *       #unsetVariables()} (compose warns about it).
 * </ul>
 *
 * Not thread-safe: one instance collects the unset names of one load.
 */
public final class Interpolator {
    /** Nesting depth of defaults ({@code ${A:-${B:-...}}}) beyond which a value is refused. */
    public static final int MAX_DEPTH = 100;

    private final Map<String, String> variables;
    private final Set<String> unset = new LinkedHashSet<>();

    /** @param variables the values to substitute; a variable is set when it is a key, even when empty */
    public Interpolator(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /**
     * Interpolates one value.
     *
     * @throws InterpolationException when the value holds an invalid {@code ${...}} expression or
     *     nests deeper than {@link #MAX_DEPTH}
     * @throws MissingVariableException when a required variable ({@code ?} or {@code :?}) has no value
     */
    public String interpolate(String template) {
        Objects.requireNonNull(template, "template");
        return substitute(template, 0);
    }

    /** Names of the variables that were referenced without default and were not set, in order. */
    public Set<String> unsetVariables() {
        return Set.copyOf(unset);
    }

    /** One warning per unset variable, worded as compose words it. */
    public List<String> warnings() {
        return unset.stream()
                .map(n -> "The \"" + n + "\" variable is not set. Defaulting to a blank string.")
                .toList();
    }

    private String substitute(String s, int depth) {
        int i = s.indexOf('$');
        if (i < 0) {
            return s;
        }
        if (depth > MAX_DEPTH) {
            throw new InterpolationException(
                    null, 0, 0, s, "interpolation is nested deeper than " + MAX_DEPTH + " levels");
        }
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int pos = 0;
        while (i >= 0 && i + 1 < n) {
            char c = s.charAt(i + 1);
            if (c == '$') {
                out.append(s, pos, i).append('$');
                pos = i + 2;
            } else if (isNameStart(c)) {
                int end = i + 2;
                while (end < n && isNameChar(s.charAt(end))) {
                    end++;
                }
                out.append(s, pos, i).append(valueOrBlank(s.substring(i + 1, end)));
                pos = end;
            } else if (c == '{') {
                pos = braced(s, i, pos, out, depth);
            } else {
                // "$" followed by anything else is not a template: compose keeps it as written.
                i = s.indexOf('$', i + 1);
                continue;
            }
            i = s.indexOf('$', pos);
        }
        return out.append(s, pos, n).toString();
    }

    /** Handles the {@code ${} at {@code i}; returns the index where scanning resumes. */
    private int braced(String s, int i, int pos, StringBuilder out, int depth) {
        int n = s.length();
        int j = i + 2;
        if (j < n && isNameStart(s.charAt(j))) {
            int k = j + 1;
            while (k < n && isNameChar(s.charAt(k))) {
                k++;
            }
            String name = s.substring(j, k);
            if (k < n && s.charAt(k) == '}') {
                out.append(s, pos, i).append(valueOrBlank(name));
                return k + 1;
            }
            String op = null;
            if (k + 1 < n && s.charAt(k) == ':' && isOperator(s.charAt(k + 1))) {
                op = s.substring(k, k + 2);
            } else if (k < n && isOperator(s.charAt(k))) {
                op = s.substring(k, k + 1);
            }
            if (op != null) {
                int argStart = k + op.length();
                int lineEnd = s.indexOf('\n', argStart);
                int last = s.lastIndexOf('}', (lineEnd < 0 ? n : lineEnd) - 1);
                if (last >= argStart) {
                    // compose-go's regex matches up to the last "}" of the line, then cuts at the
                    // first balanced one; the remainder is interpolated like any other text.
                    int close = firstBalancedClose(s, i, last + 1);
                    int headEnd = close >= 0 ? close + 1 : last + 1;
                    String arg = s.substring(argStart, headEnd - 1);
                    out.append(s, pos, i).append(apply(name, op, arg, depth));
                    return headEnd;
                }
            }
        }
        throw new InterpolationException(null, 0, 0, s, "invalid interpolation format: \"" + s + "\"");
    }

    private String apply(String name, String op, String arg, int depth) {
        String v = variables.get(name);
        return switch (op) {
            case ":-" -> v == null || v.isEmpty() ? substitute(arg, depth + 1) : v;
            case "-" -> v == null ? substitute(arg, depth + 1) : v;
            case ":+" -> v != null && !v.isEmpty() ? substitute(arg, depth + 1) : (v == null ? "" : v);
            case "+" -> v != null ? substitute(arg, depth + 1) : "";
            case ":?" -> {
                if (v == null || v.isEmpty()) {
                    throw new MissingVariableException(null, 0, 0, name, substitute(arg, depth + 1));
                }
                yield v;
            }
            case "?" -> {
                if (v == null) {
                    throw new MissingVariableException(null, 0, 0, name, substitute(arg, depth + 1));
                }
                yield v;
            }
            default -> throw new IllegalStateException("operator " + op);
        };
    }

    private String valueOrBlank(String name) {
        String v = variables.get(name);
        if (v == null) {
            unset.add(name);
            return "";
        }
        return v;
    }

    /**
     * compose-go's {@code getFirstBraceClosingIndex}: counts every "{" (skipping the character after
     * it) and every "}", returning the "}" that brings the count back to zero, or -1.
     */
    private static int firstBalancedClose(String s, int from, int to) {
        int open = 0;
        for (int x = from; x < to; x++) {
            char ch = s.charAt(x);
            if (ch == '}') {
                open--;
                if (open == 0) {
                    return x;
                }
            }
            if (ch == '{') {
                open++;
                x++;
            }
        }
        return -1;
    }

    private static boolean isOperator(char c) {
        return c == '-' || c == '+' || c == '?';
    }

    // Go's case-insensitive [a-z] also matches the Kelvin sign and the long s (Unicode case folding).
    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\u212A' || c == '\u017F';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
