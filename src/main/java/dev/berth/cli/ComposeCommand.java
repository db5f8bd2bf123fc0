package dev.berth.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code berth compose ...}: compose files as Berth reads them. */
@Command(
        name = "compose",
        mixinStandardHelpOptions = true,
        description = "Compose files as Berth resolves them.",
        subcommands = {ComposeConfigCommand.class})
public final class ComposeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
