package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.PlanStep.HealthProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanRunnerTest {
    @TempDir
    Path install;

    /** Records what the runner asked for; fails or "crashes" at the steps it is told to. */
    static class RecordingExecutor implements StepExecutor {
        final List<String> calls = new CopyOnWriteArrayList<>();
        Set<String> failAt = Set.of();
        Set<String> crashAt = Set.of();
        Set<String> failUndoAt = Set.of();
        Runnable onExecute = () -> {};

        @Override
        public void execute(PlanStep step, StepContext ctx) {
            calls.add("run " + step.id());
            onExecute.run();
            ctx.progress(1, 3, RunEvent.Unit.ITEMS, "one");
            ctx.progress(3, 3, RunEvent.Unit.ITEMS, "three");
            if (crashAt.contains(step.id())) {
                throw new SimulatedCrash();
            }
            if (failAt.contains(step.id())) {
                throw new IllegalStateException("boom in " + step.id());
            }
        }

        @Override
        public void undo(PlanStep step, StepContext ctx) {
            calls.add("undo " + step.id());
            if (failUndoAt.contains(step.id())) {
                throw new IllegalStateException("undo broke in " + step.id());
            }
        }

        @Override
        public void restoreData(StepContext ctx) {
            calls.add("restore-data");
        }

        @Override
        public void verifyRolledBack(StepContext ctx) {
            calls.add("verify-old");
        }
    }

    /** Stands in for kill -9: an Error the runner does not catch, leaving the journal as it was. */
    static final class SimulatedCrash extends Error {}

    private Plan upgradePlan(Map<String, String> hashes) {
        return upgradePlan(hashes, List.of());
    }

    private Plan upgradePlan(Map<String, String> hashes, List<Plan.Advice> advice) {
        List<PlanStep> steps = List.of(
                new PlanStep.PullImages("pull", Text.plain("Pull new images"), List.of("web:2")),
                new PlanStep.Backup("backup", Text.plain("Back up"), PlanStep.Backup.Stage.HOT, "a.berth", List.of()),
                new PlanStep.StopServices("stop-app", Text.plain("Stop web"), List.of("web"), 10, List.of()),
                new PlanStep.ApplyFiles("apply", Text.plain("Apply files"), "staging", Map.of("compose.yaml", "ab")),
                new PlanStep.StartServices("start-db", Text.plain("Start db"), List.of("db")),
                new PlanStep.Migrate(
                        "migrate",
                        Text.plain("Migrate"),
                        new PlanStep.Migration.Run("migrate", List.of(), "", ""),
                        false),
                new PlanStep.StartServices("start", Text.plain("Start all"), List.of()),
                new PlanStep.Verify(
                        "verify", Text.plain("Verify"), List.of(new HealthProbe.ServiceHealthy("web")), 60));
        return new Plan(
                Plan.Kind.UPGRADE,
                install.toString(),
                "demo",
                List.of("compose.yaml"),
                List.of(".env"),
                List.of(),
                "1.0.0",
                "2.0.0",
                "rel",
                steps,
                List.of(),
                hashes,
                List.of(),
                30,
                Plan.DataRollback.RESTORE_WHEN_STARTED,
                advice);
    }

    private PlanRunner runner(StepExecutor ex) {
        return new PlanRunner(ex, CrashPoints.parse(null), "test", Path::of, InstallLock::acquire);
    }

    @Test
    void successfulRunExecutesStepsInOrderAndReportsProgressAsCounts() {
        var ex = new RecordingExecutor();
        List<RunEvent> events = new ArrayList<>();
        RunReport r = runner(ex).run(upgradePlan(Map.of()), events::add, Cancellation.none());

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ex.calls)
                .containsExactly(
                        "run pull",
                        "run backup",
                        "run stop-app",
                        "run apply",
                        "run start-db",
                        "run migrate",
                        "run start",
                        "run verify");
        assertThat(events.getLast()).isInstanceOf(RunEvent.Result.class);
        assertThat(events)
                .filteredOn(e -> e instanceof RunEvent.Progress)
                .extracting(e -> ((RunEvent.Progress) e).done() + "/" + ((RunEvent.Progress) e).total())
                .startsWith("1/3", "3/3");
        assertThat(Journal.load(install)).as("a finished journal is archived").isEmpty();
        assertThat(Files.exists(install.resolve(".berth/runs/" + r.runId() + ".json")))
                .isTrue();
    }

    @Test
    void failureAfterTheNewVersionStartedUndoesInReverseAndRestoresData() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("verify");
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.rollbackPath()).isEqualTo("files+images+data");
        assertThat(ex.calls.subList(8, ex.calls.size()))
                .containsExactly(
                        "undo verify",
                        "undo start",
                        "undo migrate",
                        "undo start-db",
                        "restore-data",
                        "undo apply",
                        "undo stop-app",
                        "undo backup",
                        "undo pull",
                        "verify-old");
        assertThat(r.message()).contains("boom in verify").contains("1.0.0 runs again");
    }

    @Test
    void failureBeforeAnythingStoppedChangesNothing() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("pull");
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(r.rollbackPath()).isEqualTo("none");
        assertThat(ex.calls).containsExactly("run pull");
        assertThat(r.message()).contains("Nothing was changed; 1.0.0 still runs");
    }

    @Test
    void failureBeforeTheNewVersionStartedKeepsDataAndRestoresFiles() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("apply");
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());

        assertThat(r.rollbackPath()).isEqualTo("files+images");
        assertThat(ex.calls).doesNotContain("restore-data").contains("undo apply", "undo stop-app", "verify-old");
    }

    @Test
    void cancelBeforeTheFirstStopLeavesTheOldVersionRunning() {
        var ex = new RecordingExecutor();
        Cancellation c = new Cancellation();
        ex.onExecute = () -> {
            if (ex.calls.size() == 2) {
                c.cancel();
            }
        };
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, c);

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(ex.calls).containsExactly("run pull", "run backup");
        assertThat(r.message()).contains("Cancelled by the user").contains("Nothing was changed");
    }

    @Test
    void cancelDuringDowntimeRollsBack() {
        var ex = new RecordingExecutor();
        Cancellation c = new Cancellation();
        ex.onExecute = () -> {
            if (ex.calls.getLast().equals("run apply")) {
                c.cancel();
            }
        };
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, c);

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(ex.calls)
                .contains("undo apply", "undo stop-app", "verify-old")
                .doesNotContain("run start-db");
    }

    @Test
    void aCrashLeavesAJournalThatResumeFinishes() {
        var ex = new RecordingExecutor();
        ex.crashAt = Set.of("migrate");
        try {
            runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
        } catch (SimulatedCrash expected) {
            // the process "died" here
        }
        Journal j = Journal.load(install).orElseThrow();
        assertThat(j.snapshot().state()).isEqualTo(Journal.State.RUNNING);
        assertThat(j.snapshot().step("migrate").orElseThrow().state()).isEqualTo(Journal.StepState.RUNNING);
        assertThat(j.snapshot().step("start-db").orElseThrow().state()).isEqualTo(Journal.StepState.DONE);

        var ex2 = new RecordingExecutor();
        RunReport r = runner(ex2).resume(install, e -> {}, Cancellation.none());
        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(ex2.calls).containsExactly("run migrate", "run start", "run verify");
    }

    @Test
    void aCrashLeavesAJournalThatRollbackUndoes() {
        var ex = new RecordingExecutor();
        ex.crashAt = Set.of("start");
        try {
            runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
        } catch (SimulatedCrash expected) {
            // the process "died" here
        }
        var ex2 = new RecordingExecutor();
        RunReport r = runner(ex2).rollback(install, e -> {});
        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(ex2.calls)
                .containsExactly(
                        "undo start",
                        "undo migrate",
                        "undo start-db",
                        "restore-data",
                        "undo apply",
                        "undo stop-app",
                        "undo backup",
                        "undo pull",
                        "verify-old");
    }

    @Test
    void aCrashDuringRollbackIsResumedWithoutRepeatingUndoneSteps() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("verify");
        ex.crashAt = Set.of();
        var crashing = new RecordingExecutor() {
            @Override
            public void undo(PlanStep step, StepContext ctx) {
                super.undo(step, ctx);
                if (step.id().equals("apply")) {
                    throw new SimulatedCrash();
                }
            }
        };
        crashing.failAt = Set.of("verify");
        try {
            runner(crashing).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
        } catch (SimulatedCrash expected) {
            // died while undoing "apply"
        }
        assertThat(Journal.load(install).orElseThrow().snapshot().state()).isEqualTo(Journal.State.ROLLING_BACK);
        var ex2 = new RecordingExecutor();
        RunReport r = runner(ex2).resume(install, e -> {}, Cancellation.none());
        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(ex2.calls)
                .as("data already restored, later undos done")
                .containsExactly("undo apply", "undo stop-app", "undo backup", "undo pull", "verify-old");
    }

    @Test
    void aFailedRollbackExitsWithFourAndSaysWhatToDoByHand() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("start");
        ex.failUndoAt = Set.of("apply");
        RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
        assertThat(r.status()).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(r.status().exitCode()).isEqualTo(4);
        assertThat(r.message())
                .contains("undo broke in apply")
                .contains("What to do by hand")
                .contains("berth rollback");
    }

    @Test
    void afterAFailedRollbackBerthRollbackFinishesItOnceTheCauseIsFixed() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("start");
        ex.failUndoAt = Set.of("apply");
        runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
        assertThat(Journal.load(install))
                .as("the journal stays where berth rollback looks")
                .hasValueSatisfying(j -> assertThat(j.snapshot().state()).isEqualTo(Journal.State.ROLLBACK_FAILED));

        ex.failUndoAt = Set.of(); // Docker is back, say
        ex.calls.clear();
        RunReport r = runner(ex).rollback(install, e -> {});

        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(ex.calls).startsWith("undo apply").doesNotContain("undo start-db", "undo start");
        assertThat(Journal.load(install)).isEmpty();
    }

    @Test
    void aFileChangedSinceThePlanIsRefused() throws Exception {
        Path env = install.resolve(".env");
        Files.writeString(env, "A=1\n");
        Plan plan = upgradePlan(FileHashes.of(List.of(env)));
        Files.writeString(env, "A=2\n");
        var ex = new RecordingExecutor();
        RunReport r = runner(ex).run(plan, e -> {}, Cancellation.none());
        assertThat(r.status()).isEqualTo(RunStatus.REFUSED);
        assertThat(r.message()).contains(".env").contains("changed since the plan was made");
        assertThat(ex.calls).isEmpty();
    }

    @Test
    void aSecondRunOnTheSameInstallIsRefusedAndNamesTheHolder() {
        try (InstallLock held = InstallLock.acquire(install, "upgrade to 9.9")) {
            var ex = new RecordingExecutor();
            RunReport r = runner(ex).run(upgradePlan(Map.of()), e -> {}, Cancellation.none());
            assertThat(r.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(r.message()).contains("Another Berth process").contains("upgrade to 9.9");
            assertThat(ex.calls).isEmpty();
        }
    }

    @Test
    void thePlanSurvivesTheJournalRoundTrip() throws Exception {
        Plan plan = upgradePlan(Map.of("/x", "y"));
        Plan back = Journal.JSON.treeToValue(Journal.JSON.valueToTree(plan), Plan.class);
        assertThat(back).isEqualTo(plan);
    }

    private static final List<Plan.Advice> ADVICE = List.of(
            new Plan.Advice(Plan.Advice.When.SUCCEEDED, "Check the version under About."),
            new Plan.Advice(Plan.Advice.When.FAILED, "Reindex the database after a violent stop."));

    @Test
    void aSucceededRunEndsWithTheAdviceForSuccessJustBeforeItsResult() {
        List<RunEvent> events = new ArrayList<>();
        RunReport r =
                runner(new RecordingExecutor()).run(upgradePlan(Map.of(), ADVICE), events::add, Cancellation.none());

        assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(events.subList(events.size() - 2, events.size()))
                .extracting(
                        e -> e.getClass().getSimpleName() + ":" + (e instanceof RunEvent.Advice a ? a.message() : ""))
                .containsExactly("Advice:Check the version under About.", "Result:");
    }

    @Test
    void aRolledBackRunEndsWithTheAdviceForFailureOnly() {
        var ex = new RecordingExecutor();
        ex.failAt = Set.of("verify");
        List<RunEvent> events = new ArrayList<>();
        RunReport r = runner(ex).run(upgradePlan(Map.of(), ADVICE), events::add, Cancellation.none());

        assertThat(r.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(events)
                .filteredOn(e -> e instanceof RunEvent.Advice)
                .extracting(RunEvent::toString)
                .singleElement()
                .asString()
                .contains("Reindex the database");
    }

    @Test
    void adviceSurvivesTheJournalRoundTripAndAPlanOfAnOlderBerthReadsWithoutIt() throws Exception {
        Plan plan = upgradePlan(Map.of(), ADVICE);
        assertThat(Journal.JSON.treeToValue(Journal.JSON.valueToTree(plan), Plan.class))
                .isEqualTo(plan);
        var old = (com.fasterxml.jackson.databind.node.ObjectNode) Journal.JSON.valueToTree(upgradePlan(Map.of()));
        old.remove("advice");
        assertThat(Journal.JSON.treeToValue(old, Plan.class).advice()).isEmpty();
    }
}
