package dev.berth.config.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides from a variable or key name alone whether its value is a secret, for masking in diffs,
 * merge conflicts and messages. Errs on the side of masking: a masked harmless value costs little,
 * a printed password cannot be taken back.
 */
public final class SecretNames {
    /** Parts that mark a secret wherever they occur in the name ({@code DB_PASSWORD}, {@code clientSecret}). */
    private static final List<String> SECRET_FRAGMENTS = List.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL");

    /** Whole words that mark a secret ({@code SMTP_PASS}, {@code PASSWORD_SALT}), but not as part of a longer word. */
    private static final Set<String> SECRET_WORDS = Set.of("PASS", "PWD", "SALT", "APIKEY", "PRIVATEKEY");

    private SecretNames() {}

    /**
     * Whether a name like {@code POSTGRES_PASSWORD}, {@code secretAccessKey}, {@code API_KEY} or
     * {@code SECRET_KEY} holds a secret. {@code KEY} counts only as the last word ({@code DJANGO_KEY},
     * {@code apiKey}), so {@code KEYCLOAK_URL} and {@code SSL_KEY_FILE} are not secrets.
     */
    public static boolean isSecretName(String name) {
        if (name == null || name.isBlank()) {
            return false;
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (String fragment : SECRET_FRAGMENTS) {
            if (upper.contains(fragment)) {
                return true;
            }
        }
        List<String> words = words(name);
        for (String word : words) {
            if (SECRET_WORDS.contains(word)) {
                return true;
            }
        }
        return !words.isEmpty() && words.getLast().equals("KEY");
    }

    /** Splits {@code secretAccessKey}, {@code SECRET_ACCESS_KEY} and {@code secret-access.key} alike into upper-case words. */
    static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(word, words);
                continue;
            }
            boolean lowerToUpper = i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
            if (lowerToUpper) {
                flush(word, words);
            }
            word.append(Character.toUpperCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
