package dev.berth.engine;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeModel;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.merge.ConflictPolicy;
import dev.berth.config.merge.Resolution;
import dev.berth.release.BackupSpec;
import dev.berth.release.ConfigVersionRule;
import dev.berth.release.DatabaseType;
import dev.berth.release.HealthCheck;
import dev.berth.release.KnownImages;
import dev.berth.release.Manifest;
import dev.berth.release.MigrationPhase;
import dev.berth.release.Release;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.UpgradePath;
import dev.berth.release.Version;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an install and a target release into a {@link Plan}: the version path through required
 * stops, the merged configuration of every hop (staged under {@code .berth/staging/}), the
 * preflight checks, and the steps — pre-pull and build while the old version serves, a two-phase
 * backup, stop in order (app first, databases last with their grace), apply, migrate, start,
 * verify, record.
 *
 * <p>Blocks (reads files, asks Docker); call it off the GUI thread. Writes only below the
 * install's {@code .berth/staging/} folder.
 */
public final class UpgradePlanner {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * What the user chose.
     *
     * @param answers KEY=VALUE answers applied on top of the merged env files
     * @param policy how to resolve conflicts; empty = refuse the plan while any remain
     * @param backupDir the folder that holds this install's backups
     * @param removeOldImages remove the old images after success
     */
    public record Options(
            Map<String, String> answers,
            Optional<ConflictPolicy> policy,
            Path backupDir,
            boolean removeOldImages,
            Map<String, Map<Integer, Resolution>> resolutions) {
        public Options {
            answers = Map.copyOf(answers);
            resolutions = Map.copyOf(resolutions);
        }

        /** Options without per-conflict decisions. */
        public Options(
                Map<String, String> answers, Optional<ConflictPolicy> policy, Path backupDir, boolean removeOldImages) {
            this(answers, policy, backupDir, removeOldImages, Map.of());
        }
    }

    /** A plan with what the planner found on the way. */
    public record Result(Plan plan, PlanReport report) {}

    private final ContainerRuntime runtime;
    private final ComposeLoader loader;
    private final dev.berth.release.apps.KnownApps knownApps;

    public UpgradePlanner(ContainerRuntime runtime, ComposeLoader loader) {
        this(runtime, loader, dev.berth.release.apps.KnownApps.builtIn());
    }

    public UpgradePlanner(ContainerRuntime runtime, ComposeLoader loader, dev.berth.release.apps.KnownApps knownApps) {
        this.runtime = runtime;
        this.loader = loader;
        this.knownApps = knownApps;
    }

    private Optional<dev.berth.release.apps.Profile> profileOf(Install install) {
        return knownApps
                .match(dev.berth.release.apps.InstallFacts.ofFolder(
                        install.dir(), Optional.of(install.record().project())))
                .filter(k -> k.confidence() != dev.berth.release.apps.Confidence.LOW)
                .map(dev.berth.release.apps.Match::profile);
    }

    /**
     * Plans the upgrade of {@code install} to {@code target}. Never throws for a plan that must be
     * refused: the plan then carries a failed check that says why.
     *
     * @param releases loads the releases of intermediate stops; stays open until the plan ran
     *     (build contexts and image archives are copied to the staging folder, so closing earlier
     *     is safe too)
     */
    public Result plan(
            Install install, Release target, ReleaseCatalog catalog, ReleaseLoader releases, Options options) {
        List<Plan.Check> checks = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        Path dir = install.dir();
        String planId = STAMP.format(Instant.now());
        Path staging = Journal.berthDir(dir).resolve("staging").resolve(planId);

        // A known app's built-in profile fills in what the release's own manifest does not say.
        Optional<dev.berth.release.apps.Match> known = knownApps.match(dev.berth.release.apps.InstallFacts.ofFolder(
                dir, Optional.of(install.record().project())));
        Optional<dev.berth.release.apps.Profile> profile = known.filter(
                        k -> k.confidence() != dev.berth.release.apps.Confidence.LOW)
                .map(dev.berth.release.apps.Match::profile);
        known.ifPresent(k -> checks.add(new Plan.Check("app", Plan.Check.Status.OK, InstallPlanner.recognised(k))));
        // What the app's people must know first (quiet time, who to tell) is shown with the plan.
        Version installed = install.version();
        Version wanted = target.version();
        List<Plan.Advice> advice = new ArrayList<>();
        profile.ifPresent(p -> p.explanationsFor(installed, wanted).forEach(e -> {
            String text = p.name() + ": " + e.text().strip();
            switch (e.when()) {
                case BEFORE_UPGRADE -> warnings.add(Text.plain(text));
                case AFTER_UPGRADE -> advice.add(new Plan.Advice(Plan.Advice.When.SUCCEEDED, text));
                case ON_FAILURE -> advice.add(new Plan.Advice(Plan.Advice.When.FAILED, text));
            }
        }));
        target = dev.berth.release.apps.Profiles.target(target, profile);
        catalog = dev.berth.release.apps.Profiles.catalog(catalog, profile);
        UpgradePath path = UpgradePath.compute(install.version(), target, catalog);
        List<UpgradePath.Hop> hops = switch (path) {
            case UpgradePath.UpToDate u -> {
                checks.add(new Plan.Check(
                        "version",
                        Plan.Check.Status.FAIL,
                        Text.of(Text.Key.CHECK_UP_TO_DATE, install.version().raw())));
                yield List.of();
            }
            case UpgradePath.Refused r -> {
                List<String> f = r.facts();
                checks.add(new Plan.Check(
                        "version",
                        Plan.Check.Status.FAIL,
                        switch (r.reason()) {
                            case DOWNGRADE -> Text.of(Text.Key.CHECK_DOWNGRADE, f.get(0), f.get(1));
                            case MISSING_STOP ->
                                Text.of(Text.Key.CHECK_MISSING_STOP, f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
                        }));
                yield List.of();
            }
            case UpgradePath.Hops h -> {
                checks.add(new Plan.Check(
                        "version",
                        Plan.Check.Status.OK,
                        Text.of(
                                Text.Key.CHECK_VERSION_PATH,
                                install.version().raw(),
                                String.join(
                                        " → ",
                                        h.hops().stream()
                                                .map(x -> x.version().raw())
                                                .toList()))));
                yield h.hops();
            }
        };
        if (install.version().raw().isEmpty()) {
            warnings.add(Text.of(Text.Key.WARN_VERSION_UNKNOWN));
        }

        FileTree tree = new FileTree(dir);
        List<PlanReport.Hop> hopReports = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<HopPlan> hopPlans = new ArrayList<>();
        Optional<Path> base = Files.isDirectory(install.pristine())
                ? Optional.of(install.pristine())
                : baseFromCatalog(install.version(), catalog, releases);
        if (base.isEmpty()) {
            warnings.add(Text.of(Text.Key.WARN_NO_PRISTINE, install.version().raw()));
        }
        Map<String, String> hashes = new TreeMap<>();
        List<String> userEnv = userEnvFiles(install);
        Version from = install.version();
        boolean refused = false;
        List<String> compose = install.record().composeFiles();
        for (int i = 0; i < hops.size(); i++) {
            UpgradePath.Hop hop = hops.get(i);
            Release rel = hop.version().equals(target.version()) && hop.source().equals(target.source())
                    ? target
                    : dev.berth.release.apps.Profiles.target(releases.load(hop.source()), profile);
            Manifest m = rel.manifestOrEmpty();
            Map<String, VariableSpec> specs = new LinkedHashMap<>();
            m.env().forEach(s -> specs.put(s.name(), s));
            for (String f : trackedFiles(tree, base, rel, userEnv)) {
                hashes.putIfAbsent(dir.resolve(f).toString(), sha(dir.resolve(f)));
            }
            Map<String, String> moves = composeMoves(compose, rel, base);
            // Read before the merge: the split check compares the user's files with the old release's.
            ComposeSplit split = moves.isEmpty() ? composeSplit(compose, rel, base, tree) : ComposeSplit.NONE;
            ReleaseMerge.Outcome out = ReleaseMerge.merge(
                    tree,
                    base,
                    rel,
                    userEnv,
                    specs,
                    i == hops.size() - 1 ? options.answers() : Map.of(),
                    options.policy(),
                    options.resolutions(),
                    profile,
                    moves);
            List<String> composeBefore = compose;
            if (!moves.isEmpty() && moves.values().stream().allMatch(tree::exists)) {
                compose = compose.stream().map(f -> moves.getOrDefault(f, f)).toList();
                recordComposeFiles(tree, install, compose);
                moves.forEach((a, b) -> warnings.add(
                        Text.of(Text.Key.WARN_COMPOSE_RENAMED, hop.version().raw(), a, b)));
            } else if (split.edited().isEmpty()
                    && !split.dropped().isEmpty()
                    && split.files().stream().allMatch(tree::exists)) {
                compose = split.files();
                recordComposeFiles(tree, install, compose);
                warnings.add(Text.of(
                        Text.Key.WARN_COMPOSE_SPLIT,
                        hop.version().raw(),
                        split.dropped(),
                        split.files().stream()
                                .filter(f -> !composeBefore.contains(f))
                                .toList()));
            }
            InstallPlanner.stagePrivate(staging);
            Path hopDir = staging.resolve("hop-" + (i + 1));
            Path releaseCopy = staging.resolve("release-" + (i + 1));
            stage(tree, hopDir, rel, userEnv);
            Map<String, String> applyFiles = stagedHashes(tree, hopDir);
            ComposeProject newCompose = stageCheck(
                    rel, tree, install, releaseCopy, checks, hop.version().raw(), compose, userEnv);
            if (!out.conflicts().isEmpty()) {
                refused = true;
                checks.add(new Plan.Check(
                        "conflicts " + hop.version().raw(),
                        Plan.Check.Status.FAIL,
                        Text.of(
                                Text.Key.CHECK_CONFLICTS,
                                out.conflicts().size(),
                                hop.version().raw(),
                                out.conflicts())));
            }
            List<String> gone = compose.stream().filter(f -> !tree.exists(f)).toList();
            if (!split.edited().isEmpty()) {
                refused = true;
                checks.add(new Plan.Check(
                        "compose " + hop.version().raw(),
                        Plan.Check.Status.FAIL,
                        Text.of(
                                Text.Key.CHECK_COMPOSE_SPLIT_EDITED,
                                hop.version().raw(),
                                split.dropped(),
                                split.files(),
                                split.edited())));
            } else if (!gone.isEmpty()) {
                // Berth follows a compose file the release renamed one for one (composeMoves) or split
                // while the user had not edited it (composeSplit); not one gone without a successor.
                refused = true;
                List<String> now = composeFilesOf(rel);
                checks.add(new Plan.Check(
                        "compose " + hop.version().raw(),
                        Plan.Check.Status.FAIL,
                        Text.of(Text.Key.CHECK_COMPOSE_GONE, hop.version().raw(), gone, now)));
            }
            if (!out.missing().isEmpty()) {
                checks.add(new Plan.Check(
                        "env " + hop.version().raw(),
                        Plan.Check.Status.FAIL,
                        Text.of(Text.Key.CHECK_MISSING_VALUES, out.missing())));
            }
            if (!out.refused().isEmpty()) {
                checks.add(new Plan.Check(
                        "env " + hop.version().raw(),
                        Plan.Check.Status.FAIL,
                        Text.of(Text.Key.CHECK_PROFILE_REFUSES, out.refused())));
            }
            for (Text w : out.warnings()) {
                checks.add(new Plan.Check("env " + hop.version().raw(), Plan.Check.Status.WARN, w));
            }
            m.configVersion()
                    .ifPresent(rule ->
                            checkConfigVersion(rule, tree, checks, hop.version().raw()));
            hopReports.add(report(hop.version().raw(), hop.requiredBy().orElse(""), out));
            rel.manifest().flatMap(Manifest::releaseNotes).ifPresent(n -> {
                Path p = rel.root().resolve(n);
                if (Files.isRegularFile(p)) {
                    notes.add(hop.version().raw() + ":\n" + read(p));
                }
            });
            hopPlans.add(new HopPlan(
                    hop.version(),
                    rel,
                    m,
                    from,
                    newCompose,
                    hopDir,
                    releaseCopy,
                    applyFiles,
                    compose.equals(composeBefore) ? List.of() : compose));
            base = Optional.of(rel.root()); // the next hop merges against the release just merged
            from = hop.version();
        }

        List<PlanStep> steps = refused || hops.isEmpty() || hopPlans.stream().anyMatch(h -> h.compose() == null)
                ? List.of()
                : steps(install, hopPlans, options, checks, warnings);
        long downtime = estimateDowntime(steps, hopPlans);
        List<String> versionPath = new ArrayList<>();
        versionPath.add(install.version().raw());
        hops.forEach(h -> versionPath.add(h.version().raw()));
        boolean safe = hopPlans.stream().allMatch(h -> h.manifest().previousVersionRunsOnMigratedData());
        Plan plan = new Plan(
                Plan.Kind.UPGRADE,
                dir.toString(),
                install.record().project(),
                install.record().composeFiles(),
                install.record().envFiles(),
                install.record().profiles(),
                install.version().raw(),
                target.version().raw(),
                target.source().display(),
                steps,
                checks,
                hashes,
                warnings,
                downtime,
                safe && !hopPlans.isEmpty() ? Plan.DataRollback.KEEP : Plan.DataRollback.RESTORE_WHEN_STARTED,
                advice);
        return new Result(plan, new PlanReport(hopReports, versionPath, notes));
    }

    /** One release hop, planned. */
    private record HopPlan(
            Version version,
            Release release,
            Manifest manifest,
            Version from,
            ComposeProject compose,
            Path staged,
            Path releaseCopy,
            Map<String, String> applyFiles,
            List<String> renamedCompose) {}

    private List<PlanStep> steps(
            Install install, List<HopPlan> hops, Options options, List<Plan.Check> checks, List<Text> warnings) {
        Path dir = install.dir();
        List<PlanStep> steps = new ArrayList<>();
        ComposeModel oldModel = install.compose().model();
        String archive = options.backupDir()
                .resolve(install.record().project() + "-"
                        + safe(install.version().raw()) + "-" + STAMP.format(Instant.now()) + ".berth")
                .toString();

        // While the old version serves: load, build and pull everything every hop needs.
        steps.addAll(fetchSteps(
                dir,
                hops.stream()
                        .map(h -> new Fetch(h.release(), h.compose(), h.releaseCopy()))
                        .toList(),
                checks,
                hops.size() > 1 ? "multi" : ""));
        steps.add(new PlanStep.PinImages("pin", Text.of(Text.Key.STEP_PIN), List.of()));

        // Two-phase backup around the stop of the app services; refused here when it cannot fit.
        BackupSpace.Estimate size = BackupSpace.estimate(runtime, loader, install.project(), dir);
        checks.add(BackupSpace.check(
                "space",
                BackupSpace.Written.UPGRADE_BACKUP,
                size.needed(),
                size.parts(),
                options.backupDir(),
                BackupSpace.BACKUP_ADVICE));
        steps.add(new PlanStep.Backup(
                "backup-hot", Text.of(Text.Key.STEP_BACKUP_HOT), PlanStep.Backup.Stage.HOT, archive, List.of()));
        Manifest oldManifest =
                install.manifest().isPresent() || profileOf(install).isEmpty()
                        ? install.manifest().orElse(hops.getFirst().manifest())
                        : dev.berth.release.apps.Profiles.effectiveManifest(
                                install.manifest(), profileOf(install), install.version());
        // The install's own manifest, else its recognised app's profile, names the databases to dump.
        List<PlanStep.DatabaseDump> dumps = databases(
                install.manifest().isPresent() || profileOf(install).isPresent()
                        ? oldManifest.backup()
                        : Manifest.EMPTY.backup(),
                oldModel);
        StopOrder stop = stopOrder(oldModel, oldManifest);
        if (!stop.app().isEmpty()) {
            steps.add(new PlanStep.StopServices(
                    "stop-app",
                    Text.of(Text.Key.STEP_STOP, stop.app()),
                    stop.app(),
                    stop.appGrace(),
                    drain(oldManifest, stop.app())));
        }
        steps.add(new PlanStep.Backup(
                "backup-final", Text.of(Text.Key.STEP_BACKUP_FINAL), PlanStep.Backup.Stage.FINAL, archive, dumps));
        if (!stop.data().isEmpty()) {
            steps.add(new PlanStep.StopServices(
                    "stop-data",
                    Text.of(Text.Key.STEP_STOP_GRACE, stop.data(), String.valueOf(stop.dataGrace())),
                    stop.data(),
                    stop.dataGrace(),
                    List.of()));
        }

        for (int i = 0; i < hops.size(); i++) {
            HopPlan h = hops.get(i);
            // A multi-hop upgrade names each hop's version in its steps' titles.
            String n = hops.size() > 1 ? h.version().raw() : "";
            String sfx = hops.size() > 1 ? "-" + (i + 1) : "";
            if (i > 0) {
                StopOrder s = stopOrder(
                        hops.get(i - 1).compose().model(), hops.get(i - 1).manifest());
                List<String> all = new ArrayList<>(s.app());
                all.addAll(s.data());
                steps.add(new PlanStep.StopServices(
                        "stop" + sfx, Text.of(Text.Key.STEP_STOP_FOR, n), all, s.dataGrace(), List.of()));
            }
            steps.add(new PlanStep.ApplyFiles(
                    "apply" + sfx,
                    n.isEmpty() ? Text.of(Text.Key.STEP_APPLY_RELEASE) : Text.of(Text.Key.STEP_APPLY_VERSION, n),
                    rel(dir, h.staged()),
                    h.applyFiles(),
                    h.renamedCompose()));
            List<dev.berth.release.Migration> migrations = h.manifest().migrationsFrom(h.from());
            List<dev.berth.release.Migration> before = migrations.stream()
                    .filter(m -> m.options().phase() == MigrationPhase.BEFORE_START)
                    .toList();
            ContainerRuntime.Dependencies runDeps = ContainerRuntime.Dependencies.START;
            if (!before.isEmpty()) {
                ComposeModel model = h.compose().model();
                Set<String> needs = new LinkedHashSet<>();
                Set<String> runNeeds = new LinkedHashSet<>();
                for (dev.berth.release.Migration m : before) {
                    needs.addAll(m.options().needs());
                    switch (m) {
                        case dev.berth.release.Migration.Exec e -> needs.add(e.service());
                        case dev.berth.release.Migration.Sql q -> needs.add(q.service());
                        case dev.berth.release.Migration.Run r -> runNeeds.addAll(dependenciesOf(r.service(), model));
                        case dev.berth.release.Migration.SetAside a -> {}
                    }
                }
                needs.addAll(stopOrder(model, h.manifest()).data());
                if (waitsForOneShot(before, model)) {
                    // `up -d` does not wait for a job to finish; `compose run` does: let it start them.
                    if (!startedByFirstRun(before, needs, model)) {
                        addStartDeps(steps, sfx, needs);
                    }
                } else {
                    // Started here with the new files, then `run --no-deps`: docker-compose v1's `run`
                    // would start the stopped old containers instead, and the final `up` recreate them,
                    // so the database would start twice while the app is down.
                    needs.addAll(runNeeds);
                    if (!needs.isEmpty()) {
                        addStartDeps(steps, sfx, needs);
                    }
                    runDeps = ContainerRuntime.Dependencies.SKIP;
                }
            }
            int k = 0;
            for (dev.berth.release.Migration m : before) {
                steps.add(migrateStep(m, "migrate" + sfx + "-" + (++k), n, runDeps));
            }
            List<String> start = h.manifest().start();
            if (!start.isEmpty() && !startsEverything(start, h.compose().model(), migrations)) {
                steps.add(new PlanStep.StartServices(
                        "start-first" + sfx, Text.of(Text.Key.STEP_START_FIRST, start), start));
            }
            // A job Berth just ran as the migration need not run again before the services waiting for it.
            Set<String> jobs = runDeps == ContainerRuntime.Dependencies.SKIP
                    ? jobsRunAsMigrations(before, h.compose().model())
                    : Set.of();
            Text startTitle = n.isEmpty() ? Text.of(Text.Key.STEP_START_NEW) : Text.of(Text.Key.STEP_START_VERSION, n);
            steps.add(
                    jobs.isEmpty()
                            ? new PlanStep.StartServices("start" + sfx, startTitle, List.of())
                            : new PlanStep.StartServices(
                                    "start" + sfx,
                                    startTitle,
                                    h.compose().model().services().keySet().stream()
                                            .filter(x -> !jobs.contains(x))
                                            .toList(),
                                    ContainerRuntime.Dependencies.SKIP));
            for (dev.berth.release.Migration m : migrations) {
                if (m.options().phase() == MigrationPhase.AFTER_START) {
                    steps.add(migrateStep(m, "migrate" + sfx + "-" + (++k), n, ContainerRuntime.Dependencies.START));
                }
            }
            steps.add(verifyStep(
                    "verify" + sfx,
                    n.isEmpty() ? Text.of(Text.Key.STEP_VERIFY_NEW) : Text.of(Text.Key.STEP_VERIFY_VERSION, n),
                    h.compose(),
                    h.manifest(),
                    jobs));
            steps.add(new PlanStep.RecordHistory(
                    "record" + sfx,
                    Text.of(Text.Key.STEP_RECORD, h.version().raw()),
                    h.version().raw()));
        }
        if (options.removeOldImages()) {
            List<String> old = new ArrayList<>();
            Set<String> keep = new LinkedHashSet<>();
            hops.getLast()
                    .compose()
                    .model()
                    .services()
                    .values()
                    .forEach(s -> s.image().ifPresent(keep::add));
            oldModel.services()
                    .values()
                    .forEach(s -> s.image().filter(i -> !keep.contains(i)).ifPresent(old::add));
            if (!old.isEmpty()) {
                steps.add(new PlanStep.RemoveImages("cleanup", Text.of(Text.Key.STEP_REMOVE_IMAGES), old));
            }
        }
        return steps;
    }

    /** A release to fetch images for: its resolved compose project and its staged copy. */
    record Fetch(Release release, ComposeProject compose, Path releaseCopy) {}

    /**
     * Steps that fetch what the releases need while the old version still serves: image archives
     * loaded, {@code build:} services built, other images pulled (floating tags flagged).
     */
    List<PlanStep> fetchSteps(Path dir, List<Fetch> fetches, List<Plan.Check> checks, String mode) {
        List<PlanStep> steps = new ArrayList<>();
        Set<String> pulls = new LinkedHashSet<>();
        for (int i = 0; i < fetches.size(); i++) {
            Fetch h = fetches.get(i);
            String n = mode.isEmpty() ? "" : h.release().version().raw();
            if (!h.release().imageArchives().isEmpty()) {
                steps.add(new PlanStep.LoadImages(
                        "load-images-" + (i + 1),
                        ofVersion(Text.of(Text.Key.STEP_LOAD_IMAGES), n),
                        h.release().imageArchives().stream()
                                .map(p -> rel(dir, h.releaseCopy().resolve(p)))
                                .toList()));
            }
            List<String> build = new ArrayList<>();
            for (ComposeService s : h.compose().model().services().values()) {
                String image = s.image().orElse("");
                if (s.build().isPresent() && (image.isEmpty() || !hasRegistryHost(image))) {
                    if (image.isEmpty() || !runtime.hasImage(image)) {
                        build.add(s.name());
                    }
                } else if (!image.isEmpty()) {
                    Optional<String> tag = KnownImages.tag(image);
                    boolean floating = tag.isEmpty() || tag.get().equals("latest");
                    if (floating) {
                        checks.add(new Plan.Check(
                                "images",
                                Plan.Check.Status.WARN,
                                Text.of(Text.Key.CHECK_FLOATING_IMAGE, s.name(), image)));
                    }
                    if (floating || !runtime.hasImage(image)) {
                        pulls.add(image);
                    }
                }
            }
            if (!build.isEmpty()) {
                steps.add(new PlanStep.BuildImages(
                        "build-" + (i + 1),
                        ofVersion(Text.of(Text.Key.STEP_BUILD, build), n),
                        rel(dir, h.releaseCopy()),
                        build,
                        h.compose().files().stream()
                                .map(f -> rel(h.releaseCopy(), f))
                                .toList()));
            }
        }
        if (!pulls.isEmpty()) {
            steps.add(new PlanStep.PullImages("pull", Text.of(Text.Key.STEP_PULL, pulls.size()), List.copyOf(pulls)));
        }
        return steps;
    }

    private static void addStartDeps(List<PlanStep> steps, String sfx, Set<String> needs) {
        steps.add(new PlanStep.StartServices(
                "start-deps" + sfx, Text.of(Text.Key.STEP_START_MIGRATIONS, needs), List.copyOf(needs)));
        // `up -d` returns once the containers run, before a database accepts connections.
        steps.add(waitUntilAccepting("wait-deps" + sfx, List.copyOf(needs)));
    }

    /** A step's title, with the hop's version after it in a multi-hop upgrade ({@code n} not empty). */
    private static Text ofVersion(Text title, String n) {
        return n.isEmpty() ? title : Text.of(Text.Key.STEP_OF_VERSION, title, n);
    }

    private static PlanStep migrateStep(
            dev.berth.release.Migration m, String id, String n, ContainerRuntime.Dependencies runDeps) {
        // The manifest's own description is the app's words: shown as written, in every language.
        String desc = m.options().description().orElse("");
        return switch (m) {
            case dev.berth.release.Migration.Run r ->
                new PlanStep.Migrate(
                        id,
                        desc.isEmpty()
                                ? ofVersion(Text.of(Text.Key.STEP_MIGRATE_RUN, r.service()), n)
                                : Text.plain(desc),
                        new PlanStep.Migration.Run(
                                r.service(),
                                r.command(),
                                r.streams().stdinFrom().orElse(""),
                                r.streams().stdoutTo().orElse(""),
                                runDeps),
                        m.options().safeForRollback(),
                        m.options().timeout().map(java.time.Duration::toSeconds).orElse(0L));
            case dev.berth.release.Migration.Exec e ->
                new PlanStep.Migrate(
                        id,
                        desc.isEmpty()
                                ? ofVersion(
                                        Text.of(Text.Key.STEP_MIGRATE_EXEC, String.join(" ", e.command()), e.service()),
                                        n)
                                : Text.plain(desc),
                        new PlanStep.Migration.Exec(
                                e.service(),
                                e.command(),
                                e.streams().stdinFrom().orElse(""),
                                e.streams().stdoutTo().orElse("")),
                        m.options().safeForRollback(),
                        m.options().timeout().map(java.time.Duration::toSeconds).orElse(0L));
            case dev.berth.release.Migration.Sql q ->
                new PlanStep.Migrate(
                        id,
                        desc.isEmpty()
                                ? ofVersion(Text.of(Text.Key.STEP_MIGRATE_SQL, q.file(), q.service()), n)
                                : Text.plain(desc),
                        new PlanStep.Migration.Sql(
                                q.service(),
                                q.file(),
                                q.database()
                                        .map(t -> t.name().toLowerCase(java.util.Locale.ROOT))
                                        .orElse(""),
                                q.userEnv().orElse(""),
                                q.databaseEnv().orElse("")),
                        m.options().safeForRollback(),
                        m.options().timeout().map(java.time.Duration::toSeconds).orElse(0L));
            case dev.berth.release.Migration.SetAside a ->
                new PlanStep.Migrate(
                        id,
                        desc.isEmpty()
                                ? ofVersion(Text.of(Text.Key.STEP_MIGRATE_SET_ASIDE, a.path()), n)
                                : Text.plain(desc),
                        new PlanStep.Migration.SetAside(a.service(), a.path()),
                        m.options().safeForRollback(),
                        m.options().timeout().map(java.time.Duration::toSeconds).orElse(0L));
        };
    }

    /** Waits (up to 3 minutes) until services just started are healthy, e.g. a database that accepts connections. */
    static PlanStep.Verify waitUntilAccepting(String id, List<String> services) {
        return new PlanStep.Verify(
                id,
                Text.of(Text.Key.STEP_WAIT_ACCEPTING, services),
                services.stream()
                        .map(x -> (PlanStep.HealthProbe) new PlanStep.HealthProbe.ServiceHealthy(x))
                        .toList(),
                180);
    }

    PlanStep.Verify verifyStep(String id, Text title, ComposeProject compose, Manifest m) {
        return verifyStep(id, title, compose, m, Set.of());
    }

    /** As above; {@code jobs} are one-shot services that ran as migrations and have no container now. */
    PlanStep.Verify verifyStep(String id, Text title, ComposeProject compose, Manifest m, Set<String> jobs) {
        List<PlanStep.HealthProbe> probes = new ArrayList<>();
        long timeout = 180;
        Map<String, String> vars = compose.variables();
        if (m.health().isEmpty()) {
            for (ComposeService s : compose.model().services().values()) {
                if (!jobs.contains(s.name())) {
                    probes.add(new PlanStep.HealthProbe.ServiceHealthy(s.name()));
                }
            }
        }
        for (HealthCheck h : m.health()) {
            switch (h) {
                case HealthCheck.ServiceHealthy s -> {
                    probes.add(new PlanStep.HealthProbe.ServiceHealthy(s.service()));
                    timeout = Math.max(timeout, s.timeout().toSeconds());
                }
                case HealthCheck.Http x -> {
                    probes.add(new PlanStep.HealthProbe.Http(substitute(x.url(), vars), x.expect()));
                    timeout = Math.max(timeout, x.timeout().toSeconds());
                }
                case HealthCheck.Log l -> {
                    probes.add(new PlanStep.HealthProbe.Log(
                            l.service(), l.pattern(), l.failPattern().orElse("")));
                    timeout = Math.max(timeout, l.timeout().toSeconds());
                }
                case HealthCheck.Exec e -> probes.add(new PlanStep.HealthProbe.ServiceHealthy(e.service()));
            }
        }
        Map<String, String> images = new TreeMap<>();
        for (ComposeService s : compose.model().services().values()) {
            s.image().ifPresent(i -> images.put(s.name(), i));
        }
        probes.add(new PlanStep.HealthProbe.ImagesRunning(images));
        return new PlanStep.Verify(id, title, probes, timeout);
    }

    /** ${VAR} and $VAR in a manifest URL, from the install's resolved variables. */
    static String substitute(String text, Map<String, String> vars) {
        Matcher mt = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)")
                .matcher(text);
        StringBuilder sb = new StringBuilder();
        while (mt.find()) {
            String name = mt.group(1) != null ? mt.group(1) : mt.group(2);
            mt.appendReplacement(sb, Matcher.quoteReplacement(vars.getOrDefault(name, "")));
        }
        mt.appendTail(sb);
        return sb.toString();
    }

    /** Every service {@code service} depends on, directly or not (not itself), dependencies first. */
    static List<String> dependenciesOf(String service, ComposeModel model) {
        List<String> closure = new ArrayList<>();
        visit(service, model, closure, new LinkedHashSet<>());
        closure.remove(service);
        return closure;
    }

    /**
     * The services of {@code run} migrations (with the service's own command) that other services
     * wait for as jobs ({@code condition: service_completed_successfully}): after Berth ran them as
     * the migration, {@code up} without them ({@code --no-deps}) starts the rest without running
     * them a second time while the app is down.
     */
    static Set<String> jobsRunAsMigrations(List<dev.berth.release.Migration> before, ComposeModel model) {
        Set<String> jobs = new LinkedHashSet<>();
        for (dev.berth.release.Migration m : before) {
            if (m instanceof dev.berth.release.Migration.Run r
                    && r.command().isEmpty()
                    && model.services().values().stream()
                            .anyMatch(s -> s.dependsOn().containsKey(r.service())
                                    && "service_completed_successfully"
                                            .equals(s.dependsOn()
                                                    .get(r.service())
                                                    .condition()))) {
                jobs.add(r.service());
            }
        }
        return jobs;
    }

    /**
     * Whether a {@code run} migration's service waits, directly or not, for a one-shot job to
     * complete ({@code condition: service_completed_successfully}): only {@code compose run}
     * itself waits for that, so Berth cannot start such dependencies ahead of it.
     */
    static boolean waitsForOneShot(List<dev.berth.release.Migration> migrations, ComposeModel model) {
        for (dev.berth.release.Migration m : migrations) {
            if (m instanceof dev.berth.release.Migration.Run r
                    && model.services().containsKey(r.service())) {
                List<String> chain = new ArrayList<>(dependenciesOf(r.service(), model));
                chain.add(r.service());
                for (String s : chain) {
                    boolean job = model.services().get(s).dependsOn().values().stream()
                            .anyMatch(d -> "service_completed_successfully".equals(d.condition()));
                    if (job) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the first migration is a {@code run} of a service that depends on everything the
     * migrations need: {@code compose run} starts those itself and waits for their conditions, so
     * a separate {@code compose up} before it would only cost time while the app is down. Used
     * only where Berth cannot start them itself ({@link #waitsForOneShot}).
     */
    static boolean startedByFirstRun(List<dev.berth.release.Migration> before, Set<String> needs, ComposeModel model) {
        if (!(before.getFirst() instanceof dev.berth.release.Migration.Run r)
                || !model.services().containsKey(r.service())) {
            return false;
        }
        List<String> closure = new ArrayList<>();
        visit(r.service(), model, closure, new LinkedHashSet<>());
        return closure.containsAll(needs);
    }

    /**
     * Whether a manifest's {@code start} list names every long-running service: then "start these
     * first" is the same {@code compose up} as "start the new version" (compose orders by
     * {@code depends_on} either way) and a second call would only cost time in the downtime and run
     * the one-shot migration services once more. Services run as migrations do not count.
     */
    static boolean startsEverything(
            List<String> start, ComposeModel model, List<dev.berth.release.Migration> migrations) {
        Set<String> oneShot = new LinkedHashSet<>();
        for (dev.berth.release.Migration m : migrations) {
            if (m instanceof dev.berth.release.Migration.Run r) {
                oneShot.add(r.service());
            }
        }
        return model.services().keySet().stream().allMatch(s -> start.contains(s) || oneShot.contains(s));
    }

    /** App services in reverse dependency order, then data stores; grace per the manifest. */
    record StopOrder(List<String> app, long appGrace, List<String> data, long dataGrace) {}

    static StopOrder stopOrder(ComposeModel model, Manifest m) {
        List<String> order = new ArrayList<>();
        if (!m.stop().order().isEmpty()) {
            order.addAll(m.stop().order().stream()
                    .filter(model.services()::containsKey)
                    .toList());
        }
        for (String s : reverseDependencyOrder(model)) {
            if (!order.contains(s)) {
                order.add(s);
            }
        }
        List<String> app = new ArrayList<>();
        List<String> data = new ArrayList<>();
        long appGrace = 10;
        long dataGrace = 60;
        for (String s : order) {
            Optional<String> image = model.service(s).flatMap(ComposeService::image);
            boolean isData = image.map(KnownImages::isDataStore).orElse(false)
                    || (!m.stop().order().isEmpty()
                            && m.stop().order().indexOf(s) == m.stop().order().size() - 1
                            && m.stop().order().size() > 1);
            long grace = m.stop().graceFor(s, image).toSeconds();
            if (isData) {
                data.add(s);
                dataGrace = Math.max(dataGrace, grace);
            } else {
                app.add(s);
                appGrace = Math.max(appGrace, grace);
            }
        }
        return new StopOrder(app, appGrace, data, dataGrace);
    }

    /** Services ordered so that a service comes before everything it depends on. */
    static List<String> reverseDependencyOrder(ComposeModel model) {
        List<String> startOrder = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String s : new TreeMap<>(model.services()).keySet()) {
            visit(s, model, startOrder, visiting);
        }
        List<String> rev = new ArrayList<>(startOrder);
        java.util.Collections.reverse(rev);
        return rev;
    }

    private static void visit(String s, ComposeModel model, List<String> out, Set<String> visiting) {
        if (out.contains(s) || visiting.contains(s) || !model.services().containsKey(s)) {
            return;
        }
        visiting.add(s);
        for (String d : new TreeMap<>(model.services().get(s).dependsOn()).keySet()) {
            visit(d, model, out, visiting);
        }
        visiting.remove(s);
        out.add(s);
    }

    private static List<String> drain(Manifest m, List<String> services) {
        for (String s : services) {
            var d = m.stop().drain().get(s);
            if (d != null) {
                return d.command();
            }
        }
        return List.of();
    }

    /** The manifest's dumps, or one per PostgreSQL service found by its image. */
    static List<PlanStep.DatabaseDump> databases(BackupSpec spec, ComposeModel model) {
        List<PlanStep.DatabaseDump> out = new ArrayList<>();
        if (!spec.databases().isEmpty()) {
            for (BackupSpec.Database d : spec.databases()) {
                if (!model.services().containsKey(d.service())) {
                    continue; // the profile covers releases this install's compose file is not
                }
                PlanStep.DatabaseDump defaults =
                        defaultDump(d.service(), d.type().name().toLowerCase(java.util.Locale.ROOT));
                out.add(new PlanStep.DatabaseDump(
                        d.service(),
                        defaults.type(),
                        d.userEnv().orElse(defaults.userEnv()),
                        d.databaseEnv().orElse(defaults.databaseEnv())));
            }
            return out;
        }
        for (ComposeService s : model.services().values()) {
            s.image()
                    .flatMap(KnownImages::databaseType)
                    .filter(t -> t == DatabaseType.POSTGRES || t == DatabaseType.MYSQL || t == DatabaseType.MARIADB)
                    .ifPresent(t -> out.add(defaultDump(s.name(), t.name().toLowerCase(java.util.Locale.ROOT))));
        }
        return out;
    }

    /**
     * A dump of a service with the official image's variable names: PostgreSQL's user and database;
     * for MySQL and MariaDB none (their dump script tries root, then the images' own names).
     */
    static PlanStep.DatabaseDump defaultDump(String service, String type) {
        return type.equals("postgres")
                ? new PlanStep.DatabaseDump(service, type, "POSTGRES_USER", "POSTGRES_DB")
                : new PlanStep.DatabaseDump(service, type, "", "");
    }

    private static long estimateDowntime(List<PlanStep> steps, List<HopPlan> hops) {
        long s = 0;
        for (PlanStep p : steps) {
            s += switch (p) {
                case PlanStep.StopServices x ->
                    Math.min(x.graceSeconds(), 15) + 2L * x.services().size();
                case PlanStep.Backup b ->
                    b.stage() == PlanStep.Backup.Stage.FINAL
                            ? 5 + 5L * b.databases().size()
                            : 0;
                case PlanStep.ApplyFiles a -> 1;
                case PlanStep.Migrate m -> 10;
                case PlanStep.StartServices x -> 5;
                case PlanStep.Verify v -> 15;
                default -> 0;
            };
        }
        return s;
    }

    /**
     * Copies the release to {@code releaseCopy} (build contexts and image archives stay available
     * for the run), lays the merged compose and env files over it, resolves it and asks the user's
     * compose to check it.
     *
     * @return the resolved project, or null when it cannot be read (a failed check says why)
     */
    ComposeProject stageCheck(
            Release rel,
            FileTree tree,
            Install install,
            Path releaseCopy,
            List<Plan.Check> checks,
            String version,
            List<String> composeFiles,
            List<String> envFiles) {
        try {
            InstallPlanner.stagePrivate(releaseCopy.getParent());
            copyTree(rel.root(), releaseCopy);
            // The merged compose and env files over the release copy: what compose will read after the hop.
            for (String f : composeFiles) {
                tree.read(f).ifPresent(b -> writeBytes(releaseCopy.resolve(f), b));
            }
            for (String f : envFiles) {
                // env files hold secrets: 0600 like the install's own (found by FaultsIT's secret grep)
                tree.read(f).ifPresent(b -> writePrivateBytes(releaseCopy.resolve(f), b));
            }
            ComposeProject p = loader.load(new ProjectOptions(
                    Optional.of(releaseCopy),
                    composeFiles.stream()
                            .map(releaseCopy::resolve)
                            .filter(Files::exists)
                            .toList(),
                    install.record().envFiles().stream()
                            .map(releaseCopy::resolve)
                            .filter(Files::exists)
                            .toList(),
                    install.record().profiles(),
                    VariableSource.ENV_FILES,
                    Map.of()));
            for (Text risk : ComposeRisks.of(p)) {
                checks.add(new Plan.Check("security " + version, Plan.Check.Status.WARN, risk));
            }
            try {
                runtime.validate(
                        new ContainerRuntime.Project(
                                install.record().project(),
                                releaseCopy,
                                p.files(),
                                install.record().envFiles().stream()
                                        .map(releaseCopy::resolve)
                                        .filter(Files::exists)
                                        .toList(),
                                install.record().profiles()),
                        line -> {});
                checks.add(
                        new Plan.Check("compose " + version, Plan.Check.Status.OK, Text.of(Text.Key.CHECK_COMPOSE_OK)));
            } catch (ContainerRuntime.RuntimeFailure e) {
                checks.add(new Plan.Check(
                        "compose " + version,
                        Plan.Check.Status.FAIL,
                        Text.of(Text.Key.CHECK_COMPOSE_REJECTED, version, String.valueOf(e.getMessage()))));
            }
            return p;
        } catch (ConfigException e) {
            checks.add(new Plan.Check(
                    "compose " + version,
                    Plan.Check.Status.FAIL,
                    Text.of(Text.Key.CHECK_COMPOSE_UNREADABLE, version, String.valueOf(e.getMessage()))));
            return null;
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_STAGE_RELEASE, releaseCopy, e);
        }
    }

    private static void checkConfigVersion(
            ConfigVersionRule rule, FileTree tree, List<Plan.Check> checks, String version) {
        Optional<String> content = tree.read(rule.file()).map(b -> new String(b, StandardCharsets.UTF_8));
        switch (rule.check(content)) {
            case ConfigVersionRule.Matches ok ->
                checks.add(new Plan.Check(
                        "config version " + version,
                        Plan.Check.Status.OK,
                        Text.of(Text.Key.CONFIG_VERSION_OK, rule.file(), rule.key(), rule.value())));
            case ConfigVersionRule.Mismatch bad ->
                checks.add(new Plan.Check(
                        "config version " + version,
                        Plan.Check.Status.FAIL,
                        switch (bad.reason()) {
                            case MISSING ->
                                Text.of(Text.Key.CONFIG_VERSION_MISSING, rule.file(), rule.key(), rule.value());
                            case UNREADABLE ->
                                Text.of(
                                        Text.Key.CONFIG_VERSION_UNREADABLE,
                                        rule.file(),
                                        rule.key(),
                                        rule.value(),
                                        bad.detail());
                            case NO_KEY ->
                                Text.of(Text.Key.CONFIG_VERSION_NO_KEY, rule.file(), rule.key(), rule.value());
                            case OTHER_VALUE ->
                                Text.of(
                                        Text.Key.CONFIG_VERSION_OTHER,
                                        rule.file(),
                                        rule.key(),
                                        rule.value(),
                                        bad.found().orElse("").strip());
                        }));
        }
    }

    static PlanReport.Hop report(String version, String requiredBy, ReleaseMerge.Outcome out) {
        List<PlanReport.FileChange> files = out.files().stream()
                .map(f -> new PlanReport.FileChange(
                        f.path(),
                        f.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                        f.detail()))
                .toList();
        List<PlanReport.EnvChange> env = out.env().stream()
                .map(e -> new PlanReport.EnvChange(
                        e.userFile(),
                        e.template(),
                        e.report().added(),
                        e.report().removed(),
                        e.report().renamed().entrySet().stream()
                                .map(x -> x.getKey() + " → " + x.getValue())
                                .toList(),
                        e.report().defaultUpdated(),
                        e.generated(),
                        e.answered()))
                .toList();
        List<PlanReport.Conflict> details = new ArrayList<>();
        dev.berth.config.diff.SecretMasker masker = dev.berth.config.diff.SecretMasker.withDefaultNames();
        out.conflicted()
                .forEach((path, m) -> m.conflicts()
                        .forEach(c -> details.add(new PlanReport.Conflict(
                                path, c.id(), c.location().describe(), c.display(masker)))));
        return new PlanReport.Hop(
                version,
                requiredBy,
                files,
                env,
                english(out.conflicts()),
                details,
                english(out.missing()),
                english(out.warnings()));
    }

    private static List<String> english(List<Text> texts) {
        return texts.stream().map(Text::english).toList();
    }

    /** The release the install runs now, from the catalog, as the base of three-way merges. */
    private static Optional<Path> baseFromCatalog(Version installed, ReleaseCatalog catalog, ReleaseLoader releases) {
        if (installed.raw().isEmpty()) {
            return Optional.empty();
        }
        return catalog.entries().stream()
                .filter(e -> e.version().isSameRelease(installed))
                .findFirst()
                .map(e -> releases.load(e.source()).root());
    }

    /** The env files compose reads for this install: its record's, plus {@code env_file:} files inside it. */
    static List<String> userEnvFiles(Install install) {
        Set<String> files = new LinkedHashSet<>(install.record().envFiles());
        for (ComposeService s : install.compose().model().services().values()) {
            for (var ref : s.envFiles()) {
                Path p = ref.path().toAbsolutePath().normalize();
                if (p.startsWith(install.dir())) {
                    files.add(install.dir().relativize(p).toString().replace('\\', '/'));
                }
            }
        }
        return List.copyOf(files);
    }

    private static Set<String> trackedFiles(FileTree tree, Optional<Path> base, Release rel, List<String> userEnv) {
        Set<String> s = new LinkedHashSet<>(userEnv);
        rel.files().forEach(p -> s.add(p.toString().replace('\\', '/')));
        base.ifPresent(b -> s.addAll(new FileTree(b).files()));
        s.removeIf(f -> f.startsWith(".berth/"));
        return s;
    }

    /**
     * Writes the tree's changed files into {@code hopDir}, each with the mode it will have: the
     * user's env files owner-only (they hold secrets), release files with the release's mode (an
     * entrypoint script stays executable).
     */
    static void stage(FileTree tree, Path hopDir, Release rel, List<String> userEnv) {
        for (var e : tree.changes().entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            String path = e.getKey();
            Path dst = hopDir.resolve(path);
            writeBytes(dst, e.getValue().get());
            try {
                String relPath = path.startsWith(".berth/release/") ? path.substring(".berth/release/".length()) : path;
                Path fromRelease = rel.root().resolve(relPath);
                if (userEnv.contains(path) || path.equals(".berth/install.json")) {
                    Files.setPosixFilePermissions(dst, dev.berth.config.AtomicFiles.PRIVATE);
                } else if (Files.isRegularFile(fromRelease)) {
                    Files.setPosixFilePermissions(dst, Files.getPosixFilePermissions(fromRelease));
                }
            } catch (UnsupportedOperationException | IOException ex) {
                // no POSIX modes here (Windows): the file system's defaults apply
            }
        }
    }

    private static Map<String, String> stagedHashes(FileTree tree, Path hopDir) {
        Map<String, String> m = new TreeMap<>();
        for (var e : tree.changes().entrySet()) {
            m.put(
                    e.getKey(),
                    e.getValue().isPresent() ? FileHashes.sha256(e.getValue().get()) : "");
        }
        return m;
    }

    static void copyTree(Path from, Path to) throws IOException {
        copyTree(from, to, p -> true);
    }

    /** Copies regular files and folders (not links) whose relative path {@code include} accepts; {@code .git} never. */
    static void copyTree(Path from, Path to, java.util.function.Predicate<Path> include) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith(".git") || !include.test(rel)) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(t);
                } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isReadable(p)) {
                    Files.createDirectories(t.getParent());
                    Files.copy(
                            p,
                            t,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void writePrivateBytes(Path p, byte[] b) {
        try {
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            dev.berth.config.AtomicFiles.writePrivate(p, b);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_STAGE, p, e);
        }
    }

    private static void writeBytes(Path p, byte[] b) {
        try {
            Files.createDirectories(p.getParent());
            Files.write(p, b);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_STAGE, p, e);
        }
    }

    private static String sha(Path p) {
        try {
            return FileHashes.sha256(p);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_CANNOT_READ, p, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(cannot read " + p + ": " + e.getMessage() + ")";
        }
    }

    private static String rel(Path dir, Path p) {
        return dir.relativize(p).toString();
    }

    private static boolean hasRegistryHost(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    /**
     * The install's compose files that the release renamed or moved, each to the file that takes
     * its place: a file the old release had and the new one does not, paired in order with a
     * compose file of the new release the install does not have (its manifest's, else the one
     * compose finds at its top). Empty when nothing moved, or when the files do not pair up one for
     * one (then the plan is refused as before: Berth cannot tell which replaces which).
     */
    static Map<String, String> composeMoves(List<String> current, Release rel, Optional<Path> base) {
        Set<String> releaseFiles = releaseFiles(rel);
        List<String> dropped = current.stream()
                .filter(f -> !releaseFiles.contains(f))
                .filter(f -> base.map(b -> Files.isRegularFile(b.resolve(f))).orElse(true))
                .toList();
        if (dropped.isEmpty()) {
            return Map.of();
        }
        List<String> theirs = composeFilesOf(rel);
        List<String> added = theirs.stream()
                .filter(f -> !current.contains(f) && releaseFiles.contains(f))
                .toList();
        if (added.size() != dropped.size()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < dropped.size(); i++) {
            out.put(dropped.get(i), added.get(i));
        }
        return out;
    }

    /**
     * A release that replaced the install's compose file(s) with a different number of files
     * (split one into several, or joined several): {@code dropped} are the install's files the
     * release no longer has, {@code files} the list compose reads after the upgrade (the
     * release's files, then the user's own that no release had), {@code edited} those of {@code
     * dropped} the user changed. Berth follows it only when nothing is edited: it cannot tell which
     * of the new files the user's changes belong in.
     */
    record ComposeSplit(List<String> dropped, List<String> files, List<String> edited) {
        static final ComposeSplit NONE = new ComposeSplit(List.of(), List.of(), List.of());
    }

    /**
     * The install's compose files that the release dropped without a one-for-one successor (see
     * {@link #composeMoves}), with the release's compose files that take their place; {@link
     * ComposeSplit#NONE} when none was dropped, when the old release's files are not known (no
     * pristine copy: Berth cannot tell whether the user edited them) or the release has no compose
     * file of its own.
     */
    static ComposeSplit composeSplit(List<String> current, Release rel, Optional<Path> base, FileTree tree) {
        if (base.isEmpty()) {
            return ComposeSplit.NONE;
        }
        Set<String> releaseFiles = releaseFiles(rel);
        List<String> dropped = current.stream()
                .filter(f -> !releaseFiles.contains(f))
                .filter(f -> Files.isRegularFile(base.get().resolve(f)))
                .toList();
        List<String> theirs = composeFilesOf(rel);
        if (dropped.isEmpty() || theirs.isEmpty() || !releaseFiles.containsAll(theirs)) {
            return ComposeSplit.NONE;
        }
        List<String> files = new ArrayList<>(theirs);
        current.stream()
                .filter(f -> !releaseFiles.contains(f) && !dropped.contains(f) && !files.contains(f))
                .forEach(files::add);
        List<String> edited = dropped.stream()
                .filter(f -> {
                    try {
                        byte[] old = Files.readAllBytes(base.get().resolve(f));
                        return tree.read(f)
                                .map(now -> !java.util.Arrays.equals(now, old))
                                .orElse(false);
                    } catch (IOException e) {
                        return true; // unreadable: treated as edited, so nothing is lost
                    }
                })
                .toList();
        return new ComposeSplit(dropped, List.copyOf(files), edited);
    }

    /** The install record with the compose files {@code compose}, staged with the files: a rollback puts both back. */
    private static void recordComposeFiles(FileTree tree, Install install, List<String> compose) {
        InstallRecord rec = install.record();
        tree.write(
                ".berth/install.json",
                json(new InstallRecord(
                        rec.project(), compose, rec.envFiles(), rec.profiles(), rec.app(), rec.release())));
    }

    private static byte[] json(Object value) {
        try {
            return Journal.JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + value + " as JSON: " + e.getMessage(), e);
        }
    }

    /** The release's files, relative, with forward slashes. */
    private static Set<String> releaseFiles(Release rel) {
        Set<String> files = new LinkedHashSet<>();
        rel.files().forEach(p -> files.add(p.toString().replace('\\', '/')));
        return files;
    }

    /** The compose files of the release: its manifest's, else the ones compose finds at its top. */
    private static List<String> composeFilesOf(Release rel) {
        List<String> named = rel.manifestOrEmpty().compose().files();
        return named.isEmpty() ? defaultComposeFiles(rel) : named;
    }

    private static List<String> defaultComposeFiles(Release rel) {
        try {
            return ComposeLoader.defaultFiles(rel.root()).stream()
                    .map(f -> rel.root()
                            .toAbsolutePath()
                            .normalize()
                            .relativize(f.toAbsolutePath().normalize())
                            .toString())
                    .toList();
        } catch (ConfigException e) {
            return List.of("none at its top");
        }
    }

    private static String safe(String v) {
        return v.isEmpty() ? "unknown" : v.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static Duration graceOf(long s) {
        return Duration.ofSeconds(s);
    }
}
