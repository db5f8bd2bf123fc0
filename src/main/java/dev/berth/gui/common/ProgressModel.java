package dev.berth.gui.common;

import dev.berth.engine.Text;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The state behind a progress panel: the run's steps and their states, overall progress as
 * {@code long done, total} (total 0 = indeterminate; never a percentage), an estimate of the time
 * left, and a bounded log. The engine bridge feeds it on the FX thread through {@link FxBridge}.
 */
public final class ProgressModel {

    /** Where a step of a run is. */
    public enum StepState {
        PENDING,
        RUNNING,
        DONE,
        FAILED,
        SKIPPED,
        /** Stopped by the user's cancel while it ran. */
        CANCELLED,
        /** Rolled back after a later step failed. */
        UNDONE
    }

    /** One step as the panel shows it. */
    public static final class Step {
        private final Text title;
        private final ReadOnlyObjectWrapper<StepState> state = new ReadOnlyObjectWrapper<>(StepState.PENDING);

        Step(Text title) {
            this.title = title;
        }

        /** The step's title as the engine gave it; the view renders it in the user's language. */
        public Text title() {
            return title;
        }

        public ReadOnlyObjectProperty<StepState> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public StepState state() {
            return state.get();
        }
    }

    private final LongSupplier nanoClock;
    private final EtaEstimator estimator = new EtaEstimator();
    private final ObservableList<Step> steps = FXCollections.observableArrayList(s -> new Observable[] {s.state});
    private final ObservableList<Step> stepsView = FXCollections.unmodifiableObservableList(steps);
    private final ReadOnlyLongWrapper done = new ReadOnlyLongWrapper(this, "done", 0);
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper(this, "total", 0);
    private final ReadOnlyObjectWrapper<Optional<Duration>> eta =
            new ReadOnlyObjectWrapper<>(this, "eta", Optional.empty());
    private final LogBuffer log;
    private final DoubleBinding fraction;
    private final IntegerBinding finishedSteps;

    /**
     * @param nanoClock a monotonic clock ({@code System::nanoTime}; a fake in tests)
     * @param logLines how many log lines to keep
     */
    public ProgressModel(LongSupplier nanoClock, int logLines) {
        this.nanoClock = nanoClock;
        this.log = new LogBuffer(logLines);
        fraction = Bindings.createDoubleBinding(
                () -> total.get() <= 0 ? -1 : Math.min(1.0, (double) done.get() / total.get()), done, total);
        finishedSteps = Bindings.createIntegerBinding(
                () -> (int) steps.stream()
                        .filter(s -> s.state() != StepState.PENDING && s.state() != StepState.RUNNING)
                        .count(),
                steps);
    }

    /** Starts a new run with these step titles, all PENDING; clears progress, estimate and log. */
    public void start(List<Text> stepTitles) {
        steps.setAll(stepTitles.stream().map(Step::new).toList());
        done.set(0);
        total.set(0);
        eta.set(Optional.empty());
        estimator.reset();
        log.clear();
    }

    public void stepState(int index, StepState state) {
        steps.get(index).state.set(state);
    }

    /** The state of the step at {@code index}. */
    public StepState stepState(int index) {
        return steps.get(index).state();
    }

    /**
     * Overall progress of the run.
     *
     * @param done units done so far (bytes, layers, steps: the engine decides)
     * @param total units in all; 0 when not known yet
     */
    public void progress(long done, long total) {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("negative progress " + done + "/" + total);
        }
        this.total.set(total);
        this.done.set(done);
        eta.set(estimator.update(done, total, nanoClock.getAsLong()));
    }

    public ObservableList<Step> steps() {
        return stepsView;
    }

    public ReadOnlyLongProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Done/total for a progress bar, or -1 (indeterminate) while total is 0. */
    public DoubleBinding fraction() {
        return fraction;
    }

    /** Steps that are no longer PENDING or RUNNING. */
    public IntegerBinding finishedSteps() {
        return finishedSteps;
    }

    public ReadOnlyObjectProperty<Optional<Duration>> etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public LogBuffer log() {
        return log;
    }
}
