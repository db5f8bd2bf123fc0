package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.UpgradePlanner;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth configure}: change values of an install, recreate what they affect, verify. */
@Command(
        name = "configure",
        mixinStandardHelpOptions = true,
        description = "Changes values of an install (--answers FILE with KEY=VALUE lines): checks them against the"
                + " template's docs, recreates only the services they affect, verifies, and puts the old files back"
                + " when the app does not come up.")
final class ConfigureCommand implements Callable<Integer> {
    private final Services services;

    @CommandLine.Mixin
    InstallOption install;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Mixin
    HostOptions hostOptions;

    ConfigureCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        Map<String, String> answers = run.answerValues();
        if (answers.isEmpty()) {
            System.err.println("berth configure: give the new values with --answers FILE (KEY=VALUE lines).");
            return ExitCode.USAGE;
        }
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services, run.imageMirrors);
        UpgradePlanner.Result r = engine.planConfigure(engine.inspect(engine.path(install.dir)), answers, Map.of());
        return EngineSupport.confirmAndRun(engine, r.plan(), r.report(), run);
    }
}
