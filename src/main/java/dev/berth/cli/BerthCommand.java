package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command line; each sub-command lives in its own class. */
@Command(
        name = "berth",
        mixinStandardHelpOptions = true,
        versionProvider = BerthVersion.class,
        description = "Installs, upgrades and restores self-hosted Docker Compose applications.",
        subcommands = {
            CommandLine.HelpCommand.class,
            EnvCommand.class,
            ComposeCommand.class,
            ScanCommand.class,
            DiffCommand.class,
            BackupsCommand.class,
            PlanCommand.class,
            InstallCommand.class,
            UpgradeCommand.class,
            ConfigureCommand.class,
            ResumeCommand.class,
            RollbackCommand.class,
        })
public final class BerthCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    /** Builds the command line with every sub-command registered, without engine services. */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /** Builds the command line with every sub-command registered. */
    public static CommandLine commandLine(Services services) {
        CommandLine cl = new CommandLine(new BerthCommand(), new ServicesFactory(services));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        return cl;
    }

    /** Runs the command line and returns the exit code of the contract (0, 1, 2, 3 or 4). */
    public static int execute(Services services, String... args) {
        return commandLine(services).execute(args);
    }
}
