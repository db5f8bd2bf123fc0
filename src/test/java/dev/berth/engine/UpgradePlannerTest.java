package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.env.EnvParser;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradePlannerTest {
    static final Path RELEASES = Path.of("demo/releases").toAbsolutePath();

    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final ComposeLoader loader = new ComposeLoader();

    /** An install of the demo as a user would have it: 1.0.0 files, an edited .env, history. */
    Path demoInstall(String version, Map<String, String> env) throws IOException {
        Path dir = tmp.resolve("install");
        copy(RELEASES.resolve(version), dir);
        copy(RELEASES.resolve(version), Install.pristineDir(dir));
        var e = EnvParser.parse(dir.resolve(".env.example"));
        for (var kv : env.entrySet()) {
            e = e.withValue(kv.getKey(), kv.getValue());
        }
        Files.write(dir.resolve(".env"), dev.berth.config.env.EnvWriter.toBytes(e));
        InstallHistory.append(dir, new InstallHistory.Entry(version, "install", Instant.now(), "r0", "demo"));
        return dir;
    }

    UpgradePlanner.Result plan(Path install, String target, Map<String, String> answers) {
        return planAt(install, RELEASES.resolve(target), answers);
    }

    @Test
    void upgradeThroughTheRequiredStopCarriesTheUsersValuesAndFollowsTheReleases() throws Exception {
        Path install = demoInstall(
                "1.0.0",
                Map.of("APP_TITLE", "My records", "WEB_PORT", "18080", "DB_PASSWORD", "s3cret-of-the-user-123"));
        var r = plan(install, "2.0.0", Map.of());
        Plan p = r.plan();

        assertThat(p.checks())
                .filteredOn(c -> c.status() == Plan.Check.Status.FAIL)
                .isEmpty();
        assertThat(r.report().versionPath()).containsExactly("1.0.0", "1.1.0", "2.0.0");
        assertThat(p.fromVersion()).isEqualTo("1.0.0");
        assertThat(p.toVersion()).isEqualTo("2.0.0");

        PlanStep.ApplyFiles last = (PlanStep.ApplyFiles) p.steps().stream()
                .filter(s -> s.id().equals("apply-2"))
                .findFirst()
                .orElseThrow();
        Path staged = install.resolve(last.staging());
        var env = EnvParser.parse(staged.resolve(".env"));
        assertThat(env.values())
                .containsEntry("DEMO_TITLE", "My records")
                .containsEntry("WEB_PORT", "18080")
                .containsEntry("DB_PASSWORD", "s3cret-of-the-user-123")
                .containsEntry("PAGE_SIZE", "100")
                .doesNotContainKey("APP_TITLE");
        assertThat(env.text()).contains("LOG_LEVEL").as("the removed key is kept, marked");
        assertThat(last.files())
                .containsEntry("config/app.yaml", "")
                .containsKey("config/app/settings.yaml")
                .containsKey(".berth/release/berth.yaml");
        assertThat(Files.readString(staged.resolve("config/app/settings.yaml"))).contains("version: 3");
        assertThat(r.report().hops().get(1).env().getFirst().renamed()).contains("APP_TITLE → DEMO_TITLE");
        assertThat(p.checks())
                .anyMatch(c -> c.name().startsWith("config version 2.0.0") && c.status() == Plan.Check.Status.OK);

        List<String> ids = p.steps().stream().map(PlanStep::id).toList();
        assertThat(ids)
                .containsSubsequence(
                        "build-1",
                        "build-2",
                        "pin",
                        "backup-hot",
                        "stop-app",
                        "backup-final",
                        "stop-data",
                        "apply-1",
                        "migrate-1-1",
                        "start-1",
                        "verify-1",
                        "record-1",
                        "stop-2",
                        "apply-2",
                        "migrate-2-1",
                        "start-2",
                        "verify-2",
                        "record-2");
        PlanStep.StopServices stopApp = (PlanStep.StopServices) step(p, "stop-app");
        PlanStep.StopServices stopData = (PlanStep.StopServices) step(p, "stop-data");
        assertThat(stopApp.services()).containsExactly("web");
        assertThat(stopData.services()).containsExactly("db");
        assertThat(stopData.graceSeconds()).isGreaterThanOrEqualTo(60);
        PlanStep.Backup fin = (PlanStep.Backup) step(p, "backup-final");
        assertThat(fin.databases()).extracting(PlanStep.DatabaseDump::service).containsExactly("db");
        PlanStep.Verify verify = (PlanStep.Verify) step(p, "verify-2");
        assertThat(verify.probes()).contains(new PlanStep.HealthProbe.Http("http://127.0.0.1:18080/health", 200));
        assertThat(runtime.calls)
                .as("the merged files are checked by compose before anything stops")
                .contains("validate release-1", "validate release-2");
        assertThat(p.fileHashes()).containsKey(install.resolve(".env").toString());
        String json = Journal.JSON.writeValueAsString(p) + Journal.JSON.writeValueAsString(r.report());
        assertThat(json).as("no secret in the plan or report").doesNotContain("s3cret-of-the-user-123");
    }

    @Test
    void aUserEditOfTheMovedConfigFileFollowsItToItsNewPlace() throws Exception {
        Path install = demoInstall("1.1.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        Path cfg = install.resolve("config/app.yaml");
        String text = Files.readString(cfg);
        assertThat(text).contains("version: 2");
        Files.writeString(cfg, text + "# my note\n");
        var r = plan(install, "2.0.0", Map.of());
        PlanStep.ApplyFiles apply = (PlanStep.ApplyFiles) r.plan().steps().stream()
                .filter(s -> s instanceof PlanStep.ApplyFiles)
                .findFirst()
                .orElseThrow();
        String moved = Files.readString(install.resolve(apply.staging()).resolve("config/app/settings.yaml"));
        assertThat(moved).contains("version: 3").contains("# my note");
        assertThat(apply.files()).containsEntry("config/app.yaml", "");
    }

    @Test
    void aMissingStopIsRefusedWithItsName() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        Path lone = tmp.resolve("lone/2.0.0");
        copy(RELEASES.resolve("2.0.0"), lone);
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release rel = releases.load(ReleaseSource.parse(lone.toString()));
            var r = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(install),
                            rel,
                            Engine.catalogFor(rel, releases),
                            releases,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp, false));
            assertThat(r.plan().refused()).isTrue();
            assertThat(r.plan().checks()).anyMatch(c -> c.message().english().contains("1.1"));
            assertThat(r.plan().steps()).isEmpty();
        }
    }

    @Test
    void aDowngradeIsRefusedAsARestore() throws Exception {
        Path install = demoInstall("1.1.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        var r = plan(install, "1.0.0", Map.of());
        assertThat(r.plan().refused()).isTrue();
        assertThat(r.plan().checks())
                .anyMatch(c -> c.message().english().toLowerCase().contains("restore"));
    }

    @Test
    void compositionRejectedByTheUsersComposeRefusesThePlan() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        runtime.rejectValidation = "services.web: invalid";
        var r = plan(install, "1.1.0", Map.of());
        assertThat(r.plan().refused()).isTrue();
        assertThat(r.plan().checks()).anyMatch(c -> c.message().english().contains("services.web: invalid"));
    }

    @Test
    void aConflictIsRefusedUntilTheUserDecidesItAndThenTheDecisionIsApplied() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        Path compose = install.resolve("docker-compose.yml");
        Files.writeString(
                compose, Files.readString(compose).replace("berth-demo/web:1.0.0", "berth-demo/web:1.0.0-mine"));
        var refused = plan(install, "1.1.0", Map.of());
        assertThat(refused.plan().refused()).isTrue();
        var details = refused.report().hops().getFirst().conflictDetails();
        assertThat(details).isNotEmpty().allMatch(c -> c.path().equals("docker-compose.yml"));

        Map<Integer, dev.berth.config.merge.Resolution> keep = new java.util.HashMap<>();
        details.forEach(c -> keep.put(c.id(), dev.berth.config.merge.ConflictPolicy.KEEP_MINE));
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release rel =
                    releases.load(ReleaseSource.parse(RELEASES.resolve("1.1.0").toString()));
            var r = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(install),
                            rel,
                            Engine.catalogFor(rel, releases),
                            releases,
                            new UpgradePlanner.Options(
                                    Map.of(), Optional.empty(), tmp, false, Map.of("docker-compose.yml", keep)));
            assertThat(r.plan().refused()).isFalse();
            PlanStep.ApplyFiles apply = (PlanStep.ApplyFiles) step(r.plan(), "apply");
            assertThat(Files.readString(install.resolve(apply.staging()).resolve("docker-compose.yml")))
                    .contains("berth-demo/web:1.0.0-mine")
                    .contains("migrate:");
        }
    }

    @Test
    void aRecognisedAppIsPlannedWithItsBuiltInProfile() throws Exception {
        Path corpus = dev.berth.Corpus.root().resolve("mattermost-docker");
        Path dir = tmp.resolve("mattermost");
        copy(corpus.resolve("2023-10-10_26fb013"), dir);
        copy(corpus.resolve("2023-10-10_26fb013"), Install.pristineDir(dir));
        Files.copy(dir.resolve("env.example"), dir.resolve(".env"));
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release rel = releases.load(
                    ReleaseSource.parse(corpus.resolve("2025-04-10_2308dca").toString()));
            var r = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(dir),
                            rel,
                            dev.berth.release.ReleaseCatalog.ofFolder(corpus, releases),
                            releases,
                            new UpgradePlanner.Options(
                                    Map.of(),
                                    Optional.of(dev.berth.config.merge.ConflictPolicy.KEEP_MINE),
                                    tmp,
                                    false));
            assertThat(r.plan().checks())
                    .anyMatch(
                            c -> c.name().equals("app") && c.message().english().contains("Mattermost"));
            PlanStep.StopServices app = (PlanStep.StopServices) step(r.plan(), "stop-app");
            PlanStep.StopServices data = (PlanStep.StopServices) step(r.plan(), "stop-data");
            assertThat(app.services()).containsExactly("mattermost");
            assertThat(data.services()).containsExactly("postgres");
            assertThat(data.graceSeconds()).isEqualTo(60);
            PlanStep.Backup fin = (PlanStep.Backup) step(r.plan(), "backup-final");
            assertThat(fin.databases())
                    .extracting(PlanStep.DatabaseDump::service)
                    .containsExactly("postgres");
        }
    }

    @Test
    void aRunMigrationFindsItsDatabaseStartedOnTheNewReleaseAndTheStartDoesNotTouchItAgain() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        Plan p = plan(install, "1.1.0", Map.of()).plan();

        List<String> ids = p.steps().stream().map(PlanStep::id).toList();
        assertThat(ids)
                .as("db starts once, on 1.1.0, before the migration; one compose up then starts the rest")
                .containsSubsequence("stop-data", "apply", "start-deps", "wait-deps", "migrate-1", "start", "verify")
                .as("1.1.0 says start: [db, web], every service: no separate start-first")
                .doesNotContain("start-first");
        assertThat(((PlanStep.StartServices) step(p, "start-deps")).services()).containsExactly("db");
        assertThat(((PlanStep.Verify) step(p, "wait-deps")).probes())
                .containsExactly(new PlanStep.HealthProbe.ServiceHealthy("db"));
        PlanStep.Migrate migrate = (PlanStep.Migrate) step(p, "migrate-1");
        assertThat(migrate.migration())
                .as("compose run --no-deps: docker-compose v1 would start the old, stopped db container")
                .isEqualTo(
                        new PlanStep.Migration.Run("migrate", List.of(), "", "", ContainerRuntime.Dependencies.SKIP));
        PlanStep.StartServices start = (PlanStep.StartServices) step(p, "start");
        assertThat(start.services())
                .as("the final up finds db up to date and does not run the migrate job a second time")
                .containsExactly("db", "web");
        assertThat(start.dependencies()).isEqualTo(ContainerRuntime.Dependencies.SKIP);
        assertThat(((PlanStep.Verify) step(p, "verify")).probes())
                .as("the manifest's health checks; migrate ran as the migration")
                .contains(new PlanStep.HealthProbe.ServiceHealthy("web"));
    }

    @Test
    void eachHopStartsItsOwnDatabaseBeforeItsMigration() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        Plan p = plan(install, "2.0.0", Map.of()).plan();

        assertThat(p.steps().stream().map(PlanStep::id).toList())
                .containsSubsequence(
                        "apply-1",
                        "start-deps-1",
                        "wait-deps-1",
                        "migrate-1-1",
                        "start-1",
                        "verify-1",
                        "record-1",
                        "stop-2",
                        "apply-2",
                        "start-deps-2",
                        "wait-deps-2",
                        "migrate-2-1",
                        "start-2",
                        "verify-2");
        assertThat(((PlanStep.Migrate) step(p, "migrate-2-1")).migration())
                .extracting(m -> ((PlanStep.Migration.Run) m).dependencies())
                .isEqualTo(ContainerRuntime.Dependencies.SKIP);
    }

    @Test
    void aMigrationWaitingForAOneShotJobLetsComposeRunStartItsDependencies() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        // A 1.1.0 whose migration waits for a schema job first: only `compose run` waits for a job to end.
        Path rel = tmp.resolve("releases");
        copy(RELEASES.resolve("1.0.0"), rel.resolve("1.0.0"));
        copy(RELEASES.resolve("1.1.0"), rel.resolve("1.1.0"));
        Path compose = rel.resolve("1.1.0/docker-compose.yml");
        Files.writeString(
                compose,
                Files.readString(compose)
                        .replace(
                                "    command: [\"migrate\"]\n    restart: \"no\"\n    depends_on:\n",
                                "    command: [\"migrate\"]\n    restart: \"no\"\n    depends_on:\n"
                                        + "      schema:\n        condition: service_completed_successfully\n")
                        .replace(
                                "  web:\n",
                                "  schema:\n    image: berth-demo/web:1.1.0\n    command: [\"true\"]\n"
                                        + "    restart: \"no\"\n\n  web:\n"));
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release r = releases.load(ReleaseSource.parse(rel.resolve("1.1.0").toString()));
            Plan p = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(install),
                            r,
                            Engine.catalogFor(r, releases),
                            releases,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false))
                    .plan();

            assertThat(p.refused()).as(p.checks().toString()).isFalse();
            assertThat(p.steps().stream().map(PlanStep::id).toList()).doesNotContain("start-deps");
            assertThat(((PlanStep.Migrate) step(p, "migrate-1")).migration())
                    .extracting(m -> ((PlanStep.Migration.Run) m).dependencies())
                    .isEqualTo(ContainerRuntime.Dependencies.START);
            assertThat(((PlanStep.StartServices) step(p, "start")).dependencies())
                    .as("compose started the jobs, so it starts everything as before")
                    .isEqualTo(ContainerRuntime.Dependencies.START);
        }
    }

    @Test
    void aRunMigrationOfAnOlderJournalStillLetsComposeStartItsDependencies() throws Exception {
        String old = "{\"kind\":\"run\",\"service\":\"migrate\",\"command\":[],\"stdinFrom\":\"\",\"stdoutTo\":\"\"}";

        PlanStep.Migration m = Journal.JSON.readValue(old, PlanStep.Migration.class);

        assertThat(m)
                .isEqualTo(
                        new PlanStep.Migration.Run("migrate", List.of(), "", "", ContainerRuntime.Dependencies.START));
    }

    @Test
    void aStartListLeavingAServiceOutKeepsItsOwnStep() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "pw-1234567890"));
        var model = new InstallInspector(loader).inspect(install).compose().model();

        assertThat(UpgradePlanner.startsEverything(List.of("db", "web"), model, List.of()))
                .isTrue();
        assertThat(UpgradePlanner.startsEverything(List.of("db"), model, List.of()))
                .isFalse();
    }

    private static PlanStep step(Plan p, String id) {
        return p.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The demo 1.1.0 installed in {@code tmp/demo} as Berth leaves it: files, pristine copy, .env with a password, history. */
    static Install installedDemo(Path tmp, ComposeLoader loader) throws IOException {
        Path dir = tmp.resolve("demo");
        copy(RELEASES.resolve("1.1.0"), dir);
        copy(RELEASES.resolve("1.1.0"), Install.pristineDir(dir));
        Files.writeString(
                dir.resolve(".env"),
                Files.readString(dir.resolve(".env.example")).replace("DB_PASSWORD=", "DB_PASSWORD=pw-0123456789"));
        InstallHistory.append(dir, new InstallHistory.Entry("1.1.0", "install", Instant.now(), "r0", "demo"));
        return new InstallInspector(loader).inspect(dir);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Demo 1.1.0 as a release that split {@code docker-compose.yml} into {@code compose.yaml} (the
     * database) and {@code compose.web.yaml} (the web service), named in its manifest.
     */
    Path splitRelease() throws IOException {
        Path rel = tmp.resolve("split-releases/1.1.0");
        copy(RELEASES.resolve("1.1.0"), rel);
        String all = Files.readString(rel.resolve("docker-compose.yml"));
        int web = all.indexOf("\n  web:\n");
        int volumes = all.indexOf("\nvolumes:\n");
        assertThat(web)
                .as("the demo's compose file has its web service after the database")
                .isPositive();
        assertThat(volumes).isGreaterThan(web);
        Files.writeString(rel.resolve("compose.yaml"), all.substring(0, web + 1) + all.substring(volumes + 1));
        Files.writeString(rel.resolve("compose.web.yaml"), "services:\n" + all.substring(web + 1, volumes + 1));
        Files.delete(rel.resolve("docker-compose.yml"));
        Files.writeString(
                rel.resolve("berth.yaml"),
                Files.readString(rel.resolve("berth.yaml")) + "compose: {files: [compose.yaml, compose.web.yaml]}\n");
        return rel;
    }

    /** The plan of {@code install}'s upgrade to the release folder {@code release}. */
    UpgradePlanner.Result planAt(Path install, Path release, Map<String, String> answers) {
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release rel = releases.load(ReleaseSource.parse(release.toString()));
            Install inst = new InstallInspector(loader).inspect(install);
            return new UpgradePlanner(runtime, loader)
                    .plan(
                            inst,
                            rel,
                            Engine.catalogFor(rel, releases),
                            releases,
                            new UpgradePlanner.Options(answers, Optional.empty(), tmp.resolve("backups"), false));
        }
    }

    @Test
    void aComposeFileTheReleaseSplitIntoTwoIsFollowedWhenTheUserNeverEditedIt() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "s3cret-of-the-user-123"));

        Plan p = planAt(install, splitRelease(), Map.of()).plan();

        assertThat(p.refused()).as(p.checks().toString()).isFalse();
        assertThat(p.warnings())
                .anyMatch(w -> w.english()
                        .startsWith("Release 1.1.0 replaces the compose file docker-compose.yml with compose.yaml,"
                                + " compose.web.yaml. You had not changed docker-compose.yml"));
        assertThat(p.composeFiles()).as("the run starts from the old file").containsExactly("docker-compose.yml");
        PlanStep.ApplyFiles apply = p.steps().stream()
                .filter(s -> s instanceof PlanStep.ApplyFiles)
                .map(PlanStep.ApplyFiles.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(apply.composeFiles()).containsExactly("compose.yaml", "compose.web.yaml");
        assertThat(apply.files())
                .as("the old file goes in the same step as the new ones come")
                .containsEntry("docker-compose.yml", "")
                .containsKeys("compose.yaml", "compose.web.yaml", ".berth/install.json");
        Path staged = install.resolve(apply.staging());
        assertThat(staged.resolve("compose.web.yaml")).content().contains("berth-demo/web:1.1.0");
        assertThat(InstallRecord.read(staged).orElseThrow().composeFiles())
                .containsExactly("compose.yaml", "compose.web.yaml");
    }

    @Test
    void aSplitComposeFileTheUserEditedIsRefusedNamingTheFileAndNothingIsStaged() throws Exception {
        Path install = demoInstall("1.0.0", Map.of("DB_PASSWORD", "s3cret-of-the-user-123"));
        Path compose = install.resolve("docker-compose.yml");
        Files.writeString(
                compose, Files.readString(compose).replace("stop_grace_period: 10s", "stop_grace_period: 30s"));

        Plan p = planAt(install, splitRelease(), Map.of()).plan();

        assertThat(p.refused()).isTrue();
        assertThat(p.steps()).isEmpty();
        assertThat(p.checks())
                .filteredOn(c -> c.status() == Plan.Check.Status.FAIL)
                .singleElement()
                .satisfies(c -> assertThat(c.message().english())
                        .startsWith("Release 1.1.0 replaces the compose file docker-compose.yml with compose.yaml,"
                                + " compose.web.yaml, and you changed docker-compose.yml yourself")
                        .contains("nothing was changed"));
        assertThat(compose).content().contains("stop_grace_period: 30s");
    }
}
