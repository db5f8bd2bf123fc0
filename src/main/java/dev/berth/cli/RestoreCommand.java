package dev.berth.cli;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupHeader;
import dev.berth.backup.BackupReader;
import dev.berth.engine.Engine;
import dev.berth.engine.RestorePlanner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth restore}: verifies a backup, then restores it to its install or into a new folder. */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restores a .berth backup after checking all of it (every sha256, the manifest, the app, the format"
                    + " version); a corrupt, truncated, tampered or newer-format archive is refused before anything"
                    + " is touched.",
            "To the install it was made of (the default --target): backs up the current state, stops, sets the"
                    + " current files and data folders aside, restores files, data folders and volumes, loads the"
                    + " database dumps, starts and verifies; any failure puts the previous state back.",
            "To a new folder: a new compose project name (--project), data folders moved into the new folder,"
                    + " published ports changed (--port-offset N, --set KEY=VALUE, else free ports) so that both"
                    + " installs run side by side.",
            "Exit codes: 0 restored and verified; 1 failed and rolled back; 2 usage; 3 refused; 4 the rollback"
                    + " failed too."
        })
final class RestoreCommand implements Callable<Integer> {
    private final Services services;

    @Option(
            names = "--backup",
            required = true,
            paramLabel = "FILE",
            description = "The .berth archive. With --host: a file on this computer (uploaded to the server's backup"
                    + " folder first, SHA-256 checked there with sha256sum), or else a path on the server.")
    Path backup;

    @picocli.CommandLine.Mixin
    HostOptions hostOptions;

    @Option(
            names = "--target",
            paramLabel = "DIR",
            description = "Where to restore (default: the install the backup was made of).")
    Path target;

    @Option(
            names = "--project",
            paramLabel = "NAME",
            description = "Compose project name of a restore into a new folder (default: the folder's name).")
    String project;

    @Option(
            names = "--port-offset",
            paramLabel = "N",
            description = "Add N to every published port of a restore into a new folder (default: free ports).")
    Integer portOffset;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Set a value in the restored .env (repeatable); wins over the computed changes.")
    List<String> sets = List.of();

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    RestoreCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        dev.berth.docker.Host host = hostOptions.select(services);
        java.util.function.Function<String, Path> paths = host::path;
        Path file = backup.toAbsolutePath().normalize();
        Map<String, String> set = new LinkedHashMap<>();
        for (String kv : sets) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                System.err.println("berth: --set takes KEY=VALUE, not \"" + kv + "\" (exit 2).");
                return ExitCode.USAGE;
            }
            set.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Path where;
        String projectOf;
        try {
            BackupHeader h = BackupReader.readHeader(
                    host.isLocal() || java.nio.file.Files.exists(file) ? file : paths.apply(backup.toString()));
            where = target == null
                    ? paths.apply(h.install())
                    : host.isLocal() ? target.toAbsolutePath().normalize() : paths.apply(target.toString());
            projectOf = h.project();
        } catch (BackupException e) {
            System.err.println("berth: " + e.getMessage() + " Nothing was changed (exit 3).");
            return ExitCode.REFUSED;
        }
        if (!host.isLocal()) {
            if (java.nio.file.Files.exists(file)) {
                java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
                try {
                    file = BackupUpload.toServer(file, host, services.backupDir(projectOf), err);
                } catch (BackupUpload.UploadException e) {
                    System.err.println("berth: " + e.getMessage() + " (exit 1).");
                    return ExitCode.FAILED;
                }
            } else {
                file = paths.apply(backup.toString());
            }
        }
        Engine engine = EngineSupport.engine(services);
        RestorePlanner.Result r = engine.planRestore(
                file,
                where,
                new RestorePlanner.Options(
                        Optional.ofNullable(project),
                        portOffset == null ? OptionalInt.empty() : OptionalInt.of(portOffset),
                        set,
                        services.backupDir(projectOf)));
        RunOptions opts = new RunOptions();
        opts.yes = yes;
        opts.jsonEvents = jsonEvents;
        if (!jsonEvents && !r.overwritten().isEmpty()) {
            System.err.println("The restore replaces:");
            r.overwritten().forEach(o -> System.err.println("  - " + o));
        }
        return EngineSupport.confirmAndRun(engine, r.plan(), r.planned().report(), opts);
    }
}
