package dev.berth.gui.common;

import dev.berth.engine.Cancellation;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunListener;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.Text;
import dev.berth.gui.common.ProgressModel.StepState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run page every screen shares (install, upgrade, configure, restore, back up, resume, roll
 * back): the plan's steps and their states, overall progress that always ends at its total, the
 * progress of each item a step moves (image pulls, bytes per layer or image), the log, warnings,
 * and Cancel. The run itself happens on a worker thread through the {@link FxBridge}; its events
 * arrive here on the FX thread, in order. Cancel asks the engine through its {@link Cancellation}
 * and waits for the run to say how it ended.
 *
 * <p>FX-thread only; testable without a display.
 */
public final class RunViewModel {
    /** Sub-units of overall progress per step, so a step with byte progress moves the bar smoothly. */
    static final long STEP_UNITS = 1000;

    private static final Text NONE = Text.plain("");

    /** Where the run is. */
    public enum State {
        /** Not started. */
        IDLE,
        RUNNING,
        /** Cancel was asked for; the engine stops at its next safe point and rolls back. */
        CANCELLING,
        /** The run ended: see {@link #statusProperty()} and {@link #messageProperty()}. */
        FINISHED
    }

    /** Runs the engine; blocks, on a worker thread. */
    @FunctionalInterface
    public interface Job {
        RunReport run(RunListener listener, Cancellation cancellation) throws Exception;
    }

    /** One step as the page lists it before the run starts. */
    public record StepSpec(String id, Text title, StepState initial, Moves moves) {
        public StepSpec {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(initial, "initial");
            Objects.requireNonNull(moves, "moves");
        }

        /** A step as a journal records it: backups and restores by their ids. */
        public StepSpec(String id, Text title, StepState initial) {
            this(id, title, initial, id.startsWith("backup") || id.startsWith("restore") ? Moves.ONE : Moves.EACH);
        }

        /** A step whose title Berth only has in English. */
        public StepSpec(String id, String title) {
            this(id, Text.plain(title), StepState.PENDING);
        }

        /** The steps of a plan, all pending. */
        public static List<StepSpec> of(Plan plan) {
            return plan.steps().stream()
                    .map(s -> new StepSpec(s.id(), s.title(), StepState.PENDING, moves(s)))
                    .toList();
        }

        /** What a plan step's progress events count. */
        public static Moves moves(PlanStep s) {
            return s instanceof PlanStep.Backup || s instanceof PlanStep.RestoreData ? Moves.ONE : Moves.EACH;
        }
    }

    /** What a step's progress events count. */
    public enum Moves {
        /** Each message is its own item with its own total: the images of a pull. */
        EACH,
        /**
         * One running total; the message names what is being moved now: the entries of a backup
         * or restore, thousands of them.
         */
        ONE
    }

    /**
     * What one item of the running step has moved: an image being pulled, a volume being copied.
     *
     * @param total 0 when not known yet
     */
    public record Item(String label, long done, long total, RunEvent.Unit unit) {}

    private final FxBridge bridge;
    private final RunTracker tracker;
    private final ProgressModel progress;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Text> warnings = FXCollections.observableArrayList();
    private final ObservableList<String> advice = FXCollections.observableArrayList();
    // One read-only view each: a fresh wrapper per call could be collected with the listeners
    // added to it (it listens to its list only weakly), and they would stop firing.
    private final ObservableList<Item> itemsView = FXCollections.unmodifiableObservableList(items);
    private final ObservableList<Text> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private final ObservableList<String> adviceView = FXCollections.unmodifiableObservableList(advice);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyObjectWrapper<Optional<RunStatus>> status =
            new ReadOnlyObjectWrapper<>(this, "status", Optional.empty());
    private final ReadOnlyObjectWrapper<Text> message = new ReadOnlyObjectWrapper<>(this, "message", NONE);
    private final ReadOnlyObjectWrapper<Text> currentStep = new ReadOnlyObjectWrapper<>(this, "currentStep", NONE);
    private final ReadOnlyBooleanWrapper rollingBack = new ReadOnlyBooleanWrapper(this, "rollingBack", false);
    private final ReadOnlyObjectWrapper<Optional<RunReport>> report =
            new ReadOnlyObjectWrapper<>(this, "report", Optional.empty());
    private final ReadOnlyObjectWrapper<Optional<Exception>> error =
            new ReadOnlyObjectWrapper<>(this, "error", Optional.empty());
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Moves> moves = new HashMap<>();
    private final Map<String, Item> itemsByLabel = new LinkedHashMap<>();
    private final List<Consumer<RunViewModel>> onFinished = new ArrayList<>();
    private Cancellation cancellation;
    private Function<Text, String> logLanguage = Text::english;
    private String runningStep = "";
    private long generation;

    /**
     * @param nanoClock a monotonic clock for the time-left estimate ({@code System::nanoTime})
     * @param logLines how many log lines the page keeps
     */
    public RunViewModel(FxBridge bridge, RunTracker tracker, LongSupplier nanoClock, int logLines) {
        this.bridge = bridge;
        this.tracker = tracker;
        this.progress = new ProgressModel(nanoClock, logLines);
    }

    public RunViewModel(FxBridge bridge, RunTracker tracker) {
        this(bridge, tracker, System::nanoTime, 2000);
    }

    /**
     * Starts a run on a worker thread. The steps are shown at once in their initial states (a
     * resumed run shows what was done before).
     *
     * @throws IllegalStateException while another run of this page has not finished
     */
    public void start(List<StepSpec> steps, Job job) {
        if (state.get() == State.RUNNING || state.get() == State.CANCELLING) {
            throw new IllegalStateException("a run is still going on this page");
        }
        long mine = ++generation;
        index.clear();
        moves.clear();
        for (int i = 0; i < steps.size(); i++) {
            index.put(steps.get(i).id(), i);
            moves.put(steps.get(i).id(), steps.get(i).moves());
        }
        progress.start(steps.stream().map(StepSpec::title).toList());
        for (int i = 0; i < steps.size(); i++) {
            progress.stepState(i, steps.get(i).initial());
        }
        items.clear();
        itemsByLabel.clear();
        warnings.clear();
        advice.clear();
        status.set(Optional.empty());
        message.set(NONE);
        error.set(Optional.empty());
        report.set(Optional.empty());
        rollingBack.set(false);
        currentStep.set(NONE);
        runningStep = "";
        cancellation = new Cancellation();
        Cancellation token = cancellation;
        state.set(State.RUNNING);
        tracker.begin();
        updateOverall();
        // Pulls report thousands of times a second: only the newest progress of an item waits.
        Consumer<RunEvent> toFx = bridge.deliverMerging(
                e -> {
                    if (mine == generation) {
                        onEvent(e);
                    }
                },
                (waiting, next) -> waiting instanceof RunEvent.Progress a
                        && next instanceof RunEvent.Progress b
                        && a.step().equals(b.step())
                        && a.message().equals(b.message()));
        bridge.run(
                () -> job.run(toFx::accept, token),
                r -> {
                    if (mine == generation) {
                        finished(r);
                    }
                },
                e -> {
                    if (mine == generation) {
                        failed(e);
                    }
                });
    }

    /**
     * Asks the engine to stop at its next safe point. Returns at once; the run goes on until the
     * engine has stopped (and rolled back what it did), then ends FINISHED.
     */
    public void cancel() {
        if (state.get() == State.RUNNING) {
            state.set(State.CANCELLING);
            cancellation.cancel();
        }
    }

    /** Whether Cancel can be pressed now. */
    public boolean canCancel() {
        return state.get() == State.RUNNING;
    }

    /** Called with this page once, when the run has ended (FX thread). */
    public void onFinished(Consumer<RunViewModel> action) {
        onFinished.add(action);
    }

    /** Handles one event of the run; public for tests that script a run's events. */
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.StepStarted s -> stepStarted(s);
            case RunEvent.Progress p -> progressed(p);
            case RunEvent.StepFinished f -> stepFinished(f);
            case RunEvent.Log l -> progress.log().append(logLanguage.apply(l.text()));
            case RunEvent.Warning w -> warned(w);
            case RunEvent.Advice a -> {
                progress.log().append("→ " + a.message());
                advice.add(a.message());
            }
            case RunEvent.Result r -> {
                status.set(Optional.of(r.status()));
                message.set(r.text());
            }
        }
        updateOverall();
    }

    private void stepStarted(RunEvent.StepStarted s) {
        progress.log().append("▶ " + logLanguage.apply(s.text()));
        Integer i = index.get(s.step());
        if (i != null) {
            progress.stepState(i, StepState.RUNNING);
            runningStep = s.step();
            currentStep.set(s.text());
            items.clear();
            itemsByLabel.clear();
        } else {
            // Rollback work (undo-..., restore-data, verify-rollback): the title says what it is.
            currentStep.set(s.text());
        }
    }

    private void progressed(RunEvent.Progress p) {
        String label = p.message().isBlank() ? p.step() : p.message();
        Item item = new Item(label, p.done(), p.total(), p.unit());
        if (moves.getOrDefault(p.step(), Moves.EACH) == Moves.ONE) {
            itemsByLabel.clear();
            itemsByLabel.put(label, item);
            if (items.size() == 1) {
                items.set(0, item);
            } else {
                items.setAll(item);
            }
            return;
        }
        Item was = itemsByLabel.put(label, item);
        if (was == null) {
            items.add(item);
        } else {
            items.set(items.indexOf(was), item);
        }
    }

    private void stepFinished(RunEvent.StepFinished f) {
        String id = f.step();
        if (id.startsWith("undo-") && index.containsKey(id.substring(5))) {
            if (f.outcome() == RunEvent.Outcome.DONE) {
                progress.stepState(index.get(id.substring(5)), StepState.UNDONE);
            }
            progress.log().append("✓ " + logLanguage.apply(f.text()));
            return;
        }
        Integer i = index.get(id);
        StepState next = switch (f.outcome()) {
            case DONE -> StepState.DONE;
            case SKIPPED -> StepState.SKIPPED;
            case FAILED -> StepState.FAILED;
            case CANCELLED -> StepState.CANCELLED;
        };
        if (f.outcome() != RunEvent.Outcome.DONE) {
            progress.log().append("✗ " + logLanguage.apply(f.text()));
        }
        if (i != null) {
            progress.stepState(i, next);
            if (id.equals(runningStep)) {
                runningStep = "";
            }
        }
    }

    private void warned(RunEvent.Warning w) {
        warnings.add(w.text());
        progress.log().append("⚠ " + logLanguage.apply(w.text()));
        if (w.step().equals("rollback")) {
            rollingBack.set(true);
        }
    }

    private void finished(RunReport r) {
        report.set(Optional.of(r));
        status.set(Optional.of(r.status()));
        message.set(r.text());
        end();
    }

    private void failed(Exception e) {
        error.set(Optional.of(e));
        Text text = dev.berth.engine.Failures.text(e);
        message.set(text);
        progress.log().append("✗ " + logLanguage.apply(text));
        end();
    }

    private void end() {
        currentStep.set(NONE);
        state.set(State.FINISHED);
        tracker.end();
        updateOverall();
        List.copyOf(onFinished).forEach(a -> a.accept(this));
    }

    /**
     * Overall progress in sub-units: every finished step counts whole, the running one by the
     * bytes or items of its progress events. At the end of a successful run done equals total.
     */
    private void updateOverall() {
        int n = progress.steps().size();
        long done = 0;
        for (int i = 0; i < n; i++) {
            StepState s = progress.stepState(i);
            if (s != StepState.PENDING && s != StepState.RUNNING) {
                done += STEP_UNITS;
            } else if (s == StepState.RUNNING) {
                long d = 0;
                long t = 0;
                for (Item it : items) {
                    if (it.total() > 0) {
                        d += Math.min(it.done(), it.total());
                        t += it.total();
                    }
                }
                if (t > 0) {
                    done += STEP_UNITS * d / t;
                }
            }
        }
        progress.progress(done, n * STEP_UNITS);
    }

    public ProgressModel progress() {
        return progress;
    }

    /** The items of the running step with their progress (pulled images, copied volumes). */
    public ObservableList<Item> items() {
        return itemsView;
    }

    /** What the app's profile says to do now that the run has ended, in order. */
    public ObservableList<String> advice() {
        return adviceView;
    }

    /** The run's warnings, in order; the view renders them in the user's language. */
    public ObservableList<Text> warnings() {
        return warningsView;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How the run ended, from the engine; empty while it runs or when it could not start. */
    public ReadOnlyObjectProperty<Optional<RunStatus>> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The engine's summary of the end of the run, or why it could not run; empty while it runs. */
    public ReadOnlyObjectProperty<Text> messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What runs now (a step's or a rollback action's title); an empty text when nothing runs. */
    public ReadOnlyObjectProperty<Text> currentStepProperty() {
        return currentStep.getReadOnlyProperty();
    }

    /**
     * The language new log lines are written in (the view sets its own). Lines are history: ones
     * already written stay in the language they were written in when the user switches.
     */
    public void logIn(Function<Text, String> language) {
        logLanguage = language;
    }

    /** True once the engine began to roll back (a step failed or the user cancelled). */
    public ReadOnlyBooleanProperty rollingBackProperty() {
        return rollingBack.getReadOnlyProperty();
    }

    /** The engine's report of the finished run. */
    public ReadOnlyObjectProperty<Optional<RunReport>> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** What kept the run from running (Docker unreachable, an engine error); empty otherwise. */
    public ReadOnlyObjectProperty<Optional<Exception>> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the run ended with everything done and verified. */
    public boolean succeeded() {
        return state.get() == State.FINISHED && status.get().orElse(null) == RunStatus.SUCCEEDED;
    }

    /** The archive a plan's backup step writes, if the plan backs up. */
    public static Optional<String> backupArchive(Plan plan) {
        return plan.steps().stream()
                .filter(s -> s instanceof PlanStep.Backup)
                .map(s -> ((PlanStep.Backup) s).archive())
                .findFirst();
    }
}
