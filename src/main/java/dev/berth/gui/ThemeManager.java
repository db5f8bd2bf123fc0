package dev.berth.gui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.berth.config.Settings.Theme;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Applies AtlantaFX Primer light or dark to the whole app, live. SYSTEM follows the operating
 * system's colour scheme and its changes. Uses the precompiled {@code .bss} stylesheets, which
 * load faster than the CSS at start. FX-thread only.
 */
final class ThemeManager {
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);
    private final InvalidationListener followSystem = o -> applyResolved(systemIsDark());
    private Theme theme;

    void apply(Theme next) {
        if (theme == Theme.SYSTEM && next != Theme.SYSTEM) {
            Platform.getPreferences().colorSchemeProperty().removeListener(followSystem);
        }
        if (next == Theme.SYSTEM && theme != Theme.SYSTEM) {
            Platform.getPreferences().colorSchemeProperty().addListener(followSystem);
        }
        theme = next;
        applyResolved(
                switch (next) {
                    case LIGHT -> false;
                    case DARK -> true;
                    case SYSTEM -> systemIsDark();
                });
    }

    /** True while the dark theme is shown. */
    ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    private static boolean systemIsDark() {
        return Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
    }

    private void applyResolved(boolean isDark) {
        if (dark.get() == isDark && theme != null && Application.getUserAgentStylesheet() != null) {
            return;
        }
        Application.setUserAgentStylesheet(
                isDark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS());
        dark.set(isDark);
    }
}
