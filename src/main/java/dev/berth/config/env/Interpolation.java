package dev.berth.config.env;

import dev.berth.config.ConfigException;
import java.util.Optional;

/**
 * Docker Compose's variable substitution, as compose-go's {@code template.Substitute} does it for
 * values of {@code .env} files (and for compose files):
 *
 * <ul>
 *   <li>{@code $$} is a literal {@code $}.
 *   <li>{@code $NAME} and {@code ${NAME}}: the value of NAME, or the empty string when unset. NAME
 *       is {@code [_a-zA-Z][_a-zA-Z0-9]*}.
 *   <li>{@code ${NAME:-default}} default when unset or empty; {@code ${NAME-default}} when unset.
 *   <li>{@code ${NAME:+alt}} alt when set and not empty; {@code ${NAME+alt}} alt when set.
 *   <li>{@code ${NAME:?message}} refuses when unset or empty; {@code ${NAME?message}} when unset.
 *   <li>The default, alt and message are themselves substituted (so {@code ${A:-${B}}} nests);
 *       the closing brace is found by counting {@code ${} openings, as compose-go's
 *       {@code getFirstBraceClosingIndex} does.
 *   <li>Any other {@code $} (followed by a digit, a space, {@code (}, the end of the text, or an
 *       unclosed or malformed brace) is an invalid template: compose refuses the whole file, so
 *       this throws too.
 * </ul>
 *
 * Known deviation: compose-go ignores an error inside text that follows a nested expression in
 * one regex match; here such an error is reported.
 */
public final class Interpolation {
    private Interpolation() {}

    /**
     * Where a template comes from, for error messages. Messages never quote the template itself,
     * since it may hold a secret.
     *
     * @param source the file, as the user knows it
     * @param line 1-based line in that file, 0 when unknown
     * @param what what the text is, e.g. "the value of DB_URL"
     */
    public record Origin(String source, int line, String what) {}

    /**
     * Substitutes every reference in {@code template}.
     *
     * @throws ConfigException when the template is invalid or a required variable is missing
     */
    public static String substitute(String template, VariableLookup lookup, Origin origin) {
        return new Run(lookup, origin).substitute(template);
    }

    /** Whether {@code text} refers to any variable (a {@code $} that is not part of {@code $$}). */
    public static boolean hasReferences(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '$') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '$') {
                    i++;
                } else {
                    return true;
                }
            }
        }
        return false;
    }

    /** Escapes every {@code $} as {@code $$}, so that substitution yields {@code literal}. */
    public static String escape(String literal) {
        return literal.replace("$", "$$");
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private record Run(VariableLookup lookup, Origin origin) {

        String substitute(String s) {
            StringBuilder out = new StringBuilder(s.length());
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != '$') {
                    out.append(c);
                    i++;
                    continue;
                }
                char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                if (next == '$') {
                    out.append('$');
                    i += 2;
                } else if (isNameStart(next)) {
                    int end = nameEnd(s, i + 1);
                    out.append(lookup.find(s.substring(i + 1, end)).orElse(""));
                    i = end;
                } else if (next == '{') {
                    i = braced(s, i, out);
                } else {
                    throw invalid(s, i);
                }
            }
            return out.toString();
        }

        /** Handles {@code ${...}} starting at {@code start}; returns the index after it. */
        private int braced(String s, int start, StringBuilder out) {
            int nameStart = start + 2;
            if (nameStart >= s.length() || !isNameStart(s.charAt(nameStart))) {
                throw invalid(s, start);
            }
            int nameEnd = nameEnd(s, nameStart);
            String name = s.substring(nameStart, nameEnd);
            if (nameEnd < s.length() && s.charAt(nameEnd) == '}') {
                out.append(lookup.find(name).orElse(""));
                return nameEnd + 1;
            }
            String op = operator(s, nameEnd);
            if (op == null) {
                throw invalid(s, start);
            }
            int argStart = nameEnd + op.length();
            int close = closingBrace(s, start);
            if (close < 0) {
                throw invalid(s, start);
            }
            String arg = substitute(s.substring(argStart, close));
            Optional<String> value = lookup.find(name);
            boolean set = value.isPresent();
            boolean nonEmpty = set && !value.get().isEmpty();
            String result = switch (op) {
                case ":-" -> nonEmpty ? value.get() : arg;
                case "-" -> set ? value.get() : arg;
                case ":+" -> nonEmpty ? arg : value.orElse("");
                case "+" -> set ? arg : "";
                case ":?" -> {
                    if (!nonEmpty) {
                        throw missing(name, arg);
                    }
                    yield value.get();
                }
                case "?" -> {
                    if (!set) {
                        throw missing(name, arg);
                    }
                    yield value.get();
                }
                default -> throw new IllegalStateException("operator " + op);
            };
            out.append(result);
            return close + 1;
        }

        private static int nameEnd(String s, int from) {
            int i = from;
            while (i < s.length() && isNamePart(s.charAt(i))) {
                i++;
            }
            return i;
        }

        private static String operator(String s, int at) {
            for (String op : new String[] {":-", ":+", ":?", "-", "+", "?"}) {
                if (s.startsWith(op, at)) {
                    return op;
                }
            }
            return null;
        }

        /** The index of the brace that closes the {@code ${} at {@code start}, or -1. */
        private static int closingBrace(String s, int start) {
            int open = 0;
            for (int i = start; i < s.length(); i++) {
                if (s.charAt(i) == '}') {
                    open--;
                    if (open == 0) {
                        return i;
                    }
                } else if (s.startsWith("${", i)) {
                    open++;
                    i++;
                }
            }
            return -1;
        }

        private ConfigException invalid(String template, int at) {
            return new ConfigException(
                    origin.source(),
                    origin.line(),
                    "invalid variable reference in " + origin.what() + " (the '$' at character " + (at + 1)
                            + " of " + template.length() + "): Docker Compose refuses a '$' that does not"
                            + " start $NAME, ${NAME} or ${NAME:-default}; write $$ for a literal '$', or"
                            + " put the value in single quotes");
        }

        private ConfigException missing(String name, String message) {
            return new ConfigException(
                    origin.source(),
                    origin.line(),
                    "required variable " + name + " is missing a value (" + message + ") in " + origin.what() + "; set "
                            + name + " in the environment or earlier in the file");
        }
    }
}
