package dev.berth.cli;

import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.RunListener;
import dev.berth.engine.RunReport;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/** {@code berth resume}: finishes a run that was interrupted. */
@Command(
        name = "resume",
        mixinStandardHelpOptions = true,
        description = "Finishes the unfinished run recorded in an install's journal (after a crash or a kill).")
final class ResumeCommand extends JournalCommand {
    ResumeCommand(Services services) {
        super(services);
    }

    @Override
    RunReport finish(Engine engine, Path installDir, RunListener listener) {
        return engine.resume(installDir, listener, new Cancellation());
    }
}
