package dev.berth.gui.configure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.engine.FileHashes;
import dev.berth.engine.Install;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanReport;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import dev.berth.engine.UpgradePlanner;
import dev.berth.gui.EngineFixtures;
import dev.berth.gui.EngineFixtures.FakeBackups;
import dev.berth.gui.EngineFixtures.FakeRuntime;
import dev.berth.gui.common.EnvField;
import dev.berth.gui.common.FileDiff;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing a demo install's settings through a fake of the configure planner and the real runner. */
class ConfigureViewModelTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final List<Map<String, String>> asked = new ArrayList<>();
    int closed;

    /** A configure planner as the lead will write one: the new .env staged, the web service recreated. */
    final ConfigureAccess planner = (Install install, Map<String, String> answers) -> {
        asked.add(answers);
        Path dir = install.dir();
        var env = EnvParser.parse(dir.resolve(".env"));
        for (var a : answers.entrySet()) {
            env = env.withValue(a.getKey(), a.getValue());
        }
        byte[] next = EnvWriter.toBytes(env);
        Path staging = dir.resolve(".berth/staging/configure");
        Files.createDirectories(staging);
        Files.write(staging.resolve(".env"), next);
        Plan plan = new Plan(
                Plan.Kind.CONFIGURE,
                dir.toString(),
                "install",
                List.of("docker-compose.yml"),
                List.of(".env"),
                List.of(),
                "1.0.0",
                "1.0.0",
                "configure",
                List.of(
                        new PlanStep.ApplyFiles(
                                "apply",
                                Text.plain("Write the new settings"),
                                ".berth/staging/configure",
                                Map.of(".env", FileHashes.sha256(next))),
                        new PlanStep.StartServices("start", Text.plain("Recreate web"), List.of("web"))),
                List.of(new Plan.Check("env", Plan.Check.Status.OK, "The values are valid.")),
                Map.of(),
                List.of(),
                5,
                Plan.DataRollback.KEEP);
        return new UpgradePlanner.Result(plan, new PlanReport(List.of(), List.of("1.0.0"), List.of()));
    };

    Path install() throws Exception {
        return EngineFixtures.demoInstall(
                tmp.resolve("install"), "1.0.0", Map.of("WEB_PORT", "18080", "DB_PASSWORD", "pw-of-the-user-123456"));
    }

    ConfigureViewModel form(Path dir, ConfigureAccess access) {
        return new ConfigureViewModel(
                EngineFixtures.access(EngineFixtures.engine(runtime, new FakeBackups())),
                access,
                FxBridge.direct(),
                new RunTracker(),
                dir,
                () -> closed++);
    }

    @Test
    void theFormStartsFromTheInstallsEnvWithTheDocsOfItsPristineTemplate() throws Exception {
        ConfigureViewModel vm = form(install(), planner);

        assertThat(vm.loadStateProperty().get()).isEqualTo(ConfigureViewModel.Load.READY);
        assertThat(vm.documentedProperty().get()).isTrue();
        EnvField port = vm.formProperty().get().field("WEB_PORT").orElseThrow();
        assertThat(port.value()).isEqualTo("18080");
        assertThat(port.docs()).contains("Port on 127.0.0.1");
        assertThat(vm.formProperty().get().field("DB_PASSWORD").orElseThrow().value())
                .isEqualTo("pw-of-the-user-123456");
        assertThat(vm.wizard().canGoNext().get()).as("nothing changed yet").isFalse();
    }

    @Test
    void changedValuesArePlannedShownAsADiffWithSecretsMaskedAndApplied() throws Exception {
        Path dir = install();
        ConfigureViewModel vm = form(dir, planner);
        vm.formProperty().get().field("WEB_PORT").orElseThrow().valueProperty().set("18081");
        vm.formProperty()
                .get()
                .field("DB_PASSWORD")
                .orElseThrow()
                .valueProperty()
                .set("a-new-secret-of-mine-42");
        assertThat(vm.wizard().canGoNext().get()).isTrue();

        vm.wizard().next();

        assertThat(asked).containsExactly(Map.of("WEB_PORT", "18081", "DB_PASSWORD", "a-new-secret-of-mine-42"));
        assertThat(vm.planStateProperty().get()).isEqualTo(ConfigureViewModel.Load.READY);
        FileDiff env = vm.diffs().getFirst();
        assertThat(env.path()).isEqualTo(".env");
        String rows = env.rows().toString();
        assertThat(rows).contains("WEB_PORT=18081").contains("DB_PASSWORD=****");
        assertThat(rows).doesNotContain("a-new-secret-of-mine-42").doesNotContain("pw-of-the-user");
        assertThat(vm.wizard().canFinish().get()).isTrue();

        vm.wizard().finish();

        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).containsEntry("WEB_PORT", "18081");
        assertThat(runtime.calls).contains("up [web]");
        vm.close();
        assertThat(closed).isEqualTo(1);
    }

    @Test
    void withoutAConfigurePlannerTheChangesAreShownAndNothingIsApplied() throws Exception {
        Path dir = install();
        String before = Files.readString(dir.resolve(".env"));
        ConfigureViewModel vm = form(dir, ConfigureAccess.NONE);
        vm.formProperty().get().field("APP_TITLE").orElseThrow().valueProperty().set("Renamed");

        vm.wizard().next();

        assertThat(vm.planStateProperty().get()).isEqualTo(ConfigureViewModel.Load.FAILED);
        assertThat(vm.unavailableProperty().get()).isTrue();
        assertThat(vm.diffs())
                .singleElement()
                .satisfies(d -> assertThat(d.rows().toString()).contains("APP_TITLE=Renamed"));
        assertThat(vm.wizard().canFinish().get()).isFalse();
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo(before);
    }

    @Test
    void anInstallWithoutAPristineCopyIsDocumentedByItsOwnComments() throws Exception {
        Path dir = install();
        try (var s = Files.walk(Install.pristineDir(dir))) {
            s.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
        // An install Berth did not make: no manifest either, so only the .env's comments say anything.
        Files.delete(dir.resolve("berth.yaml"));
        ConfigureViewModel vm = form(dir, planner);

        assertThat(vm.loadStateProperty().get()).isEqualTo(ConfigureViewModel.Load.READY);
        assertThat(vm.documentedProperty().get()).isFalse();
        assertThat(vm.formProperty().get().field("WEB_PORT").orElseThrow().docs())
                .contains("Pick a free one");
    }
}
