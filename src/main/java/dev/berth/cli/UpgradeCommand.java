package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
final class UpgradeCommand implements Callable<Integer> {
    private final Services services;

    @Option(
            names = "--install",
            required = true,
            paramLabel = "DIR",
            description = "The install folder (on the server with --host).")
    String install;

    @Option(
            names = "--release",
            required = true,
            paramLabel = "SRC",
            description = "A release folder, a .tar.gz/.tgz/.zip of one, or REPO#TAG.")
    String release;

    @Option(names = "--remove-old-images", description = "Remove the old images after a successful upgrade.")
    boolean removeOldImages;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Mixin
    HostOptions hostOptions;

    UpgradeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services, run.imageMirrors);
        var inst = engine.inspect(engine.path(install));
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release target = loader.load(ReleaseSource.parse(release));
            UpgradePlanner.Result r = engine.planUpgrade(
                    inst,
                    target,
                    Engine.catalogFor(target, loader),
                    loader,
                    new UpgradePlanner.Options(
                            run.answerValues(),
                            run.policy(),
                            services.backupDir(inst.record().project()),
                            removeOldImages));
            Integer stop = EngineSupport.confirm(r.plan(), r.report(), run, System.err);
            if (stop != null) {
                return stop;
            }
            return EngineSupport.run(engine, r.plan(), run);
        }
    }
}
