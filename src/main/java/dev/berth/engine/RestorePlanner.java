package dev.berth.engine;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupManifest;
import dev.berth.backup.BackupReader;
import dev.berth.backup.DumpRecord;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.MountRecord;
import dev.berth.backup.RestoreSpec;
import dev.berth.backup.StagedBackup;
import dev.berth.backup.VerifiedBackup;
import dev.berth.backup.VolumeRecord;
import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.PortMapping;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Plans the restore of a backup archive, after verifying all of it (every hash, the manifest, the
 * app, the format version): nothing is planned from an archive that is corrupt, truncated,
 * tampered with or newer than this Berth.
 *
 * <ul>
 *   <li><b>Same place</b> (the install the backup was made of, or its folder when it is gone): a
 *       safety backup of the current state, stop, set the current files and data folders aside,
 *       restore files, data folders and volumes, load the database dumps, start, verify. Any
 *       failure puts the state before the restore back.
 *   <li><b>New folder</b>: a new compose project name, data folders that lay outside the install
 *       moved into the new folder, published ports changed so that both installs run side by side
 *       ({@code --port-offset}, {@code --set}, else free ports), the same load, start and verify.
 * </ul>
 *
 * <p>Reads the archive once (verifying it while the files section goes into a scratch folder
 * that is removed again); writes nothing else but the new target folder itself.
 */
public final class RestorePlanner {
    private final ContainerRuntime runtime;
    private final ComposeLoader loader;
    private final UpgradePlanner shared;
    private final java.util.function.Function<String, Path> paths;

    public RestorePlanner(ContainerRuntime runtime, ComposeLoader loader) {
        this(runtime, loader, Path::of);
    }

    /**
     * @param paths turns the paths recorded in a backup (the install, its data folders) into paths
     *     of the machine the restore runs on (the engine's path factory: SFTP paths on a server)
     */
    public RestorePlanner(
            ContainerRuntime runtime, ComposeLoader loader, java.util.function.Function<String, Path> paths) {
        this.runtime = runtime;
        this.loader = loader;
        this.shared = new UpgradePlanner(runtime, loader);
        this.paths = paths;
    }

    /**
     * What the user chose.
     *
     * @param project the compose project name of a restore to a new folder (empty = from the
     *     folder's name)
     * @param portOffset added to every published port of a restore to a new folder (empty = free
     *     ports are picked)
     * @param set KEY=VALUE written to the restored {@code .env}; wins over the computed changes
     * @param safetyBackupDir where the backup of the current state goes before a same-place restore
     */
    public record Options(
            Optional<String> project, OptionalInt portOffset, Map<String, String> set, Path safetyBackupDir) {
        public Options {
            set = Map.copyOf(set);
        }
    }

    /**
     * A restore, planned.
     *
     * @param planned the plan (a refused one carries the failed check) and its report
     * @param overwritten what the restore replaces at the target, for people; empty for a new folder
     */
    public record Result(UpgradePlanner.Result planned, List<String> overwritten) {
        public Result {
            overwritten = List.copyOf(overwritten);
        }

        public Plan plan() {
            return planned.plan();
        }
    }

    /** Plans the restore of {@code archive} into {@code target}. Never throws for a refusal. */
    public Result plan(Path archive, Path target, Options options) {
        Path file = archive.toAbsolutePath().normalize();
        Path dir = target.toAbsolutePath().normalize();
        Path scratch;
        try {
            scratch = Files.createTempDirectory("berth-restore-plan-");
        } catch (IOException e) {
            return refused(
                    file,
                    dir,
                    "",
                    List.of(fail("archive", Text.of(Text.Key.CHECK_RESTORE_SCRATCH, String.valueOf(e)))),
                    List.of());
        }
        try {
            return plan(file, dir, options, scratch);
        } finally {
            deleteTree(scratch);
        }
    }

    private Result plan(Path file, Path dir, Options options, Path scratch) {
        List<Plan.Check> checks = new ArrayList<>();
        List<Text> warnings = new ArrayList<>();
        Path files = scratch.resolve("files");
        VerifiedBackup v;
        try {
            // One pass: the files section goes to the scratch folder while the archive is verified.
            RestoreSpec spec = RestoreSpec.nothing().withFiles(files);
            if (BackupReader.canStage(spec)) {
                try (StagedBackup s = BackupReader.stage(file, ExpectedApp.ANY, spec, (d, t, e) -> {}, () -> false)) {
                    v = s.backup();
                    s.moveIntoPlace();
                }
            } else {
                v = BackupReader.verify(file, ExpectedApp.ANY, (d, t, e) -> {}, () -> false);
                BackupReader.restore(v, spec, (d, t, e) -> {}, () -> false);
            }
        } catch (BackupException e) {
            checks.add(fail("archive", Failures.text(e)));
            return refused(file, dir, "", checks, warnings);
        }
        BackupManifest m = v.manifest();
        checks.add(ok(
                "archive",
                Text.of(
                        Text.Key.CHECK_RESTORE_ARCHIVE,
                        String.valueOf(file.getFileName()),
                        m.app(),
                        m.version(),
                        m.project(),
                        String.valueOf(m.created()),
                        m.berthVersion(),
                        String.valueOf(m.formatVersion()))));
        String sha;
        try {
            sha = FileHashes.sha256(file);
        } catch (IOException e) {
            checks.add(fail(
                    "archive", Text.of(Text.Key.CHECK_CANNOT_READ, file.toString(), String.valueOf(e.getMessage()))));
            return refused(file, dir, m.version(), checks, warnings);
        }

        boolean samePlace = dir.equals(paths.apply(m.install()).toAbsolutePath().normalize());
        Optional<InstallRecord> current = Optional.empty();
        try {
            if (Files.isDirectory(dir)) {
                current = InstallRecord.read(dir)
                        .or(() -> hasComposeFile(dir)
                                ? Optional.of(InstallInspector.guessRecord(dir))
                                : Optional.empty());
            }
        } catch (UncheckedIOException e) {
            checks.add(fail("target", Failures.text(e)));
            return refused(file, dir, m.version(), checks, warnings);
        }
        if (current.isPresent()) {
            InstallRecord r = current.get();
            if (!r.app().isEmpty() && !r.app().equals(m.app())) {
                checks.add(fail("app", Text.of(Text.Key.CHECK_RESTORE_OTHER_APP, dir.toString(), r.app(), m.app())));
            } else if (!samePlace && !r.project().equals(m.project())) {
                checks.add(fail(
                        "target",
                        Text.of(Text.Key.CHECK_RESTORE_OTHER_INSTALL, dir.toString(), r.project(), m.install())));
            } else {
                samePlace = true;
            }
        } else if (Files.isDirectory(dir) && !samePlace && hasEntries(dir)) {
            checks.add(fail("target", Text.of(Text.Key.CHECK_RESTORE_NOT_EMPTY, dir.toString())));
        } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
            checks.add(fail("target", Text.of(Text.Key.CHECK_RESTORE_FILE, dir.toString())));
        }
        if (failed(checks)) {
            return refused(file, dir, m.version(), checks, warnings);
        }

        try {
            InstallRecord archived = InstallRecord.read(files).orElseGet(() -> InstallInspector.guessRecord(files));
            return samePlace
                    ? samePlace(file, sha, dir, m, archived, current, files, options, checks, warnings)
                    : newFolder(file, sha, dir, m, archived, files, options, checks, warnings);
        } catch (BackupException e) {
            checks.add(fail("archive", Failures.text(e)));
            return refused(file, dir, m.version(), checks, warnings);
        } catch (IOException e) {
            checks.add(
                    fail("archive", Text.of(Text.Key.CHECK_RESTORE_FILES_UNREADABLE, String.valueOf(e.getMessage()))));
            return refused(file, dir, m.version(), checks, warnings);
        } catch (ConfigException | IllegalArgumentException e) {
            checks.add(fail("files", Text.of(Text.Key.CHECK_RESTORE_COMPOSE_UNUSABLE, String.valueOf(e.getMessage()))));
            return refused(file, dir, m.version(), checks, warnings);
        }
    }

    private Result samePlace(
            Path file,
            String sha,
            Path dir,
            BackupManifest m,
            InstallRecord archived,
            Optional<InstallRecord> current,
            Path files,
            Options options,
            List<Plan.Check> checks,
            List<Text> warnings)
            throws IOException {
        ComposeProject compose = load(files, archived);
        Manifest manifest = manifestOf(files);
        List<PlanStep> steps = new ArrayList<>();
        List<String> overwritten = new ArrayList<>();
        String fromVersion = "unknown";
        Optional<BackupSpace.Estimate> safetySize = Optional.empty();
        if (current.isPresent()) {
            Install inst = new InstallInspector(loader).inspect(dir);
            safetySize = Optional.of(BackupSpace.estimate(runtime, loader, inst.project(), dir));
            fromVersion =
                    inst.version().raw().isEmpty() ? "unknown" : inst.version().raw();
            overwritten.add("The files in " + dir + " (" + fromVersion + "), set aside first");
            List<String> running = runtime.services(inst.project()).stream()
                    .filter(s -> "running".equals(s.state()))
                    .map(ContainerRuntime.ServiceState::service)
                    .toList();
            Manifest currentManifest = inst.manifest().orElse(Manifest.EMPTY);
            UpgradePlanner.StopOrder stop =
                    UpgradePlanner.stopOrder(inst.compose().model(), currentManifest);
            List<PlanStep.DatabaseDump> dumps =
                    UpgradePlanner.databases(
                                    currentManifest.backup(), inst.compose().model())
                            .stream()
                            .filter(d -> running.contains(d.service()))
                            .toList();
            String safety = options.safetyBackupDir()
                    .toAbsolutePath()
                    .normalize()
                    .resolve(inst.record().project() + "-" + fromVersion.replaceAll("[^A-Za-z0-9._-]", "-")
                            + "-before-restore-"
                            + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                    .withZone(java.time.ZoneOffset.UTC)
                                    .format(java.time.Instant.now())
                            + ".berth")
                    .toString();
            checks.add(ok("safety", Text.of(Text.Key.CHECK_RESTORE_SAFETY, safety)));
            steps.add(new PlanStep.Backup(
                    "backup-hot",
                    Text.of(Text.Key.STEP_BACKUP_CURRENT_HOT),
                    PlanStep.Backup.Stage.HOT,
                    safety,
                    List.of()));
            List<String> app = stop.app().stream().filter(running::contains).toList();
            List<String> data = stop.data().stream().filter(running::contains).toList();
            if (!app.isEmpty()) {
                steps.add(new PlanStep.StopServices(
                        "stop-app", Text.of(Text.Key.STEP_STOP, app), app, stop.appGrace(), List.of()));
            }
            steps.add(new PlanStep.Backup(
                    "backup-final",
                    Text.of(Text.Key.STEP_BACKUP_CURRENT_FINAL),
                    PlanStep.Backup.Stage.FINAL,
                    safety,
                    dumps));
            List<String> rest = running.stream()
                    .filter(s -> !app.contains(s) && !data.contains(s))
                    .toList();
            List<String> last = new ArrayList<>(rest);
            last.addAll(data);
            if (!last.isEmpty()) {
                steps.add(new PlanStep.StopServices(
                        "stop-data", Text.of(Text.Key.STEP_STOP, last), last, stop.dataGrace(), List.of()));
            }
        } else {
            checks.add(new Plan.Check(
                    "target", Plan.Check.Status.OK, Text.of(Text.Key.CHECK_RESTORE_IN_PLACE, dir.toString())));
        }
        for (MountRecord mount : m.mounts()) {
            if (Files.exists(paths.apply(mount.source()))) {
                overwritten.add("The data folder " + mount.source() + ", set aside first");
            }
        }
        for (VolumeRecord vol : m.volumes()) {
            overwritten.add("The volume " + vol.name() + " (its content is in the safety backup)");
        }
        Map<String, String> env = new TreeMap<>(options.set());
        if (!env.isEmpty()) {
            applyEnv(files, archived, env);
            compose = load(files, archived);
        }
        String secrets = keepSecretsOut(env, manifest, dir);
        PlanStep.RestoreData.Placement placement =
                new PlanStep.RestoreData.Placement(false, "", Map.of(), Map.of(), Map.of(), env, secrets);
        checks.addAll(BackupSpace.restoreChecks(m, dir, safetySize, options.safetyBackupDir()));
        restoreSteps(steps, file, m, compose, manifest, placement, warnings);
        Plan plan = plan(
                file, sha, dir, archived, archived.project(), fromVersion, m.version(), steps, checks, warnings, 60);
        return new Result(
                new UpgradePlanner.Result(
                        plan, new PlanReport(List.of(), List.of(fromVersion, m.version()), List.of())),
                overwritten);
    }

    private Result newFolder(
            Path file,
            String sha,
            Path dir,
            BackupManifest m,
            InstallRecord archived,
            Path files,
            Options options,
            List<Plan.Check> checks,
            List<Text> warnings)
            throws IOException {
        String project = options.project().filter(p -> !p.isBlank()).orElse(InstallRecord.projectNameOf(dir));
        if (!project.matches("[a-z0-9][a-z0-9_-]*")) {
            checks.add(fail("project", Text.of(Text.Key.CHECK_PROJECT_NAME, project)));
        } else if (project.equals(m.project())) {
            checks.add(fail("project", Text.of(Text.Key.CHECK_PROJECT_SAME, project)));
        } else {
            ContainerRuntime.Project probe =
                    new ContainerRuntime.Project(project, dir, List.of(), List.of(), List.of());
            if (!runtime.services(probe).isEmpty() || !runtime.volumes(probe).isEmpty()) {
                checks.add(fail("project", Text.of(Text.Key.CHECK_PROJECT_EXISTS, project)));
            } else {
                checks.add(new Plan.Check(
                        "project", Plan.Check.Status.OK, Text.of(Text.Key.CHECK_RESTORE_PROJECT, project)));
            }
        }
        // Volumes get the new project's prefix, as compose names them.
        Map<String, String> volumes = new TreeMap<>();
        Map<String, String> labels = new TreeMap<>();
        for (VolumeRecord vol : m.volumes()) {
            String prefix = m.project() + "_";
            if (!vol.name().startsWith(prefix)) {
                checks.add(fail("volumes", Text.of(Text.Key.CHECK_VOLUME_FIXED_NAME, vol.name())));
                continue;
            }
            String key = vol.name().substring(prefix.length());
            volumes.put(vol.name(), project + "_" + key);
            labels.put(project + "_" + key, key);
        }
        // Data folders inside the install move with it; the others come into the new folder too.
        EnvFile envFile = envOf(files, archived);
        Map<String, String> values = envFile.values();
        Map<String, String> env = new TreeMap<>();
        Map<String, String> mounts = new TreeMap<>();
        for (MountRecord mount : m.mounts()) {
            Path to;
            if (!mount.envVariable().isEmpty() && options.set().containsKey(mount.envVariable())) {
                to = dir.resolve(options.set().get(mount.envVariable())).normalize();
            } else if (mount.relative() != null && !mount.relative().isEmpty()) {
                to = dir.resolve(mount.relative()).normalize();
                String value = values.getOrDefault(mount.envVariable(), "");
                if (!mount.envVariable().isEmpty() && Path.of(value).isAbsolute()) {
                    env.put(mount.envVariable(), to.toString());
                }
            } else if (!mount.envVariable().isEmpty()) {
                to = dir.resolve(Path.of(mount.source()).getFileName().toString())
                        .normalize();
                env.put(mount.envVariable(), to.toString());
            } else {
                checks.add(fail("data", Text.of(Text.Key.CHECK_DATA_FOLDER_FIXED, mount.source())));
                continue;
            }
            mounts.put(mount.id(), to.toString());
            if (!to.startsWith(dir)) {
                warnings.add(Text.of(Text.Key.WARN_DATA_FOLDER_MOVED, mount.source(), to.toString()));
            }
        }
        // Published ports: the variables that set them move; ports written into the compose file cannot.
        ComposeProject compose = load(files, archived);
        String composeText = composeText(files, archived);
        Set<Integer> taken = new LinkedHashSet<>();
        for (ComposeService s : compose.model().services().values()) {
            for (PortMapping p : s.ports()) {
                int port = p.publishedPort();
                if (port <= 0) {
                    continue;
                }
                Optional<String> variable = values.entrySet().stream()
                        .filter(e -> e.getValue().equals(String.valueOf(port)))
                        .map(Map.Entry::getKey)
                        .filter(k -> composeText.contains("${" + k + "}")
                                || composeText.contains("${" + k + ":")
                                || composeText.contains("${" + k + "-")
                                || composeText.contains("$" + k))
                        .findFirst();
                if (variable.isEmpty()) {
                    checks.add(
                            (free(port) ? Plan.Check.Status.WARN : Plan.Check.Status.FAIL) == Plan.Check.Status.FAIL
                                    ? fail(
                                            "ports",
                                            Text.of(Text.Key.CHECK_PORT_FIXED_IN_USE, String.valueOf(port), s.name()))
                                    : new Plan.Check(
                                            "ports",
                                            Plan.Check.Status.WARN,
                                            Text.of(Text.Key.CHECK_PORT_FIXED, String.valueOf(port), s.name())));
                    continue;
                }
                String key = variable.get();
                if (options.set().containsKey(key) || env.containsKey(key)) {
                    continue;
                }
                int moved;
                if (options.portOffset().isPresent()) {
                    moved = port + options.portOffset().getAsInt();
                    if (moved < 1 || moved > 65535) {
                        checks.add(fail(
                                "ports",
                                Text.of(
                                        Text.Key.CHECK_PORT_OFFSET_OUT_OF_RANGE,
                                        String.valueOf(port),
                                        String.valueOf(options.portOffset().getAsInt()))));
                        continue;
                    }
                    if (!free(moved)) {
                        checks.add(
                                fail("ports", Text.of(Text.Key.CHECK_PORT_MOVED_IN_USE, String.valueOf(moved), key)));
                    }
                } else {
                    moved = port + 1;
                    while (moved <= 65535 && (taken.contains(moved) || !free(moved))) {
                        moved++;
                    }
                }
                taken.add(moved);
                env.put(key, String.valueOf(moved));
                // Ports as strings: a number argument would be formatted "8,080".
                warnings.add(Text.of(Text.Key.WARN_PORT_MOVED, String.valueOf(port), key, String.valueOf(moved)));
            }
        }
        env.putAll(options.set());
        checks.addAll(BackupSpace.restoreChecks(m, dir, Optional.empty(), dir));
        if (failed(checks)) {
            return refused(file, dir, m.version(), checks, warnings);
        }
        applyEnv(files, archived, env);
        compose = load(files, archived);
        Manifest manifest = manifestOf(files);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            checks.add(fail(
                    "target",
                    Text.of(Text.Key.CHECK_TARGET_CANNOT_CREATE, dir.toString(), String.valueOf(e.getMessage()))));
            return refused(file, dir, m.version(), checks, warnings);
        }
        List<PlanStep> steps = new ArrayList<>();
        String secrets = keepSecretsOut(env, manifest, dir);
        PlanStep.RestoreData.Placement placement =
                new PlanStep.RestoreData.Placement(true, project, mounts, volumes, labels, env, secrets);
        restoreSteps(steps, file, m, compose, manifest, placement, warnings);
        InstallRecord rec = new InstallRecord(
                project,
                archived.composeFiles(),
                archived.envFiles(),
                archived.profiles(),
                archived.app(),
                archived.release());
        Plan plan = plan(file, sha, dir, rec, project, "", m.version(), steps, checks, warnings, 0);
        return new Result(
                new UpgradePlanner.Result(plan, new PlanReport(List.of(), List.of("", m.version()), List.of())),
                List.of());
    }

    /** The database type a dump format belongs to, for dumps the release's manifest does not describe. */
    private static String typeOfFormat(String format) {
        return format.startsWith("mysqldump") ? "mysql" : "postgres";
    }

    /** Restore, load the dumps, start, verify, record: the part both kinds share. */
    private void restoreSteps(
            List<PlanStep> steps,
            Path file,
            BackupManifest m,
            ComposeProject compose,
            Manifest manifest,
            PlanStep.RestoreData.Placement placement,
            List<Text> warnings) {
        steps.add(new PlanStep.RestoreData(
                "restore",
                Text.of(Text.Key.STEP_RESTORE, m.version()),
                file.toString(),
                PlanStep.RestoreData.RestoreScope.FILES_AND_DATA,
                placement));
        List<PlanStep.DatabaseDump> specs = UpgradePlanner.databases(manifest.backup(), compose.model());
        List<String> loadable = new ArrayList<>();
        List<PlanStep> loads = new ArrayList<>();
        for (DumpRecord d : m.databases()) {
            PlanStep.DatabaseDump spec = specs.stream()
                    .filter(x -> x.service().equals(d.service()))
                    .findFirst()
                    .orElse(UpgradePlanner.defaultDump(d.service(), typeOfFormat(d.format())));
            var tool = DatabaseDumps.forFormat(d.format(), spec);
            // An empty dump: the container had no dump tool when the backup was taken.
            boolean empty = m.entries().stream().anyMatch(e -> e.path().equals(d.path()) && e.size() == 0);
            if (tool.isEmpty() || empty) {
                warnings.add(Text.of(
                        empty ? Text.Key.WARN_DUMP_EMPTY : Text.Key.WARN_DUMP_NOT_LOADED, d.service(), d.format()));
                continue;
            }
            loadable.add(d.service());
            loads.add(new PlanStep.Migrate(
                    "load-" + d.service(),
                    Text.of(Text.Key.STEP_LOAD_DUMP, d.service()),
                    new PlanStep.Migration.Exec(
                            d.service(),
                            List.of("sh", "-c", tool.get().loadScript()),
                            Path.of(d.path()).getFileName().toString(),
                            ""),
                    false));
        }
        if (!loads.isEmpty()) {
            steps.add(new PlanStep.StartServices(
                    "start-databases", Text.of(Text.Key.STEP_START_DUMPS, loadable), loadable));
            steps.add(UpgradePlanner.waitUntilAccepting("wait-databases", loadable));
            steps.addAll(loads);
        }
        steps.add(
                new PlanStep.StartServices("start", Text.of(Text.Key.STEP_START_APP, m.app(), m.version()), List.of()));
        steps.add(shared.verifyStep("verify", Text.of(Text.Key.STEP_VERIFY_RESTORED), compose, manifest));
        steps.add(
                new PlanStep.RecordHistory("record", Text.of(Text.Key.STEP_RECORD_RESTORE, m.version()), m.version()));
    }

    private static Plan plan(
            Path file,
            String sha,
            Path dir,
            InstallRecord rec,
            String project,
            String from,
            String to,
            List<PlanStep> steps,
            List<Plan.Check> checks,
            List<Text> warnings,
            long downtime) {
        return new Plan(
                Plan.Kind.RESTORE,
                dir.toString(),
                project,
                rec.composeFiles(),
                rec.envFiles(),
                rec.profiles(),
                from,
                to,
                file.toString(),
                steps,
                checks,
                Map.of(file.toString(), sha),
                warnings,
                downtime,
                Plan.DataRollback.KEEP);
    }

    private static Result refused(Path file, Path dir, String version, List<Plan.Check> checks, List<Text> warnings) {
        Plan plan = new Plan(
                Plan.Kind.RESTORE,
                dir.toString(),
                "",
                List.of(),
                List.of(),
                List.of(),
                "",
                version,
                file.toString(),
                List.of(),
                checks,
                Map.of(),
                warnings,
                0,
                Plan.DataRollback.KEEP);
        return new Result(
                new UpgradePlanner.Result(plan, new PlanReport(List.of(), List.of("", version), List.of())), List.of());
    }

    private ComposeProject load(Path files, InstallRecord rec) {
        return loader.load(new ProjectOptions(
                Optional.of(files),
                rec.composeFiles().stream().map(files::resolve).toList(),
                rec.envFiles().stream()
                        .map(files::resolve)
                        .filter(Files::exists)
                        .toList(),
                rec.profiles(),
                VariableSource.ENV_FILES,
                Map.of()));
    }

    private static Manifest manifestOf(Path files) {
        for (Path f : List.of(
                Install.pristineDir(files).resolve(ManifestParser.FILE_NAME),
                files.resolve(ManifestParser.FILE_NAME))) {
            if (Files.isRegularFile(f)) {
                return ManifestParser.load(f, f.toString());
            }
        }
        return Manifest.EMPTY;
    }

    private static EnvFile envOf(Path files, InstallRecord rec) throws IOException {
        Path env =
                files.resolve(rec.envFiles().isEmpty() ? ".env" : rec.envFiles().getFirst());
        return Files.isRegularFile(env) ? EnvParser.parse(env) : EnvFile.empty(env.toString());
    }

    /**
     * Takes the secret values (secret in the backup's manifest, or by name) out of {@code env} and
     * writes them to a 0600 {@code .env} in a private folder below the target's {@code
     * .berth/staging/}, where the run reads them: the plan is shown, sent as events and kept in the
     * journal, none of which may hold a secret. Returns that file's path, or "" when there is none.
     */
    private static String keepSecretsOut(Map<String, String> env, Manifest manifest, Path dir) throws IOException {
        Map<String, dev.berth.config.env.VariableSpec> specs = new java.util.HashMap<>();
        manifest.env().forEach(s -> specs.put(s.name(), s));
        EnvFile secret = EnvFile.empty(".env");
        boolean any = false;
        for (String key : List.copyOf(env.keySet())) {
            if (dev.berth.config.env.Secrets.isSecret(key, specs.get(key))) {
                secret = secret.withValue(key, env.remove(key));
                any = true;
            }
        }
        if (!any) {
            return "";
        }
        Path staging = Journal.berthDir(dir)
                .resolve("staging")
                .resolve("restore-set-" + java.util.UUID.randomUUID().toString().substring(0, 8));
        InstallPlanner.stagePrivate(staging);
        Path file = staging.resolve(".env");
        dev.berth.config.AtomicFiles.writePrivate(file, EnvWriter.toBytes(secret));
        return file.toString();
    }

    private static void applyEnv(Path files, InstallRecord rec, Map<String, String> env) throws IOException {
        EnvFile f = envOf(files, rec);
        for (var e : env.entrySet()) {
            f = f.withValue(e.getKey(), e.getValue());
        }
        EnvWriter.write(
                f,
                files.resolve(rec.envFiles().isEmpty() ? ".env" : rec.envFiles().getFirst()));
    }

    private static String composeText(Path files, InstallRecord rec) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : rec.composeFiles()) {
            Path p = files.resolve(f);
            if (Files.isRegularFile(p)) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString();
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasComposeFile(Path dir) {
        return Stream.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
                .anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static boolean hasEntries(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean failed(List<Plan.Check> checks) {
        return checks.stream().anyMatch(c -> c.status() == Plan.Check.Status.FAIL);
    }

    private static Plan.Check fail(String name, Text message) {
        return new Plan.Check(name, Plan.Check.Status.FAIL, message);
    }

    private static Plan.Check ok(String name, Text message) {
        return new Plan.Check(name, Plan.Check.Status.OK, message);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a scratch folder in the temp dir; the system cleans it up
        }
    }
}
