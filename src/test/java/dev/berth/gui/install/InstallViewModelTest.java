package dev.berth.gui.install;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.berth.config.env.EnvParser;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.Plan;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.EnvField;
import dev.berth.gui.common.FileDiff;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.ReleaseChoice;
import dev.berth.gui.common.RunTracker;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.common.WizardModel;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install wizard over the real planner and runner, the demo's real 1.0.0 release and a
 * recording fake of Docker; the bridge runs everything on the test thread.
 */
class InstallViewModelTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final FakeBackups backups = new FakeBackups();
    final RunTracker tracker = new RunTracker();
    final List<Optional<Path>> left = new ArrayList<>();

    InstallViewModel wizard() {
        return new InstallViewModel(
                EngineFixtures.access(EngineFixtures.engine(runtime, backups)),
                FxBridge.direct(),
                tracker,
                DemoRelease.find(DemoRelease.FIRST),
                tmp.resolve("apps"),
                left::add);
    }

    /** The demo chosen, the location and settings filled, on the review page. */
    InstallViewModel atReview(int port) {
        InstallViewModel vm = wizard();
        vm.release().chooseDemo();
        vm.wizard().next();
        vm.wizard().next();
        vm.formProperty().get().field("WEB_PORT").orElseThrow().valueProperty().set(Integer.toString(port));
        vm.formProperty().get().field("APP_TITLE").orElseThrow().valueProperty().set("Ana’s records");
        vm.wizard().next();
        return vm;
    }

    @Test
    void aReleaseThatDoesNotExistIsRefusedInThePagesLanguage() {
        InstallViewModel vm = wizard();
        String missing = tmp.resolve("no-such-release").toString();
        vm.release().kindProperty().set(ReleaseChoice.Kind.FOLDER);
        vm.release().sourceProperty().set(missing);

        vm.release().load();

        assertThat(vm.release().stateProperty().get()).isNotEqualTo(ReleaseChoice.LoadState.LOADED);
        dev.berth.engine.Text error = vm.release().errorProperty().get();
        assertThat(error.english()).contains(missing).contains("no such folder or file");
        assertThat(dev.berth.gui.common.Messages.forLocale(java.util.Locale.FRENCH)
                        .get("release.failed", error))
                .isEqualTo("Berth n’a pas pu lire cette version : " + missing
                        + " : dossier ou fichier introuvable ; donnez un dossier de version, une archive ou DÉPÔT#TAG");
    }

    @Test
    void aReleaseWithABrokenManifestIsRefusedInJapaneseAtTheManifestsLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ledger-2.0"));
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: ledger:2.0\n");
        Files.writeString(dir.resolve("berth.yaml"), "app: ledger\n---\napp: other\n");
        InstallViewModel vm = wizard();

        vm.release().choose(ReleaseChoice.Kind.FOLDER, dir.toString());

        assertThat(vm.release().stateProperty().get()).isEqualTo(ReleaseChoice.LoadState.FAILED);
        dev.berth.engine.Text error = vm.release().errorProperty().get();
        String manifest = dir.toAbsolutePath().resolve("berth.yaml") + ":3";
        assertThat(error.english())
                .isEqualTo(
                        manifest + ": a manifest is one YAML document; remove the second document (the line with ---)");
        assertThat(dev.berth.gui.common.Messages.forLocale(java.util.Locale.JAPANESE)
                        .get("release.failed", error))
                .isEqualTo("Berth はこのリリースを読み込めませんでした：" + manifest
                        + "：マニフェストは 1 つの YAML ドキュメントでなければなりません。2 つ目のドキュメント（--- の行以降）を削除してください");
    }

    @Test
    void theDemoIsFoundBesideTheAppAndLoadsWithItsDocumentedSettings() {
        InstallViewModel vm = wizard();
        assertThat(DemoRelease.find(DemoRelease.FIRST)).contains(EngineFixtures.RELEASES.resolve("1.0.0"));
        assertThat(vm.wizard().canGoNext().get()).isFalse();

        vm.release().chooseDemo();

        assertThat(vm.release().stateProperty().get()).isEqualTo(ReleaseChoice.LoadState.LOADED);
        ReleaseChoice.Loaded loaded = vm.release().loadedProperty().get().orElseThrow();
        assertThat(loaded.app()).isEqualTo("berth-demo");
        assertThat(loaded.release().version().raw()).isEqualTo("1.0.0");
        assertThat(loaded.notes()).contains("berth-demo 1.0.0");
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        assertThat(vm.targetProperty().get())
                .isEqualTo(tmp.resolve("apps/berth-demo").toString());
        assertThat(vm.projectProperty().get()).isEqualTo("berth-demo");
        assertThat(vm.dataDirProperty().get()).map(EnvField::value).contains("./data");
        assertThat(vm.formProperty().get().field("DATA_DIR"))
                .as("the data folder is asked on the location page, not twice")
                .isEmpty();
        assertThat(vm.formProperty().get().fields()).extracting(EnvField::name).contains("WEB_PORT", "DB_PASSWORD");
    }

    @Test
    void aFolderThatIsNotEmptyOrRelativeIsRefusedOnTheLocationPage() throws Exception {
        InstallViewModel vm = wizard();
        vm.release().chooseDemo();
        vm.wizard().next();
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        assertThat(vm.freeSpaceProperty().get()).isPresent();

        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("notes.txt"), "mine");
        vm.targetProperty().set(full.toString());
        assertThat(vm.targetProblemProperty().get()).contains(InstallViewModel.TargetProblem.NOT_EMPTY);
        assertThat(vm.wizard().canGoNext().get()).isFalse();

        vm.targetProperty().set("apps/demo");
        assertThat(vm.targetProblemProperty().get()).contains(InstallViewModel.TargetProblem.NOT_ABSOLUTE);

        vm.targetProperty().set(tmp.resolve("fresh").toString());
        assertThat(vm.projectProperty().get())
                .as("follows the folder until edited")
                .isEqualTo("fresh");
        vm.projectProperty().set("Bad Name");
        assertThat(vm.targetProblemProperty().get()).contains(InstallViewModel.TargetProblem.BAD_PROJECT);
        vm.projectProperty().set("records");
        vm.dataDirProperty().get().orElseThrow().valueProperty().set("");
        assertThat(vm.wizard().canGoNext().get()).as("DATA_DIR is required").isFalse();
        vm.dataDirProperty().get().orElseThrow().valueProperty().set("/srv/records");
        assertThat(vm.wizard().canGoNext().get()).isTrue();
        assertThat(vm.answers()).containsEntry("DATA_DIR", "/srv/records");
    }

    @Test
    void anInvalidPortKeepsTheSettingsPageFromGoingOn() {
        InstallViewModel vm = wizard();
        vm.release().chooseDemo();
        vm.wizard().next();
        vm.wizard().next();
        EnvField port = vm.formProperty().get().field("WEB_PORT").orElseThrow();

        port.valueProperty().set("99999");

        assertThat(vm.wizard().canGoNext().get()).isFalse();
        vm.wizard().next();
        assertThat(vm.wizard().currentProperty().get()).isSameAs(vm.envStep());
        port.valueProperty().set("18080");
        assertThat(vm.wizard().canGoNext().get()).isTrue();
    }

    @Test
    void theReviewShowsTheEnginesPlanAndTheFilesAgainstTheirTemplatesWithSecretsMasked() {
        InstallViewModel vm = atReview(EngineFixtures.freePort());

        assertThat(vm.planStateProperty().get()).isEqualTo(InstallViewModel.PlanState.READY);
        Plan plan = vm.planProperty().get().orElseThrow().plan();
        assertThat(plan.refused()).isFalse();
        assertThat(plan.kind()).isEqualTo(Plan.Kind.INSTALL);
        assertThat(plan.steps()).extracting(s -> s.id()).contains("apply", "start", "verify", "record");
        assertThat(vm.wizard().canFinish().get()).isTrue();
        assertThat(vm.reviewStep().actionKey()).isEqualTo("install.action");

        FileDiff env = vm.diffs().stream()
                .filter(d -> d.path().equals(".env"))
                .findFirst()
                .orElseThrow();
        assertThat(env.change()).as(".env is compared with .env.example").isEqualTo(FileDiff.Change.CHANGED);
        String rows = env.rows().toString();
        assertThat(rows).contains("APP_TITLE=").contains("Ana’s records");
        assertThat(rows).as("the generated password is masked").contains("DB_PASSWORD=****");
        assertThat(vm.diffs())
                .extracting(FileDiff::path)
                .contains("docker-compose.yml")
                .doesNotContain(".berth/install.json");
    }

    @Test
    void goingBackAndChangingAValuePlansAgainIntoTheSameFolder() {
        InstallViewModel vm = atReview(EngineFixtures.freePort());
        assertThat(vm.planStateProperty().get()).isEqualTo(InstallViewModel.PlanState.READY);

        vm.wizard().back();
        vm.formProperty().get().field("APP_TITLE").orElseThrow().valueProperty().set("Second try");
        vm.wizard().next();

        assertThat(vm.planStateProperty().get()).isEqualTo(InstallViewModel.PlanState.READY);
        assertThat(vm.planProperty().get().orElseThrow().plan().refused())
                .as("the scratch of the first plan does not make the folder 'not empty'")
                .isFalse();
        assertThat(vm.diffs().toString()).contains("Second try");
    }

    @Test
    void installingRunsThePlanAndEndsWithTheAppsAddress() throws Exception {
        int port = EngineFixtures.freePort();
        InstallViewModel vm = atReview(port);
        HttpServer web = EngineFixtures.healthServer(port);
        try {
            vm.wizard().finish();
        } finally {
            web.stop(0);
        }

        assertThat(vm.screenProperty().get()).isEqualTo(dev.berth.gui.common.RunController.Screen.RUN);
        RunViewModel run = vm.run();
        assertThat(run.succeeded()).as(run.messageProperty().get().english()).isTrue();
        assertThat(run.messageProperty().get().english()).isEqualTo("Installed 1.0.0 and verified it.");
        Path dir = vm.installFolder();
        var env = EnvParser.parse(dir.resolve(".env")).values();
        assertThat(env).containsEntry("APP_TITLE", "Ana’s records").containsEntry("WEB_PORT", Integer.toString(port));
        assertThat(env.get("DB_PASSWORD")).hasSize(32);
        assertThat(InstallHistory.currentVersion(dir)).contains("1.0.0");
        assertThat(runtime.calls).contains("up []");
        assertThat(vm.appAddressProperty().get()).contains(URI.create("http://127.0.0.1:" + port + "/"));
        assertThat(tracker.active()).isFalse();

        vm.close();
        assertThat(left).containsExactly(Optional.of(dir));
    }

    @Test
    void aFailedRunOffersTheReviewAgain() {
        runtime.failUp = "port 8080 is already allocated";
        InstallViewModel vm = atReview(EngineFixtures.freePort());

        vm.wizard().finish();

        assertThat(vm.run().succeeded()).isFalse();
        assertThat(vm.run().messageProperty().get().english()).contains("port 8080 is already allocated");
        assertThat(runtime.calls).as("the new install's containers are removed").contains("down");
        vm.backToReview();
        assertThat(vm.screenProperty().get()).isEqualTo(dev.berth.gui.common.RunController.Screen.WIZARD);
        assertThat(vm.wizard().outcomeProperty().get()).isEqualTo(WizardModel.Outcome.OPEN);
        assertThat(vm.wizard().currentProperty().get()).isSameAs(vm.reviewStep());
    }

    @Test
    void cancellingBeforeTheRunLeavesNoFolderBehind() {
        InstallViewModel vm = atReview(EngineFixtures.freePort());
        Path dir = vm.installFolder();
        assertThat(dir).as("planning staged the release").isDirectory();

        vm.wizard().cancel();

        assertThat(left).containsExactly(Optional.empty());
        assertThat(dir).doesNotExist();
    }

    @Test
    void theAddressComesFromTheHttpHealthCheckOfThePlan() {
        InstallViewModel vm = atReview(18_321);
        Plan plan = vm.planProperty().get().orElseThrow().plan();
        assertThat(InstallViewModel.address(plan)).contains(URI.create("http://127.0.0.1:18321/"));
    }
}
