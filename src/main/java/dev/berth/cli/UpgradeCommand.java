package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.UpgradePlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth upgrade}: plan, confirm, run, verify; roll back on failure. */
@Command(
        name = "upgrade",
        mixinStandardHelpOptions = true,
        description = {
            "Upgrades an install to a release: backs up, pre-pulls, stops in order, applies the merged"
                    + " files, migrates, starts and verifies; rolls back by itself when anything fails.",
            "Exit codes: 0 upgraded; 1 failed and rolled back (or nothing changed); 2 usage; 3 refused; 4 the"
                    + " rollback failed too."
        })
final class UpgradeCommand extends UpgradeTargetCommand {

    @Option(names = "--remove-old-images", description = "Remove the old images after a successful upgrade.")
    boolean removeOldImages;

    UpgradeCommand(Services services) {
        super(services);
    }

    @Override
    boolean removeOldImages() {
        return removeOldImages;
    }

    @Override
    int use(Engine engine, UpgradePlanner.Result r) {
        return EngineSupport.confirmAndRun(engine, r.plan(), r.report(), run);
    }
}
