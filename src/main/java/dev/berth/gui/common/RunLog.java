package dev.berth.gui.common;

import dev.berth.engine.Plan;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunListener;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what a run does into the app's log (the file a user sends when asking for help): which run,
 * every step's start and end, warnings, the compose output, advice and the result. Progress counts
 * are left out (they are many and say nothing afterwards). Event messages never hold secrets, so
 * neither does the log; GuiDemoIT checks that on a real run.
 */
final class RunLog implements RunListener {
    private static final Logger LOG = Logger.getLogger("dev.berth.run");

    private final String run;

    /** @param run names the run in every line (e.g. "upgrade demo 1.0.0 → 2.0.0") */
    RunLog(String run) {
        this.run = run;
    }

    /** For a run of {@code plan}: its kind, project and versions name it. */
    static RunLog of(Plan plan, String what) {
        String versions =
                plan.fromVersion().isEmpty() ? plan.toVersion() : plan.fromVersion() + " -> " + plan.toVersion();
        return new RunLog(
                what + " " + plan.kind().name().toLowerCase(Locale.ROOT) + " " + plan.project() + " " + versions);
    }

    @Override
    public void onEvent(RunEvent event) {
        switch (event) {
            case RunEvent.StepStarted e -> LOG.info(() -> line(e.step(), "started", e.message()));
            case RunEvent.StepFinished e ->
                LOG.log(
                        e.outcome() == RunEvent.Outcome.FAILED ? Level.WARNING : Level.INFO,
                        line(e.step(), e.outcome().name().toLowerCase(Locale.ROOT), e.message()));
            case RunEvent.Log e -> LOG.info(() -> line(e.step(), "log", e.message()));
            case RunEvent.Warning e -> LOG.warning(() -> line(e.step(), "warning", e.message()));
            case RunEvent.Advice e -> LOG.info(() -> line(e.step(), "advice", e.message()));
            case RunEvent.Result e ->
                LOG.log(
                        e.status() == dev.berth.engine.RunStatus.SUCCEEDED ? Level.INFO : Level.WARNING,
                        line(e.step(), "result " + e.status(), e.message()));
            case RunEvent.Progress e -> {}
        }
    }

    private String line(String step, String what, String message) {
        return run + (step == null || step.isEmpty() ? "" : " [" + step + "]") + " " + what
                + (message == null || message.isEmpty() ? "" : ": " + message);
    }
}
