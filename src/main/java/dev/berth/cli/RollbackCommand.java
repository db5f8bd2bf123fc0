package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth rollback}: undoes a run that was interrupted. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Undoes the unfinished run recorded in an install's journal: old files, old images and, when"
                + " the new version had started, the data from the run's backup.")
final class RollbackCommand implements Callable<Integer> {
    private final Services services;

    @Option(
            names = "--install",
            required = true,
            paramLabel = "DIR",
            description = "The install folder (on the server with --host).")
    String install;

    @picocli.CommandLine.Mixin
    HostOptions hostOptions;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    RollbackCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        hostOptions.select(services);
        var engine = EngineSupport.engine(services);
        var r = engine.rollback(engine.path(install).toAbsolutePath().normalize(), EventPrinter.forCli(jsonEvents));
        return r.status().exitCode();
    }
}
