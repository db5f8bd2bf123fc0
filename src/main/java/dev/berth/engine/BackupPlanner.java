package dev.berth.engine;

import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupInfo;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.release.KnownImages;
import dev.berth.release.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans a standalone backup of an install: a copy while the app runs, then the consistent part —
 * either the app services stopped for a moment while the databases are dumped and what changed is
 * copied again ({@link Consistency#STOP_APP}), or, when asked and every database is dumped, the
 * dumps taken while everything keeps serving ({@link Consistency#ONLINE}). The plan says which.
 */
public final class BackupPlanner {
    private final ContainerRuntime runtime;
    private final ComposeLoader loader;
    private final UpgradePlanner shared;

    public BackupPlanner(ContainerRuntime runtime, ComposeLoader loader) {
        this.runtime = runtime;
        this.loader = loader;
        this.shared = new UpgradePlanner(runtime, loader);
    }

    /** How a backup is made consistent. */
    public enum Consistency {
        /**
         * The app services stop while the databases are dumped (with no clients) and the changed
         * files are copied again; the databases keep running; then the app starts and is verified.
         * Files, folders, volumes and dumps agree with each other.
         */
        STOP_APP,
        /**
         * Nothing stops: every database is dumped with its own tool ({@code pg_dump} gives a
         * consistent snapshot) while the app serves; files and volumes are copied as they are.
         */
        ONLINE
    }

    /**
     * What the user chose.
     *
     * @param backupDir the folder the archive goes to
     * @param consistency how to make the backup consistent; empty = {@link Consistency#STOP_APP}
     */
    public record Options(Path backupDir, Optional<Consistency> consistency) {}

    /** Plans the backup. Never throws for a refusal: the plan carries a failed check saying why. */
    public UpgradePlanner.Result plan(Install install, Options options) {
        List<Plan.Check> checks = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        Manifest manifest = install.manifest().orElse(Manifest.EMPTY);
        var model = install.compose().model();
        List<PlanStep.DatabaseDump> listed = UpgradePlanner.databases(manifest.backup(), model);
        UpgradePlanner.StopOrder stop = UpgradePlanner.stopOrder(model, manifest);
        String version = install.version().raw().isEmpty()
                ? "unknown"
                : install.version().raw();
        String app = install.record().app().isEmpty()
                ? install.record().project()
                : install.record().app();
        Path archive = options.backupDir()
                .toAbsolutePath()
                .normalize()
                .resolve(BackupCatalog.fileName(BackupInfo.now(
                        app.replaceAll("[^A-Za-z0-9._-]", "-"),
                        version.replaceAll("[^A-Za-z0-9._-]", "-"),
                        install.record().project(),
                        install.dir().toString())));

        List<String> running = runtime.services(install.project()).stream()
                .filter(s -> "running".equals(s.state()))
                .map(ContainerRuntime.ServiceState::service)
                .toList();
        // Data stores Berth cannot dump: a known image it has no dump for (MongoDB, Redis...), or a
        // database type listed in the manifest that it cannot dump yet.
        List<String> undumped = new ArrayList<>(model.services().values().stream()
                .filter(s -> s.image().map(KnownImages::isDataStore).orElse(false))
                .map(dev.berth.config.compose.ComposeService::name)
                .filter(n -> listed.stream().noneMatch(d -> d.service().equals(n)))
                .toList());
        listed.stream().filter(d -> DatabaseDumps.forType(d).isEmpty()).forEach(d -> undumped.add(d.service()));
        List<PlanStep.DatabaseDump> dumps = listed.stream()
                .filter(d -> DatabaseDumps.forType(d).isPresent())
                .toList();
        Consistency mode = options.consistency().orElse(Consistency.STOP_APP);
        if (mode == Consistency.ONLINE && !undumped.isEmpty()) {
            checks.add(new Plan.Check(
                    "consistency",
                    Plan.Check.Status.FAIL,
                    Text.of(Text.Key.CHECK_ONLINE_UNDUMPABLE, List.copyOf(undumped))));
        }
        List<String> appRunning =
                new ArrayList<>(stop.app().stream().filter(running::contains).toList());
        long grace = stop.appGrace();
        if (mode == Consistency.STOP_APP) {
            // Without a dump, a running store's files would be copied while it writes them: it stops
            // with the app for the final copy instead, and starts with it again.
            List<String> stopToo = undumped.stream().filter(running::contains).toList();
            if (!stopToo.isEmpty()) {
                appRunning.addAll(
                        stopToo.stream().filter(x -> !appRunning.contains(x)).toList());
                grace = Math.max(grace, stop.dataGrace());
                warnings.add(Text.of(Text.Key.WARN_UNDUMPABLE_STOPS, stopToo.size(), describe(stopToo, model)));
            }
        }
        List<PlanStep.DatabaseDump> liveDumps =
                dumps.stream().filter(d -> running.contains(d.service())).toList();
        for (PlanStep.DatabaseDump d : dumps) {
            if (!running.contains(d.service())) {
                warnings.add(Text.of(Text.Key.WARN_DB_NOT_RUNNING, d.service()));
            }
        }
        Text how = switch (mode) {
            case STOP_APP ->
                appRunning.isEmpty()
                        ? Text.of(
                                liveDumps.isEmpty()
                                        ? Text.Key.CONSISTENCY_NOTHING_RUNS
                                        : Text.Key.CONSISTENCY_NOTHING_RUNS_DUMPS)
                        : liveDumps.isEmpty()
                                ? Text.of(Text.Key.CONSISTENCY_STOP, List.copyOf(appRunning))
                                : Text.of(
                                        Text.Key.CONSISTENCY_STOP_DUMPS,
                                        List.copyOf(appRunning),
                                        dumpNames(liveDumps),
                                        liveDumps.size());
            case ONLINE ->
                liveDumps.isEmpty()
                        ? Text.of(Text.Key.CONSISTENCY_ONLINE)
                        : Text.of(Text.Key.CONSISTENCY_ONLINE_DUMPS, dumpNames(liveDumps), liveDumps.size());
        };
        checks.add(new Plan.Check("consistency", Plan.Check.Status.OK, how));
        checks.add(
                new Plan.Check("archive", Plan.Check.Status.OK, Text.of(Text.Key.CHECK_ARCHIVE, archive.toString())));
        BackupSpace.Estimate size = BackupSpace.estimate(runtime, loader, install.project(), install.dir());
        checks.add(BackupSpace.check(
                "space",
                BackupSpace.Written.BACKUP,
                size.needed(),
                size.parts(),
                archive.getParent(),
                BackupSpace.BACKUP_ADVICE));

        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep.Backup(
                "backup-hot",
                Text.of(Text.Key.STEP_BACKUP_ALL_HOT),
                PlanStep.Backup.Stage.HOT,
                archive.toString(),
                List.of()));
        boolean stopApp = mode == Consistency.STOP_APP && !appRunning.isEmpty();
        if (stopApp) {
            steps.add(new PlanStep.StopServices(
                    "stop-app", Text.of(Text.Key.STEP_STOP, List.copyOf(appRunning)), appRunning, grace, List.of()));
        }
        steps.add(new PlanStep.Backup(
                "backup-final",
                Text.of(liveDumps.isEmpty() ? Text.Key.STEP_BACKUP_FINISH : Text.Key.STEP_BACKUP_FINISH_DUMPS),
                PlanStep.Backup.Stage.FINAL,
                archive.toString(),
                liveDumps));
        if (stopApp) {
            steps.add(new PlanStep.StartServices(
                    "start-app", Text.of(Text.Key.STEP_START_SERVICES, List.copyOf(appRunning)), appRunning));
            PlanStep.Verify v =
                    shared.verifyStep("verify", Text.of(Text.Key.STEP_VERIFY_AGAIN), install.compose(), manifest);
            steps.add(new PlanStep.Verify(
                    v.id(),
                    v.title(),
                    v.probes().stream()
                            .filter(p -> !(p instanceof PlanStep.HealthProbe.ServiceHealthy h)
                                    || running.contains(h.service()))
                            .filter(p -> !(p instanceof PlanStep.HealthProbe.ImagesRunning))
                            .toList(),
                    v.timeoutSeconds()));
        }
        boolean refused = checks.stream().anyMatch(c -> c.status() == Plan.Check.Status.FAIL);
        Plan plan = new Plan(
                Plan.Kind.BACKUP,
                install.dir().toString(),
                install.record().project(),
                install.record().composeFiles(),
                install.record().envFiles(),
                install.record().profiles(),
                install.version().raw(),
                install.version().raw(),
                install.dir().toString(),
                refused ? List.of() : steps,
                checks,
                Map.of(),
                warnings,
                stopApp ? Math.min(stop.appGrace(), 15) + 5L + 5L * liveDumps.size() + 15 : 0,
                Plan.DataRollback.KEEP);
        return new UpgradePlanner.Result(
                plan, new PlanReport(List.of(), List.of(install.version().raw()), List.of()));
    }

    /** {@code "cache (mongo:7.0)"}, joined. */
    /** Services with their images, "db (mysql:8)", as a list of names. */
    private static List<String> describe(List<String> services, dev.berth.config.compose.ComposeModel model) {
        return services.stream()
                .map(n -> n
                        + model.service(n)
                                .flatMap(dev.berth.config.compose.ComposeService::image)
                                .map(i -> " (" + i + ")")
                                .orElse(""))
                .toList();
    }

    /** Dumped services with their database type, "db (postgres)", as a list of names. */
    private static List<String> dumpNames(List<PlanStep.DatabaseDump> dumps) {
        return dumps.stream().map(d -> d.service() + " (" + d.type() + ")").toList();
    }
}
