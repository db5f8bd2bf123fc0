package dev.berth.docker.scan;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.MissingVariableException;
import dev.berth.docker.ComposeLabels;
import dev.berth.docker.ContainerSummary;
import dev.berth.docker.DiskUsage;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerException;
import dev.berth.docker.ImageInfo;
import dev.berth.docker.ImageReference;
import dev.berth.docker.VolumeInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;

/**
 * Finds installs: every compose project the engine has containers for (running or stopped; one-off
 * {@code run} containers and containers not created by compose are left out), and folders with a
 * compose file but no containers. A handful of engine calls, whatever the number of containers.
 */
public final class InstallScanner {
    /** How deep under a given folder to look for compose files (the folder itself is depth 0). */
    public static final int FOLDER_DEPTH = 2;

    private static final int MAX_HELPER_READ = 1024 * 1024;
    private static final int NAMES_IN_NOTES = 5;

    private final DockerEngine engine;
    private final Path userHome;

    /** Scans this computer. */
    public InstallScanner(DockerEngine engine) {
        this(engine, engine.environment().userHome());
    }

    /**
     * Scans the machine of {@code engine} whose files {@code userHome}'s file system reaches (a
     * server's through SFTP): compose labels and file names become paths of that file system.
     *
     * @param userHome the login home on that machine ({@code ~} in env values)
     */
    public InstallScanner(DockerEngine engine, Path userHome) {
        this.engine = engine;
        this.userHome = userHome;
    }

    /**
     * Scans the engine and {@code folders}.
     *
     * @param folders folders to search (to depth {@value #FOLDER_DEPTH}) for installs without containers
     * @throws DockerException when the engine cannot be asked; nothing is changed
     * @throws InterruptedException when the thread is interrupted (a helper container may be running)
     */
    public ScanResult scan(List<Path> folders, ScanOptions options) throws InterruptedException {
        FutureTask<DiskUsage> usage = new FutureTask<>(engine::diskUsage);
        if (options.sizes() == ScanOptions.Sizes.MEASURE) {
            Thread.ofVirtual().name("berth-system-df").start(usage);
        }
        List<ContainerSummary> containers = engine.containers();
        List<VolumeInfo> volumes = engine.volumes();
        boolean needImages = containers.stream().anyMatch(c -> c.image().startsWith("sha256:"));
        List<ImageInfo> images = needImages ? engine.images() : List.of();

        List<String> notes = new ArrayList<>();
        Map<String, List<ContainerSummary>> byProject = new TreeMap<>();
        List<String> plain = new ArrayList<>();
        int oneOff = 0;
        for (ContainerSummary c : containers) {
            Optional<String> project = c.label(ComposeLabels.PROJECT);
            if (project.isEmpty()) {
                plain.add(c.name());
            } else if (c.label(ComposeLabels.ONEOFF).orElse("False").equalsIgnoreCase("True")) {
                oneOff++;
            } else {
                byProject.computeIfAbsent(project.get(), k -> new ArrayList<>()).add(c);
            }
        }
        if (!plain.isEmpty()) {
            plain.sort(null);
            notes.add(plain.size() + (plain.size() == 1 ? " container was" : " containers were")
                    + " not created by compose and left out: " + names(plain) + ".");
        }
        if (oneOff > 0) {
            notes.add(oneOff + " one-off container" + (oneOff == 1 ? "" : "s") + " (docker compose run) left out.");
        }

        InstallAnalyzer analyzer = new InstallAnalyzer(readingFiles(), images, volumes, userHome);
        List<Install> installs = new ArrayList<>();
        byProject.forEach((project, cs) -> installs.add(analyzer.fromContainers(project, cs)));

        Set<Path> knownDirs = new HashSet<>();
        for (Install i : installs) {
            i.workingDir().ifPresent(d -> knownDirs.add(ComposeFolders.realPath(d)));
        }
        ComposeFolders.find(folders, FOLDER_DEPTH, notes).forEach((dir, files) -> {
            if (!knownDirs.contains(dir)) {
                installs.add(analyzer.fromFolder(dir, files));
            }
        });

        List<Install> checked =
                options.drift() == ScanOptions.Drift.CHECK ? drift(analyzer, installs, byProject) : installs;
        List<Install> warned = crossWarnings(checked);
        List<Install> measured = warned;
        if (options.sizes() == ScanOptions.Sizes.MEASURE) {
            measured = DataSizer.measure(warned, await(usage), engine);
        }
        List<Install> sorted = new ArrayList<>(measured);
        sorted.sort(Comparator.comparing(Install::project)
                .thenComparing(i -> i.workingDir().map(Path::toString).orElse("")));
        return new ScanResult(sorted, notes);
    }

    /**
     * Adds data sizes to installs of a scan made with {@link ScanOptions.Sizes#SKIP}, so a list can
     * be shown before its sizes (measuring walks folders and asks the engine's disk use, which is
     * slow on a host with many volumes).
     *
     * @throws InterruptedException when the thread is interrupted (a helper container may be running)
     */
    public List<Install> measure(List<Install> installs) throws InterruptedException {
        return DataSizer.measure(installs, engine.diskUsage(), engine);
    }

    /** Parallel calls to the engine while checking drift: enough to hide latency, few enough to be polite. */
    private static final int DRIFT_PARALLELISM = 8;

    /**
     * Adds drift warnings to installs found through containers whose folder is there: their files
     * are loaded and one container per service inspected, several installs at a time.
     */
    private List<Install> drift(
            InstallAnalyzer analyzer, List<Install> installs, Map<String, List<ContainerSummary>> byProject)
            throws InterruptedException {
        List<Install> out = new ArrayList<>(installs);
        Semaphore slots = new Semaphore(DRIFT_PARALLELISM);
        Map<Integer, Future<List<InstallWarning>>> pending = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int n = 0; n < installs.size(); n++) {
                Install i = installs.get(n);
                if (i.origin() != Install.Origin.CONTAINERS
                        || i.workingDirState() != Install.WorkingDirState.PRESENT
                        || i.configFiles().isEmpty()) {
                    continue;
                }
                List<ContainerSummary> cs = byProject.getOrDefault(i.project(), List.of());
                pending.put(n, pool.submit(() -> {
                    slots.acquire();
                    try {
                        return driftOf(analyzer, i, cs);
                    } finally {
                        slots.release();
                    }
                }));
            }
            for (var e : pending.entrySet()) {
                List<InstallWarning> w;
                try {
                    w = e.getValue().get();
                } catch (ExecutionException ex) {
                    Throwable cause = ex.getCause();
                    w = List.of(new InstallWarning(
                            InstallWarning.Kind.DRIFT,
                            "Could not compare the compose files with the containers: " + cause.getMessage()));
                }
                if (!w.isEmpty()) {
                    out.set(e.getKey(), out.get(e.getKey()).withWarnings(w));
                }
            }
        }
        return out;
    }

    private List<InstallWarning> driftOf(InstallAnalyzer analyzer, Install i, List<ContainerSummary> containers) {
        ComposeProject files;
        try {
            List<Path> envFiles = i.envFile().isPresent() && !i.envFile().get().endsWith(".env")
                    ? List.of(i.envFile().get())
                    : List.of();
            files = analyzer.load(i.workingDir().orElseThrow(), i.configFiles(), envFiles);
        } catch (MissingVariableException e) {
            return List.of(new InstallWarning(
                    InstallWarning.Kind.DRIFT,
                    "The compose files need the variable " + e.variable() + ", which its env file does not set: the"
                            + " install was started with it set in the shell. Add it to the env file so that it can be"
                            + " managed (by Berth or plain docker compose) without that shell."));
        } catch (ConfigException e) {
            return List.of(new InstallWarning(
                    InstallWarning.Kind.DRIFT,
                    "The compose files could not be loaded (" + e.getMessage() + "), so they were not compared"
                            + " with what runs. Fix them before upgrading; check with: docker compose config"));
        }
        Map<String, ContainerSummary> newest = new LinkedHashMap<>();
        for (ContainerSummary c : containers) {
            newest.merge(
                    c.label(ComposeLabels.SERVICE).orElse(c.name()),
                    c,
                    (a, b) -> a.created().isAfter(b.created()) ? a : b);
        }
        Map<String, Map<String, String>> env = new LinkedHashMap<>();
        for (ContainerSummary c : newest.values()) {
            try {
                env.put(c.id(), engine.containerEnvironment(c.id()));
            } catch (DockerException e) {
                // Removed while scanning: compared without its environment.
            }
        }
        return DriftDetector.compare(i.project(), files, containers, env);
    }

    private static DiskUsage await(FutureTask<DiskUsage> usage) throws InterruptedException {
        try {
            return usage.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DockerException d) {
                throw d;
            }
            throw new DockerException("Asking the engine for disk use failed: " + e.getCause(), e.getCause());
        }
    }

    private static String names(List<String> names) {
        if (names.size() <= NAMES_IN_NOTES) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, NAMES_IN_NOTES)) + " and " + (names.size() - NAMES_IN_NOTES)
                + " more";
    }

    /** Reads as this user; files it may not read are read through a helper container. */
    private HostFiles readingFiles() {
        HostFiles direct = HostFiles.direct();
        return file -> {
            HostFiles.Text t = direct.read(file);
            if (t.status() != HostFiles.Status.UNREADABLE) {
                return t;
            }
            try {
                byte[] bytes = engine.readFile(file, MAX_HELPER_READ);
                return new HostFiles.Text(HostFiles.Status.OK, new String(bytes, StandardCharsets.UTF_8), "");
            } catch (DockerException e) {
                return new HostFiles.Text(
                        HostFiles.Status.UNREADABLE,
                        "",
                        t.problem() + "; reading it through a helper container failed too: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return t;
            }
        };
    }

    /** Warnings that need all installs: one folder used twice, one app installed twice, a name clash. */
    static List<Install> crossWarnings(List<Install> installs) {
        Map<Path, List<Install>> byDir = new LinkedHashMap<>();
        Map<Set<String>, List<Install>> byApp = new LinkedHashMap<>();
        Map<String, List<Install>> byName = new LinkedHashMap<>();
        for (Install i : installs) {
            if (i.origin() == Install.Origin.CONTAINERS) {
                i.workingDir()
                        .ifPresent(d ->
                                byDir.computeIfAbsent(d, k -> new ArrayList<>()).add(i));
                byName.computeIfAbsent(i.project(), k -> new ArrayList<>()).add(i);
            }
            Set<String> app = appIdentity(i);
            if (!app.isEmpty()) {
                byApp.computeIfAbsent(app, k -> new ArrayList<>()).add(i);
            }
        }
        Map<Install, List<InstallWarning>> extra = new LinkedHashMap<>();
        byDir.forEach((dir, group) -> {
            if (group.size() > 1) {
                for (Install i : group) {
                    extra.computeIfAbsent(i, k -> new ArrayList<>())
                            .add(new InstallWarning(
                                    InstallWarning.Kind.SAME_WORKING_DIR,
                                    "Projects " + projects(group) + " were all started from " + dir + " (with"
                                            + " different -p names): they share its files and .env but not their"
                                            + " containers or volumes. Keep one, remove the others with"
                                            + " 'docker compose -p NAME down'."));
                }
            }
        });
        byApp.forEach((app, group) -> {
            if (group.size() > 1) {
                for (Install i : group) {
                    List<Install> others = group.stream()
                            .filter(o -> o != i && !o.workingDir().equals(i.workingDir()))
                            .toList();
                    if (!others.isEmpty()) {
                        extra.computeIfAbsent(i, k -> new ArrayList<>())
                                .add(new InstallWarning(
                                        InstallWarning.Kind.SAME_APP,
                                        "The same app (" + String.join(", ", app) + ") is also installed as "
                                                + others.stream()
                                                        .map(o -> o.project() + " in "
                                                                + o.workingDir()
                                                                        .map(Path::toString)
                                                                        .orElse("?"))
                                                        .toList()
                                                + "; Berth treats each install on its own."));
                    }
                }
            }
        });
        for (Install i : installs) {
            if (i.origin() == Install.Origin.FOLDER && byName.containsKey(i.project())) {
                Install running = byName.get(i.project()).getFirst();
                extra.computeIfAbsent(i, k -> new ArrayList<>())
                        .add(new InstallWarning(
                                InstallWarning.Kind.PROJECT_NAME_CLASH,
                                "This folder's project name '" + i.project() + "' is already used by the install in "
                                        + running.workingDir()
                                                .map(Path::toString)
                                                .orElse("?")
                                        + ": starting it as is would replace that install's containers. Give it"
                                        + " another name (COMPOSE_PROJECT_NAME in its .env) first."));
            }
        }
        List<Install> out = new ArrayList<>();
        for (Install i : installs) {
            out.add(extra.containsKey(i) ? i.withWarnings(extra.get(i)) : i);
        }
        return out;
    }

    /** The app's own image repositories (no tags; databases and proxies left out). */
    static Set<String> appIdentity(Install i) {
        Set<String> repos = new TreeSet<>();
        for (ServiceInfo s : i.services()) {
            String image = s.image();
            if (image.isBlank() || image.contains("$") || image.startsWith("sha256:")) {
                continue;
            }
            ImageReference ref = ImageReference.parse(image);
            if (!InstallAnalyzer.DATABASE_IMAGES.contains(ref.name())
                    && !InstallAnalyzer.SUPPORTING_IMAGES.contains(ref.name())) {
                repos.add(ref.repository());
            }
        }
        return repos;
    }

    private static String projects(List<Install> group) {
        return String.join(", ", group.stream().map(Install::project).toList());
    }
}
