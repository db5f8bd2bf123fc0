package dev.berth.engine;

import java.util.Locale;
import java.util.ResourceBundle;

/** The engine's texts in one language exactly, without falling back to another (for tests). */
public final class TextBundles {
    private TextBundles() {}

    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(
                Text.BUNDLE,
                locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    public static String render(Text t, Locale locale) {
        return t.render(bundle(locale), locale);
    }
}
