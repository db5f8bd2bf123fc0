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

/** {@code berth plan}: what an upgrade would do, before anything runs. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Shows what upgrading an install to a release would do: version path, merged files, checks, steps.")
final class PlanCommand implements Callable<Integer> {
    private final Services services;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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

    @Option(names = "--json", description = "Print the plan and report as JSON on standard output.")
    boolean json;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Mixin
    HostOptions hostOptions;

    PlanCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services, run.imageMirrors);
        var inst = engine.inspect(engine.path(install));
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release target = loader.load(ReleaseSource.parse(release));
            var catalog = Engine.catalogFor(target, loader);
            UpgradePlanner.Result r = engine.planUpgrade(
                    inst,
                    target,
                    catalog,
                    loader,
                    new UpgradePlanner.Options(
                            run.answerValues(),
                            run.policy(),
                            services.backupDir(inst.record().project()),
                            false));
            if (json) {
                System.out.println(PlanPrinter.json(r.plan(), r.report()));
            } else {
                PlanPrinter.text(r.plan(), r.report(), System.out);
            }
            return r.plan().refused() ? ExitCode.REFUSED : ExitCode.OK;
        }
    }
}
