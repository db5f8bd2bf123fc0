package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.env.EnvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurePlannerTest {
    @TempDir
    Path tmp;

    final ComposeLoader loader = new ComposeLoader();

    Install demo() throws Exception {
        return UpgradePlannerTest.installedDemo(tmp, loader);
    }

    @Test
    void aValueOnlyTheWebServiceReadsRecreatesOnlyTheWebService() throws Exception {
        Install install = demo();
        var r = new ConfigurePlanner(new FakeRuntime(), loader)
                .plan(install, Map.of("GREETING", "Hail-unique-42"), Map.of());
        assertThat(r.plan().refused()).as(r.plan().checks().toString()).isFalse();
        PlanStep.StartServices recreate = (PlanStep.StartServices) r.plan().steps().stream()
                .filter(s -> s.id().equals("recreate"))
                .findFirst()
                .orElseThrow();
        assertThat(recreate.services()).containsExactly("web");
        PlanStep.ApplyFiles apply = (PlanStep.ApplyFiles) r.plan().steps().stream()
                .filter(s -> s instanceof PlanStep.ApplyFiles)
                .findFirst()
                .orElseThrow();
        assertThat(apply.files()).containsOnlyKeys(".env");
        var staged = EnvParser.parse(install.dir().resolve(apply.staging()).resolve(".env"))
                .values();
        assertThat(staged).containsEntry("GREETING", "Hail-unique-42").containsEntry("DB_PASSWORD", "pw-0123456789");
        assertThat(Files.readString(install.dir().resolve(".env")))
                .as("planning writes nothing")
                .doesNotContain("Hail-unique-42");
        assertThat(r.plan().dataRollback()).isEqualTo(Plan.DataRollback.KEEP);
    }

    @Test
    void theDatabasePasswordAffectsEveryServiceThatReadsIt() throws Exception {
        var r = new ConfigurePlanner(new FakeRuntime(), loader)
                .plan(demo(), Map.of("DB_PASSWORD", "another-one-42"), Map.of());
        PlanStep.StartServices recreate = (PlanStep.StartServices) r.plan().steps().stream()
                .filter(s -> s.id().equals("recreate"))
                .findFirst()
                .orElseThrow();
        assertThat(recreate.services()).containsExactlyInAnyOrder("db", "web", "migrate");
    }

    @Test
    void aValueOfTheWrongTypeOrAnEmptyRequiredValueIsRefused() throws Exception {
        Install install = demo();
        var port =
                new ConfigurePlanner(new FakeRuntime(), loader).plan(install, Map.of("WEB_PORT", "eighty"), Map.of());
        assertThat(port.plan().refused()).isTrue();
        assertThat(port.plan().checks()).anyMatch(c -> c.message().english().contains("WEB_PORT must be a port"));
        var same =
                new ConfigurePlanner(new FakeRuntime(), loader).plan(install, Map.of("POSTGRES_DB", "demo"), Map.of());
        assertThat(same.plan().refused()).isTrue();
        assertThat(same.plan().checks()).anyMatch(c -> c.message().english().contains("Nothing to change"));
    }

    @Test
    void anEditedConfigFileRecreatesTheServiceThatMountsIt() throws Exception {
        Install install = demo();
        byte[] cfg = (Files.readString(install.dir().resolve("config/app.yaml")) + "# tuned\n").getBytes();
        var r = new ConfigurePlanner(new FakeRuntime(), loader).plan(install, Map.of(), Map.of("config/app.yaml", cfg));
        PlanStep.StartServices recreate = (PlanStep.StartServices) r.plan().steps().stream()
                .filter(s -> s.id().equals("recreate"))
                .findFirst()
                .orElseThrow();
        assertThat(recreate.services()).contains("web").doesNotContain("db");
    }
}
