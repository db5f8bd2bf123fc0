package dev.berth.engine;

import dev.berth.config.compose.ComposeModel;
import dev.berth.release.Manifest;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans a backup of an install on its own ("Back up" in the desktop app): the same two-phase
 * backup an upgrade takes — a copy while the app runs, then the app services stopped for the
 * database dumps and what changed — and the app started again and checked. Nothing of the install
 * changes, so a failed run only has to start the app again.
 */
final class BackupPlanner {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final UpgradePlanner shared;

    BackupPlanner(UpgradePlanner shared) {
        this.shared = shared;
    }

    UpgradePlanner.Result plan(Install install, Path backupDir) {
        Manifest manifest = install.manifest().orElse(Manifest.EMPTY);
        ComposeModel model = install.compose().model();
        String version = install.version().raw();
        String archive = backupDir
                .resolve(install.record().project() + "-" + version.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                        + STAMP.format(Instant.now()) + ".berth")
                .toString();
        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep.Backup(
                "backup-hot", "Back up while the app runs", PlanStep.Backup.Stage.HOT, archive, List.of()));
        UpgradePlanner.StopOrder stop = UpgradePlanner.stopOrder(model, manifest);
        if (!stop.app().isEmpty()) {
            steps.add(new PlanStep.StopServices(
                    "stop-app", "Stop " + String.join(", ", stop.app()), stop.app(), stop.appGrace(), List.of()));
        }
        steps.add(new PlanStep.Backup(
                "backup-final",
                "Dump the databases and copy what changed",
                PlanStep.Backup.Stage.FINAL,
                archive,
                UpgradePlanner.databases(manifest.backup(), model)));
        if (!stop.app().isEmpty()) {
            // Everything, as after an upgrade: compose starts what was stopped and leaves the rest.
            steps.add(new PlanStep.StartServices("start", "Start the app again", List.of()));
            steps.add(shared.verifyStep("verify", "Check the app works", install.compose(), manifest));
        }
        Plan plan = new Plan(
                Plan.Kind.BACKUP,
                install.dir().toString(),
                install.record().project(),
                install.record().composeFiles(),
                install.record().envFiles(),
                install.record().profiles(),
                version,
                version,
                "backup",
                steps,
                List.of(),
                Map.of(),
                List.of(),
                stop.app().isEmpty() ? 0 : stop.appGrace() + 15,
                Plan.DataRollback.KEEP);
        return new UpgradePlanner.Result(plan, new PlanReport(List.of(), List.of(version), List.of()));
    }
}
