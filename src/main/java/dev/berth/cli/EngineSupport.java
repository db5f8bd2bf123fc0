package dev.berth.cli;

import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanReport;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import java.io.PrintStream;
import java.time.Instant;

/** What the run commands share: making the engine, asking for confirmation, running with events. */
final class EngineSupport {
    private EngineSupport() {}

    static Engine engine(Services services) {
        return engine(services, java.util.List.of());
    }

    /** The engine, with the command line's {@code --image-mirror} rules applied to every pull. */
    static Engine engine(Services services, java.util.List<String> imageMirrors) {
        services.addImageMirrors(imageMirrors);
        return services.engine();
    }

    /**
     * Shows the plan (unless JSON events are asked for) and asks to go on.
     *
     * @return null to go on, or the exit code to stop with
     */
    static Integer confirm(Plan plan, PlanReport report, RunOptions opts, PrintStream err) {
        if (!opts.jsonEvents) {
            PlanPrinter.text(plan, report, err);
            err.println();
        } else {
            // The plan is not printed in this mode: its warnings and failed checks must still reach
            // the reader (security warnings before anything runs; why a run was refused).
            EventPrinter events = EventPrinter.forCli(true);
            plan.warnings().forEach(w -> events.onEvent(new RunEvent.Warning("plan", w, Instant.now())));
            for (Plan.Check c : plan.checks()) {
                if (c.status() == Plan.Check.Status.WARN) {
                    events.onEvent(new RunEvent.Warning(
                            "plan", c.name() + ": " + c.message().english(), Instant.now()));
                }
            }
            if (plan.refused()) {
                String why = plan.checks().stream()
                        .filter(c -> c.status() == Plan.Check.Status.FAIL)
                        .map(c -> c.name() + ": " + c.message().english())
                        .collect(java.util.stream.Collectors.joining("; "));
                events.onEvent(new RunEvent.Result(
                        "", RunStatus.REFUSED, "Refused before anything changed: " + why, Instant.now()));
                err.println("berth: refused before anything changed: " + why + " (exit 3).");
                return ExitCode.REFUSED;
            }
        }
        if (plan.refused()) {
            err.println("berth: refused before anything changed; see the failed checks above (exit 3).");
            return ExitCode.REFUSED;
        }
        if (opts.yes) {
            return null;
        }
        var console = System.console();
        if (console == null || opts.jsonEvents) {
            err.println("berth: confirmation needed; review the plan above and rerun with --yes to go ahead."
                    + " Nothing was changed.");
            return ExitCode.REFUSED;
        }
        String answer = console.readLine("Go ahead? [y/N] ");
        if (answer == null || !answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
            err.println("berth: stopped at your request; nothing was changed.");
            return ExitCode.REFUSED;
        }
        return null;
    }

    /** {@link #confirm} then {@link #run}: the exit code of the refusal, or of the run. */
    static int confirmAndRun(Engine engine, Plan plan, PlanReport report, RunOptions opts) {
        Integer stop = confirm(plan, report, opts, System.err);
        return stop != null ? stop : run(engine, plan, opts);
    }

    /** Runs and returns the exit code; Ctrl-C asks the engine to stop at a safe point. */
    static int run(Engine engine, Plan plan, RunOptions opts) {
        return runWith(engine, plan, opts, new Cancellation()).status().exitCode();
    }

    /** Runs and returns the report; Ctrl-C cancels {@code cancel}, which the engine checks at safe points. */
    static RunReport runWith(Engine engine, Plan plan, RunOptions opts, Cancellation cancel) {
        Thread hook = new Thread(cancel::cancel, "berth-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return engine.run(
                    plan,
                    EventPrinter.forCli(opts.jsonEvents)
                            .steps(plan.steps().stream()
                                    .map(dev.berth.engine.PlanStep::id)
                                    .toList()),
                    cancel);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down: the hook already ran
            }
        }
    }
}
