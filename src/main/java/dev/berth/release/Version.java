package dev.berth.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version as upstream projects spell it: {@code 1.10.0}, {@code v3.8}, {@code stable-7439},
 * {@code 2021-06-15_4e0749c}, {@code 2024-11b}, {@code v0.14-dev}, {@code v3.7.0-v1.7.0}.
 *
 * <p>Versions order naturally: numbers compare as numbers after an optional leading {@code v}
 * ({@code v3.8 < v3.10}, {@code 1.9 < 1.10.0}); dates compare by date; a word before the numbers
 * ({@code stable-}) is a channel that must match first. What follows the numbers is a qualifier:
 * a pre-release word ({@code dev}, {@code alpha}, {@code beta}, {@code rc}, ...) sorts before the
 * plain release ({@code 1.0.0-rc1 < 1.0.0}), anything else ({@code 0.9.1-fix1}, {@code 2024-11b},
 * {@code 3.7.0-v1.7.0}) is a later build of the same release and sorts after it. Build metadata
 * ({@code +build}, a commit after a date such as {@code _4e0749c}) does not change the order.
 *
 * <p>Parsing never throws: a string without digits becomes a channel-only version that sorts
 * lexically. The order is total and consistent with {@link #equals}: versions of equal precedence
 * that are spelled differently ({@code 3.4} and {@code v3.4.0}) are ordered by their text; use
 * {@link #isSameRelease} to ask whether two spellings mean the same release.
 */
public final class Version implements Comparable<Version> {
    private static final Pattern DATE = Pattern.compile("^((?:19|20)\\d\\d)-(\\d{1,2})(?:-(\\d{1,2}))?(?!\\d)");
    private static final Pattern NUMBERS = Pattern.compile("^\\d+(?:\\.\\d+)*");
    private static final Pattern COMMIT = Pattern.compile("[_+]([0-9a-fA-F]{7,40})$");
    private static final Pattern TOKEN = Pattern.compile("\\d+|[A-Za-z]+");

    /** Qualifier words that mark a pre-release, ranked in release order. */
    private static final List<List<String>> PRE_RELEASE_WORDS = List.of(
            List.of("dev", "snapshot", "nightly", "canary", "unstable", "devel", "night"),
            List.of("alpha", "a"),
            List.of("beta", "b", "milestone", "m"),
            List.of("pre", "preview", "ea"),
            List.of("rc", "cr"));

    private final String raw;
    private final String channel;
    private final long[] numbers;
    private final Kind kind;
    private final List<Object> qualifier;

    private enum Kind {
        PRE_RELEASE,
        RELEASE,
        LATER_BUILD
    }

    private Version(String raw) {
        this.raw = raw;
        String s = raw.strip();
        int plus = s.indexOf('+');
        if (plus > 0) {
            s = s.substring(0, plus);
        }
        Matcher commit = COMMIT.matcher(s);
        if (commit.find() && commit.start() > 0 && Character.isDigit(s.charAt(commit.start() - 1))) {
            s = s.substring(0, commit.start());
        }
        int firstDigit = 0;
        while (firstDigit < s.length() && !Character.isDigit(s.charAt(firstDigit))) {
            firstDigit++;
        }
        String prefix = s.substring(0, firstDigit);
        String rest = s.substring(firstDigit);
        this.channel = normaliseChannel(prefix, rest.isEmpty());
        List<Long> nums = new ArrayList<>();
        Matcher date = DATE.matcher(rest);
        Matcher plain = NUMBERS.matcher(rest);
        int end;
        if (date.find()) {
            for (int g = 1; g <= 3; g++) {
                if (date.group(g) != null) {
                    nums.add(parseLong(date.group(g)));
                }
            }
            end = date.end();
        } else if (plain.find()) {
            for (String part : plain.group().split("\\.")) {
                nums.add(parseLong(part));
            }
            end = plain.end();
        } else {
            end = 0;
        }
        this.numbers = nums.stream().mapToLong(Long::longValue).toArray();
        List<Object> tokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(rest.substring(end));
        while (t.find()) {
            String tok = t.group();
            tokens.add(Character.isDigit(tok.charAt(0)) ? (Object) parseLong(tok) : tok.toLowerCase(Locale.ROOT));
        }
        this.qualifier = List.copyOf(tokens);
        if (tokens.isEmpty() || numbers.length == 0) {
            this.kind = Kind.RELEASE;
        } else if (tokens.getFirst() instanceof String word && preReleaseRank(word, tokens) >= 0) {
            this.kind = Kind.PRE_RELEASE;
        } else {
            this.kind = Kind.LATER_BUILD;
        }
    }

    /** Parses any string; never throws. Null and blank strings become an empty version. */
    public static Version parse(String text) {
        return new Version(text == null ? "" : text.strip());
    }

    /** The text as given (stripped of surrounding white space). */
    public String raw() {
        return raw;
    }

    /** Whether this is a pre-release ({@code 1.0.0-rc1}, {@code v0.14-dev}). */
    public boolean isPreRelease() {
        return kind == Kind.PRE_RELEASE;
    }

    /** Whether the text holds a number at all; {@code latest} or {@code main} do not. */
    public boolean hasNumbers() {
        return numbers.length > 0;
    }

    /** The numeric components after the channel: {@code [3, 7, 0]} for {@code v3.7.0-v1.7.0}. */
    public List<Long> numbers() {
        return java.util.Arrays.stream(numbers).boxed().toList();
    }

    /** The lower-case word before the numbers ({@code stable} for {@code stable-7439}), or empty. */
    public String channel() {
        return channel;
    }

    /** Whether both spell the same release: equal precedence ({@code 3.4} and {@code v3.4.0}). */
    public boolean isSameRelease(Version other) {
        return comparePrecedence(other) == 0;
    }

    /**
     * Whether this version starts with {@code stem}: same channel, the same leading numbers (missing
     * numbers count as 0) and, when the stem has a qualifier, the same qualifier. A pre-release does
     * not start with a stem that is no pre-release: {@code 1.1.0-rc1} is not yet a {@code 1.1}, so
     * it does not satisfy an upgrade stop {@code 1.1}.
     */
    public boolean startsWith(Version stem) {
        if (!channel.equals(stem.channel)) {
            return false;
        }
        if (stem.numbers.length == 0) {
            return stem.channel.isEmpty() ? raw.equals(stem.raw) : true;
        }
        for (int i = 0; i < stem.numbers.length; i++) {
            if (number(i) != stem.numbers[i]) {
                return false;
            }
        }
        if (!stem.qualifier.isEmpty()) {
            return numbers.length <= stem.numbers.length && qualifier.equals(stem.qualifier);
        }
        return kind != Kind.PRE_RELEASE;
    }

    /**
     * Compares the leading numbers with those of {@code stem} on the stem's length only: negative
     * when this version is below every version that starts with the stem, 0 when it starts with it
     * (numbers only), positive when above them all. Channels compare first.
     */
    int compareToStem(Version stem) {
        int c = channel.compareTo(stem.channel);
        if (c != 0) {
            return c;
        }
        for (int i = 0; i < stem.numbers.length; i++) {
            c = Long.compare(number(i), stem.numbers[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public int compareTo(Version other) {
        int c = comparePrecedence(other);
        return c != 0 ? c : raw.compareTo(other.raw);
    }

    private int comparePrecedence(Version other) {
        int c = channel.compareTo(other.channel);
        if (c != 0) {
            return c;
        }
        int n = Math.max(numbers.length, other.numbers.length);
        for (int i = 0; i < n; i++) {
            c = Long.compare(number(i), other.number(i));
            if (c != 0) {
                return c;
            }
        }
        c = kind.compareTo(other.kind);
        if (c != 0) {
            return c;
        }
        if (kind == Kind.PRE_RELEASE) {
            c = Integer.compare(
                    preReleaseRank((String) qualifier.getFirst(), qualifier),
                    preReleaseRank((String) other.qualifier.getFirst(), other.qualifier));
            if (c != 0) {
                return c;
            }
            return compareTokens(
                    qualifier.subList(1, qualifier.size()), other.qualifier.subList(1, other.qualifier.size()));
        }
        return compareTokens(qualifier, other.qualifier);
    }

    private long number(int i) {
        return i < numbers.length ? numbers[i] : 0;
    }

    private static int compareTokens(List<Object> a, List<Object> b) {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
            Object x = a.get(i);
            Object y = b.get(i);
            int c;
            if (x instanceof Long lx && y instanceof Long ly) {
                c = Long.compare(lx, ly);
            } else if (x instanceof String sx && y instanceof String sy) {
                c = sx.compareTo(sy);
            } else {
                // As in SemVer: a number sorts before a word at the same position.
                c = x instanceof Long ? -1 : 1;
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The rank of a pre-release word, or -1 when the word marks no pre-release. */
    private static int preReleaseRank(String word, List<Object> tokens) {
        for (int rank = 0; rank < PRE_RELEASE_WORDS.size(); rank++) {
            if (PRE_RELEASE_WORDS.get(rank).contains(word)) {
                // A lone letter is only a pre-release when a number follows (1.0a1, not 2024-11b).
                boolean shortForm = word.length() == 1;
                if (shortForm && (tokens.size() < 2 || !(tokens.get(1) instanceof Long))) {
                    return -1;
                }
                return rank;
            }
        }
        return -1;
    }

    private static String normaliseChannel(String prefix, boolean noDigits) {
        String p = prefix.toLowerCase(Locale.ROOT);
        if (noDigits) {
            return p;
        }
        // "v1.2", "release-v1.2": the v belongs to the number, not to the channel.
        if (p.equals("v") || p.endsWith("-v") || p.endsWith("_v") || p.endsWith("/v") || p.endsWith(".v")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.replaceAll("[^a-z0-9]+$", "").replaceAll("^[^a-z0-9]+", "");
    }

    private static long parseLong(String digits) {
        // Absurdly long digit runs (hashes) saturate instead of overflowing.
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && v.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(raw);
    }

    @Override
    public String toString() {
        return raw;
    }
}
