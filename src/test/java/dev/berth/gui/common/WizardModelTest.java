package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.gui.common.WizardModel.Outcome;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import org.junit.jupiter.api.Test;

class WizardModelTest {

    record Step(String title, SimpleBooleanProperty ok) implements WizardModel.Step {
        Step(String title, boolean valid) {
            this(title, new SimpleBooleanProperty(valid));
        }

        @Override
        public ObservableBooleanValue valid() {
            return ok;
        }
    }

    private final Step source = new Step("Source", true);
    private final Step values = new Step("Values", false);
    private final Step review = new Step("Review", true);
    private final WizardModel<Step> wizard = new WizardModel<>(List.of(source, values, review));

    @Test
    void startsOnTheFirstPageWithNoWayBack() {
        assertThat(wizard.currentProperty().get()).isEqualTo(source);
        assertThat(wizard.indexProperty().get()).isZero();
        assertThat(wizard.canGoBack().get()).isFalse();
        assertThat(wizard.canGoNext().get()).isTrue();
        assertThat(wizard.onLastStep().get()).isFalse();
    }

    @Test
    void anInvalidPageBlocksNextUntilItBecomesValid() {
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(values);
        assertThat(wizard.canGoNext().get()).isFalse();

        wizard.next();
        assertThat(wizard.currentProperty().get())
                .as("next ignored while invalid")
                .isEqualTo(values);

        values.ok().set(true);
        assertThat(wizard.canGoNext().get()).isTrue();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(review);
    }

    @Test
    void backKeepsTheWayForwardWhenPagesStayValid() {
        values.ok().set(true);
        wizard.next();
        wizard.next();
        wizard.back();

        assertThat(wizard.currentProperty().get()).isEqualTo(values);
        assertThat(wizard.canGoNext().get()).isTrue();
        assertThat(wizard.canGoBack().get()).isTrue();
    }

    @Test
    void finishOnlyOnTheLastValidPage() {
        wizard.finish();
        assertThat(wizard.outcomeProperty().get()).isEqualTo(Outcome.OPEN);

        values.ok().set(true);
        wizard.next();
        wizard.next();
        assertThat(wizard.onLastStep().get()).isTrue();
        assertThat(wizard.canGoNext().get()).isFalse();
        review.ok().set(false);
        assertThat(wizard.canFinish().get()).isFalse();
        wizard.finish();
        assertThat(wizard.outcomeProperty().get()).isEqualTo(Outcome.OPEN);

        review.ok().set(true);
        wizard.finish();
        assertThat(wizard.outcomeProperty().get()).isEqualTo(Outcome.FINISHED);
    }

    @Test
    void cancelEndsTheWizardAndFreezesIt() {
        wizard.cancel();

        assertThat(wizard.outcomeProperty().get()).isEqualTo(Outcome.CANCELLED);
        assertThat(wizard.canGoNext().get()).isFalse();
        wizard.next();
        assertThat(wizard.currentProperty().get()).isEqualTo(source);
    }

    @Test
    void aWizardNeedsPages() {
        assertThatThrownBy(() -> new WizardModel<Step>(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextFollowsTheNewPageEvenWhenWatchedWhileThePageChanges() {
        Step open = new Step("Open", new SimpleBooleanProperty(true));
        Step closed = new Step("Closed", new SimpleBooleanProperty(false));
        Step last = new Step("Last", new SimpleBooleanProperty(true));
        WizardModel<Step> model = new WizardModel<>(List.of(open, closed, last));
        List<Boolean> seen = new java.util.ArrayList<>();
        // A change listener re-reads the binding at once, in the middle of the page change.
        model.canGoNext().addListener((o, was, now) -> seen.add(now));

        model.next();

        assertThat(model.currentProperty().get()).isSameAs(closed);
        assertThat(model.canGoNext().get()).isFalse();
        assertThat(seen).containsExactly(false);
    }
}
