package dev.berth.engine;

import dev.berth.engine.Journal.StepRecord;
import dev.berth.engine.Journal.StepState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs a {@link Plan}: journals every step before and after it acts, reports events, stops at the
 * next safe point when cancelled, and rolls back automatically when a step fails after the app
 * was touched. {@link #resume} and {@link #rollback} pick up a run that a crash interrupted.
 *
 * <p>All methods block and run on the caller's thread (the GUI calls them off the FX thread);
 * listener calls happen on that thread. They never throw for a failed run: the {@link RunReport}
 * says what happened, and a {@link RunEvent.Result} is always the last event.
 */
public final class PlanRunner {
    private final StepExecutor executor;
    private final CrashPoints crashPoints;
    private final String berthVersion;
    private final Function<String, Path> paths;
    private final RunLock lock;

    /**
     * @param paths turns the plan's path strings into {@link Path}s of the file system the install
     *     lives on (the local one, or a remote host's)
     * @param lock keeps other Berth processes off the install while this one runs
     */
    public PlanRunner(
            StepExecutor executor,
            CrashPoints crashPoints,
            String berthVersion,
            Function<String, Path> paths,
            RunLock lock) {
        this.executor = executor;
        this.crashPoints = crashPoints;
        this.berthVersion = berthVersion;
        this.paths = paths;
        this.lock = lock;
    }

    /** Runs a plan from its start. */
    public RunReport run(Plan plan, RunListener listener, Cancellation cancellation) {
        if (plan.refused()) {
            List<Object> why = plan.checks().stream()
                    .filter(c -> c.status() == Plan.Check.Status.FAIL)
                    .map(c -> (Object) c.message())
                    .toList();
            return finish(listener, null, RunStatus.REFUSED, Text.of(Text.Key.RESULT_REFUSED, why), "", List.of());
        }
        Path install = paths.apply(plan.install());
        try (RunLock.Held held = lock.acquire(install, plan.kind().name().toLowerCase() + " to " + plan.toVersion())) {
            List<String> drift = drift(plan);
            if (!drift.isEmpty()) {
                return finish(listener, null, RunStatus.REFUSED, Text.of(Text.Key.RESULT_DRIFT, drift), "", List.of());
            }
            List<StepRecord> records = plan.steps().stream()
                    .map(s -> new StepRecord(s.id(), s.title().english(), StepState.PENDING, null, null, null))
                    .toList();
            Journal journal = Journal.begin(
                    install,
                    newRunId(),
                    plan.kind().name(),
                    plan.fromVersion(),
                    plan.toVersion(),
                    berthVersion,
                    Journal.JSON.valueToTree(plan),
                    records);
            return forward(plan, journal, 0, listener, cancellation);
        } catch (RunLock.LockedException e) {
            return finish(listener, null, RunStatus.REFUSED, e.text(), "", List.of());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, Failures.text(e), "", List.of());
        }
    }

    /** Finishes an interrupted run (or its interrupted rollback). */
    public RunReport resume(Path install, RunListener listener, Cancellation cancellation) {
        try (RunLock.Held held = lock.acquire(install, "resume")) {
            var loaded = Journal.load(install);
            if (loaded.isEmpty()) {
                return finish(
                        listener,
                        null,
                        RunStatus.REFUSED,
                        Text.of(
                                Text.Key.RESULT_NOTHING_TO_RESUME,
                                Journal.berthDir(install).toString()),
                        "",
                        List.of());
            }
            Journal journal = loaded.get();
            Plan plan = planOf(journal);
            emit(
                    listener,
                    new RunEvent.Log(
                            "",
                            Text.of(Text.Key.LOG_RESUMING, journal.snapshot().runId()),
                            Instant.now()));
            removeLeftovers(listener);
            if (journal.snapshot().state() == Journal.State.ROLLING_BACK
                    || journal.snapshot().state() == Journal.State.ROLLBACK_FAILED) {
                return rollBack(plan, journal, listener, Text.of(Text.Key.CAUSE_RESUMED_ROLLBACK));
            }
            int start = 0;
            while (start < plan.steps().size()
                    && isFinished(journal.snapshot()
                            .step(plan.steps().get(start).id())
                            .map(StepRecord::state)
                            .orElse(StepState.PENDING))) {
                start++;
            }
            return forward(plan, journal, start, listener, cancellation);
        } catch (RunLock.LockedException e) {
            return finish(listener, null, RunStatus.REFUSED, e.text(), "", List.of());
        } catch (java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, Failures.text(e), "", List.of());
        }
    }

    /** Undoes an interrupted run. */
    public RunReport rollback(Path install, RunListener listener) {
        try (RunLock.Held held = lock.acquire(install, "rollback")) {
            var loaded = Journal.load(install);
            if (loaded.isEmpty()) {
                return finish(
                        listener,
                        null,
                        RunStatus.REFUSED,
                        Text.of(
                                Text.Key.RESULT_NOTHING_TO_ROLL_BACK,
                                Journal.berthDir(install).toString()),
                        "",
                        List.of());
            }
            Journal journal = loaded.get();
            removeLeftovers(listener);
            return rollBack(planOf(journal), journal, listener, Text.of(Text.Key.CAUSE_ROLLBACK_ASKED));
        } catch (RunLock.LockedException e) {
            return finish(listener, null, RunStatus.REFUSED, e.text(), "", List.of());
        } catch (java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, Failures.text(e), "", List.of());
        }
    }

    private RunReport forward(Plan plan, Journal journal, int start, RunListener listener, Cancellation cancellation) {
        StepContext ctx = new StepContext(plan, journal, listener, cancellation, crashPoints, paths);
        for (int i = start; i < plan.steps().size(); i++) {
            PlanStep step = plan.steps().get(i);
            try {
                cancellation.check();
                crashPoints.reach(step.id(), CrashPoints.Phase.BEFORE);
                journal.stepStarted(step.id());
                emit(listener, new RunEvent.StepStarted(step.id(), step.title(), Instant.now()));
                ctx.enter(step.id());
                executor.execute(step, ctx);
                journal.stepEnded(step.id(), StepState.DONE, null);
                emit(
                        listener,
                        new RunEvent.StepFinished(step.id(), RunEvent.Outcome.DONE, step.title(), Instant.now()));
                crashPoints.reach(step.id(), CrashPoints.Phase.AFTER);
            } catch (Cancellation.CancelledException e) {
                boolean began = journal.snapshot()
                        .step(step.id())
                        .map(r -> r.state() == StepState.RUNNING)
                        .orElse(false);
                if (began) {
                    journal.stepEnded(step.id(), StepState.FAILED, "cancelled");
                    emit(
                            listener,
                            new RunEvent.StepFinished(
                                    step.id(),
                                    RunEvent.Outcome.CANCELLED,
                                    Text.of(Text.Key.RUN_CANCELLED),
                                    Instant.now()));
                }
                return rollBack(plan, journal, listener, Text.of(Text.Key.CAUSE_CANCELLED, step.title()));
            } catch (Exception e) {
                String msg = message(e);
                journal.stepEnded(step.id(), StepState.FAILED, msg);
                // The engine's own failures and those a lower layer says what they are made of come as texts
                // (they end a sentence); a tool's English as it is.
                Text said = Failures.text(e);
                Optional<Text> text = said.key().isEmpty() ? Optional.empty() : Optional.of(said);
                emit(
                        listener,
                        new RunEvent.StepFinished(
                                step.id(), RunEvent.Outcome.FAILED, text.orElse(Text.plain(msg)), Instant.now()));
                return rollBack(
                        plan,
                        journal,
                        listener,
                        Text.of(
                                Text.Key.CAUSE_FAILED,
                                step.title(),
                                text.orElseGet(() -> Text.plain(withFullStop(msg)))));
            }
        }
        journal.state(Journal.State.SUCCEEDED);
        Text msg = switch (plan.kind()) {
            case INSTALL -> Text.of(Text.Key.RESULT_INSTALLED, plan.toVersion());
            case UPGRADE -> Text.of(Text.Key.RESULT_UPGRADED, plan.fromVersion(), plan.toVersion());
            case CONFIGURE -> Text.of(Text.Key.RESULT_CONFIGURED);
            case BACKUP -> Text.of(Text.Key.RESULT_BACKED_UP);
            case RESTORE -> Text.of(Text.Key.RESULT_RESTORED);
        };
        return finish(
                listener,
                journal,
                RunStatus.SUCCEEDED,
                msg,
                "",
                journal.snapshot().notes());
    }

    /**
     * Undoes every step that began, newest first. When nothing that affects the running app had
     * begun, there is nothing to undo and the old version still serves.
     */
    private RunReport rollBack(Plan plan, Journal journal, RunListener listener, Text cause) {
        List<PlanStep> began = new ArrayList<>();
        for (PlanStep s : plan.steps()) {
            StepState st =
                    journal.snapshot().step(s.id()).map(StepRecord::state).orElse(StepState.PENDING);
            if (st != StepState.PENDING && st != StepState.SKIPPED && st != StepState.UNDONE) {
                began.add(s);
            }
        }
        boolean touched = began.stream().anyMatch(PlanStep::duringDowntime);
        if (!touched) {
            journal.note("Stopped before the app was touched: " + cause.english());
            journal.state(Journal.State.ROLLED_BACK);
            Text result = plan.freshTarget()
                    ? Text.of(Text.Key.RESULT_NOTHING_CHANGED_STARTED, cause)
                    : plan.fromVersion().isEmpty()
                            ? Text.of(Text.Key.RESULT_NOTHING_CHANGED_APP_RUNS, cause)
                            : Text.of(Text.Key.RESULT_NOTHING_CHANGED_RUNS, cause, plan.fromVersion());
            return finish(
                    listener,
                    journal,
                    RunStatus.ROLLED_BACK,
                    result,
                    "none",
                    journal.snapshot().notes());
        }
        journal.state(Journal.State.ROLLING_BACK);
        StepContext ctx = new StepContext(plan, journal, listener, Cancellation.none(), crashPoints, paths);
        boolean dataTouched =
                began.stream().anyMatch(s -> s instanceof PlanStep.StartServices || s instanceof PlanStep.Migrate);
        boolean restoreData =
                dataTouched && plan.dataRollback() == Plan.DataRollback.RESTORE_WHEN_STARTED && !plan.freshTarget();
        PlanStep firstDataStep = began.stream()
                .filter(s -> s instanceof PlanStep.StartServices || s instanceof PlanStep.Migrate)
                .findFirst()
                .orElse(null);
        String path = restoreData ? "files+images+data" : "files+images";
        journal.fact("rollbackPath", path);
        emit(listener, new RunEvent.Warning("rollback", Text.of(Text.Key.RUN_ROLLING_BACK, cause), Instant.now()));
        try {
            for (int i = began.size() - 1; i >= 0; i--) {
                PlanStep s = began.get(i);
                if (journal.snapshot()
                        .step(s.id())
                        .map(r -> r.state() == StepState.UNDONE)
                        .orElse(false)) {
                    continue;
                }
                String undoId = "undo-" + s.id();
                crashPoints.reach(undoId, CrashPoints.Phase.BEFORE);
                journal.stepEnded(s.id(), StepState.UNDOING, null);
                emit(listener, new RunEvent.StepStarted(undoId, Text.of(Text.Key.RUN_UNDO, s.title()), Instant.now()));
                ctx.enter(undoId);
                executor.undo(s, ctx);
                if (restoreData
                        && s == firstDataStep
                        && journal.fact("dataRestored").isEmpty()) {
                    emit(
                            listener,
                            new RunEvent.StepStarted(
                                    "restore-data", Text.of(Text.Key.RUN_RESTORE_DATA), Instant.now()));
                    ctx.enter("restore-data");
                    executor.restoreData(ctx);
                    journal.fact("dataRestored", "yes");
                    emit(
                            listener,
                            new RunEvent.StepFinished(
                                    "restore-data",
                                    RunEvent.Outcome.DONE,
                                    Text.of(Text.Key.RUN_DATA_RESTORED),
                                    Instant.now()));
                }
                journal.stepEnded(s.id(), StepState.UNDONE, null);
                emit(
                        listener,
                        new RunEvent.StepFinished(
                                undoId, RunEvent.Outcome.DONE, Text.of(Text.Key.RUN_UNDONE, s.title()), Instant.now()));
                crashPoints.reach(undoId, CrashPoints.Phase.AFTER);
            }
            if (!plan.freshTarget()) {
                emit(
                        listener,
                        new RunEvent.StepStarted(
                                "verify-rollback", Text.of(Text.Key.RUN_VERIFY_ROLLBACK), Instant.now()));
                ctx.enter("verify-rollback");
                executor.verifyRolledBack(ctx);
                emit(
                        listener,
                        new RunEvent.StepFinished(
                                "verify-rollback",
                                RunEvent.Outcome.DONE,
                                Text.of(Text.Key.RUN_OLD_HEALTHY),
                                Instant.now()));
            }
        } catch (Exception e) {
            String msg = message(e);
            journal.note("Rollback failed: " + msg);
            journal.state(Journal.State.ROLLBACK_FAILED);
            return finish(
                    listener,
                    journal,
                    RunStatus.ROLLBACK_FAILED,
                    Text.of(Text.Key.RESULT_ROLLBACK_FAILED, cause, stripEnd(msg), manualSteps(plan, journal)),
                    path,
                    journal.snapshot().notes());
        }
        journal.note("Rolled back (" + path + "): " + cause.english());
        journal.state(Journal.State.ROLLED_BACK);
        Text result;
        if (plan.freshTarget()) {
            result = Text.of(
                    plan.kind() == Plan.Kind.INSTALL
                            ? Text.Key.RESULT_ROLLED_BACK_FRESH_INSTALL
                            : Text.Key.RESULT_ROLLED_BACK_FRESH_RESTORE,
                    cause);
        } else if (plan.fromVersion().isEmpty()) {
            result = Text.of(
                    restoreData ? Text.Key.RESULT_ROLLED_BACK_PREVIOUS_DATA : Text.Key.RESULT_ROLLED_BACK_PREVIOUS_KEPT,
                    cause);
        } else {
            result = Text.of(
                    restoreData ? Text.Key.RESULT_ROLLED_BACK_DATA : Text.Key.RESULT_ROLLED_BACK_KEPT,
                    cause,
                    plan.fromVersion());
        }
        return finish(
                listener,
                journal,
                RunStatus.ROLLED_BACK,
                result,
                path,
                journal.snapshot().notes());
    }

    private Text manualSteps(Plan plan, Journal journal) {
        Object backup = journal.fact("backup.archive").map(b -> (Object) b).orElse(Text.of(Text.Key.RUN_NO_BACKUP));
        return Text.of(
                Text.Key.RUN_MANUAL_STEPS,
                Journal.berthDir(paths.apply(plan.install()))
                        .resolve("runs")
                        .resolve(journal.snapshot().runId())
                        .resolve("old")
                        .toString(),
                backup,
                plan.install());
    }

    private RunReport finish(
            RunListener listener, Journal journal, RunStatus status, Text message, String path, List<String> notes) {
        List<StepRecord> steps =
                journal == null ? List.of() : journal.snapshot().steps();
        String runId = journal == null ? "" : journal.snapshot().runId();
        RunReport report = new RunReport(runId, status, message, steps, path, downtime(steps), notes);
        if (journal != null) {
            Plan.Advice.When ending =
                    status == RunStatus.SUCCEEDED ? Plan.Advice.When.SUCCEEDED : Plan.Advice.When.FAILED;
            for (Plan.Advice a : planOf(journal).advice()) {
                if (a.when() == ending) {
                    emit(listener, new RunEvent.Advice("", a.text(), Instant.now()));
                }
            }
        }
        emit(listener, new RunEvent.Result("", status, message, Instant.now()));
        return report;
    }

    /**
     * Removes the leftovers of the killed process before a resume or rollback; a failure is a
     * warning: the run goes on, and what is left is named.
     */
    private void removeLeftovers(RunListener listener) {
        try {
            for (Text line : executor.removeLeftovers()) {
                emit(listener, new RunEvent.Log("", line, Instant.now()));
            }
        } catch (Exception e) {
            emit(
                    listener,
                    new RunEvent.Warning(
                            "", Text.of(Text.Key.WARN_HELPERS_LEFT, String.valueOf(e.getMessage())), Instant.now()));
        }
    }

    /** From the first downtime step's start to the last step's end. */
    private static Duration downtime(List<StepRecord> steps) {
        Instant first = null;
        Instant last = null;
        for (StepRecord r : steps) {
            if (r.started() != null && first == null && r.state() != StepState.PENDING) {
                first = r.started();
            }
            if (r.finished() != null) {
                last = r.finished();
            }
        }
        return first == null || last == null ? Duration.ZERO : Duration.between(first, last);
    }

    private List<String> drift(Plan plan) {
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, String> e : plan.fileHashes().entrySet()) {
            try {
                if (!FileHashes.sha256(paths.apply(e.getKey())).equals(e.getValue())) {
                    changed.add(e.getKey());
                }
            } catch (IOException ex) {
                changed.add(e.getKey() + " (unreadable: " + ex.getMessage() + ")");
            }
        }
        return changed;
    }

    /** The plan a journal holds. */
    static Plan planOf(Journal journal) {
        try {
            return Journal.JSON.treeToValue(journal.snapshot().plan(), Plan.class);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_PLAN_UNREADABLE, journal.file(), e);
        }
    }

    private static boolean isFinished(StepState s) {
        return s == StepState.DONE || s == StepState.SKIPPED;
    }

    private static void emit(RunListener l, RunEvent e) {
        l.onEvent(e);
    }

    private static String newRunId() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(java.time.ZoneOffset.UTC)
                        .format(Instant.now())
                + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** An error message that ends a sentence: with one final full stop (they often end with one). */
    private static String withFullStop(String s) {
        String c = s.strip();
        return c.endsWith(".") || c.endsWith("!") || c.endsWith("?") ? c : c + ".";
    }

    /** An error message without its final full stop, for a pattern that puts one after it. */
    private static String stripEnd(String s) {
        String c = s.strip();
        return c.endsWith(".") ? c.substring(0, c.length() - 1) : c;
    }
}
