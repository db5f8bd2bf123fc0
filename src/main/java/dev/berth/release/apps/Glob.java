package dev.berth.release.apps;

import java.util.Locale;
import java.util.regex.Pattern;

/** {@code *} (any run of characters, {@code /} included) and {@code ?} patterns, case-insensitive. */
final class Glob {
    private Glob() {}

    static Pattern compile(String glob) {
        StringBuilder sb = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(sb.toString());
    }

    static boolean matches(String glob, String text) {
        return compile(glob).matcher(text.toLowerCase(Locale.ROOT)).matches();
    }
}
