package dev.berth.gui;

import dev.berth.config.ConfigException;
import dev.berth.gui.common.Navigator;
import dev.berth.gui.common.Page;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The main window: which page shows, the notice about an unusable settings file, and whether
 * closing must ask first. FX-thread only.
 */
public final class ShellViewModel implements Navigator {
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page", Page.HOME);
    private final RunGuard runs;
    private final BooleanProperty noticeDismissed = new SimpleBooleanProperty(this, "noticeDismissed", false);
    private final ObjectBinding<Optional<String>> settingsNotice;

    public ShellViewModel(AppSettings settings, RunGuard runs) {
        this.runs = runs;
        settingsNotice = Bindings.createObjectBinding(
                () -> noticeDismissed.get()
                        ? Optional.empty()
                        : settings.loadErrorProperty().get().map(ConfigException::getMessage),
                settings.loadErrorProperty(),
                noticeDismissed);
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    @Override
    public void go(Page p) {
        page.set(p);
    }

    /** The settings file's problem while it is not fixed or dismissed: what the banner says. */
    public ObjectBinding<Optional<String>> settingsNotice() {
        return settingsNotice;
    }

    public void dismissNotice() {
        noticeDismissed.set(true);
    }

    /** True when closing the window would interrupt a run, so the user must confirm. */
    public boolean closeNeedsConfirmation() {
        return runs.runActive();
    }
}
