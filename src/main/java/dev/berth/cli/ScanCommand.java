package dev.berth.cli;

import dev.berth.docker.DockerEngine;
import dev.berth.docker.Host;
import dev.berth.docker.scan.InstallScanner;
import dev.berth.docker.scan.ScanOptions;
import dev.berth.docker.scan.ScanResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth scan}: lists the compose installs Docker knows and those in the given folders. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every compose install on this machine: projects Docker has containers for (running or"
                    + " stopped), and folders with a compose file that were never started or are down.",
            "Shows state, version, data folders, volumes and their sizes, and warnings. Changes nothing."
        })
final class ScanCommand implements Callable<Integer> {

    @Option(names = "--json", description = "Print a JSON array of installs on stdout (messages go to stderr).")
    boolean json;

    @Option(names = "--no-sizes", description = "Do not measure data (faster: a few engine calls only).")
    boolean noSizes;

    @Option(names = "--no-drift", description = "Do not compare compose files with what the containers run.")
    boolean noDrift;

    @Parameters(
            paramLabel = "DIR",
            arity = "0..*",
            description = "Folders to search for compose files (the folder and two levels below; on the server"
                    + " with --host).")
    List<String> folders = new ArrayList<>();

    @CommandLine.Mixin
    HostOptions hostOptions;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Services services;

    ScanCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws InterruptedException {
        ScanOptions options = new ScanOptions(
                noSizes ? ScanOptions.Sizes.SKIP : ScanOptions.Sizes.MEASURE,
                noDrift ? ScanOptions.Drift.SKIP : ScanOptions.Drift.CHECK);
        ScanResult result;
        Host host = services == null ? null : hostOptions.select(services);
        if (host != null && !host.isLocal()) {
            // The server's engine through the connection; the wiring closes it.
            List<Path> dirs = folders.stream().map(host::path).toList();
            result = new InstallScanner(host.engine(), host.home()).scan(dirs, options);
        } else {
            List<Path> dirs = folders.stream().map(Path::of).toList();
            try (DockerEngine engine = DockerEngine.connect()) {
                result = new InstallScanner(engine).scan(dirs, options);
            }
        }
        var out = spec.commandLine().getOut();
        if (json) {
            out.print(ScanJson.write(result.installs()));
            var err = spec.commandLine().getErr();
            result.notes().forEach(n -> err.println("Note: " + n));
            err.flush();
        } else {
            out.print(ScanTable.write(result));
        }
        out.flush();
        return ExitCode.OK;
    }
}
