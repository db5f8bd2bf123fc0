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
            String why = plan.checks().stream()
                    .filter(c -> c.status() == Plan.Check.Status.FAIL)
                    .map(Plan.Check::message)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse("");
            return finish(listener, null, RunStatus.REFUSED, "Refused before anything changed: " + why, "", List.of());
        }
        Path install = paths.apply(plan.install());
        try (RunLock.Held held = lock.acquire(install, plan.kind().name().toLowerCase() + " to " + plan.toVersion())) {
            String drift = drift(plan);
            if (!drift.isEmpty()) {
                return finish(
                        listener,
                        null,
                        RunStatus.REFUSED,
                        drift
                                + " changed since the plan was made. Nothing was changed; make the plan again and review it.",
                        "",
                        List.of());
            }
            List<StepRecord> records = plan.steps().stream()
                    .map(s -> new StepRecord(s.id(), s.title(), StepState.PENDING, null, null, null))
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
        } catch (RunLock.LockedException | IllegalStateException | java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, e.getMessage(), "", List.of());
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
                        "No unfinished run is recorded in " + Journal.berthDir(install) + "; nothing to resume.",
                        "",
                        List.of());
            }
            Journal journal = loaded.get();
            Plan plan = planOf(journal);
            emit(
                    listener,
                    new RunEvent.Log("", "Resuming run " + journal.snapshot().runId(), Instant.now()));
            removeLeftovers(listener);
            if (journal.snapshot().state() == Journal.State.ROLLING_BACK
                    || journal.snapshot().state() == Journal.State.ROLLBACK_FAILED) {
                return rollBack(plan, journal, listener, "resumed rollback");
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
        } catch (RunLock.LockedException | java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, e.getMessage(), "", List.of());
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
                        "No unfinished run is recorded in " + Journal.berthDir(install)
                                + "; nothing to roll back. To go back to an earlier backup, use berth restore.",
                        "",
                        List.of());
            }
            Journal journal = loaded.get();
            removeLeftovers(listener);
            return rollBack(planOf(journal), journal, listener, "rollback asked for");
        } catch (RunLock.LockedException | java.io.UncheckedIOException e) {
            return finish(listener, null, RunStatus.REFUSED, e.getMessage(), "", List.of());
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
                                    step.id(), RunEvent.Outcome.CANCELLED, "Cancelled", Instant.now()));
                }
                return rollBack(plan, journal, listener, "cancelled by the user before " + step.title());
            } catch (Exception e) {
                String msg = message(e);
                journal.stepEnded(step.id(), StepState.FAILED, msg);
                emit(listener, new RunEvent.StepFinished(step.id(), RunEvent.Outcome.FAILED, msg, Instant.now()));
                return rollBack(plan, journal, listener, step.title() + " failed: " + msg);
            }
        }
        journal.state(Journal.State.SUCCEEDED);
        String msg = switch (plan.kind()) {
            case INSTALL -> "Installed " + plan.toVersion() + " and verified it.";
            case UPGRADE -> "Upgraded from " + plan.fromVersion() + " to " + plan.toVersion() + " and verified it.";
            case CONFIGURE -> "Applied the new configuration and verified it.";
            case BACKUP -> "Backup written and verified.";
            case RESTORE -> "Restored and verified.";
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
    private RunReport rollBack(Plan plan, Journal journal, RunListener listener, String cause) {
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
            journal.note("Stopped before the app was touched: " + cause);
            journal.state(Journal.State.ROLLED_BACK);
            String state = plan.freshTarget()
                    ? "nothing was started"
                    : (plan.fromVersion().isEmpty() ? "the app" : plan.fromVersion()) + " still runs";
            return finish(
                    listener,
                    journal,
                    RunStatus.ROLLED_BACK,
                    sentence(cause) + " Nothing was changed; " + state + ".",
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
        emit(listener, new RunEvent.Warning("rollback", "Rolling back: " + cause, Instant.now()));
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
                emit(listener, new RunEvent.StepStarted(undoId, "Undo: " + s.title(), Instant.now()));
                ctx.enter(undoId);
                executor.undo(s, ctx);
                if (restoreData
                        && s == firstDataStep
                        && journal.fact("dataRestored").isEmpty()) {
                    emit(
                            listener,
                            new RunEvent.StepStarted("restore-data", "Restore data from the backup", Instant.now()));
                    ctx.enter("restore-data");
                    executor.restoreData(ctx);
                    journal.fact("dataRestored", "yes");
                    emit(
                            listener,
                            new RunEvent.StepFinished(
                                    "restore-data", RunEvent.Outcome.DONE, "Data restored", Instant.now()));
                }
                journal.stepEnded(s.id(), StepState.UNDONE, null);
                emit(
                        listener,
                        new RunEvent.StepFinished(
                                undoId, RunEvent.Outcome.DONE, "Undone: " + s.title(), Instant.now()));
                crashPoints.reach(undoId, CrashPoints.Phase.AFTER);
            }
            if (!plan.freshTarget()) {
                emit(
                        listener,
                        new RunEvent.StepStarted("verify-rollback", "Check the old version serves", Instant.now()));
                ctx.enter("verify-rollback");
                executor.verifyRolledBack(ctx);
                emit(
                        listener,
                        new RunEvent.StepFinished(
                                "verify-rollback", RunEvent.Outcome.DONE, "Old version healthy", Instant.now()));
            }
        } catch (Exception e) {
            String msg = message(e);
            journal.note("Rollback failed: " + msg);
            journal.state(Journal.State.ROLLBACK_FAILED);
            return finish(
                    listener,
                    journal,
                    RunStatus.ROLLBACK_FAILED,
                    sentence(cause) + " The automatic rollback failed too: " + msg + ". " + manualSteps(plan, journal),
                    path,
                    journal.snapshot().notes());
        }
        journal.note("Rolled back (" + path + "): " + cause);
        journal.state(Journal.State.ROLLED_BACK);
        String where = plan.freshTarget()
                ? (plan.kind() == Plan.Kind.INSTALL ? "The new install's" : "The restored copy's")
                        + " containers were removed; its files are kept for another try."
                : (plan.fromVersion().isEmpty() ? "The previous state" : plan.fromVersion()) + " runs again"
                        + (restoreData
                                ? " with the data from the backup taken before the run."
                                : " with its data untouched.");
        return finish(
                listener,
                journal,
                RunStatus.ROLLED_BACK,
                sentence(cause) + " Rolled back: " + where,
                path,
                journal.snapshot().notes());
    }

    private String manualSteps(Plan plan, Journal journal) {
        String backup = journal.fact("backup.archive").orElse("(no backup was taken)");
        return "What to do by hand: the previous files are in "
                + Journal.berthDir(paths.apply(plan.install()))
                        .resolve("runs")
                        .resolve(journal.snapshot().runId())
                        .resolve("old")
                + "; the backup taken before the run is " + backup
                + ". Fix the cause above, then run `berth rollback --install " + plan.install()
                + "` again, or restore the backup with `berth restore --backup " + backup + "`.";
    }

    private RunReport finish(
            RunListener listener, Journal journal, RunStatus status, String message, String path, List<String> notes) {
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
            for (String line : executor.removeLeftovers()) {
                emit(listener, new RunEvent.Log("", line, Instant.now()));
            }
        } catch (Exception e) {
            emit(
                    listener,
                    new RunEvent.Warning(
                            "",
                            "Could not remove the helper containers an interrupted run may have left: "
                                    + e.getMessage(),
                            Instant.now()));
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

    private String drift(Plan plan) {
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
        return String.join(", ", changed);
    }

    private static Plan planOf(Journal journal) {
        try {
            return Journal.JSON.treeToValue(journal.snapshot().plan(), Plan.class);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The plan in " + journal.file() + " cannot be read back: " + e.getMessage()
                            + ". The file is kept; it was written by another Berth version?",
                    e);
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

    /** The cause as a sentence: capitalised, with one final full stop (causes often end with one). */
    private static String sentence(String s) {
        String c = cap(s.strip());
        return c.endsWith(".") || c.endsWith("!") || c.endsWith("?") ? c : c + ".";
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
