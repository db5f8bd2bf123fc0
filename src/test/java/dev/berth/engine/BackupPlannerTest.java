package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupPlannerTest {
    @TempDir
    Path tmp;

    final ComposeLoader loader = new ComposeLoader();

    Install demo() throws Exception {
        return UpgradePlannerTest.installedDemo(tmp, loader);
    }

    @Test
    void aBackupCopiesWhileRunningThenStopsOnlyTheWebForTheDumpAndStartsAndChecksItAgain() throws Exception {
        Install install = demo();
        Path folder = tmp.resolve("backups");

        // The app runs: its web and db containers are up.
        FakeRuntime running = new FakeRuntime() {
            @Override
            public List<ServiceState> services(Project project) {
                return List.of(runningService("web"), runningService("db"));
            }
        };
        var r = new Engine(running, loader, p -> null, "test", CrashPoints.none()).planBackup(install, folder);

        Plan plan = r.plan();
        assertThat(plan.kind()).isEqualTo(Plan.Kind.BACKUP);
        assertThat(plan.refused()).isFalse();
        assertThat(plan.fromVersion()).isEqualTo("1.1.0").isEqualTo(plan.toVersion());
        assertThat(plan.steps())
                .extracting(PlanStep::id)
                .containsExactly("backup-hot", "stop-app", "backup-final", "start-app", "verify");
        PlanStep.Backup hot = (PlanStep.Backup) plan.steps().get(0);
        PlanStep.Backup fin = (PlanStep.Backup) plan.steps().get(2);
        assertThat(hot.archive())
                .isEqualTo(fin.archive())
                .startsWith(folder.toString())
                .endsWith(".berth");
        assertThat(Path.of(hot.archive()).getFileName().toString()).startsWith(plan.project() + "-1.1.0-");
        assertThat(fin.databases()).extracting(PlanStep.DatabaseDump::service).containsExactly("db");
        PlanStep.StopServices stop = (PlanStep.StopServices) plan.steps().get(1);
        assertThat(stop.services())
                .as("the database keeps running for its dump")
                .contains("web")
                .doesNotContain("db");
        assertThat(((PlanStep.StartServices) plan.steps().get(3)).services())
                .as("what was stopped starts again")
                .containsExactly("web");
        assertThat(plan.dataRollback()).isEqualTo(Plan.DataRollback.KEEP);
        assertThat(Files.exists(folder)).as("planning writes nothing").isFalse();
    }

    @Test
    void aRunningStoreBerthCannotDumpStopsWithTheAppAndThePlanSaysWhy() throws Exception {
        Install demo = demo();
        Path compose = demo.dir().resolve("docker-compose.yml");
        Files.writeString(
                compose,
                Files.readString(compose)
                        .replace("services:\n  db:", "services:\n  sessions:\n    image: mongo:7.0\n  db:"));
        Install install = new InstallInspector(loader).inspect(demo.dir());
        FakeRuntime running = new FakeRuntime() {
            @Override
            public List<ServiceState> services(Project project) {
                return List.of(runningService("web"), runningService("db"), runningService("sessions"));
            }
        };

        Plan plan = new Engine(running, loader, p -> null, "test", CrashPoints.none())
                .planBackup(install, tmp.resolve("backups"))
                .plan();

        assertThat(plan.refused()).isFalse();
        assertThat(plan.warnings())
                .singleElement()
                .asString()
                .contains("cannot dump sessions (mongo:7.0)")
                .contains("stops with the app");
        PlanStep.StopServices stop = (PlanStep.StopServices) plan.steps().get(1);
        assertThat(stop.services()).contains("web", "sessions").doesNotContain("db");
        assertThat(stop.graceSeconds()).as("a data store's grace period").isGreaterThanOrEqualTo(60);
        PlanStep.Backup fin = (PlanStep.Backup) plan.steps().get(2);
        assertThat(fin.databases()).extracting(PlanStep.DatabaseDump::service).containsExactly("db");
        assertThat(((PlanStep.StartServices) plan.steps().get(3)).services()).contains("web", "sessions");
    }

    private static ContainerRuntime.ServiceState runningService(String service) {
        return new ContainerRuntime.ServiceState(
                service, "id-" + service, "img", "sha256:" + service, "running", Optional.empty(), 0, Optional.empty());
    }

    @Test
    void aLockHeldByARunMeansTheInstallIsBusyAndIsFreeAgainAfterwards() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        assertThat(InstallLock.held(dir)).as("no lock file yet").isFalse();
        try (InstallLock lock = InstallLock.acquire(dir, "test")) {
            assertThat(InstallLock.held(dir)).isTrue();
        }
        assertThat(InstallLock.held(dir)).isFalse();
    }
}
