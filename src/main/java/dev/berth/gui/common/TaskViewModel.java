package dev.berth.gui.common;

import dev.berth.engine.Plan;
import dev.berth.engine.Text;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A run started from Home that needs no wizard: back up an install, resume or roll back an
 * unfinished run. It is prepared off the FX thread (a plan made, a journal read), confirmed by the
 * user, then runs on the shared run page. FX-thread only; testable without a display.
 */
public final class TaskViewModel {

    /** Where the task is. */
    public enum State {
        PREPARING,
        /** Prepared; waits for the user to start it. */
        CONFIRM,
        FAILED,
        /** Started: the run page shows. */
        RUN
    }

    /** Prepares a task; blocking, on a worker thread. */
    @FunctionalInterface
    public interface Preparation {
        Prepared prepare() throws Exception;
    }

    /**
     * A prepared task.
     *
     * @param plan the plan to show before it starts, if there is one
     * @param steps the steps the run page lists (with their states so far, for a resumed run)
     * @param job the run
     */
    public record Prepared(Optional<Plan> plan, List<RunViewModel.StepSpec> steps, RunViewModel.Job job) {
        public Prepared {
            steps = List.copyOf(steps);
        }
    }

    /**
     * What the task is, for the page: message keys and their arguments, so the texts follow a
     * change of language.
     */
    public record Texts(
            String titleKey, List<Object> titleArgs, String textKey, List<Object> textArgs, String actionKey) {
        public Texts {
            titleArgs = List.copyOf(titleArgs);
            textArgs = List.copyOf(textArgs);
        }
    }

    private final FxBridge bridge;
    private final Texts texts;
    private final Preparation preparation;
    private final Runnable onClose;
    private final RunViewModel run;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.PREPARING);
    private final ReadOnlyObjectWrapper<Optional<Prepared>> prepared =
            new ReadOnlyObjectWrapper<>(this, "prepared", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> error = new ReadOnlyObjectWrapper<>(this, "error", Text.plain(""));

    /** @param onClose called when the user leaves the page (FX thread) */
    public TaskViewModel(FxBridge bridge, RunTracker tracker, Texts texts, Preparation preparation, Runnable onClose) {
        this.bridge = bridge;
        this.texts = texts;
        this.preparation = preparation;
        this.onClose = onClose;
        this.run = new RunViewModel(bridge, tracker);
        prepare();
    }

    /** Prepares again (after a failure). */
    public void prepare() {
        state.set(State.PREPARING);
        error.set(Text.plain(""));
        bridge.run(
                preparation::prepare,
                p -> {
                    prepared.set(Optional.of(p));
                    state.set(State.CONFIRM);
                },
                e -> {
                    error.set(Planning.message(e));
                    state.set(State.FAILED);
                });
    }

    /** Starts the prepared run. */
    public void start() {
        if (state.get() != State.CONFIRM) {
            return;
        }
        Prepared p = prepared.get().orElseThrow();
        if (p.plan().map(Plan::refused).orElse(false)) {
            return;
        }
        state.set(State.RUN);
        run.start(p.steps(), p.job());
    }

    /** Leaves the page; not while the run goes on. */
    public void close() {
        RunViewModel.State s = run.stateProperty().get();
        if (s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING) {
            return;
        }
        onClose.run();
    }

    public Texts texts() {
        return texts;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<Prepared>> preparedProperty() {
        return prepared.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Text> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public RunViewModel run() {
        return run;
    }
}
