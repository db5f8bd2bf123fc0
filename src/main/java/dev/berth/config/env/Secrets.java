package dev.berth.config.env;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which values are secret and masks them, for every output Berth makes: diffs, logs, JSON,
 * error messages, the GUI.
 *
 * <p>A name is secret when one of its words (split at {@code _ . -}) is a secret word: PASSWORD,
 * PASSWD, PASS, PWD, PW (and words ending in PASSWORD, PASSWD, PWD, or BINDPW), SECRET, TOKEN, CREDENTIAL(S), SALT, APIKEY, PASSPHRASE, KEY (a whole word:
 * not KEYBOARD or MONKEY; not PUBLIC_KEY), and PRIVATE when it ends the name or comes before KEY
 * (so {@code NEXT_PRIVATE_SMTP_HOST} is not secret). It is not secret when a word after the secret
 * word says the value is about the secret rather than the secret itself ({@code SECRET_KEY_FILE},
 * {@code TOKEN_EXPIRY}, {@code API_KEY_RATE_LIMIT}, {@code ACCESS_KEY_ID}), or when the name is a
 * switch ({@code ENABLE_PASSWORD_LOGIN}). Manifests mark other variables secret with {@code
 * secret: true}; callers combine both.
 */
public final class Secrets {
    /** What a secret value is shown as. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_WORDS = Set.of(
            "PASSWORD",
            "PASSWORDS",
            "PASSWD",
            "PASS",
            "PWD",
            "PW",
            "SECRET",
            "SECRETS",
            "TOKEN",
            "TOKENS",
            "CREDENTIAL",
            "CREDENTIALS",
            "SALT",
            "APIKEY",
            "PASSPHRASE",
            "KEY");
    private static final Set<String> ABOUT_WORDS = Set.of(
            "FILE",
            "PATH",
            "DIR",
            "LENGTH",
            "LEN",
            "SIZE",
            "TTL",
            "EXPIRY",
            "EXPIRES",
            "EXPIRE",
            "EXPIRATION",
            "TIMEOUT",
            "LIMIT",
            "RATE",
            "ENABLED",
            "ENABLE",
            "REQUIRED",
            "ALGORITHM",
            "ALGO",
            "TYPE",
            "MODE",
            "ROTATION",
            "LIFETIME",
            "ID",
            "NAME",
            "HEADER",
            "URL",
            "PROVIDER",
            "POLICY",
            "MIN",
            "MAX",
            "COUNT",
            "FORMAT",
            "LOCATION",
            "BITS");
    private static final Set<String> SWITCH_WORDS = Set.of("ENABLE", "DISABLE", "USE", "ALLOW", "SKIP", "REQUIRE");
    private static final Pattern URL_PASSWORD =
            Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\\s]*:)([^@/\\s]+)(@)");

    private Secrets() {}

    /** Whether a variable of this name holds a secret, judged by its name alone. */
    public static boolean isSecretName(String name) {
        String[] words = name.toUpperCase(Locale.ROOT).split("[_.\\-]+");
        if (words.length == 0 || SWITCH_WORDS.contains(words[0])) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!isSecretWord(words, i)) {
                continue;
            }
            boolean about = false;
            for (int k = i + 1; k < words.length; k++) {
                if (ABOUT_WORDS.contains(words[k])) {
                    about = true;
                    break;
                }
            }
            if (!about) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecretWord(String[] words, int i) {
        String w = words[i];
        if (w.equals("PRIVATE")) {
            return i == words.length - 1 || words[i + 1].equals("KEY");
        }
        if (w.equals("KEY") && i > 0 && words[i - 1].equals("PUBLIC")) {
            return false;
        }
        return SECRET_WORDS.contains(w)
                || w.endsWith("PASSWORD")
                || w.endsWith("PASSWD")
                || w.endsWith("PWD")
                || w.equals("BINDPW");
    }

    /** Whether the variable is secret by name or by its spec. */
    public static boolean isSecret(String name, VariableSpec spec) {
        return (spec != null && spec.secret()) || isSecretName(name);
    }

    /** The masked form of a value: empty stays empty (that it is unset is not a secret), anything else {@link #MASK}. */
    public static String mask(String value) {
        return value == null || value.isEmpty() ? "" : MASK;
    }

    /**
     * The value as it may be shown: masked when the variable is secret, else with any password in a
     * URL ({@code postgres://user:pass@host}) masked.
     */
    public static String display(String name, String value, VariableSpec spec) {
        if (isSecret(name, spec)) {
            return mask(value);
        }
        return maskUrlPasswords(value);
    }

    /** {@code value} with the password part of every {@code scheme://user:password@} masked. */
    public static String maskUrlPasswords(String value) {
        Matcher m = URL_PASSWORD.matcher(value);
        return m.find() ? m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK + r.group(3))) : value;
    }
}
