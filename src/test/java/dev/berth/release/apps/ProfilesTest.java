package dev.berth.release.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.HealthCheck;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser;
import dev.berth.release.Migration;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.release.UpgradePath;
import dev.berth.release.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {

    static Profile profile(String id) {
        return KnownApps.builtIn().profile(id).orElseThrow();
    }

    static Version v(String s) {
        return Version.parse(s);
    }

    @Test
    void mattermostStopsTheAppFirstAndGivesTheDatabaseSixtySeconds() {
        // seeds/003:33: docker stop mattermost-app && docker stop -t 60 mattermost-db; up db, then app.
        Manifest m = profile("mattermost").manifestFor(v("2025-04-10_2308dca"));
        assertThat(m.stop().order()).containsExactly("mattermost", "postgres");
        assertThat(m.stop().graceFor("postgres", Optional.empty())).isEqualTo(Duration.ofSeconds(60));
        assertThat(m.start()).containsExactly("postgres");
        assertThat(m.backup().databases()).extracting(d -> d.service()).containsExactly("postgres");
        assertThat(m.secretNames()).contains("POSTGRES_PASSWORD", "MM_SQLSETTINGS_DATASOURCE");
    }

    @Test
    void picasoftsServiceNamesReplaceTheProfilesWhereTheComposeFileUsesThem() {
        // seeds/003:33: "dans les services mattermost et mattermost-db".
        Profile mm = profile("mattermost");
        Manifest m = Profiles.forServices(
                mm.manifestFor(v("2025-04-10_2308dca")), mm, Set.of("mattermost", "mattermost-db"));
        assertThat(m.stop().order()).containsExactly("mattermost", "mattermost-db");
        assertThat(m.stop().grace())
                .containsEntry("mattermost-db", Duration.ofSeconds(60))
                .doesNotContainKey("postgres");
        assertThat(m.start()).containsExactly("mattermost-db");
        assertThat(m.health())
                .extracting(
                        h -> h instanceof HealthCheck.ServiceHealthy s ? s.service() : ((HealthCheck.Log) h).service())
                .containsExactly("mattermost-db", "mattermost");
        assertThat(m.backup().databases()).extracting(d -> d.service()).containsExactly("mattermost-db");
        m.checkServices(Set.of("mattermost", "mattermost-db"));
        Manifest official =
                Profiles.forServices(mm.manifestFor(v("2025-04-10_2308dca")), mm, Set.of("mattermost", "postgres"));
        assertThat(official.stop().order()).containsExactly("mattermost", "postgres");
    }

    @Test
    void theReleasesManifestWinsFieldByFieldAndVariableByVariable() {
        Manifest vendor = ManifestParser.parse("""
                app: mm-vendor
                env:
                  POSTGRES_PASSWORD: {description: Vendor text.}
                  VENDOR_ONLY: {required: true}
                stop:
                  grace: {postgres: 2m}
                health:
                  - {http: "http://127.0.0.1:8065/api/v4/system/ping"}
                """, "berth.yaml");
        Manifest m = Profiles.effectiveManifest(
                Optional.of(vendor), Optional.of(profile("mattermost")), v("2025-04-10_2308dca"));
        assertThat(m.app()).contains("mm-vendor");
        VariableSpec pw = m.variable("POSTGRES_PASSWORD").orElseThrow();
        assertThat(pw.description()).isEqualTo("Vendor text.");
        assertThat(pw.secret()).as("secret from the profile stays").isTrue();
        assertThat(pw.required()).isTrue();
        assertThat(m.variable("VENDOR_ONLY")).isPresent();
        assertThat(m.variable("DOMAIN")).isPresent();
        assertThat(m.stop().order()).containsExactly("mattermost", "postgres");
        assertThat(m.stop().grace()).containsEntry("postgres", Duration.ofMinutes(2));
        assertThat(m.health()).hasSize(1).first().isInstanceOf(HealthCheck.Http.class);
        assertThat(m.templates()).extracting(t -> t.template()).containsExactly("env.example");
        assertThat(m.origin().source()).isEqualTo("berth.yaml (over apps/mattermost.yaml)");
    }

    @Test
    void withoutAProfileOrAManifestTheEffectiveManifestIsEmpty() {
        assertThat(Profiles.effectiveManifest(Optional.empty(), Optional.empty(), v("1.0")))
                .isEqualTo(Manifest.EMPTY);
        Manifest own = ManifestParser.parse("app: x\n", "berth.yaml");
        assertThat(Profiles.effectiveManifest(Optional.of(own), Optional.empty(), v("1.0")))
                .isEqualTo(own);
    }

    @Test
    void aReleaseVariableKeepsItsNameWhenTheProfileRenamedItAway() {
        // The vendor still ships SECRET; the profile's v3.8 rename SECRET → OPENIM_SECRET gives way.
        Manifest vendor = ManifestParser.parse("env:\n  SECRET: {secret: true}\n", "berth.yaml");
        Manifest m = Profiles.effectiveManifest(Optional.of(vendor), Optional.of(profile("openim-docker")), v("v3.8"));
        assertThat(m.variable("SECRET")).isPresent();
        assertThat(m.variable("OPENIM_SECRET").orElseThrow().renamedFrom()).isEmpty();
    }

    @Test
    void releaseSectionsApplyToTheirVersionsOnly() {
        Profile openim = profile("openim-docker");
        assertThat(openim.manifestFor(v("v3.3.1")).upgrade().stops()).isEmpty();
        assertThat(openim.manifestFor(v("v3.5.0")).upgrade().stops())
                .extracting(r -> r.text())
                .containsExactly("3.4");
        assertThat(openim.manifestFor(v("v3.3.1")).templates())
                .extracting(t -> t.template())
                .containsExactly(".env");
        assertThat(openim.manifestFor(v("v3.7.0-v1.7.0")).templates())
                .extracting(t -> t.template())
                .containsExactly(".env.example");
        Manifest v38 = openim.manifestFor(v("v3.8"));
        assertThat(v38.templates().getFirst().movedFrom())
                .extracting(l -> l.template().orElseThrow())
                .containsExactly(".env.example");
        assertThat(v38.variable("OPENIM_SECRET").orElseThrow().renamedFrom()).containsExactly("SECRET");
        assertThat(v38.variable("SECRET")).as("the old name is gone in v3.8").isEmpty();
        assertThat(openim.manifestFor(v("v3.7.0-v1.7.0")).variable("SECRET")).isPresent();
        assertThat(v38.backup().databases()).extracting(d -> d.service()).containsExactly("mongo");
        assertThat(openim.manifestFor(v("v3.3.1")).backup().databases())
                .extracting(d -> d.service())
                .containsExactly("mongodb", "mysql");
    }

    @Test
    void openimsConfigVersionNumberIsExplainedNotEnforced() {
        for (String id : List.of("openim-docker", "open-im-server")) {
            Profile p = profile(id);
            assertThat(p.explanation("config-version-number").orElseThrow().text())
                    .contains("proposes")
                    .contains("No")
                    .contains("corpus");
            for (Profile.ReleaseSection s : p.releases()) {
                assertThat(s.manifest().configVersion()).isEmpty();
            }
            assertThat(p.base().configVersion()).isEmpty();
        }
    }

    @Test
    void explanationsApplyToTheirUpgradesOnly() {
        Profile openim = profile("openim-docker");
        assertThat(openim.explanationsFor(v("v3.0.0"), v("v3.5.0")))
                .extracting(Profile.Explanation::id)
                .contains("pass-through-v3.4", "mysql-data-moves-to-mongodb", "config-version-number");
        assertThat(openim.explanationsFor(v("v3.4.0"), v("v3.5.0")))
                .extracting(Profile.Explanation::id)
                .doesNotContain("pass-through-v3.4");
        Profile mm = profile("mattermost");
        assertThat(mm.explanationsFor(v("2023-10-10_26fb013"), v("2025-04-10_2308dca")))
                .extracting(e -> e.id() + " " + e.when())
                .contains(
                        "choose-a-quiet-time BEFORE_UPGRADE",
                        "announce-with-changelog AFTER_UPGRADE",
                        "reindex-after-a-violent-stop ON_FAILURE");
    }

    // ---- apps without corpus releases: synthetic releases ----------------------------------

    static void release(Path catalog, String version) throws IOException {
        Path r = Files.createDirectories(catalog.resolve(version));
        Files.writeString(
                r.resolve("compose.yml"),
                "services: {api: {image: x}, db: {image: postgres}, redis: {image: redis}}\n");
    }

    @Test
    void concurrentPassesThroughEachMigratedReleaseAndRunsItsSteps(@TempDir Path dir) throws IOException {
        for (String version : List.of("v0.2.5", "v0.3.7", "v0.4.2", "v0.5.0")) {
            release(dir, version);
        }
        Profile cc = profile("concurrent");
        try (ReleaseLoader loader = new ReleaseLoader();
                ReleaseCatalog catalog = Profiles.catalog(ReleaseCatalog.ofFolder(dir), Optional.of(cc))) {
            var target = Profiles.target(loader.load(new ReleaseSource.Folder(dir.resolve("v0.5.0"))), Optional.of(cc));
            UpgradePath.Hops hops = (UpgradePath.Hops) UpgradePath.compute(v("v0.2.5"), target, catalog);
            assertThat(hops.versions()).extracting(Version::raw).containsExactly("v0.3.7", "v0.4.2", "v0.5.0");
        }
        // seeds/004:40-71: v0.2 → v0.3 dumps, sets the database aside, reloads.
        List<Migration> toV3 = cc.manifestFor(v("v0.3.7")).migrationsFrom(v("v0.2.5"));
        assertThat(toV3).hasSize(5);
        Migration.Exec dump = (Migration.Exec) toV3.getFirst();
        assertThat(dump.service()).isEqualTo("api");
        assertThat(dump.command())
                .containsExactly("ccadmin", "-H", "db", "-r", "redis:6379", "dump_legacy", "entities", "all");
        assertThat(dump.streams().stdoutTo()).contains("entities.json");
        assertThat(dump.options().needs()).containsExactlyInAnyOrder("api", "db", "redis");
        assertThat(toV3.get(2))
                .isEqualTo(new Migration.SetAside(
                        "db", "_composeData/db", toV3.get(2).options()));
        Migration.Exec load = (Migration.Exec) toV3.get(3);
        assertThat(load.streams().stdinFrom()).contains("entities.json");
        assertThat(((Migration.Exec) toV3.get(4)).streams().stdinFrom()).contains("streams.json");
        assertThat(cc.manifestFor(v("v0.3.7")).migrationsFrom(v("v0.3.1"))).isEmpty();
        // seeds/004:11-36: v0.3 → v0.4 runs the SQL update in the database container after the API started.
        List<Migration> toV4 = cc.manifestFor(v("v0.4.2")).migrationsFrom(v("v0.3.7"));
        assertThat(toV4).hasSize(1);
        Migration.Exec sql = (Migration.Exec) toV4.getFirst();
        assertThat(sql.service()).isEqualTo("db");
        assertThat(sql.command()).startsWith("psql", "-U", "postgres").contains("concurrent");
        assertThat(sql.command().getLast())
                .startsWith("update associations set variant = payload->'body'->>'imageUrl'");
        assertThat(sql.options().needs()).containsExactly("api");
        assertThat(cc.manifestFor(v("v0.5.0")).migrations()).isEmpty();
        assertThat(cc.explanationsFor(v("v0.2.5"), v("v0.3.7")))
                .extracting(Profile.Explanation::id)
                .contains("dump-and-reload-recovery");
    }

    @Test
    void difyWatchesTheApiLogForItsMigrationAndKeepsUrlsPasswordsAndPorts(@TempDir Path dir) throws IOException {
        Profile dify = profile("dify");
        Manifest fix1 = dify.manifestFor(v("0.9.1-fix1"));
        HealthCheck.Log log = (HealthCheck.Log) fix1.health().getFirst();
        assertThat(log.service()).isEqualTo("api");
        assertThat(log.pattern()).isEqualTo("Running upgrade 33f5fac87f29 -> d8e744d88ed6");
        assertThat(dify.manifestFor(v("0.9.1")).health().getFirst()).isInstanceOf(HealthCheck.Log.class);
        assertThat(fix1.migrations())
                .as("the entrypoint migrates; Berth runs nothing itself")
                .isEmpty();
        assertThat(fix1.previousVersionRunsOnMigratedData()).isFalse();
        assertThat(fix1.compose().files()).containsExactly("docker-compose.yaml");
        for (String key : List.of("CONSOLE_API_URL", "DB_PASSWORD", "EXPOSE_NGINX_PORT")) {
            assertThat(dify.envRules().preserve().getFirst().covers(key, v("0.9.1-fix1")))
                    .as(key)
                    .isTrue();
        }
        Files.createDirectories(dir.resolve("0.9.1"));
        Files.createDirectories(dir.resolve("0.9.1-fix1"));
        release(dir, "0.9.1");
        release(dir, "0.9.1-fix1");
        try (ReleaseLoader loader = new ReleaseLoader();
                ReleaseCatalog catalog = Profiles.catalog(ReleaseCatalog.ofFolder(dir), Optional.of(dify))) {
            var target = Profiles.target(
                    loader.load(new ReleaseSource.Folder(dir.resolve("0.9.1-fix1"))), Optional.of(dify));
            assertThat(((UpgradePath.Hops) UpgradePath.compute(v("0.9.1"), target, catalog)).versions())
                    .extracting(Version::raw)
                    .containsExactly("0.9.1-fix1");
        }
    }

    @Test
    void aBrokenProfileIsRefusedWithItsLineAndField() {
        assertThatThrownBy(() -> ProfileParser.parse(
                        "id: x\nname: X\nrepository: r\nmatch: {images: [{image: a, sourse: b}]}\n", "apps/x.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("apps/x.yaml:4: match.images[0].sourse: unknown field; did you mean \"source\"?");
        assertThatThrownBy(() -> ProfileParser.parse(
                        "id: x\nname: X\nrepository: r\nmatch: {projects: [{project: a, source: \"http://example.org\"}]}\n",
                        "apps/x.yaml"))
                .hasMessageContaining("the citation \"http://example.org\" is not seeds/<file>:<line>");
        assertThatThrownBy(() -> ProfileParser.parse(
                        "id: x\nname: X\nrepository: r\nmatch: {projects: [{project: a}]}\nmanifest:\n  env:\n"
                                + "    A: {descripton: x}\n",
                        "apps/x.yaml"))
                .hasMessageContaining("apps/x.yaml:7: manifest.env.A.descripton: unknown field");
        assertThatThrownBy(() -> ProfileParser.parse(
                        "id: x\nname: X\nrepository: r\nmatch: {projects: [{project: a}]}\ncite:\n  manifest.start: {source: seeds/a:1}\n",
                        "apps/x.yaml"))
                .hasMessageContaining("cite.manifest.start: names no field of the profile's manifests");
    }
}
