package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.UpgradePlanner;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth install}: a release into a new folder, started and verified. */
@Command(
        name = "install",
        mixinStandardHelpOptions = true,
        description = "Installs a release into a new folder: .env from its template with your answers and generated"
                + " secrets, images pulled or built, started and checked.")
final class InstallCommand implements Callable<Integer> {
    private final Services services;

    @Option(
            names = "--release",
            required = true,
            paramLabel = "SRC",
            description = "A release folder, a .tar.gz/.tgz/.zip of one, or REPO#TAG.")
    String release;

    @Option(
            names = "--target",
            required = true,
            paramLabel = "DIR",
            description = "The new install folder (on the server with --host).")
    String target;

    @Option(
            names = "--project",
            paramLabel = "NAME",
            description = "The compose project name (default: the folder's name).")
    String project = "";

    @Option(names = "--no-start", description = "Write the files only; do not start the app.")
    boolean noStart;

    @CommandLine.Mixin
    RunOptions run;

    @CommandLine.Mixin
    HostOptions hostOptions;

    InstallCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services, run.imageMirrors);
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release rel = loader.load(ReleaseSource.parse(release));
            UpgradePlanner.Result r = engine.planInstall(
                    rel, engine.path(target), new InstallPlanner.Options(run.answerValues(), project, !noStart));
            return EngineSupport.confirmAndRun(engine, r.plan(), r.report(), run);
        }
    }
}
