package dev.berth.gui.common;

import dev.berth.engine.Engine;
import dev.berth.engine.Journal;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.gui.common.ProgressModel.StepState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A wizard screen's run of a planned engine plan, the same for install, upgrade, configure and
 * restore: switches the screen from the wizard to the run page, runs the plan with the engine that
 * planned it off the FX thread (events, cancel and the report through {@link RunViewModel}), reads
 * afterwards whether the run left an unfinished journal behind, undoes such a run, and goes back to
 * the wizard after a run that rolled back. FX-thread only; testable without a display.
 */
public final class RunController {

    /** Whether the wizard or the run page shows. */
    public enum Screen {
        WIZARD,
        RUN
    }

    private final FxBridge bridge;
    private final RunViewModel run;
    private final Supplier<Optional<Path>> journalFolder;
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(this, "screen", Screen.WIZARD);
    private final ReadOnlyBooleanWrapper journalLeft = new ReadOnlyBooleanWrapper(this, "journalLeft", false);
    private Engine engine;
    private Plan ran;

    /**
     * @param journalFolder the install folder whose journal a run may leave behind (read when the
     *     run ended; empty = none to look at)
     */
    public RunController(FxBridge bridge, RunTracker tracker, Supplier<Optional<Path>> journalFolder) {
        this.bridge = bridge;
        this.run = new RunViewModel(bridge, tracker);
        this.journalFolder = journalFolder;
        run.onFinished(r -> readJournal());
    }

    /**
     * Shows the run page and runs the plan with the engine that made it. Does nothing and returns
     * false for a refused plan (the wizard then stays where it is).
     */
    public boolean start(Engine engine, Plan plan) {
        if (plan.refused() || busy()) {
            return false;
        }
        this.engine = engine;
        this.ran = plan;
        screen.set(Screen.RUN);
        journalLeft.set(false);
        run.start(
                RunViewModel.StepSpec.of(plan),
                (listener, cancellation) ->
                        engine.run(plan, RunLog.of(plan, "run").andThen(listener), cancellation));
        return true;
    }

    private void readJournal() {
        Optional<Path> dir = journalFolder.get();
        if (dir.isEmpty()) {
            journalLeft.set(false);
            return;
        }
        bridge.run(
                () -> Journal.load(dir.get())
                        .filter(j -> j.snapshot().state().unfinished())
                        .isPresent(),
                journalLeft::set,
                e -> journalLeft.set(false));
    }

    /**
     * Undoes a run that left its journal behind, on the same run page; the steps start in the states
     * the run left them in. Does nothing (false) when there is nothing to undo.
     */
    public boolean rollback() {
        Optional<Path> dir = journalFolder.get();
        if (!journalLeft.get() || engine == null || ran == null || dir.isEmpty() || busy()) {
            return false;
        }
        Engine e = engine;
        List<RunViewModel.StepSpec> steps = new ArrayList<>();
        List<PlanStep> planSteps = ran.steps();
        for (int i = 0; i < planSteps.size(); i++) {
            StepState s = i < run.progress().steps().size() ? run.progress().stepState(i) : StepState.PENDING;
            steps.add(new RunViewModel.StepSpec(
                    planSteps.get(i).id(), planSteps.get(i).title(), s, RunViewModel.StepSpec.moves(planSteps.get(i))));
        }
        journalLeft.set(false);
        run.start(
                steps,
                (listener, cancellation) ->
                        e.rollback(dir.get(), RunLog.of(ran, "rollback of").andThen(listener)));
        return true;
    }

    /**
     * Back to the wizard after a run that failed and rolled back (nothing left to undo). Returns
     * false, and stays, otherwise; the caller then reopens its wizard and plans again.
     */
    public boolean back() {
        if (run.stateProperty().get() == RunViewModel.State.FINISHED && !run.succeeded() && !journalLeft.get()) {
            screen.set(Screen.WIZARD);
            return true;
        }
        return false;
    }

    /** True while a run goes on (also while it stops after Cancel): the screen must not be left. */
    public boolean busy() {
        RunViewModel.State s = run.stateProperty().get();
        return s == RunViewModel.State.RUNNING || s == RunViewModel.State.CANCELLING;
    }

    /** True when a run finished and succeeded. */
    public boolean succeeded() {
        return run.succeeded();
    }

    /** The plan last started here. */
    public Optional<Plan> ran() {
        return Optional.ofNullable(ran);
    }

    /**
     * Whether the app passed its checks: present once a verify step of the plan that ran finished
     * (true when all passed).
     */
    public Optional<Boolean> healthy() {
        if (ran == null) {
            return Optional.empty();
        }
        boolean any = false;
        for (int i = 0; i < ran.steps().size() && i < run.progress().steps().size(); i++) {
            if (ran.steps().get(i) instanceof PlanStep.Verify) {
                StepState s = run.progress().stepState(i);
                if (s == StepState.FAILED) {
                    return Optional.of(false);
                }
                any |= s == StepState.DONE;
            }
        }
        return any ? Optional.of(true) : Optional.empty();
    }

    public RunViewModel run() {
        return run;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    /** True when the run ended leaving an unfinished journal (it can be undone with {@link #rollback()}). */
    public ReadOnlyBooleanProperty journalLeftProperty() {
        return journalLeft.getReadOnlyProperty();
    }
}
