package dev.berth.cli;

import dev.berth.engine.BackupPlanner;
import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.engine.UpgradePlanner;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth backup}: a consistent backup of an install as a run; optionally proves it restores. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Backs up an install into one .berth archive (0600, every entry with its sha256): a copy while the"
                    + " app runs, then the app services stop for a moment while the databases are dumped and what"
                    + " changed is copied again, then they start and are checked (--online: nothing stops, the"
                    + " databases are dumped while the app serves). The plan says which.",
            "Exit codes: 0 backed up (and, with --test-restore, restored and healthy); 1 failed (the app runs"
                    + " again); 3 refused; 4 the app could not be started again."
        })
final class BackupCommand implements Callable<Integer> {
    private final Services services;

    @Option(names = "--install", paramLabel = "DIR", description = "The install folder (default: this folder).")
    Path install = Path.of("");

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "The folder the archive goes to (default: the backup folder of the settings).")
    Path out;

    @picocli.CommandLine.Mixin
    HostOptions hostOptions;

    @Option(names = "--online", description = "Do not stop anything; needs a dump of every database.")
    boolean online;

    @Option(
            names = "--test-restore",
            description = "Restore the new backup into a scratch project, start it, check its health, remove it.")
    boolean testRestore;

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--json-events", description = "Print one JSON event per line on standard output.")
    boolean jsonEvents;

    BackupCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() {
        dev.berth.docker.Host host = hostOptions.select(services);
        Engine engine = EngineSupport.engine(services);
        // With --host, --install and --out are folders of the server (kept there: fast, no network).
        var inst =
                engine.inspect(host.isLocal() ? install.toAbsolutePath().normalize() : host.path(install.toString()));
        Path dir = out == null
                ? services.backupDir(inst.record().project())
                : host.isLocal() ? out.toAbsolutePath().normalize() : host.path(out.toString());
        UpgradePlanner.Result r = engine.planBackup(
                inst,
                new BackupPlanner.Options(
                        dir,
                        Optional.of(online ? BackupPlanner.Consistency.ONLINE : BackupPlanner.Consistency.STOP_APP)));
        RunOptions opts = new RunOptions();
        opts.yes = yes;
        opts.jsonEvents = jsonEvents;
        Integer stop = EngineSupport.confirm(r.plan(), r.report(), opts, System.err);
        if (stop != null) {
            return stop;
        }
        Cancellation cancel = new Cancellation();
        RunReport done = EngineSupport.runWith(engine, r.plan(), opts, cancel);
        if (done.status() != RunStatus.SUCCEEDED || !testRestore) {
            return done.status().exitCode();
        }
        Path archive = r.plan().steps().stream()
                .filter(s -> s instanceof dev.berth.engine.PlanStep.Backup)
                .map(s -> host.path(((dev.berth.engine.PlanStep.Backup) s).archive()))
                .findFirst()
                .orElseThrow();
        String hex = java.util.UUID.randomUUID().toString().substring(0, 6);
        String project = "berth-test-restore-" + hex;
        Path scratch = dir.resolve(".test-restore-" + hex);
        System.err.println("berth: test restore of " + archive.getFileName() + " as the project " + project);
        RunReport t = engine.testRestore(archive, scratch, project, EventPrinter.forCli(jsonEvents), cancel);
        if (t.status() == RunStatus.SUCCEEDED) {
            System.err.println("berth: the backup restores: the scratch copy started and was healthy; it was removed.");
            return ExitCode.OK;
        }
        System.err.println("berth: the backup " + archive + " did NOT restore cleanly: " + t.message()
                + " The backup is kept; do not rely on it until this is fixed.");
        return ExitCode.FAILED;
    }
}
