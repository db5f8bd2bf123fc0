package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.RunListener;
import dev.berth.engine.RunReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code resume} and {@code rollback} share: both act on the unfinished run recorded in an
 * install's journal, and differ only in which way they finish it.
 */
abstract class JournalCommand implements Callable<Integer> {
    private final Services services;

    @CommandLine.Mixin
    InstallOption install;

    @Mixin
    HostOptions hostOptions;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    JournalCommand(Services services) {
        this.services = services;
    }

    /** Finishes the journal's run one way or the other. */
    abstract RunReport finish(Engine engine, Path installDir, RunListener listener);

    @Override
    public final Integer call() {
        hostOptions.select(services);
        Engine engine = EngineSupport.engine(services);
        Path dir = engine.path(install.dir).toAbsolutePath().normalize();
        return finish(engine, dir, EventPrinter.forCli(jsonEvents)).status().exitCode();
    }
}
