package dev.berth.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth resume}: finishes a run that was interrupted. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Finishes the unfinished run recorded in an install's journal (after a crash or a kill).")
final class ResumeCommand implements Callable<Integer> {
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

    ResumeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        hostOptions.select(services);
        var engine = EngineSupport.engine(services);
        var r = engine.resume(
                engine.path(install).toAbsolutePath().normalize(),
                EventPrinter.forCli(jsonEvents),
                new dev.berth.engine.Cancellation());
        return r.status().exitCode();
    }
}
