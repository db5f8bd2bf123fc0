package dev.berth.cli;

import picocli.CommandLine.Option;

/** {@code --install DIR}, required, for the commands that work on one existing install here or on a server. */
final class InstallOption {
    @Option(
            names = "--install",
            required = true,
            paramLabel = "DIR",
            description = "The install folder (on the server with --host).")
    String dir;
}
