package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.engine.Cancellation;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunEvent.Outcome;
import dev.berth.engine.RunEvent.Unit;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.Text;
import dev.berth.gui.common.ProgressModel.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The run page from scripted engine events: no engine, no display. */
class RunViewModelTest {
    static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    static final List<RunViewModel.StepSpec> STEPS = List.of(
            new RunViewModel.StepSpec("pull", "Pull 2 new image(s)"),
            new RunViewModel.StepSpec("apply", "Apply the merged files"),
            new RunViewModel.StepSpec("start", "Start the new version"),
            new RunViewModel.StepSpec("verify", "Check the new version works"));

    /** FX tasks wait here until the test drains them; worker tasks run at once. */
    final Queue<Runnable> fx = new ArrayDeque<>();

    final FxBridge bridge = new FxBridge(fx::add, Runnable::run);
    final RunTracker tracker = new RunTracker();
    long now;
    final RunViewModel vm = new RunViewModel(bridge, tracker, () -> now, 100);

    void drain() {
        Runnable r;
        while ((r = fx.poll()) != null) {
            r.run();
        }
    }

    static RunReport report(RunStatus status, String message) {
        return new RunReport("r1", status, message, List.of(), "", Duration.ZERO, List.of());
    }

    /** A job that sends these events and ends with this report. */
    static RunViewModel.Job script(RunReport report, RunEvent... events) {
        return (listener, cancellation) -> {
            for (RunEvent e : events) {
                listener.onEvent(e);
            }
            listener.onEvent(new RunEvent.Result("", report.status(), report.message(), T));
            return report;
        };
    }

    List<StepState> states() {
        return vm.progress().steps().stream().map(ProgressModel.Step::state).toList();
    }

    @Test
    void aSuccessfulRunMarksEveryStepDoneAndFillsTheBar() {
        vm.start(
                STEPS,
                script(
                        report(RunStatus.SUCCEEDED, "Upgraded from 1.0.0 to 2.0.0 and verified it."),
                        new RunEvent.StepStarted("pull", "Pull 2 new image(s)", T),
                        new RunEvent.Log("pull", "Pulling berth-demo/web:2.0.0 (1 of 2)", T),
                        new RunEvent.StepFinished("pull", Outcome.DONE, "Pull", T),
                        new RunEvent.StepStarted("apply", "Apply the merged files", T),
                        new RunEvent.StepFinished("apply", Outcome.DONE, "Apply", T),
                        new RunEvent.StepStarted("start", "Start the new version", T),
                        new RunEvent.StepFinished("start", Outcome.DONE, "Start", T),
                        new RunEvent.StepStarted("verify", "Check the new version works", T),
                        new RunEvent.StepFinished("verify", Outcome.DONE, "Verify", T)));
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.RUNNING);
        assertThat(tracker.active()).as("closing asks while the run goes on").isTrue();

        drain();

        assertThat(states()).containsOnly(StepState.DONE);
        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.FINISHED);
        assertThat(vm.succeeded()).isTrue();
        assertThat(vm.messageProperty().get().english()).isEqualTo("Upgraded from 1.0.0 to 2.0.0 and verified it.");
        assertThat(vm.progress().doneProperty().get())
                .isEqualTo(vm.progress().totalProperty().get())
                .isEqualTo(4 * RunViewModel.STEP_UNITS);
        assertThat(vm.progress().log().lines()).contains("Pulling berth-demo/web:2.0.0 (1 of 2)");
        assertThat(tracker.active()).isFalse();
    }

    @Test
    void theEnginesLogLinesAreWrittenInThePagesLanguageAndToolOutputAsItIs() {
        vm.logIn(Messages.forLocale(Locale.FRENCH)::text);
        vm.start(
                STEPS,
                script(
                        report(RunStatus.SUCCEEDED, "Upgraded"),
                        new RunEvent.StepStarted("pull", "Pull 2 new image(s)", T),
                        new RunEvent.Log("pull", Text.of(Text.Key.LOG_PULLING, "berth-demo/web:2.0.0", 1, 2), T),
                        new RunEvent.Log("pull", "2.0.0: Pulling from berth-demo/web", T)));
        drain();

        assertThat(vm.progress().log().lines())
                .contains("Téléchargement de berth-demo/web:2.0.0 (1 sur 2)", "2.0.0: Pulling from berth-demo/web");
    }

    @Test
    void theProfilesAdviceIsKeptForTheResultAndWrittenToTheLog() {
        vm.start(
                STEPS,
                script(
                        report(RunStatus.SUCCEEDED, "Upgraded."),
                        new RunEvent.Advice("", "Mattermost: check the version under About.", T)));
        drain();

        assertThat(vm.advice()).containsExactly("Mattermost: check the version under About.");
        assertThat(vm.progress().log().lines()).contains("→ Mattermost: check the version under About.");

        vm.start(STEPS, script(report(RunStatus.SUCCEEDED, "Again.")));
        drain();
        assertThat(vm.advice())
                .as("a new run starts without the last one's advice")
                .isEmpty();
    }

    @Test
    void pullProgressShowsPerItemAndMovesTheBarWithinItsStep() {
        vm.start(STEPS, (listener, cancellation) -> {
            listener.onEvent(new RunEvent.StepStarted("pull", "Pull", T));
            listener.onEvent(new RunEvent.Progress("pull", 10, 100, Unit.BYTES, "web:2.0.0", T));
            listener.onEvent(new RunEvent.Progress("pull", 50, 100, Unit.BYTES, "web:2.0.0", T));
            listener.onEvent(new RunEvent.Progress("pull", 0, 300, Unit.BYTES, "db:2.0.0", T));
            throw new IllegalStateException("stop here");
        });
        drain();

        assertThat(vm.items())
                .containsExactly(
                        new RunViewModel.Item("web:2.0.0", 50, 100, Unit.BYTES),
                        new RunViewModel.Item("db:2.0.0", 0, 300, Unit.BYTES));
        assertThat(vm.progress().stepState(0)).isEqualTo(StepState.RUNNING);
        assertThat(vm.progress().doneProperty().get())
                .as("50 of 400 bytes of the first of four steps")
                .isEqualTo(RunViewModel.STEP_UNITS * 50 / 400);
    }

    @Test
    void backupProgressIsOneRunningTotalNamingTheEntryBeingCopiedNotARowPerFile() {
        var plan = new dev.berth.engine.Plan(
                dev.berth.engine.Plan.Kind.BACKUP,
                "/srv/app",
                "app",
                List.of("docker-compose.yml"),
                List.of(".env"),
                List.of(),
                "1.0.0",
                "1.0.0",
                "backup",
                List.of(new dev.berth.engine.PlanStep.Backup(
                        "backup-hot",
                        dev.berth.engine.Text.plain("Back up while the app runs"),
                        dev.berth.engine.PlanStep.Backup.Stage.HOT,
                        "/b/app.berth",
                        List.of())),
                List.of(),
                java.util.Map.of(),
                List.of(),
                0,
                dev.berth.engine.Plan.DataRollback.KEEP);
        vm.start(RunViewModel.StepSpec.of(plan), (listener, cancellation) -> {
            listener.onEvent(new RunEvent.StepStarted("backup-hot", "Back up while the app runs", T));
            listener.onEvent(new RunEvent.Progress("backup-hot", 10, 400, Unit.BYTES, "files/.env", T));
            listener.onEvent(new RunEvent.Progress("backup-hot", 200, 400, Unit.BYTES, "data/m1/records/1.txt", T));
            listener.onEvent(new RunEvent.Progress("backup-hot", 300, 400, Unit.BYTES, "volumes/db/PG_VERSION", T));
            throw new IllegalStateException("stop here");
        });
        drain();

        assertThat(vm.items()).containsExactly(new RunViewModel.Item("volumes/db/PG_VERSION", 300, 400, Unit.BYTES));
    }

    @Test
    void progressBurstsReachTheFxThreadAsTheirNewestValueWithoutReorderingOtherEvents() {
        List<RunEvent> seen = new ArrayList<>();
        var listener = bridge.deliverMerging(
                (RunEvent e) -> seen.add(e),
                (a, b) -> a instanceof RunEvent.Progress x
                        && b instanceof RunEvent.Progress y
                        && x.message().equals(y.message()));
        for (int i = 1; i <= 1000; i++) {
            listener.accept(new RunEvent.Progress("pull", i, 1000, Unit.BYTES, "web", T));
        }
        listener.accept(new RunEvent.StepFinished("pull", Outcome.DONE, "Pull", T));
        listener.accept(new RunEvent.Progress("start", 1, 2, Unit.ITEMS, "web", T));
        assertThat(fx).as("one FX task for the whole burst").hasSize(1);

        drain();

        assertThat(seen).hasSize(3);
        assertThat(((RunEvent.Progress) seen.get(0)).done()).isEqualTo(1000);
        assertThat(seen.get(1)).isInstanceOf(RunEvent.StepFinished.class);
        assertThat(seen.get(2)).isInstanceOf(RunEvent.Progress.class);
    }

    @Test
    void aFailureRollsBackAndTheUndoneStepsShowAsUndone() {
        vm.start(
                STEPS,
                script(
                        report(
                                RunStatus.ROLLED_BACK,
                                "Start the new version failed: port in use. Rolled back: 1.0.0 runs again."),
                        new RunEvent.StepStarted("pull", "Pull", T),
                        new RunEvent.StepFinished("pull", Outcome.DONE, "Pull", T),
                        new RunEvent.StepStarted("apply", "Apply", T),
                        new RunEvent.StepFinished("apply", Outcome.DONE, "Apply", T),
                        new RunEvent.StepStarted("start", "Start", T),
                        new RunEvent.StepFinished("start", Outcome.FAILED, "port in use", T),
                        new RunEvent.Warning("rollback", "Rolling back: Start failed: port in use", T),
                        new RunEvent.StepStarted("undo-start", "Undo: Start", T),
                        new RunEvent.StepFinished("undo-start", Outcome.DONE, "Undone: Start", T),
                        new RunEvent.StepStarted("undo-apply", "Undo: Apply", T),
                        new RunEvent.StepFinished("undo-apply", Outcome.DONE, "Undone: Apply", T),
                        new RunEvent.StepStarted("verify-rollback", "Check the old version serves", T),
                        new RunEvent.StepFinished("verify-rollback", Outcome.DONE, "Old version healthy", T)));
        drain();

        assertThat(states()).containsExactly(StepState.DONE, StepState.UNDONE, StepState.UNDONE, StepState.PENDING);
        assertThat(vm.rollingBackProperty().get()).isTrue();
        assertThat(vm.warnings().stream().map(dev.berth.engine.Text::english))
                .containsExactly("Rolling back: Start failed: port in use");
        assertThat(vm.statusProperty().get()).contains(RunStatus.ROLLED_BACK);
        assertThat(vm.succeeded()).isFalse();
        assertThat(vm.messageProperty().get().english()).contains("1.0.0 runs again");
        assertThat(vm.progress().log().lines()).contains("✗ port in use", "✓ Undone: Apply");
    }

    @Test
    void cancelAsksTheEngineAndWaitsForItsReport() {
        AtomicReference<Cancellation> token = new AtomicReference<>();
        // A worker that does not run at once: the test plays the engine's thread by hand.
        Queue<Runnable> workers = new ArrayDeque<>();
        RunViewModel paused = new RunViewModel(new FxBridge(fx::add, workers::add), tracker, () -> 0, 100);
        paused.start(STEPS, (listener, cancellation) -> {
            token.set(cancellation);
            listener.onEvent(new RunEvent.StepStarted("pull", "Pull", T));
            // The engine sees the cancel at its next safe point and stops the step there.
            listener.onEvent(new RunEvent.StepFinished("pull", Outcome.CANCELLED, "Cancelled", T));
            listener.onEvent(new RunEvent.Result("", RunStatus.ROLLED_BACK, "Cancelled. Nothing was changed.", T));
            return report(RunStatus.ROLLED_BACK, "Cancelled. Nothing was changed.");
        });
        assertThat(paused.canCancel()).isTrue();

        paused.cancel();

        assertThat(paused.stateProperty().get())
                .as("still running until the engine reports")
                .isEqualTo(RunViewModel.State.CANCELLING);
        assertThat(paused.canCancel()).isFalse();
        workers.poll().run();
        assertThat(token.get().isCancelled()).isTrue();
        drain();
        assertThat(paused.stateProperty().get()).isEqualTo(RunViewModel.State.FINISHED);
        assertThat(paused.progress().stepState(0)).isEqualTo(StepState.CANCELLED);
        assertThat(paused.statusProperty().get()).contains(RunStatus.ROLLED_BACK);
        assertThat(tracker.active()).isFalse();
    }

    @Test
    void aJobThatCannotStartEndsWithItsMessage() {
        vm.start(STEPS, (listener, cancellation) -> {
            throw new DockerUnreachableException(
                    "Berth could not reach a Docker engine.\n- unix:///var/run/docker.sock: refused", null);
        });
        drain();

        assertThat(vm.stateProperty().get()).isEqualTo(RunViewModel.State.FINISHED);
        assertThat(vm.statusProperty().get()).isEmpty();
        assertThat(vm.errorProperty().get()).containsInstanceOf(DockerUnreachableException.class);
        assertThat(vm.messageProperty().get().english()).startsWith("Berth could not reach a Docker engine.");
        assertThat(tracker.active()).isFalse();
    }

    @Test
    void aResumedRunShowsWhatWasDoneBefore() {
        vm.start(
                List.of(
                        new RunViewModel.StepSpec("pull", dev.berth.engine.Text.plain("Pull"), StepState.DONE),
                        new RunViewModel.StepSpec("apply", dev.berth.engine.Text.plain("Apply"), StepState.PENDING)),
                script(
                        report(RunStatus.SUCCEEDED, "done"),
                        new RunEvent.StepStarted("apply", "Apply", T),
                        new RunEvent.StepFinished("apply", Outcome.DONE, "Apply", T)));
        assertThat(vm.progress().stepState(0)).isEqualTo(StepState.DONE);
        drain();
        assertThat(states()).containsOnly(StepState.DONE);
    }

    @Test
    void aSecondRunCannotStartWhileTheFirstGoesOn() {
        vm.start(STEPS, script(report(RunStatus.SUCCEEDED, "ok")));
        assertThatThrownBy(() -> vm.start(STEPS, script(report(RunStatus.SUCCEEDED, "ok"))))
                .isInstanceOf(IllegalStateException.class);
        drain();
        vm.start(STEPS, script(report(RunStatus.SUCCEEDED, "again")));
        drain();
        assertThat(vm.messageProperty().get().english()).isEqualTo("again");
    }
}
