package dev.berth.cli;

import java.nio.file.Path;
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

    @Option(names = "--install", required = true, paramLabel = "DIR", description = "The install folder.")
    Path install;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    ResumeCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        var r = EngineSupport.engine(services)
                .resume(
                        install.toAbsolutePath().normalize(),
                        EventPrinter.forCli(jsonEvents),
                        new dev.berth.engine.Cancellation());
        return r.status().exitCode();
    }
}
