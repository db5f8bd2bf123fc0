package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.release.HealthCheck;
import dev.berth.release.Manifest;
import dev.berth.release.Release;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.release.TemplateFormat;
import dev.berth.release.TemplateSpec;
import dev.berth.release.UpgradePath;
import dev.berth.release.Version;
import dev.berth.release.apps.KnownApps;
import dev.berth.release.apps.Profile;
import dev.berth.release.apps.Profiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every consecutive release pair of every corpus app, planned by the engine's {@link
 * UpgradePlanner} from a simulated user's install of the older release (its files, the user's env
 * file made from the older template with secrets, ports and a setting of their own changed, its
 * history). The plan must recognise the app, take the version path the profile's stops give, and
 * either refuse with a reason a user can act on or carry every user value into the merged env
 * file (renamed where the profile renames), set the release's image variables, and stop, back up,
 * start and verify the way the profile says. Docker is a recording fake; the engine on the real
 * engine is {@code MattermostUpstreamIT}'s job.
 */
class CorpusUpgradePlanTest {
    /** One upgrade from a corpus release to the next. */
    record Pair(String app, Profile profile, Version older, Path olderRoot, Version newer, Path newerRoot) {
        @Override
        public String toString() {
            return app + " " + older.raw() + " -> " + newer.raw();
        }
    }

    static Stream<Pair> pairs() {
        List<Pair> out = new ArrayList<>();
        for (var e : new java.util.TreeMap<>(dev.berth.Corpus.PROFILE_OF_APP).entrySet()) {
            Profile profile = KnownApps.builtIn().profile(e.getValue()).orElseThrow();
            try (ReleaseCatalog c = ReleaseCatalog.ofFolder(Corpus.root().resolve(e.getKey()))) {
                List<ReleaseCatalog.Entry> entries = c.entries();
                for (int i = 0; i + 1 < entries.size(); i++) {
                    out.add(new Pair(
                            e.getKey(),
                            profile,
                            entries.get(i).version(),
                            ((ReleaseSource.Folder) entries.get(i).source()).path(),
                            entries.get(i + 1).version(),
                            ((ReleaseSource.Folder) entries.get(i + 1).source()).path()));
                }
            }
        }
        return out.stream();
    }

    /**
     * Corpus apps whose compose file runs none of the app's images: the corpus holds Outline's
     * development compose file (redis and postgres only), so an install of it is only "Possibly
     * Outline" and is planned without the profile.
     */
    static final Set<String> RUNS_NO_APP_IMAGE = Set.of("outline");

    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final ComposeLoader loader = new ComposeLoader();

    /** What the simulated user changed in an env file: key → value. */
    record UserFile(String file, Map<String, String> edits) {}

    /**
     * The older release as a user runs it: its files, a pristine copy, the record and history Berth
     * keeps, and each env file the profile pairs with a template, made from that template with the
     * user's changes.
     */
    List<UserFile> install(Pair p, Path dir) throws IOException {
        UpgradePlannerTest.copy(p.olderRoot(), dir);
        UpgradePlannerTest.copy(p.olderRoot(), Install.pristineDir(dir));
        Manifest older = Profiles.effectiveManifest(Optional.empty(), Optional.of(p.profile()), p.older());
        List<String> compose = older.compose().files().isEmpty()
                ? List.of(dir.relativize(ComposeLoader.defaultFiles(dir).getFirst())
                        .toString())
                : older.compose().files();
        List<UserFile> users = new ArrayList<>();
        List<String> envFiles = new ArrayList<>(older.compose().envFiles());
        for (TemplateSpec t : older.templates()) {
            if (t.format() != TemplateFormat.ENV
                    || !Files.isRegularFile(p.olderRoot().resolve(t.template()))) {
                continue;
            }
            EnvFile template = EnvParser.parse(p.olderRoot().resolve(t.template()));
            Map<String, String> edits = new LinkedHashMap<>();
            EnvFile user = template;
            int i = 0;
            for (String key : template.values().keySet()) {
                i++;
                String k = key.toUpperCase(Locale.ROOT);
                String was = template.values().get(key);
                if (k.contains("PASSWORD") || k.contains("SECRET")) {
                    edits.put(key, "user-secret-" + i + "-x9");
                } else if (k.endsWith("_PORT") && was.matches("\\d+")) {
                    edits.put(key, String.valueOf(21000 + i));
                }
            }
            for (var e : edits.entrySet()) {
                user = user.withValue(e.getKey(), e.getValue());
            }
            String text = user.text();
            text += (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "# my own\nBERTH_USER_SETTING=kept\n";
            edits.put("BERTH_USER_SETTING", "kept");
            Files.createDirectories(dir.resolve(t.file()).toAbsolutePath().getParent());
            Files.write(dir.resolve(t.file()), EnvWriter.toBytes(EnvParser.parse(t.file(), text)));
            users.add(new UserFile(t.file(), edits));
            if (!envFiles.contains(t.file()) && t.file().equals(".env")) {
                envFiles.add(t.file());
            }
        }
        if (envFiles.isEmpty()) {
            envFiles.add(".env");
        }
        if (p.app().equals("mailcow-dockerized")) {
            // mailcow.conf comes from generate_config.sh (not in the corpus); this user serves mailcow
            // behind their own proxy, on 127.0.0.1.
            Files.writeString(
                    dir.resolve("mailcow.conf"),
                    "MAILCOW_HOSTNAME=mail.example.org\nDBPASS=user-secret-db-x9\nHTTP_BIND=127.0.0.1\n"
                            + "HTTPS_BIND=127.0.0.1\nBERTH_USER_SETTING=kept\n");
            users.add(
                    new UserFile("mailcow.conf", Map.of("DBPASS", "user-secret-db-x9", "BERTH_USER_SETTING", "kept")));
            envFiles.clear();
            envFiles.add("mailcow.conf");
        }
        new InstallRecord(
                        p.app(), // the folder a user clones the repository into
                        compose,
                        envFiles,
                        List.of(),
                        p.profile().id(),
                        p.olderRoot().toString())
                .write(dir);
        // The install ran, so every value its compose file requires (${X:?}) was set.
        for (int i = 0; i < 20; i++) {
            try {
                new InstallInspector(loader).inspect(dir);
                break;
            } catch (dev.berth.config.compose.MissingVariableException e) {
                Path f = dir.resolve(envFiles.getFirst());
                String text = Files.isRegularFile(f) ? Files.readString(f) : "";
                Files.writeString(
                        f,
                        text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + e.variable() + "=user-set-"
                                + e.variable().toLowerCase(Locale.ROOT) + "\n");
            }
        }
        InstallHistory.append(
                dir,
                new InstallHistory.Entry(
                        p.older().raw(),
                        "install",
                        Instant.now(),
                        "r0",
                        p.profile().id()));
        return users;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void aUsersInstallOfTheOlderReleasePlansItsUpgradeWithTheProfilesRules(Pair p) throws IOException {
        Path dir = tmp.resolve("install");
        List<UserFile> users = install(p, dir);
        Plan plan;
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release target = releases.load(new ReleaseSource.Folder(p.newerRoot()));
            ReleaseCatalog catalog = ReleaseCatalog.ofFolder(Corpus.root().resolve(p.app()), releases);
            UpgradePath expected = UpgradePath.compute(
                    p.older(),
                    Profiles.target(target, Optional.of(p.profile())),
                    Profiles.catalog(catalog, Optional.of(p.profile())));
            plan = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(dir),
                            target,
                            catalog,
                            releases,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false))
                    .plan();
            if (!RUNS_NO_APP_IMAGE.contains(p.app())) {
                assertThat(plan.checks())
                        .as("%s: the install is recognised", p)
                        .anyMatch(c -> c.name().equals("app")
                                && c.message().english().contains(p.profile().name())
                                && c.message().english().endsWith("built-in profile of it applies."));
            } else {
                assertThat(plan.checks())
                        .as("%s: only possibly the app: planned without its profile", p)
                        .anyMatch(c -> c.name().equals("app")
                                && c.message()
                                        .english()
                                        .startsWith("Possibly " + p.profile().name()));
                assertThat(plan.refused()).as("%s: %s", p, plan.checks()).isFalse();
                return;
            }
            switch (expected) {
                case UpgradePath.Refused r -> {
                    assertThat(plan.checks())
                            .as("%s: refused as the profile's stops say", p)
                            .anyMatch(c -> c.name().equals("version")
                                    && c.status() == Plan.Check.Status.FAIL
                                    && c.message().english().equals(r.message()));
                    assertThat(plan.steps()).isEmpty();
                    return;
                }
                case UpgradePath.Hops h ->
                    assertThat(plan.checks())
                            .as("%s: the version path", p)
                            .anyMatch(c -> c.name().equals("version")
                                    && c.status() == Plan.Check.Status.OK
                                    && c.message()
                                            .english()
                                            .endsWith(String.join(
                                                    " → ",
                                                    h.hops().stream()
                                                            .map(x ->
                                                                    x.version().raw())
                                                            .toList())));
                case UpgradePath.UpToDate u -> throw new AssertionError(p + " is up to date");
            }
        }
        InstallRecord record = InstallRecord.read(dir).orElseThrow();
        List<String> moved = record.composeFiles().stream()
                .filter(f -> !Files.isRegularFile(p.newerRoot().resolve(f)))
                .toList();
        if (!moved.isEmpty()) {
            // plane v0.28.0 (deploy/selfhost → deployments/cli/community), docker-mailserver v13.0.0
            // (docker-compose.yml → compose.yaml): the install follows the release's compose file.
            Manifest newer = Profiles.effectiveManifest(Optional.empty(), Optional.of(p.profile()), p.newer());
            PlanStep.ApplyFiles apply = plan.steps().stream()
                    .filter(s -> s instanceof PlanStep.ApplyFiles)
                    .map(PlanStep.ApplyFiles.class::cast)
                    .reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError(p + ": not planned: " + plan.checks()));
            assertThat(apply.composeFiles())
                    .as("%s: compose reads the release's file after the apply step", p)
                    .isEqualTo(newer.compose().files());
            for (String old : moved) {
                assertThat(apply.files())
                        .as("%s: %s is removed with the apply step", p, old)
                        .containsEntry(old, "");
                assertThat(plan.warnings())
                        .as("%s: the plan says the compose file is renamed", p)
                        .anyMatch(w -> w.english()
                                .contains("renames the compose file: " + old + " → "
                                        + newer.compose().files().getFirst()));
            }
            InstallRecord after =
                    InstallRecord.read(dir.resolve(apply.staging())).orElseThrow();
            assertThat(after.composeFiles()).isEqualTo(newer.compose().files());
            assertThat(after.project()).isEqualTo(record.project());
        }
        List<Plan.Check> failed = plan.checks().stream()
                .filter(c -> c.status() == Plan.Check.Status.FAIL)
                .toList();
        assertThat(failed)
                .as("%s: an install that ran upgrades without a refusal", p)
                .isEmpty();

        // The profile's explanations for before the upgrade are shown with the plan; those for after
        // it (or after a failure) travel with the plan, to be shown with the run's result.
        for (Profile.Explanation e : p.profile().explanationsFor(p.older(), p.newer())) {
            String text = p.profile().name() + ": " + e.text().strip();
            switch (e.when()) {
                case BEFORE_UPGRADE ->
                    assertThat(plan.warnings().stream().map(Text::english))
                            .as("%s: explanation %s shown before the upgrade", p, e.id())
                            .contains(text);
                case AFTER_UPGRADE ->
                    assertThat(plan.advice())
                            .as("%s: explanation %s shown after the upgrade", p, e.id())
                            .contains(new Plan.Advice(Plan.Advice.When.SUCCEEDED, text));
                case ON_FAILURE ->
                    assertThat(plan.advice())
                            .as("%s: explanation %s shown after a failure", p, e.id())
                            .contains(new Plan.Advice(Plan.Advice.When.FAILED, text));
            }
        }
        Manifest newer = Profiles.effectiveManifest(Optional.empty(), Optional.of(p.profile()), p.newer());
        PlanStep.ApplyFiles apply = plan.steps().stream()
                .filter(s -> s instanceof PlanStep.ApplyFiles)
                .map(PlanStep.ApplyFiles.class::cast)
                .reduce((a, b) -> b)
                .orElseThrow();
        Path staged = dir.resolve(apply.staging());
        for (UserFile u : users) {
            String file = newer.templates().stream()
                    .filter(t -> t.file().equals(u.file())
                            || t.movedFrom().stream()
                                    .anyMatch(
                                            l -> l.file().map(u.file()::equals).orElse(false)))
                    .map(TemplateSpec::file)
                    .findFirst()
                    .orElse(u.file());
            Path merged = Files.isRegularFile(staged.resolve(file)) ? staged.resolve(file) : dir.resolve(file);
            EnvFile m = EnvParser.parse(merged);
            Map<String, String> values = m.values();
            for (var e : u.edits().entrySet()) {
                String key = e.getKey();
                String renamedTo = newer.env().stream()
                        .filter(v -> v.renamedFrom().contains(key))
                        .map(dev.berth.config.env.VariableSpec::name)
                        .findFirst()
                        .orElse(key);
                boolean follows =
                        p.profile().envRules().followRelease().stream().anyMatch(r -> r.covers(key, p.newer()));
                if (follows) {
                    continue;
                }
                if (!renamedTo.equals(key) && u.edits().containsKey(renamedTo)) {
                    // Both names were set by the user: the rename cannot choose; the plan says so.
                    assertThat(plan.checks())
                            .as("%s: the clash of %s and %s is reported", p, key, renamedTo)
                            .anyMatch(c -> c.status() == Plan.Check.Status.WARN
                                    && c.message().english().contains(renamedTo));
                    continue;
                }
                assertThat(values.containsKey(renamedTo) ? values.get(renamedTo) : m.text())
                        .as("%s: %s keeps the user's %s", p, file, key)
                        .contains(e.getValue());
            }
            for (var rule : p.profile().envRules().followRelease()) {
                EnvFile template = EnvParser.parse(p.newerRoot()
                        .resolve(newer.templates().stream()
                                .filter(t -> t.file().equals(file))
                                .findFirst()
                                .map(TemplateSpec::template)
                                .orElse(file)));
                for (var a : template.assignments()) {
                    if (rule.covers(a.key(), p.newer())) {
                        assertThat(values.get(a.key()))
                                .as("%s: %s follows the release", p, a.key())
                                .isEqualTo(template.values().get(a.key()));
                    }
                }
            }
        }

        // Stops, backup, start and checks as the profile says.
        Manifest old = Profiles.effectiveManifest(Optional.empty(), Optional.of(p.profile()), p.older());
        List<PlanStep.StopServices> stops = plan.steps().stream()
                .filter(s -> s instanceof PlanStep.StopServices)
                .map(PlanStep.StopServices.class::cast)
                .toList();
        List<String> stopOrder =
                stops.stream().flatMap(s -> s.services().stream()).toList();
        List<String> declared =
                old.stop().order().stream().filter(stopOrder::contains).toList();
        if (!declared.isEmpty()) {
            assertThat(stopOrder).as("%s: the profile's stop order", p).containsSubsequence(declared);
        }
        for (PlanStep.StopServices s : stops) {
            for (String svc : s.services()) {
                Optional.ofNullable(old.stop().grace().get(svc))
                        .ifPresent(g -> assertThat(s.graceSeconds())
                                .as("%s: grace of %s", p, svc)
                                .isGreaterThanOrEqualTo(g.toSeconds()));
            }
        }
        PlanStep.Backup fin = (PlanStep.Backup) plan.steps().stream()
                .filter(s -> s.id().equals("backup-final"))
                .findFirst()
                .orElseThrow();
        assertThat(fin.databases())
                .extracting(PlanStep.DatabaseDump::service)
                .as("%s: the profile's databases are dumped", p)
                .containsAll(old.backup().databases().stream()
                        .map(d -> d.service())
                        .filter(stopOrder::contains)
                        .toList());
        if (!newer.start().isEmpty()) {
            assertThat(plan.steps())
                    .as("%s: started first", p)
                    .anyMatch(s -> s instanceof PlanStep.StartServices x
                            && x.services().equals(newer.start()));
        }
        PlanStep.Verify verify = (PlanStep.Verify) plan.steps().stream()
                .filter(s -> s instanceof PlanStep.Verify)
                .reduce((a, b) -> b)
                .orElseThrow();
        for (HealthCheck h : newer.health()) {
            switch (h) {
                case HealthCheck.ServiceHealthy s ->
                    assertThat(verify.probes()).contains(new PlanStep.HealthProbe.ServiceHealthy(s.service()));
                case HealthCheck.Log l ->
                    assertThat(verify.probes())
                            .contains(new PlanStep.HealthProbe.Log(
                                    l.service(), l.pattern(), l.failPattern().orElse("")));
                case HealthCheck.Http x ->
                    assertThat(verify.probes()).anyMatch(pr -> pr instanceof PlanStep.HealthProbe.Http);
                case HealthCheck.Exec x ->
                    assertThat(verify.probes()).contains(new PlanStep.HealthProbe.ServiceHealthy(x.service()));
            }
        }
        assertThat(plan.toString()).as("%s: no secret in the plan", p).doesNotContain("user-secret-");
    }

    Plan planPair(String name, Path dir, java.util.function.Consumer<Path> edit) throws IOException {
        Pair p = pairs().filter(x -> x.toString().equals(name)).findFirst().orElseThrow();
        install(p, dir);
        edit.accept(dir);
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release target = releases.load(new ReleaseSource.Folder(p.newerRoot()));
            return new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(dir),
                            target,
                            ReleaseCatalog.ofFolder(Corpus.root().resolve(p.app()), releases),
                            releases,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false))
                    .plan();
        }
    }

    /** corpus/README.md:51: docker-mailserver `docker-compose.yml` (≤ v12.1.0) → `compose.yaml` (v13.0.0+). */
    @org.junit.jupiter.api.Test
    void aComposeFileDockerMailserverRenamedTakesTheUsersEditsAlong() throws IOException {
        Path dir = tmp.resolve("mail");
        Plan plan = planPair("docker-mailserver v12.1.0 -> v13.0.0", dir, d -> {
            try {
                Path f = d.resolve("docker-compose.yml");
                Files.writeString(
                        f, Files.readString(f).replace("hostname: mail.example.com", "hostname: mail.my-domain.org"));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        assertThat(plan.warnings())
                .anyMatch(w -> w.english()
                        .startsWith("Release v13.0.0 renames the compose file: docker-compose.yml → compose.yaml."));
        assertThat(plan.composeFiles()).as("the run starts from the old file").containsExactly("docker-compose.yml");
        PlanStep.ApplyFiles apply = (PlanStep.ApplyFiles) plan.steps().stream()
                .filter(s -> s.id().equals("apply"))
                .findFirst()
                .orElseThrow();
        assertThat(apply.composeFiles()).containsExactly("compose.yaml");
        assertThat(apply.files())
                .as("the old file goes in the same step as the new one comes")
                .containsEntry("docker-compose.yml", "")
                .containsKey("compose.yaml")
                .containsKey(".berth/install.json");
        Path staged = dir.resolve(apply.staging());
        assertThat(staged.resolve("compose.yaml"))
                .content()
                .as("the user's hostname and the release's new comment")
                .contains("hostname: mail.my-domain.org")
                .contains("Authentication is DISABLED");
        assertThat(InstallRecord.read(staged).orElseThrow().composeFiles()).containsExactly("compose.yaml");
        assertThat(runtime.calls).as("compose checks the renamed file").contains("validate release-1");
        List<String> steps = plan.steps().stream().map(PlanStep::id).toList();
        assertThat(steps).containsSubsequence("stop-app", "apply", "start", "verify");
    }

    /** corpus/README.md:52: plane `deploy/selfhost/` (≤ v0.27.1) → `deployments/cli/community/` (v0.28.0+). */
    @org.junit.jupiter.api.Test
    void planesMovedDeploymentFolderIsFollowedWithTheUsersEnv() throws IOException {
        Path dir = tmp.resolve("plane");
        Plan plan = planPair("plane v0.27.1 -> v0.28.0", dir, d -> {});

        assertThat(plan.refused()).as(plan.checks().toString()).isFalse();
        assertThat(plan.warnings())
                .anyMatch(w -> w.english()
                        .contains("renames the compose file: deploy/selfhost/docker-compose.yml →"
                                + " deployments/cli/community/docker-compose.yml"));
        PlanStep.ApplyFiles apply = (PlanStep.ApplyFiles) plan.steps().stream()
                .filter(s -> s.id().equals("apply"))
                .findFirst()
                .orElseThrow();
        assertThat(apply.composeFiles()).containsExactly("deployments/cli/community/docker-compose.yml");
        assertThat(apply.files())
                .containsEntry("deploy/selfhost/docker-compose.yml", "")
                .containsKey("deployments/cli/community/docker-compose.yml");
        Path staged = dir.resolve(apply.staging());
        Map<String, String> env = EnvParser.parse(staged.resolve(".env")).values();
        assertThat(env)
                .as("the user's port, renamed with the release, and their own setting")
                .containsKey("LISTEN_HTTP_PORT")
                .doesNotContainKey("NGINX_PORT")
                .containsEntry("BERTH_USER_SETTING", "kept");
        assertThat(env.get("LISTEN_HTTP_PORT")).startsWith("21");
        assertThat(InstallRecord.read(staged).orElseThrow().composeFiles())
                .containsExactly("deployments/cli/community/docker-compose.yml");
    }

    /** corpus/README.md:221: DATA_DIR /root/workspaces/openim/openim-docker/openim-server/main → ./ */
    @org.junit.jupiter.api.Test
    void theEngineKeepsOpenimsDataFolderWhenOnlyTheTemplatesDefaultMoved() throws IOException {
        Pair p = pairs().filter(x -> x.toString().equals("openim-docker v2.0.0 -> v3.3.1"))
                .findFirst()
                .orElseThrow();
        Path dir = tmp.resolve("openim");
        install(p, dir);
        try (ReleaseLoader releases = new ReleaseLoader()) {
            Release target = releases.load(new ReleaseSource.Folder(p.newerRoot()));
            Plan plan = new UpgradePlanner(runtime, loader)
                    .plan(
                            new InstallInspector(loader).inspect(dir),
                            target,
                            ReleaseCatalog.ofFolder(Corpus.root().resolve(p.app()), releases),
                            releases,
                            new UpgradePlanner.Options(Map.of(), Optional.empty(), tmp.resolve("backups"), false))
                    .plan();
            PlanStep.ApplyFiles apply = plan.steps().stream()
                    .filter(s -> s instanceof PlanStep.ApplyFiles)
                    .map(PlanStep.ApplyFiles.class::cast)
                    .findFirst()
                    .orElseThrow();
            Map<String, String> env = EnvParser.parse(
                            dir.resolve(apply.staging()).resolve(".env"))
                    .values();
            assertThat(env).containsEntry("DATA_DIR", "/root/workspaces/openim/openim-docker/openim-server/main");
            assertThat(plan.checks())
                    .anyMatch(c -> c.status() == Plan.Check.Status.WARN
                            && c.message().english().startsWith(".env: DATA_DIR keeps your value"));
        }
    }
}
