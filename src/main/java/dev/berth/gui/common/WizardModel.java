package dev.berth.gui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Where a wizard is: its pages in order, the current one, and whether the user may go back, on
 * or finish. A page's {@link Step#valid()} gates Next and Finish. FX-thread only; no display
 * needed, so the install, upgrade and restore wizards test their flow with this class alone.
 *
 * @param <S> the wizard's page type
 */
public final class WizardModel<S extends WizardModel.Step> {

    /** A page of a wizard, as its model sees it. */
    public interface Step {
        /** The title shown in the step indicator, already translated. */
        String title();

        /**
         * The title in the language of {@code m}. Steps of view-models, which outlive a change of
         * language, translate here (their {@link #title()} may be a key); the frame calls this.
         */
        default String title(Messages m) {
            return title();
        }

        /** True when the user may leave this page forwards. */
        ObservableBooleanValue valid();

        /**
         * The text of the Next (or Finish) button on this page, already translated, when it does
         * more than go on ("Install"); null for the default.
         */
        default String actionText(Messages m) {
            return null;
        }
    }

    /** How the wizard ended, or OPEN while it runs. */
    public enum Outcome {
        OPEN,
        CANCELLED,
        FINISHED
    }

    private final List<S> steps;
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyObjectWrapper<S> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.OPEN);
    private final BooleanBinding canGoBack;
    private final BooleanBinding canGoNext;
    private final BooleanBinding canFinish;
    private final BooleanBinding onLastStep;

    public WizardModel(List<? extends S> steps) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a wizard needs at least one page");
        }
        this.steps = List.copyOf(steps);
        current.set(this.steps.getFirst());
        index.addListener((o, was, now) -> current.set(this.steps.get(now.intValue())));
        List<Observable> deps = new ArrayList<>();
        deps.add(index);
        deps.add(outcome);
        this.steps.forEach(s -> deps.add(Objects.requireNonNull(s.valid(), "valid")));
        Observable[] on = deps.toArray(Observable[]::new);
        onLastStep = Bindings.createBooleanBinding(() -> index.get() == this.steps.size() - 1, index);
        canGoBack = Bindings.createBooleanBinding(() -> open() && index.get() > 0, on);
        canGoNext = Bindings.createBooleanBinding(
                () -> open() && index.get() < this.steps.size() - 1 && currentValid(), on);
        canFinish = Bindings.createBooleanBinding(
                () -> open() && index.get() == this.steps.size() - 1 && currentValid(), on);
    }

    private boolean open() {
        return outcome.get() == Outcome.OPEN;
    }

    private boolean currentValid() {
        // From the index, not from `current`: that follows the index through a change listener,
        // which runs after the invalidation listeners that re-evaluate these bindings.
        return steps.get(index.get()).valid().get();
    }

    public List<S> steps() {
        return steps;
    }

    /** 0-based index of the current page. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<S> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public BooleanBinding canGoBack() {
        return canGoBack;
    }

    public BooleanBinding canGoNext() {
        return canGoNext;
    }

    public BooleanBinding canFinish() {
        return canFinish;
    }

    public BooleanBinding onLastStep() {
        return onLastStep;
    }

    /** Goes to the next page when the current one is valid; otherwise does nothing. */
    public void next() {
        if (canGoNext.get()) {
            index.set(index.get() + 1);
        }
    }

    /** Goes to the previous page, keeping what the user entered there. */
    public void back() {
        if (canGoBack.get()) {
            index.set(index.get() - 1);
        }
    }

    /** Ends the wizard as FINISHED when on the last page and it is valid; otherwise does nothing. */
    public void finish() {
        if (canFinish.get()) {
            outcome.set(Outcome.FINISHED);
        }
    }

    /**
     * Opens a FINISHED wizard again on its last page, for another try after the action of the last
     * page failed (a run that rolled back).
     */
    public void reopen() {
        if (outcome.get() == Outcome.FINISHED) {
            outcome.set(Outcome.OPEN);
        }
    }

    /** Ends the wizard as CANCELLED. */
    public void cancel() {
        if (open()) {
            outcome.set(Outcome.CANCELLED);
        }
    }
}
