package dev.berth.gui.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupListing;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanReport;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore wizard over a fake backup side and the real runner. */
class RestoreViewModelTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final FakeBackups steps = new FakeBackups();
    final List<String> asked = new ArrayList<>();
    int closed;

    BackupListing backup(String name, String version, String created, boolean verified) {
        return new BackupListing(
                tmp.resolve("backups").resolve(name),
                "berth-demo",
                version,
                "install",
                tmp.resolve("install").toString(),
                Instant.parse(created),
                120_000_000L,
                verified,
                null);
    }

    /** Backups in a folder, a plan per target: what the backup side will answer. */
    class FakeAccess implements BackupAccess {
        List<BackupListing> backups = List.of(
                backup("install-1.0.0-a.berth", "1.0.0", "2026-11-20T02:00:00Z", true),
                backup("install-1.1.0-b.berth", "1.1.0", "2026-11-24T02:00:00Z", false));

        @Override
        public List<BackupListing> list() {
            asked.add("list");
            return backups;
        }

        @Override
        public Details details(Path archive) {
            asked.add("details " + archive.getFileName());
            BackupListing b = backups.stream()
                    .filter(x -> x.file().equals(archive))
                    .findFirst()
                    .orElse(new BackupListing(
                            archive,
                            "berth-demo",
                            "0.9.0",
                            "install",
                            "/srv/old",
                            Instant.parse("2026-01-01T00:00:00Z"),
                            1,
                            false,
                            null));
            return new Details(
                    b,
                    "ana-laptop",
                    "0.1.0",
                    List.of(
                            new Part(PartKind.FILES, "install", 20_000),
                            new Part(PartKind.VOLUME, "install_db-data", 110_000_000L),
                            new Part(PartKind.DATABASE, "db (postgres)", 9_000_000L)));
        }

        @Override
        public RestorePlan planRestore(Path archive, Path target) throws Exception {
            asked.add("plan " + archive.getFileName() + " -> " + target.getFileName());
            Files.createDirectories(target);
            Plan plan = new Plan(
                    Plan.Kind.RESTORE,
                    target.toString(),
                    "install",
                    List.of("docker-compose.yml"),
                    List.of(".env"),
                    List.of(),
                    "1.1.0",
                    "1.0.0",
                    archive.toString(),
                    List.of(
                            new PlanStep.RestoreData(
                                    "restore",
                                    Text.plain("Restore files and data"),
                                    archive.toString(),
                                    PlanStep.RestoreData.RestoreScope.FILES_AND_DATA),
                            new PlanStep.StartServices("start", Text.plain("Start the restored app"), List.of())),
                    List.of(new Plan.Check("backup", Plan.Check.Status.OK, "The backup was verified.")),
                    Map.of(),
                    List.of(),
                    30,
                    Plan.DataRollback.KEEP);
            List<String> over = target.getFileName().toString().equals("install")
                    ? List.of(".env", "docker-compose.yml", "volume install_db-data")
                    : List.of();
            return new RestorePlan(
                    new UpgradePlanner.Result(plan, new PlanReport(List.of(), List.of(), List.of())), over);
        }

        @Override
        public UpgradePlanner.Result planBackup(Path install) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public Optional<Estimate> estimate(Path install) {
            return Optional.of(new Estimate(1, Duration.ZERO));
        }
    }

    FakeAccess access;

    @BeforeEach
    void setUp() {
        access = new FakeAccess();
    }

    RestoreViewModel wizard(BackupAccess backups) {
        return new RestoreViewModel(
                backups,
                EngineFixtures.access(EngineFixtures.engine(runtime, steps)),
                FxBridge.direct(),
                new RunTracker(),
                () -> closed++);
    }

    @Test
    void backupsAreListedNewestFirstAndTheChosenOnesDetailsAreRead() {
        RestoreViewModel vm = wizard(access);
        vm.reload();

        assertThat(vm.listStateProperty().get()).isEqualTo(RestoreViewModel.Load.READY);
        assertThat(vm.backups()).extracting(BackupListing::version).containsExactly("1.1.0", "1.0.0");
        assertThat(vm.wizard().canGoNext().get()).isFalse();

        vm.selectedProperty().set(vm.backups().get(1));

        assertThat(vm.detailsStateProperty().get()).isEqualTo(RestoreViewModel.Load.READY);
        assertThat(vm.detailsProperty().get().orElseThrow().parts()).hasSize(3);
        assertThat(vm.wizard().canGoNext().get()).isTrue();
    }

    @Test
    void aDamagedBackupCannotBeChosen() {
        access.backups = List.of(new BackupListing(
                tmp.resolve("broken.berth"),
                "berth-demo",
                "1.0.0",
                "install",
                "/srv/x",
                Instant.now(),
                10,
                false,
                "the archive ends early"));
        RestoreViewModel vm = wizard(access);
        vm.reload();
        vm.selectedProperty().set(vm.backups().getFirst());

        assertThat(vm.wizard().canGoNext().get()).isFalse();
    }

    @Test
    void theTargetIsTheOriginalInstallOrANewAbsoluteFolder() {
        RestoreViewModel vm = wizard(access);
        vm.reload();
        vm.selectedProperty().set(vm.backups().getFirst());
        vm.wizard().next();

        assertThat(vm.target()).contains(tmp.resolve("install"));
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        vm.targetKindProperty().set(RestoreViewModel.TargetKind.NEW);
        assertThat(vm.wizard().canGoNext().get()).as("no folder yet").isFalse();
        vm.newFolderProperty().set("relative/copy");
        assertThat(vm.wizard().canGoNext().get()).isFalse();
        vm.newFolderProperty().set(tmp.resolve("copy").toString());
        assertThat(vm.wizard().canGoNext().get()).isTrue();
    }

    @Test
    void theReviewSaysWhatIsOverwrittenAndTheRestoreRunsThroughTheEngine() {
        RestoreViewModel vm = wizard(access);
        vm.reload();
        vm.selectedProperty().set(vm.backups().get(1));
        vm.wizard().next();
        vm.wizard().next();

        assertThat(vm.planStateProperty().get()).isEqualTo(RestoreViewModel.Load.READY);
        assertThat(vm.planProperty().get().orElseThrow().overwritten()).contains(".env", "volume install_db-data");
        assertThat(vm.wizard().canFinish().get()).isTrue();

        vm.wizard().finish();

        assertThat(vm.screenProperty().get()).isEqualTo(dev.berth.gui.common.RunController.Screen.RUN);
        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();
        assertThat(steps.calls).containsExactly("restore install-1.0.0-a.berth");
        assertThat(runtime.calls).contains("up []");
        vm.close();
        assertThat(closed).isEqualTo(1);
    }

    @Test
    void changingTheTargetOnTheReviewPlansAgain() {
        RestoreViewModel vm = wizard(access);
        vm.reload();
        vm.selectedProperty().set(vm.backups().getFirst());
        vm.wizard().next();
        vm.wizard().next();
        vm.wizard().back();
        vm.targetKindProperty().set(RestoreViewModel.TargetKind.NEW);
        vm.newFolderProperty().set(tmp.resolve("copy").toString());
        vm.wizard().next();

        assertThat(asked).contains("plan install-1.1.0-b.berth -> install", "plan install-1.1.0-b.berth -> copy");
        assertThat(vm.planProperty().get().orElseThrow().overwritten()).isEmpty();
    }

    @Test
    void aFileOpenedFromOutsideIsAddedAndChosen() {
        RestoreViewModel vm = wizard(access);
        vm.reload();
        Path elsewhere = tmp.resolve("usb/old.berth");

        vm.open(elsewhere, Optional.empty());

        assertThat(vm.selectedProperty().get().file()).isEqualTo(elsewhere);
        assertThat(vm.backups()).hasSize(3);
        vm.open(access.backups.getFirst().file(), Optional.empty());
        assertThat(vm.selectedProperty().get().version()).isEqualTo("1.0.0");
    }

    @Test
    void withoutTheBackupSideTheListSaysSo() {
        RestoreViewModel vm = wizard(BackupAccess.NONE);
        vm.reload();
        assertThat(vm.listStateProperty().get()).isEqualTo(RestoreViewModel.Load.UNAVAILABLE);
        assertThat(vm.backups()).isEmpty();
    }
}
