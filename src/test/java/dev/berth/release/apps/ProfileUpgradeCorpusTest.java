package dev.berth.release.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvLine;
import dev.berth.config.env.EnvMerge;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.VariableSpec;
import dev.berth.release.Manifest;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.TemplateSpec;
import dev.berth.release.UpgradePath;
import dev.berth.release.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every consecutive release pair of every corpus app, upgraded with the app's built-in profile: the
 * profile's templates and compose files exist in the releases it describes, a user's file of the
 * older release merges into the newer template with the profile's renames, kept values and release
 * values, new required variables are flagged, and the profile's stops give the expected paths.
 */
class ProfileUpgradeCorpusTest {

    static Stream<ReleasePairs.EnvPair> envPairs() {
        return ReleasePairs.envPairs().stream();
    }

    /** Every release of every corpus app, with its app's profile. */
    static List<Object[]> releases() {
        List<Object[]> out = new ArrayList<>();
        for (var e : dev.berth.Corpus.PROFILE_OF_APP.entrySet()) {
            Profile profile = KnownApps.builtIn().profile(e.getValue()).orElseThrow();
            try (ReleaseCatalog c = ReleaseCatalog.ofFolder(Corpus.root().resolve(e.getKey()))) {
                for (ReleaseCatalog.Entry entry : c.entries()) {
                    out.add(new Object[] {
                        profile, entry.version(), ((dev.berth.release.ReleaseSource.Folder) entry.source()).path()
                    });
                }
            }
        }
        return out;
    }

    @Test
    void everyCorpusAppHasPairsAndTheProfileFollowsTheTemplateMoves() {
        List<ReleasePairs.Pair> pairs = ReleasePairs.all();
        assertThat(pairs).hasSize(50);
        List<String> envPairs =
                ReleasePairs.envPairs().stream().map(Object::toString).toList();
        assertThat(envPairs)
                .contains(
                        "openim-docker v3.3.1 -> v3.5.0 .env -> .env.example (.env)",
                        "openim-docker v3.7.0-v1.7.0 -> v3.8 .env.example -> .env (.env)",
                        "open-im-server v3.4.0 -> v3.5.0 .env -> config/templates/env.template (.env)",
                        "open-im-server v3.6.0 -> v3.7.0 config/templates/env.template -> .env (.env)",
                        "plane v0.27.1 -> v0.28.0 deploy/selfhost/variables.env ->"
                                + " deployments/cli/community/variables.env (.env)",
                        "netbox-docker 2.3.0 -> 2.9.1 env/postgres.env -> env/postgres.env (env/postgres.env)");
        // Every app with an env template gives a pair for each of its upgrades.
        for (String app : List.of(
                "mattermost-docker",
                "openim-docker",
                "open-im-server",
                "jitsi-docker",
                "netbox-docker",
                "docker-mailserver",
                "outline",
                "plane",
                "documenso")) {
            assertThat(envPairs.stream().filter(s -> s.startsWith(app + " ")))
                    .as(app)
                    .hasSizeGreaterThanOrEqualTo(5);
        }
        assertThat(pairs.stream().filter(p -> p.corpusApp().equals("mailcow-dockerized")))
                .allSatisfy(p -> assertThat(p.newerManifest().templates()).isEmpty());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("releases")
    void theProfileNamesOnlyFilesAndServicesTheReleaseHas(Profile profile, Version version, Path root)
            throws IOException {
        Manifest m = Profiles.effectiveManifest(Optional.empty(), Optional.of(profile), version);
        for (TemplateSpec t : m.templates()) {
            assertThat(root.resolve(t.template()))
                    .as("%s %s template", profile.id(), version)
                    .isRegularFile();
        }
        List<String> composeFiles = m.compose().files().isEmpty()
                ? List.of(defaultCompose(root))
                : m.compose().files();
        Set<String> services = new LinkedHashSet<>();
        for (String f : composeFiles) {
            assertThat(root.resolve(f))
                    .as("%s %s compose file", profile.id(), version)
                    .isRegularFile();
            services.addAll(services(root.resolve(f)));
        }
        m.checkServices(services);
    }

    static String defaultCompose(Path root) {
        for (String n : List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")) {
            if (Files.isRegularFile(root.resolve(n))) {
                return n;
            }
        }
        throw new AssertionError("no compose file in " + root);
    }

    static Set<String> services(Path compose) throws IOException {
        Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(compose));
        Set<String> out = new LinkedHashSet<>();
        if (doc instanceof Map<?, ?> top && top.get("services") instanceof Map<?, ?> s) {
            s.keySet().forEach(k -> out.add(k.toString()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("envPairs")
    void aUsersFileMergesIntoTheNewTemplateWithTheProfilesRules(ReleasePairs.EnvPair c) throws IOException {
        ReleasePairs.Pair p = c.pair();
        Manifest older = p.olderManifest();
        Manifest newer = p.newerManifest();
        assertThat(c.olderTemplate()).isRegularFile();
        assertThat(c.newerTemplate()).isRegularFile();
        if (!c.older().template().equals(c.newer().template())) {
            // A template that moved says where it was.
            assertThat(c.newer().movedFrom())
                    .as("%s: the move is declared", c)
                    .anyMatch(
                            l -> l.template().map(c.older().template()::equals).orElse(false));
        }
        EnvFile base = EnvParser.parse(c.olderTemplate());
        EnvFile template = EnvParser.parse(c.newerTemplate());
        EnvFile user = UserEdits.of(base, older);
        Profiles.EnvOutcome outcome = Profiles.mergeEnv(
                Optional.of(p.profile()),
                newer,
                p.newer(),
                user,
                template,
                Optional.of(base),
                c.newer().file());
        EnvMerge.Result merge = outcome.merge();
        EnvFile merged = outcome.merged();
        Map<String, EnvLine.Assignment> mine = UserEdits.assignments(user);
        Map<String, EnvLine.Assignment> out = UserEdits.assignments(merged);
        Profile.EnvRules rules = p.profile().envRules();

        // Renames carry the user's value to the new name; the old name is no longer active.
        for (VariableSpec v : newer.env()) {
            for (String old : v.renamedFrom()) {
                if (!mine.containsKey(old) || mine.containsKey(v.name())) {
                    continue;
                }
                assertThat(merge.report().renamed())
                        .as("%s: %s renamed", c, old)
                        .containsEntry(old, v.name());
                assertThat(out.get(v.name()).rawValue())
                        .as("%s: %s carries %s's value", c, v.name(), old)
                        .isEqualTo(mine.get(old).rawValue());
                assertThat(out).as("%s: %s is no longer active", c, old).doesNotContainKey(old);
            }
        }
        // Values the profile preserves survive, byte for byte.
        for (String key : mine.keySet()) {
            boolean preserve = rules.preserve().stream().anyMatch(r -> r.covers(key, p.newer()));
            boolean follow = rules.followRelease().stream().anyMatch(r -> r.covers(key, p.newer()));
            if (preserve && !follow && out.containsKey(key)) {
                assertThat(out.get(key).rawValue())
                        .as("%s: %s survives", c, key)
                        .isEqualTo(mine.get(key).rawValue());
            }
        }
        // Variables naming the release's images take the new template's value.
        for (EnvLine.Assignment t : UserEdits.assignments(template).values()) {
            if (rules.followRelease().stream().anyMatch(r -> r.covers(t.key(), p.newer()))) {
                assertThat(out.get(t.key()).rawValue())
                        .as("%s: %s follows the release", c, t.key())
                        .isEqualTo(t.rawValue());
            }
        }
        // Nothing of the user's is lost: each key is set in the merged file under its name or its new name.
        for (String key : mine.keySet()) {
            String target = merge.report().renamed().getOrDefault(key, key);
            boolean followedAway = rules.followRelease().stream().anyMatch(r -> r.covers(key, p.newer()))
                    && template.assignment(key).isEmpty();
            assertThat(out.containsKey(target) || followedAway)
                    .as("%s: %s is kept", c, key)
                    .isTrue();
        }
        // New required variables are flagged: exactly the required ones the merged file leaves empty.
        Profiles.Unset unset = Profiles.unset(newer, merged);
        for (VariableSpec v : newer.env()) {
            boolean empty = merged.values().getOrDefault(v.name(), "").isBlank();
            if (v.required() && empty && v.generate().isEmpty()) {
                assertThat(unset.missing()).as("%s: %s flagged", c, v.name()).contains(v.name());
            }
        }
        assertThat(unset.missing())
                .as("%s: an install that ran needs nothing new unless the release requires it", c)
                .isSubsetOf(newlyRequired(older, newer));
        // A realistic install holds no value the profile refuses.
        assertThat(outcome.problems()).as("%s", c).isEmpty();
        // And merging again changes nothing.
        Profiles.EnvOutcome again = Profiles.mergeEnv(
                Optional.of(p.profile()),
                newer,
                p.newer(),
                merged,
                template,
                Optional.of(template),
                c.newer().file());
        assertThat(again.merged().text()).isEqualTo(merged.text());
        assertThat(again.adjustments()).isEmpty();
    }

    static Set<String> newlyRequired(Manifest older, Manifest newer) {
        Set<String> out = new LinkedHashSet<>();
        newer.env().stream().filter(VariableSpec::required).forEach(v -> out.add(v.name()));
        older.env().stream().filter(VariableSpec::required).forEach(v -> out.remove(v.name()));
        return out;
    }

    // ---- cited cases ---------------------------------------------------------------------------

    record Upgrade(EnvFile user, EnvMerge.Result merge, Profiles.EnvOutcome outcome, Manifest newer) {
        Map<String, EnvLine.Assignment> merged() {
            return UserEdits.assignments(outcome.merged());
        }

        List<String> adjusted(Profiles.AdjustmentKind kind) {
            return outcome.adjustments().stream()
                    .filter(a -> a.kind() == kind)
                    .map(Profiles.Adjustment::variable)
                    .toList();
        }
    }

    /** Upgrades a user's file, given as edits of the older template, from one corpus release to the next. */
    static Upgrade upgrade(String pair, Map<String, String> edits) throws IOException {
        ReleasePairs.EnvPair c = ReleasePairs.envPairs().stream()
                .filter(e -> e.toString().startsWith(pair))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pair " + pair));
        EnvFile base = EnvParser.parse(c.olderTemplate());
        EnvFile user = base;
        for (var e : edits.entrySet()) {
            user = e.getValue() == null ? user.without(e.getKey()) : user.withValue(e.getKey(), e.getValue());
        }
        EnvFile template = EnvParser.parse(c.newerTemplate());
        Manifest newer = c.pair().newerManifest();
        Profiles.EnvOutcome outcome = Profiles.mergeEnv(
                Optional.of(c.pair().profile()),
                newer,
                c.pair().newer(),
                user,
                template,
                Optional.of(base),
                c.newer().file());
        return new Upgrade(user, outcome.merge(), outcome, newer);
    }

    @Test
    void openimKeepsTheDataFolderWhenTheTemplatesDefaultMoves() throws IOException {
        // corpus/README.md:221: DATA_DIR /root/workspaces/openim/openim-docker/openim-server/main → ./
        Upgrade u = upgrade("openim-docker v2.0.0 -> v3.3.1", Map.of());
        assertThat(u.merge().report().defaultUpdated()).contains("DATA_DIR", "API_URL");
        assertThat(u.merged().get("DATA_DIR").value())
                .isEqualTo("/root/workspaces/openim/openim-docker/openim-server/main");
        assertThat(u.adjusted(Profiles.AdjustmentKind.KEPT_USER_VALUE)).contains("DATA_DIR", "API_URL");
    }

    @Test
    void openimKeepsTheMongoPasswordTheDatabaseWasCreatedWith() throws IOException {
        // corpus/README.md:253: MONGO_OPENIM_PASSWORD openIM123456 → openIM123
        Upgrade u = upgrade("openim-docker v3.5.0 -> v3.7.0-v1.7.0", Map.of());
        assertThat(u.merged().get("MONGO_OPENIM_PASSWORD").value()).isEqualTo("openIM123456");
        assertThat(u.merged().get("SERVER_IMAGE_VERSION").value()).isEqualTo("v3.7.0");
    }

    @Test
    void openimV38RenamesSevenVariablesAndReportsTheChangedMeaningOfMongoPassword() throws IOException {
        Upgrade u = upgrade(
                "openim-docker v3.7.0-v1.7.0 -> v3.8",
                Map.of(
                        "SECRET", "my-openim-secret",
                        "API_OPENIM_PORT", "20002",
                        "OPENIM_WS_PORT", "20001",
                        "MONGO_PASSWORD", "admin-pw",
                        "MONGO_OPENIM_PASSWORD", "app-pw",
                        "SERVER_IMAGE_VERSION", "v3.7.0"));
        assertThat(u.merge().report().renamed())
                .containsEntry("SECRET", "OPENIM_SECRET")
                .containsEntry("API_OPENIM_PORT", "OPENIM_API_PORT")
                .containsEntry("OPENIM_WS_PORT", "OPENIM_MSG_GATEWAY_PORT")
                .containsEntry("MINIO_ACCESS_KEY", "MINIO_ACCESS_KEY_ID")
                .containsEntry("MINIO_SECRET_KEY", "MINIO_SECRET_ACCESS_KEY")
                .containsEntry("MONGO_OPENIM_USERNAME", "MONGO_USERNAME")
                .containsEntry("OPENIM_WEB_PORT", "OPENIM_WEB_FRONT_PORT");
        assertThat(u.merged().get("OPENIM_SECRET").value()).isEqualTo("my-openim-secret");
        assertThat(u.merged().get("OPENIM_API_PORT").value()).isEqualTo("20002");
        assertThat(u.merged().get("OPENIM_MSG_GATEWAY_PORT").value()).isEqualTo("20001");
        // MONGO_PASSWORD was the admin's; the merge does not guess, it reports the conflict.
        assertThat(u.merge().report().conflicts())
                .anyMatch(k -> k.key().equals("MONGO_PASSWORD")
                        && k.kind() == EnvMerge.ConflictKind.RENAMED_KEY_SET_TWICE
                        && !k.message().contains("admin-pw")
                        && !k.message().contains("app-pw"));
        assertThat(u.merged().get("OPENIM_SERVER_IMAGE").value()).startsWith("openim/openim-server:v3.8.3");
    }

    @Test
    void mattermostKeepsDataPathsAndTakesTheReleasesImageTag() throws IOException {
        // corpus/README.md:136: client-plugins → client/plugins; MATTERMOST_IMAGE_TAG 5.34 → 5.39.
        Upgrade u = upgrade(
                "mattermost-docker 2021-06-15_4e0749c -> 2021-12-17_9e91b71", Map.of("DOMAIN", "chat.example.org"));
        assertThat(u.merged().get("MATTERMOST_CLIENT_PLUGINS_PATH").value())
                .isEqualTo("./volumes/app/mattermost/client-plugins");
        assertThat(u.merged().get("MATTERMOST_IMAGE_TAG").value()).isEqualTo("5.39");
        assertThat(u.merged().get("DOMAIN").value()).isEqualTo("chat.example.org");
        // POSTGRES_IMAGE_TAG alpine → 13-alpine is kept: a new PostgreSQL major needs a dump and restore.
        assertThat(u.merged().get("POSTGRES_IMAGE_TAG").value()).isEqualTo("alpine");
        Upgrade latest = upgrade(
                "mattermost-docker 2023-10-10_26fb013 -> 2025-04-10_2308dca", Map.of("MATTERMOST_IMAGE_TAG", "latest"));
        // The tag follows the release, so "latest" cannot survive an upgrade.
        assertThat(latest.merged().get("MATTERMOST_IMAGE_TAG").value()).isEqualTo("10.5.2");
    }

    @Test
    void mattermostRefusesTheLatestTag() {
        Profile mm = KnownApps.builtIn().profile("mattermost").orElseThrow();
        EnvFile f = EnvParser.parse(".env", "MATTERMOST_IMAGE_TAG=latest\nPOSTGRES_PASSWORD=x\n");
        assertThat(Profiles.refused(mm, Version.parse("2025-04-10_2308dca"), f))
                .extracting(Profiles.Problem::variable)
                .containsExactly("MATTERMOST_IMAGE_TAG");
        assertThat(Profiles.refused(
                        mm, Version.parse("2025-04-10_2308dca"), f.withValue("MATTERMOST_IMAGE_TAG", "10.5.2")))
                .isEmpty();
    }

    @Test
    void planeCarriesNginxPortToListenHttpPortAcrossTheFolderMove() throws IOException {
        Upgrade u = upgrade("plane v0.27.1 -> v0.28.0", Map.of("NGINX_PORT", "8080", "APP_RELEASE", "v0.27.1"));
        assertThat(u.merge().report().renamed()).containsEntry("NGINX_PORT", "LISTEN_HTTP_PORT");
        assertThat(u.merged().get("LISTEN_HTTP_PORT").value()).isEqualTo("8080");
        assertThat(u.merged()).doesNotContainKey("NGINX_PORT");
        assertThat(u.merged().get("APP_RELEASE").value()).isEqualTo("stable");
    }

    @Test
    void planeFlagsItsNewLiveServerSecretForGeneration() throws IOException {
        Upgrade u = upgrade("plane v0.28.0 -> v1.3.1", Map.of());
        assertThat(Profiles.unset(u.newer(), u.outcome().merged()).generated()).contains("LIVE_SERVER_SECRET_KEY");
    }

    @Test
    void jitsiFlagsTheNewTranscriberPasswordAndUnpinsTheImages() throws IOException {
        Upgrade u = upgrade(
                "jitsi-docker stable-9584 -> stable-11146",
                Map.of("JICOFO_AUTH_PASSWORD", "a", "JVB_AUTH_PASSWORD", "b", "JITSI_IMAGE_VERSION", "stable-9584"));
        Profiles.Unset unset = Profiles.unset(u.newer(), u.outcome().merged());
        assertThat(unset.generated()).contains("JIGASI_TRANSCRIBER_PASSWORD");
        assertThat(unset.missing()).isEmpty();
        assertThat(u.adjusted(Profiles.AdjustmentKind.BACK_TO_COMPOSE_DEFAULT)).containsExactly("JITSI_IMAGE_VERSION");
        assertThat(u.merged()).doesNotContainKey("JITSI_IMAGE_VERSION");
        Upgrade unsetPasswords = upgrade("jitsi-docker stable-9584 -> stable-11146", Map.of());
        assertThat(Profiles.unset(
                                unsetPasswords.newer(), unsetPasswords.outcome().merged())
                        .generated())
                .contains("JICOFO_AUTH_PASSWORD", "JVB_AUTH_PASSWORD");
    }

    @Test
    void mailserverCarriesRenamedSettingsAndRefusesRemovedOnes() throws IOException {
        Upgrade spam = upgrade("docker-mailserver v13.0.0 -> v14.0.0", Map.of("SA_SPAM_SUBJECT", "[SPAM] "));
        assertThat(spam.merged().get("SPAM_SUBJECT").value()).isEqualTo("[SPAM] ");
        Upgrade logs = upgrade("docker-mailserver v10.5.0 -> v11.0.0", Map.of("REPORT_INTERVAL", "monthly"));
        assertThat(logs.merged().get("LOGROTATE_INTERVAL").value()).isEqualTo("monthly");
        Upgrade ldap = upgrade("docker-mailserver v12.1.0 -> v13.0.0", Map.of("ENABLE_LDAP", "1"));
        assertThat(ldap.outcome().problems())
                .extracting(Profiles.Problem::variable)
                .containsExactly("ENABLE_LDAP");
        Upgrade ldapBefore = upgrade("docker-mailserver v11.0.0 -> v12.1.0", Map.of("ENABLE_LDAP", "1"));
        assertThat(ldapBefore.outcome().problems()).isEmpty();
    }

    @Test
    void outlineRefusesThePlaceholderSecrets() throws IOException {
        Upgrade u = upgrade("outline v1.0.0 -> v1.9.2", Map.of("URL", "https://docs.example.org"));
        assertThat(u.outcome().problems())
                .extracting(Profiles.Problem::variable)
                .containsExactly("SECRET_KEY", "UTILS_SECRET");
        assertThat(u.outcome().problems().getFirst().message()).doesNotContain("generate_a_new_key\"");
    }

    // ---- upgrade paths over the corpus catalogs -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void eachCorpusUpgradeGoesStraightToTheNextReleaseUnlessAStopIsMissing(ReleasePairs.Pair p) {
        try (ReleaseLoader loader = new ReleaseLoader();
                ReleaseCatalog catalog = p.catalog()) {
            UpgradePath path = UpgradePath.compute(p.older(), p.target(loader), catalog);
            if (p.toString().equals("openim-docker v3.3.1 -> v3.5.0")) {
                // seeds/000:168: V3.0 -> V3.4 -> V3.5; the corpus has no openim-docker v3.4.x.
                assertThat(path).isInstanceOf(UpgradePath.Refused.class);
                assertThat(((UpgradePath.Refused) path).reason()).isEqualTo(UpgradePath.Reason.MISSING_STOP);
                assertThat(((UpgradePath.Refused) path).message())
                        .startsWith("v3.5.0 requires passing through 3.4 first; no 3.4.x release was found in");
            } else {
                assertThat(path).isInstanceOf(UpgradePath.Hops.class);
                assertThat(((UpgradePath.Hops) path).versions()).containsExactly(p.newer());
            }
        }
    }

    static Stream<ReleasePairs.Pair> pairs() {
        return ReleasePairs.all().stream();
    }

    static UpgradePath path(String corpusApp, String installed, String target) {
        ReleasePairs.Pair p = ReleasePairs.all().stream()
                .filter(x -> x.corpusApp().equals(corpusApp) && x.newer().raw().equals(target))
                .findFirst()
                .orElseThrow();
        try (ReleaseLoader loader = new ReleaseLoader();
                ReleaseCatalog catalog = p.catalog()) {
            return UpgradePath.compute(Version.parse(installed), p.target(loader), catalog);
        }
    }

    @Test
    void openimServerFromV30PassesThroughV34AsTheSeedSays() {
        // seeds/000:242: v3.0 -> v3.4 -> v3.5.
        UpgradePath.Hops toV35 = (UpgradePath.Hops) path("open-im-server", "v3.0.0", "v3.5.0");
        assertThat(toV35.versions()).extracting(Version::raw).containsExactly("v3.4.0", "v3.5.0");
        assertThat(toV35.hops().getFirst().requiredBy()).contains("v3.5.0 requires passing through 3.4");
        UpgradePath.Hops toV383 = (UpgradePath.Hops) path("open-im-server", "v3.0.0", "v3.8.3");
        assertThat(toV383.versions()).extracting(Version::raw).containsExactly("v3.4.0", "v3.8.3");
        UpgradePath.Hops fromV34 = (UpgradePath.Hops) path("open-im-server", "v3.4.0", "v3.8.3");
        assertThat(fromV34.versions()).extracting(Version::raw).containsExactly("v3.8.3");
    }

    @Test
    void withoutTheProfileTheSameOpenimUpgradeWouldSkipV34() {
        try (ReleaseLoader loader = new ReleaseLoader();
                ReleaseCatalog catalog = ReleaseCatalog.ofFolder(Corpus.root().resolve("openim-docker"))) {
            UpgradePath path = UpgradePath.compute(
                    Version.parse("v3.3.1"),
                    loader.load(new dev.berth.release.ReleaseSource.Folder(
                            Corpus.root().resolve("openim-docker/v3.8"))),
                    catalog);
            assertThat(((UpgradePath.Hops) path).versions())
                    .extracting(Version::raw)
                    .containsExactly("v3.8");
        }
        assertThat(path("openim-docker", "v3.3.1", "v3.8")).isInstanceOf(UpgradePath.Refused.class);
    }

    @Test
    void theCatalogViewKeepsTheMattermostProfilesStopRules() {
        ReleasePairs.Pair p = ReleasePairs.all().stream()
                .filter(x -> x.corpusApp().equals("mattermost-docker"))
                .findFirst()
                .orElseThrow();
        try (ReleaseCatalog catalog = p.catalog()) {
            Manifest m = catalog.manifest(catalog.entries().getLast()).orElseThrow();
            assertThat(m.stop().order()).containsExactly("mattermost", "postgres");
            assertThat(m.stop().grace()).containsEntry("postgres", java.time.Duration.ofSeconds(60));
            assertThat(m.start()).containsExactly("postgres");
        }
    }
}
