package dev.berth.engine;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a step sees while it runs: the plan, the journal's facts, a way to report progress and log
 * lines, the cancellation token and the crash-point hook. Used on the run's worker thread only.
 */
public final class StepContext {
    private final Plan plan;
    private final Journal journal;
    private final RunListener listener;
    private final Cancellation cancellation;
    private final CrashPoints crashPoints;
    private final Function<String, Path> paths;
    private String step = "";

    StepContext(
            Plan plan,
            Journal journal,
            RunListener listener,
            Cancellation cancellation,
            CrashPoints crashPoints,
            Function<String, Path> paths) {
        this.paths = paths;
        this.plan = plan;
        this.journal = journal;
        this.listener = listener;
        this.cancellation = cancellation;
        this.crashPoints = crashPoints;
    }

    void enter(String stepId) {
        this.step = stepId;
    }

    public Plan plan() {
        return plan;
    }

    /** The install folder, on the file system it lives on. */
    public Path install() {
        return paths.apply(plan.install());
    }

    /** A path string of the plan or the journal as a path of the file system the install lives on. */
    public Path path(String path) {
        return paths.apply(path);
    }

    /** The run's own folder, {@code .berth/runs/<runId>/}, for old files and scratch data. */
    public Path runDir() {
        return Journal.berthDir(install()).resolve("runs").resolve(runId());
    }

    public String step() {
        return step;
    }

    /** Reports {@code done} of {@code total} units for the current step ({@code total} 0 = unknown). */
    public void progress(long done, long total, RunEvent.Unit unit, String message) {
        listener.onEvent(new RunEvent.Progress(step, done, total, unit, message, Instant.now()));
    }

    /** A line of a tool's output for the user's log, shown as it is. Must not contain secrets. */
    public void log(String line) {
        listener.onEvent(new RunEvent.Log(step, line, Instant.now()));
    }

    /** A line for the user's log saying what Berth did, in the user's language. No secrets. */
    public void log(Text line) {
        listener.onEvent(new RunEvent.Log(step, line, Instant.now()));
    }

    /** This step's log for the container runtime: its tools' lines as they are, its own lines as texts. */
    public ContainerRuntime.Log runtimeLog() {
        return new ContainerRuntime.Log() {
            @Override
            public void accept(String line) {
                log(line);
            }

            @Override
            public void text(Text line) {
                log(line);
            }
        };
    }

    /** A warning that does not stop the run, in English only (a tool's or a lower layer's words). */
    public void warn(String message) {
        listener.onEvent(new RunEvent.Warning(step, message, Instant.now()));
    }

    /** A warning that does not stop the run. */
    public void warn(Text message) {
        listener.onEvent(new RunEvent.Warning(step, message, Instant.now()));
    }

    /** Throws when the user cancelled; call between units of work. */
    public void checkCancelled() {
        cancellation.check();
    }

    public Cancellation cancellation() {
        return cancellation;
    }

    /** The test-only crash hook for the middle of a long step. */
    public void midpoint() {
        crashPoints.reach(step, CrashPoints.Phase.MIDDLE);
    }

    /** Records a fact in the journal for later steps, resume and rollback. */
    public void fact(String key, String value) {
        journal.fact(key, value);
    }

    public Optional<String> fact(String key) {
        return journal.fact(key);
    }

    /** The keys of the recorded facts that start with {@code prefix}, in the order they were recorded. */
    public java.util.List<String> factKeys(String prefix) {
        return journal.snapshot().facts().keySet().stream()
                .filter(k -> k.startsWith(prefix))
                .toList();
    }

    /** The run's id (names the run's folder under {@code .berth/runs/}). */
    public String runId() {
        return journal.snapshot().runId();
    }
}
