package dev.berth.gui.common;

import java.util.Objects;
import javafx.beans.value.ObservableBooleanValue;

/**
 * A wizard page of a screen's view-model: its title and button text as message keys, so they
 * follow a change of language, and whether the user may go on.
 *
 * @param key the title's message key
 * @param valid whether Next (or the action) is enabled
 * @param actionKey the message key of the Next button's text on this page, or null for Next/Finish
 */
public record WizardStep(String key, ObservableBooleanValue valid, String actionKey) implements WizardModel.Step {
    public WizardStep {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(valid, "valid");
    }

    public WizardStep(String key, ObservableBooleanValue valid) {
        this(key, valid, null);
    }

    @Override
    public String title() {
        return key;
    }

    @Override
    public String title(Messages m) {
        return m.get(key);
    }

    @Override
    public String actionText(Messages m) {
        return actionKey == null ? null : m.get(actionKey);
    }
}
