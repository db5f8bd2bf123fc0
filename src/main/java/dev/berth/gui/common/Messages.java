package dev.berth.gui.common;

import dev.berth.engine.Text;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The app's translated texts, from {@code dev/berth/gui/messages*.properties} (UTF-8). Every value
 * is a {@link MessageFormat} pattern and always goes through it, so a literal apostrophe is
 * written {@code ''} (or typographic: ’) in every bundle. Texts are never concatenated: a sentence
 * with a value in it is one pattern with {@code {0}}.
 */
public final class Messages {
    public static final String BUNDLE = "dev.berth.gui.messages";
    private static final Logger LOG = Logger.getLogger(Messages.class.getName());

    private final ResourceBundle bundle;
    private final Locale locale;
    private ResourceBundle engineTexts;

    private Messages(ResourceBundle bundle, Locale locale) {
        this.bundle = bundle;
        this.locale = locale;
    }

    /**
     * The texts for {@code locale}, falling back to English (never to the system's language: a
     * user who chose English on a Japanese system gets English).
     */
    public static Messages forLocale(Locale locale) {
        ResourceBundle b = ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Locale effective = b.getLocale().equals(Locale.ROOT) ? Locale.ENGLISH : locale;
        return new Messages(b, effective);
    }

    /** The locale numbers and dates are formatted in. */
    public Locale locale() {
        return locale;
    }

    /**
     * The text for {@code key} with {@code args} filled in (an engine {@link Text} among them in this
     * language); the key itself (logged) when missing.
     */
    public String get(String key, Object... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Text t) {
                args = args.clone();
                args[i] = text(t);
            }
        }
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            LOG.warning("missing text " + key + " for " + locale + "; MessagesTest should have caught this");
            return key;
        }
        // Most texts have no arguments and nothing to unquote: MessageFormat would return them
        // unchanged, and skipping it keeps java.text off the start-up path.
        if (args.length == 0 && pattern.indexOf('{') < 0 && pattern.indexOf('\'') < 0) {
            return pattern;
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /**
     * What the engine said (a step's title, a check, a warning, a run's result) in this language,
     * from the engine's texts bundle ({@link Text#BUNDLE}, ADR 0013) with the user's data as the
     * arguments. A text without a key (from an older journal, or a tool's error output) and a key
     * the bundle lacks come out in English.
     */
    public String text(Text text) {
        if (engineTexts == null) {
            // Loaded on first use: Home shows no engine text, so start-up does not pay for it.
            engineTexts = ResourceBundle.getBundle(
                    Text.BUNDLE,
                    locale,
                    Text.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        }
        return text.render(engineTexts, locale);
    }

    /**
     * A label without its mnemonic marker, for screen readers and tooltips: "_Home" → "Home",
     * "主页(_H)" → "主页".
     */
    public static String withoutMnemonic(String label) {
        return label.replaceAll("\\s*\\(_.\\)", "").replace("_", "");
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(bundle.keySet());
    }
}
