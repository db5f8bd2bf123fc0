package dev.berth.gui.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.backup.BackupListing;
import dev.berth.config.diff.ComposeChange;
import dev.berth.config.env.EnvParser;
import dev.berth.config.merge.ConflictPolicy;
import dev.berth.config.merge.Resolution;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.Plan;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.BackupAccess;
import dev.berth.gui.common.EnvField;
import dev.berth.gui.common.FileDiff;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade wizard over the real planner and runner, a demo 1.0.0 install and the demo's real
 * releases up to 2.0.0 (through the required stop 1.1.0), with a recording fake of Docker.
 */
class UpgradeViewModelTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final FakeBackups backups = new FakeBackups();
    final List<Path[]> restores = new ArrayList<>();
    int closed;
    int port = EngineFixtures.freePort();

    /** BackupListing access with an estimate; the rest is not needed by the upgrade wizard. */
    final BackupAccess estimates = new BackupAccess() {
        @Override
        public List<BackupListing> list() {
            return List.of();
        }

        @Override
        public Details details(Path archive) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public RestorePlan planRestore(Path archive, Path target) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public dev.berth.engine.UpgradePlanner.Result planBackup(Path install) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public Optional<Estimate> estimate(Path install) {
            return Optional.of(new Estimate(180_000_000L, Duration.ofSeconds(40)));
        }
    };

    Path install() throws Exception {
        return EngineFixtures.demoInstall(
                tmp.resolve("install"),
                "1.0.0",
                Map.of(
                        "APP_TITLE",
                        "My records",
                        "WEB_PORT",
                        Integer.toString(port),
                        "DB_PASSWORD",
                        "pw-of-the-user-123456"));
    }

    UpgradeViewModel wizard(Path install) {
        return new UpgradeViewModel(
                EngineFixtures.access(EngineFixtures.engine(runtime, backups)),
                estimates,
                FxBridge.direct(),
                new RunTracker(),
                install,
                () -> tmp.resolve("backups"),
                Optional.of(EngineFixtures.RELEASES.resolve("2.0.0")),
                () -> closed++,
                (archive, dir) -> restores.add(new Path[] {archive, dir}));
    }

    @Test
    void theDemoInstallIsOfferedItsNewestReleaseWithTheVersionPathThroughTheRequiredStop() throws Exception {
        UpgradeViewModel vm = wizard(install());

        assertThat(vm.installStateProperty().get()).isEqualTo(UpgradeViewModel.Load.READY);
        assertThat(vm.installProperty().get().orElseThrow().version().raw()).isEqualTo("1.0.0");
        assertThat(vm.release().loadedProperty().get()).isPresent();
        assertThat(vm.planStateProperty().get()).isEqualTo(UpgradeViewModel.Load.READY);
        assertThat(vm.planProperty().get().orElseThrow().report().versionPath())
                .containsExactly("1.0.0", "1.1.0", "2.0.0");
        assertThat(vm.versionProblem()).isEmpty();
        assertThat(vm.wizard().canGoNext().get()).isTrue();
    }

    @Test
    void aJapanesePlanShowsJapaneseStepTitlesChecksAndWarningsWithTheServiceNamesInThem() throws Exception {
        UpgradeViewModel vm = wizard(install());
        Plan plan = vm.planProperty().get().orElseThrow().plan();
        Messages ja = Messages.forLocale(Locale.JAPANESE);
        Messages en = Messages.forLocale(Locale.ENGLISH);

        // Every title the planner made has a key (none is English-only) and reads differently in Japanese.
        assertThat(plan.steps()).allSatisfy(s -> {
            assertThat(s.title().key()).as(s.id()).isNotEmpty();
            assertThat(ja.text(s.title())).as(s.id()).isNotEqualTo(en.text(s.title()));
            assertThat(en.text(s.title())).as(s.id()).isEqualTo(s.title().english());
        });
        List<String> titles = plan.steps().stream().map(s -> ja.text(s.title())).toList();
        assertThat(titles)
                .contains(
                        "ロールバックに備えて、いま使っているイメージを固定する",
                        "web を停止する",
                        "db を停止する（猶予 60 秒）",
                        "1.1.0 のマージ済みファイルを適用する",
                        "マイグレーション用サービス migrate を実行する（1.1.0）",
                        "1.1.0 を起動する",
                        "2.0.0 が動くことを確認する",
                        "2.0.0 を履歴に記録する");
        // The review page's checks: the version path and compose's own check, in Japanese.
        assertThat(plan.checks().stream().map(c -> ja.text(c.message())))
                .contains("バージョンの経路：1.0.0 → 1.1.0 → 2.0.0", "マージ済みファイルは compose 自身のチェック（config -q）に通りました。");
    }

    @Test
    void aReleaseOlderThanTheInstallIsRefusedOnTheReleasePage() throws Exception {
        Path dir = EngineFixtures.demoInstall(tmp.resolve("newer"), "1.1.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        UpgradeViewModel vm = wizard(dir);
        vm.release()
                .choose(
                        dev.berth.gui.common.ReleaseChoice.Kind.FOLDER,
                        EngineFixtures.RELEASES.resolve("1.0.0").toString());

        assertThat(vm.planStateProperty().get()).isEqualTo(UpgradeViewModel.Load.READY);
        assertThat(vm.versionProblem())
                .hasValueSatisfying(m -> assertThat(m.english().toLowerCase()).contains("restore"));
        assertThat(vm.wizard().canGoNext().get()).isFalse();
    }

    @Test
    void aFileThatIsNoArchiveIsRefusedInFrenchOnTheReleasePage() throws Exception {
        UpgradeViewModel vm = wizard(install());
        Path fake = tmp.resolve("berth-demo-2.1.0.tar.gz");
        Files.writeString(fake, "release notes, not a tarball\n");

        vm.release().choose(dev.berth.gui.common.ReleaseChoice.Kind.ARCHIVE, fake.toString());

        assertThat(vm.release().stateProperty().get()).isEqualTo(dev.berth.gui.common.ReleaseChoice.LoadState.FAILED);
        dev.berth.engine.Text error = vm.release().errorProperty().get();
        assertThat(error.english()).startsWith(fake + ": the archive is damaged or truncated (");
        assertThat(Messages.forLocale(Locale.FRENCH).get("release.failed", error))
                .startsWith(
                        "Berth n’a pas pu lire cette version : " + fake + " : l’archive est endommagée ou tronquée (")
                .endsWith(") ; rien n’a été extrait. Téléchargez de nouveau la version.");
        assertThat(vm.wizard().canGoNext().get()).isFalse();
    }

    @Test
    void theSettingsPageListsNewRenamedRemovedAndChangedDefaults() throws Exception {
        UpgradeViewModel vm = wizard(install());

        UpgradeViewModel.EnvChanges c = vm.envChangesProperty().get();
        assertThat(c.renamed()).contains("APP_TITLE → DEMO_TITLE");
        assertThat(c.removed()).contains("LOG_LEVEL");
        assertThat(vm.newVariablesProperty().get().fields())
                .extracting(EnvField::name)
                .containsExactlyInAnyOrder("PAGE_SIZE", "RECORD_CATEGORY");
        EnvField pageSize = vm.newVariablesProperty().get().field("PAGE_SIZE").orElseThrow();
        assertThat(pageSize.value()).as("the newest release's default").isEqualTo("100");
        assertThat(pageSize.docs()).contains("How many records");
        assertThat(c.defaults()).extracting(Map.Entry::getKey).doesNotContain("PAGE_SIZE");

        pageSize.valueProperty().set("lots");
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        vm.wizard().next();
        assertThat(vm.wizard().canGoNext().get())
                .as("PAGE_SIZE must be a number")
                .isFalse();
        pageSize.valueProperty().set("250");
        vm.wizard().next();

        assertThat(vm.inputs().answers()).containsExactly(Map.entry("PAGE_SIZE", "250"));
        assertThat(vm.planStateProperty().get()).isEqualTo(UpgradeViewModel.Load.READY);
        Path staged = stagedEnv(vm);
        assertThat(EnvParser.parse(staged).values())
                .containsEntry("PAGE_SIZE", "250")
                .containsEntry("DEMO_TITLE", "My records");
    }

    static Path stagedEnv(UpgradeViewModel vm) {
        Plan p = vm.planProperty().get().orElseThrow().plan();
        var apply = dev.berth.gui.common.FileDiffs.lastApply(p).orElseThrow();
        return Path.of(p.install()).resolve(apply.staging()).resolve(".env");
    }

    @Test
    void conflictsAreDecidedPerPlaceAndTheDecisionsBecomeThePlannersResolutions() throws Exception {
        Path dir = install();
        Path compose = dir.resolve("docker-compose.yml");
        Files.writeString(
                compose, Files.readString(compose).replace("berth-demo/web:1.0.0", "berth-demo/web:1.0.0-mine"));
        UpgradeViewModel vm = wizard(dir);
        vm.wizard().next();
        vm.wizard().next();

        assertThat(vm.wizard().currentProperty().get()).isSameAs(vm.configStep());
        assertThat(vm.conflicts()).isNotEmpty().allMatch(c -> c.path().equals("docker-compose.yml"));
        assertThat(vm.conflictRelease()).as("the first release with conflicts").contains("1.1.0");
        assertThat(vm.wizard().canGoNext().get()).isFalse();
        assertThat(vm.allDecidedProperty().get()).isFalse();
        ConflictItem first = vm.conflicts().getFirst();
        assertThat(vm.conflicts()).anySatisfy(c -> {
            assertThat(c.sides().mine()).hasValueSatisfying(m -> assertThat(m).contains("web:1.0.0-mine"));
            assertThat(c.sides().theirs()).hasValueSatisfying(t -> assertThat(t).contains("web:1.1.0"));
        });

        for (ConflictItem c : vm.conflicts()) {
            c.choiceProperty().set(ConflictItem.Choice.TAKE_THEIRS);
        }
        assertThat(vm.wizard().canGoNext().get())
                .as("decided but not applied yet")
                .isFalse();
        Map<String, Map<Integer, Resolution>> resolutions = vm.resolutions();
        assertThat(resolutions).containsOnlyKeys("docker-compose.yml");
        assertThat(resolutions.get("docker-compose.yml")).containsEntry(first.id(), ConflictPolicy.TAKE_THEIRS);
        vm.applyDecisions();

        assertThat(vm.conflicts()).isEmpty();
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        FileDiff composeDiff = vm.diffs().stream()
                .filter(d -> d.path().equals("docker-compose.yml"))
                .findFirst()
                .orElseThrow();
        assertThat(composeDiff.rows().toString()).contains("berth-demo/web:2.0.0");
        assertThat(vm.composeChanges()).anySatisfy(c -> assertThat(c).isInstanceOf(ComposeChange.ImageChanged.class));
    }

    @Test
    void anEditedResolutionCarriesTheUsersText() throws Exception {
        ConflictItem item = new ConflictItem(new dev.berth.engine.PlanReport.Conflict(
                "docker-compose.yml",
                2,
                "services.web.image (5/5/5)",
                "conflict 2: x\n  base:   a\n  mine:   b\n  theirs: c\n"));
        assertThat(item.resolution()).isEmpty();
        assertThat(item.sides().base()).contains("a");
        assertThat(item.sides().mine()).contains("b");
        assertThat(item.sides().theirs()).contains("c");

        item.choiceProperty().set(ConflictItem.Choice.EDIT);
        item.editedProperty().set("berth-demo/web:custom");
        assertThat(item.resolution()).contains(new Resolution.Edited("berth-demo/web:custom"));
        item.choiceProperty().set(ConflictItem.Choice.KEEP_MINE);
        assertThat(item.resolution()).contains(ConflictPolicy.KEEP_MINE);
    }

    @Test
    void theBackupPageShowsTheSettingsFolderTheEstimateAndTheDumps() throws Exception {
        UpgradeViewModel vm = wizard(install());
        vm.wizard().next();
        vm.wizard().next();
        vm.wizard().next();

        assertThat(vm.wizard().currentProperty().get()).isSameAs(vm.backupStep());
        assertThat(vm.backupFolder()).isEqualTo(tmp.resolve("backups").resolve("install"));
        assertThat(vm.estimateProperty().get())
                .map(BackupAccess.Estimate::bytes)
                .contains(180_000_000L);
        vm.removeOldImagesProperty().set(true);
        vm.wizard().next();

        Plan plan = vm.planProperty().get().orElseThrow().plan();
        assertThat(vm.inputs().removeOldImages()).isTrue();
        assertThat(plan.steps()).anyMatch(s -> s.id().equals("cleanup"));
        assertThat(plan.expectedDowntimeSeconds()).isPositive();
        assertThat(vm.wizard().canFinish().get()).isTrue();
    }

    @Test
    void upgradingRunsThroughTheStopAndOffersTheBackupTakenBefore() throws Exception {
        Path dir = install();
        UpgradeViewModel vm = wizard(dir);
        for (int i = 0; i < 4; i++) {
            vm.wizard().next();
        }
        HttpServer web = EngineFixtures.healthServer(port);
        try {
            vm.wizard().finish();
        } finally {
            web.stop(0);
        }

        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();
        // The history records the first hop of the run only (an engine issue, reported); the files
        // show the run went through to 2.0.0.
        assertThat(InstallHistory.read(dir))
                .extracting(InstallHistory.Entry::version)
                .contains("1.1.0");
        assertThat(dir.resolve("config/app/settings.yaml")).exists();
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).containsEntry("DEMO_TITLE", "My records");
        assertThat(backups.calls).containsSubsequence("backup HOT", "backup FINAL");
        assertThat(vm.healthy()).contains(true);
        assertThat(vm.journalLeftProperty().get()).isFalse();
        assertThat(vm.backupTakenBefore()).hasValueSatisfying(a -> assertThat(a).endsWith(".berth"));

        vm.restoreBackupTakenBefore();
        assertThat(restores).hasSize(1);
        assertThat(restores.getFirst()[1]).isEqualTo(dir);
        vm.close();
        assertThat(closed).isEqualTo(1);
    }

    @Test
    void aFailedUpgradeRollsBackAndGoesBackToTheReview() throws Exception {
        Path dir = install();
        runtime.failUp = "port is already allocated";
        runtime.failUpCalls.set(1); // the new version fails to start; the old one starts again
        UpgradeViewModel vm = wizard(dir);
        for (int i = 0; i < 4; i++) {
            vm.wizard().next();
        }

        vm.wizard().finish();

        assertThat(vm.run().succeeded()).isFalse();
        assertThat(vm.run().statusProperty().get()).isPresent();
        assertThat(vm.run().rollingBackProperty().get()).isTrue();
        assertThat(InstallHistory.currentVersion(dir)).contains("1.0.0");
        assertThat(vm.journalLeftProperty().get())
                .as("a rollback that finished leaves no journal")
                .isFalse();
        vm.backToReview();
        assertThat(vm.screenProperty().get()).isEqualTo(dev.berth.gui.common.RunController.Screen.WIZARD);
        assertThat(vm.wizard().currentProperty().get()).isSameAs(vm.reviewStep());
    }
}
