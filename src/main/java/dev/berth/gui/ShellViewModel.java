package dev.berth.gui;

import dev.berth.config.ConfigException;
import dev.berth.gui.common.Navigator;
import dev.berth.gui.common.Page;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * The main window: which page shows, the notice about an unusable settings file, and whether
 * closing must ask first. FX-thread only.
 */
public final class ShellViewModel implements Navigator {
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.HOME);
    private final RunGuard runs;
    private final ReadOnlyObjectWrapper<Optional<String>> settingsNotice =
            new ReadOnlyObjectWrapper<>(this, "settingsNotice", Optional.empty());
    private final Runnable dismiss;
    private boolean noticeDismissed;

    public ShellViewModel(AppSettings settings, RunGuard runs) {
        this.runs = runs;
        // A plain listener rather than Bindings: touching javafx.beans.binding.Bindings loads
        // about ninety classes, a measurable part of the cold start.
        Runnable update = () -> settingsNotice.set(
                noticeDismissed
                        ? Optional.empty()
                        : settings.loadErrorProperty().get().map(ConfigException::getMessage));
        settings.loadErrorProperty().addListener(o -> update.run());
        dismiss = () -> {
            noticeDismissed = true;
            update.run();
        };
        update.run();
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    @Override
    public void go(Page p) {
        page.set(p);
    }

    /** The settings file's problem while it is not fixed or dismissed: what the banner says. */
    public ReadOnlyObjectProperty<Optional<String>> settingsNotice() {
        return settingsNotice.getReadOnlyProperty();
    }

    public void dismissNotice() {
        dismiss.run();
    }

    /** True when closing the window would interrupt a run, so the user must confirm. */
    public boolean closeNeedsConfirmation() {
        return runs.runActive();
    }
}
