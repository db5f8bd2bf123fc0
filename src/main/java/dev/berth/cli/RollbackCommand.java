package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.RunListener;
import dev.berth.engine.RunReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code berth rollback}: undoes a run that was interrupted. */
@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Undoes the unfinished run recorded in an install's journal: old files, old images and, when"
                + " the new version had started, the data from the run's backup.")
final class RollbackCommand extends JournalCommand {
    RollbackCommand(Services services) {
        super(services);
    }

    @Override
    RunReport finish(Engine engine, Path installDir, RunListener listener) {
        return engine.rollback(installDir, listener);
    }
}
