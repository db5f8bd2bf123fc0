package dev.berth.cli;

import dev.berth.engine.Engine;
import dev.berth.engine.UpgradePlanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth plan}: what an upgrade would do, before anything runs. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description =
                "Shows what upgrading an install to a release would do: version path, merged files, checks, steps.")
final class PlanCommand extends UpgradeTargetCommand {

    @Option(names = "--json", description = "Print the plan and report as JSON on standard output.")
    boolean json;

    PlanCommand(Services services) {
        super(services);
    }

    @Override
    boolean removeOldImages() {
        return false;
    }

    @Override
    int use(Engine engine, UpgradePlanner.Result r) {
        if (json) {
            System.out.println(PlanPrinter.json(r.plan(), r.report()));
        } else {
            PlanPrinter.text(r.plan(), r.report(), System.out);
        }
        return r.plan().refused() ? ExitCode.REFUSED : ExitCode.OK;
    }
}
