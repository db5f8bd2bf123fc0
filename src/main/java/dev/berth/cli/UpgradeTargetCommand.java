package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code plan} and {@code upgrade} share: an install, a release, the run options, and the
 * upgrade plan they make. {@code plan} prints it; {@code upgrade} confirms and runs it.
 */
abstract class UpgradeTargetCommand implements Callable<Integer> {
    final Services services;

    @CommandLine.Mixin
    InstallOption install;

    @Option(
            names = "--release",
            required = true,
            paramLabel = "SRC",
            description = "A release folder, a .tar.gz/.tgz/.zip of one, or REPO#TAG.")
    String release;

    @Mixin
    RunOptions run;

    @Mixin
    HostOptions hostOptions;

    UpgradeTargetCommand(Services services) {
        this.services = services;
    }

    /** Whether the plan ends by removing the old images (only {@code upgrade} offers it). */
    abstract boolean removeOldImages();

    /** What to do with the plan; the release stays loaded (and its temporary files present) until this returns. */
    abstract int use(Engine engine, UpgradePlanner.Result result);

    @Override
    public final Integer call() {
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services, run.imageMirrors);
        var inst = engine.inspect(engine.path(install.dir));
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
                            removeOldImages()));
            return use(engine, r);
        }
    }
}
