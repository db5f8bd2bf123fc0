package dev.berth.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of versions, as written in a manifest: {@code 1.1} (every {@code 1.1.x}, the usual form of
 * an upgrade stop), {@code 1.1.x} or {@code 1.1.*} (the same), {@code =1.1.3} (that release only),
 * {@code >=1.0 <2}, {@code >1.2}, {@code <=3.4}. Conditions separated by spaces or commas must all
 * hold.
 *
 * @param text the range as written
 * @param conditions the conditions, all of which a version must meet; empty matches every version
 */
public record VersionRange(String text, List<VersionRange.Condition> conditions) {

    public VersionRange {
        conditions = List.copyOf(conditions);
    }

    /** One condition on a version. */
    public sealed interface Condition {
        boolean test(Version v);
    }

    /** Versions that start with the stem: {@code 1.1} holds {@code 1.1}, {@code v1.1.0}, {@code 1.1.7}. */
    public record StartsWith(Version stem) implements Condition {
        @Override
        public boolean test(Version v) {
            return v.startsWith(stem);
        }
    }

    /** A comparison with one version; equal means the same release ({@code 3.4} = {@code v3.4.0}). */
    public record Compare(Operator operator, Version version) implements Condition {
        @Override
        public boolean test(Version v) {
            int c = v.isSameRelease(version) ? 0 : v.compareTo(version);
            return switch (operator) {
                case LESS -> c < 0;
                case AT_MOST -> c <= 0;
                case EQUAL -> c == 0;
                case AT_LEAST -> c >= 0;
                case GREATER -> c > 0;
            };
        }
    }

    /** The comparison operators: {@code <}, {@code <=}, {@code =}, {@code >=}, {@code >}. */
    public enum Operator {
        LESS("<"),
        AT_MOST("<="),
        EQUAL("="),
        AT_LEAST(">="),
        GREATER(">");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * Parses a range.
     *
     * @throws IllegalArgumentException when the text is blank or a condition has no version; the
     *     message says what was expected
     */
    public static VersionRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a version or a range like 1.1, >=1.0 <2, got nothing");
        }
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            Operator op = null;
            for (Operator o : List.of(Operator.AT_MOST, Operator.AT_LEAST, Operator.LESS, Operator.GREATER)) {
                if (part.startsWith(o.symbol())) {
                    op = o;
                    break;
                }
            }
            if (op == null && part.startsWith("=")) {
                op = Operator.EQUAL;
            }
            String v = op == null ? part : part.substring(op.symbol().length()).strip();
            if (op == Operator.EQUAL && v.startsWith("=")) {
                v = v.substring(1);
            }
            if (v.isEmpty()) {
                throw new IllegalArgumentException(
                        "expected a version after \"" + part + "\" in \"" + text.strip() + "\"");
            }
            if (v.equals("*") || v.equalsIgnoreCase("x")) {
                if (op != null) {
                    throw new IllegalArgumentException("\"" + part + "\" compares with a wildcard; write a version");
                }
                continue;
            }
            boolean wildcard = v.endsWith(".x") || v.endsWith(".X") || v.endsWith(".*");
            if (wildcard) {
                if (op != null) {
                    throw new IllegalArgumentException("\"" + part + "\" mixes an operator and a wildcard; write "
                            + op.symbol() + v.substring(0, v.length() - 2) + " or " + v);
                }
                v = v.substring(0, v.length() - 2);
            }
            Version version = Version.parse(v);
            conditions.add(op == null ? new StartsWith(version) : new Compare(op, version));
        }
        return new VersionRange(text.strip(), conditions);
    }

    /** The range of versions that start with {@code stem}. */
    public static VersionRange startingWith(Version stem) {
        return new VersionRange(stem.raw(), List.of(new StartsWith(stem)));
    }

    /** Whether the version meets every condition. */
    public boolean contains(Version v) {
        for (Condition c : conditions) {
            if (!c.test(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every version of the range is older than {@code v}: an installed {@code 1.2.0} is past
     * the stop {@code 1.1}. False when the range has no upper end.
     */
    public boolean isEntirelyBelow(Version v) {
        for (Condition c : conditions) {
            boolean below = switch (c) {
                case StartsWith s -> v.compareToStem(s.stem()) > 0;
                case Compare(Operator op, Version u) ->
                    switch (op) {
                        case LESS -> u.isSameRelease(v) || u.compareTo(v) < 0;
                        case AT_MOST, EQUAL -> !u.isSameRelease(v) && u.compareTo(v) < 0;
                        case AT_LEAST, GREATER -> false;
                    };
            };
            if (below) {
                return true;
            }
        }
        return false;
    }

    /** The lowest version named by the range, used to take stops in order; empty for {@code *}. */
    public Optional<Version> floor() {
        return conditions.stream()
                .map(c -> switch (c) {
                    case StartsWith s -> s.stem();
                    case Compare cmp -> cmp.version();
                })
                .min(Version::compareTo);
    }

    /** How the range reads in a message: {@code 1.1.x} for a stem, else the text as written. */
    public String describe() {
        if (conditions.size() == 1
                && conditions.getFirst() instanceof StartsWith s
                && s.stem().numbers().size() < 3) {
            return s.stem().raw() + ".x";
        }
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
