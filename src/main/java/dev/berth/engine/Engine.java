package dev.berth.engine;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.release.Release;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The one engine API the CLI and the GUI call: inspect, plan, run, resume, roll back. Every method
 * blocks; call them off the GUI thread. Runs report through a {@link RunListener} on the calling
 * thread and end with a {@link RunReport}.
 */
public final class Engine {
    private final ContainerRuntime runtime;
    private final ComposeLoader loader;
    private final Function<ContainerRuntime.Project, BackupSteps> backups;
    private final String berthVersion;
    private final CrashPoints crashPoints;
    private final Function<String, Path> paths;
    private final RunLock lock;

    /**
     * An engine for installs on this computer, locked with {@link InstallLock}.
     *
     * @param backups makes the backup side of a run for a project
     * @param berthVersion recorded in journals and backups
     */
    public Engine(
            ContainerRuntime runtime,
            ComposeLoader loader,
            Function<ContainerRuntime.Project, BackupSteps> backups,
            String berthVersion,
            CrashPoints crashPoints) {
        this(runtime, loader, backups, berthVersion, crashPoints, Path::of, InstallLock::acquire);
    }

    /**
     * An engine for installs on the machine {@code runtime} works on.
     *
     * @param paths turns the path strings of plans and journals into paths of that machine's file
     *     system (the local one, or a server's through SFTP)
     * @param lock the lock both this and any other Berth take on that machine's installs
     */
    public Engine(
            ContainerRuntime runtime,
            ComposeLoader loader,
            Function<ContainerRuntime.Project, BackupSteps> backups,
            String berthVersion,
            CrashPoints crashPoints,
            Function<String, Path> paths,
            RunLock lock) {
        this.runtime = runtime;
        this.loader = loader;
        this.backups = backups;
        this.berthVersion = berthVersion;
        this.crashPoints = crashPoints;
        this.paths = paths;
        this.lock = lock;
    }

    /** A path of the file system the installs live on, e.g. the {@code --install} argument. */
    public Path path(String path) {
        return paths.apply(path);
    }

    public ContainerRuntime runtime() {
        return runtime;
    }

    /** Looks at an install folder. */
    public Install inspect(Path installDir) {
        return new InstallInspector(loader).inspect(installDir);
    }

    /** Plans an upgrade of an install to a release. */
    public UpgradePlanner.Result planUpgrade(
            Install install,
            Release target,
            ReleaseCatalog catalog,
            ReleaseLoader loader,
            UpgradePlanner.Options options) {
        return new UpgradePlanner(runtime, this.loader).plan(install, target, catalog, loader, options);
    }

    /** Plans a first install. */
    public UpgradePlanner.Result planInstall(Release release, Path target, InstallPlanner.Options options) {
        return new InstallPlanner(runtime, loader).plan(release, target, options);
    }

    /**
     * Plans a change of an install's values (and edited files): only the services whose resolved
     * configuration changes are recreated.
     */
    public UpgradePlanner.Result planConfigure(
            Install install, java.util.Map<String, String> answers, java.util.Map<String, byte[]> files) {
        return new ConfigurePlanner(runtime, loader).plan(install, answers, files);
    }

    /**
     * Plans a standalone backup of an install (a run of kind {@link Plan.Kind#BACKUP}); the plan's
     * "consistency" check says how it is made consistent.
     */
    public UpgradePlanner.Result planBackup(Install install, BackupPlanner.Options options) {
        return new BackupPlanner(runtime, loader).plan(install, options);
    }

    /**
     * Verifies a backup archive and plans its restore into {@code target}: the install it was made
     * of (or its folder, when gone) or a new folder. A bad archive gives a refused plan.
     */
    public RestorePlanner.Result planRestore(Path archive, Path target, RestorePlanner.Options options) {
        return new RestorePlanner(runtime, loader, paths).plan(archive, target, options);
    }

    /**
     * Proves a backup restores: restores it into {@code scratch} (a new folder) as the compose
     * project {@code project} on free ports, starts it, checks its health, then removes the
     * containers, volumes and folder again whatever happened.
     *
     * @return the report of the restore run (succeeded = the backup restores and the app works)
     */
    public RunReport testRestore(
            Path archive, Path scratch, String project, RunListener listener, Cancellation cancellation) {
        RestorePlanner.Result r = planRestore(
                archive,
                scratch,
                new RestorePlanner.Options(
                        Optional.of(project), OptionalInt.empty(), Map.of(), scratch.resolveSibling("unused")));
        try {
            return run(r.plan(), listener, cancellation);
        } finally {
            ContainerRuntime.Project p = new ContainerRuntime.Project(
                    project,
                    scratch,
                    r.plan().composeFiles().stream().map(scratch::resolve).toList(),
                    r.plan().envFiles().stream()
                            .map(scratch::resolve)
                            .filter(Files::exists)
                            .toList(),
                    r.plan().profiles());
            List<String> problems = new ArrayList<>();
            if (!r.plan().refused() && Files.isDirectory(scratch)) {
                try {
                    runtime.down(p, line -> {});
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
            for (String v : runtime.volumes(p)) {
                try {
                    runtime.removeVolume(v);
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
            try {
                deleteTree(scratch);
            } catch (IOException e) {
                problems.add("Could not remove " + scratch + ": " + e.getMessage());
            }
            if (!problems.isEmpty()) {
                listener.onEvent(new RunEvent.Warning(
                        "",
                        Text.of(
                                Text.Key.WARN_TEST_RESTORE_LEFT,
                                problems.stream().map(Text::plain).toList()),
                        java.time.Instant.now()));
            }
        }
    }

    /**
     * Plans a backup of an install into {@code backupDir} with the consistency its databases allow
     * (see {@link BackupPlanner}).
     */
    public UpgradePlanner.Result planBackup(Install install, Path backupDir) {
        return planBackup(install, new BackupPlanner.Options(backupDir, Optional.empty()));
    }

    /** Runs a plan. */
    public RunReport run(Plan plan, RunListener listener, Cancellation cancellation) {
        return runner(plan).run(plan, listener, cancellation);
    }

    /**
     * Whether another process holds the run lock of the install now (a run is going on there, on
     * this machine or from another one). Takes the lock for a moment when it is free.
     */
    public boolean busy(Path installDir) {
        try (RunLock.Held held = lock.acquire(installDir, "checking for an unfinished run")) {
            return false;
        } catch (RunLock.LockedException e) {
            return true;
        }
    }

    /** Finishes the unfinished run of an install. */
    public RunReport resume(Path installDir, RunListener listener, Cancellation cancellation) {
        return Journal.load(installDir)
                .map(j -> runner(PlanRunner.planOf(j)).resume(installDir, listener, cancellation))
                .orElseGet(() -> nothing(installDir).resume(installDir, listener, cancellation));
    }

    /** Undoes the unfinished run of an install. */
    public RunReport rollback(Path installDir, RunListener listener) {
        return Journal.load(installDir)
                .map(j -> runner(PlanRunner.planOf(j)).rollback(installDir, listener))
                .orElseGet(() -> nothing(installDir).rollback(installDir, listener));
    }

    /**
     * Where the versions between an install and a target come from: the git repository's tags for
     * a tag, the parent folder when it holds several release folders, else the target alone.
     */
    public static ReleaseCatalog catalogFor(Release target, ReleaseLoader loader) {
        if (target.source() instanceof ReleaseSource.Folder f) {
            Path parent = f.path().toAbsolutePath().normalize().getParent();
            if (parent != null && releaseFolders(parent) >= 2) {
                return ReleaseCatalog.ofFolder(parent, loader);
            }
        }
        return ReleaseCatalog.around(target);
    }

    private static long releaseFolders(Path parent) {
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(Files::isDirectory)
                    .filter(d ->
                            !ComposeLoader.defaultFiles(d).isEmpty() || Files.isRegularFile(d.resolve("berth.yaml")))
                    .count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private PlanRunner runner(Plan plan) {
        ContainerRuntime.Project project = plan.composeProject(paths);
        StepExecutor ex = new ComposeStepExecutor(runtime, backups.apply(project), project);
        return new PlanRunner(ex, crashPoints, berthVersion, paths, lock);
    }

    private PlanRunner nothing(Path installDir) {
        ContainerRuntime.Project project =
                new ContainerRuntime.Project("", installDir, List.of(), List.of(), List.of());
        return new PlanRunner(
                new ComposeStepExecutor(runtime, backups.apply(project), project),
                crashPoints,
                berthVersion,
                paths,
                lock);
    }
}
