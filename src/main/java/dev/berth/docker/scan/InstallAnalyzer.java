package dev.berth.docker.scan;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.compose.VolumeMount;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.VariableLookup;
import dev.berth.docker.ComposeLabels;
import dev.berth.docker.ContainerState;
import dev.berth.docker.ContainerSummary;
import dev.berth.docker.Health;
import dev.berth.docker.ImageInfo;
import dev.berth.docker.ImageReference;
import dev.berth.docker.MountPoint;
import dev.berth.docker.PublishedPort;
import dev.berth.docker.VolumeInfo;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns what the engine and the file system say about one compose project into an {@link
 * Install}. Sizes are left unmeasured here ({@link DataSizer} adds them).
 */
final class InstallAnalyzer {
    /** Ports databases and caches listen on; published on every interface they invite trouble. */
    static final Set<Integer> DATABASE_PORTS =
            Set.of(5432, 3306, 33060, 27017, 6379, 9200, 9300, 5984, 1433, 1521, 11211, 8086, 9042, 26257, 7687, 8529);
    /** Image names of databases, for ports published under other numbers. */
    static final Set<String> DATABASE_IMAGES = Set.of(
            "postgres",
            "postgis",
            "mysql",
            "mariadb",
            "mongo",
            "mongodb",
            "redis",
            "valkey",
            "elasticsearch",
            "opensearch",
            "couchdb",
            "mssql-server",
            "memcached",
            "influxdb",
            "cassandra",
            "neo4j",
            "clickhouse-server",
            "cockroach",
            "keydb");

    private static final List<Path> SYSTEM_ROOTS = List.of(
            Path.of("/etc"),
            Path.of("/proc"),
            Path.of("/sys"),
            Path.of("/dev"),
            Path.of("/run"),
            Path.of("/var/run"),
            Path.of("/usr"),
            Path.of("/lib"),
            Path.of("/lib64"),
            Path.of("/bin"),
            Path.of("/sbin"),
            Path.of("/boot"));

    /** A top-level {@code name:} key; checked before parsing, which is rarely needed. */
    private static final java.util.regex.Pattern TOP_LEVEL_NAME = java.util.regex.Pattern.compile("(?m)^name\\s*:");

    private final HostFiles files;
    private final VariableLookup processEnvironment = VariableLookup.of(System.getenv());
    private final ComposeLoader loader;
    private final Map<String, ImageInfo> imagesById;
    private final Map<String, VolumeInfo> volumesByName;
    private final Path userHome;
    private final FileSystem fs;

    /**
     * @param userHome the scanned machine's login home, a path of its file system
     */
    InstallAnalyzer(HostFiles files, List<ImageInfo> images, List<VolumeInfo> volumes, Path userHome) {
        this.files = files;
        this.fs = userHome.getFileSystem();
        this.loader = new ComposeLoader((file, lookup) -> {
            HostFiles.Text t = files.read(file);
            return switch (t.status()) {
                case OK -> EnvParser.parse(file.toString(), t.text()).resolve(lookup::apply);
                case MISSING -> throw new ConfigException(file.toString(), "env file not found; check the path", null);
                case UNREADABLE ->
                    throw new ConfigException(file.toString(), "env file cannot be read (" + t.problem() + ")", null);
            };
        });
        this.imagesById = images.stream().collect(Collectors.toMap(ImageInfo::id, i -> i, (a, b) -> a));
        this.volumesByName = volumes.stream().collect(Collectors.toMap(VolumeInfo::name, v -> v, (a, b) -> a));
        this.userHome = userHome;
    }

    // ---- installs found through containers ----------------------------------------------------------

    Install fromContainers(String project, List<ContainerSummary> containers) {
        List<InstallWarning> warnings = new ArrayList<>();
        List<ContainerSummary> newestFirst = containers.stream()
                .sorted(Comparator.comparing(ContainerSummary::created).reversed())
                .toList();
        ContainerSummary newest = newestFirst.getFirst();

        Set<String> dirs = new LinkedHashSet<>();
        newestFirst.forEach(c -> c.label(ComposeLabels.WORKING_DIR).ifPresent(dirs::add));
        Optional<Path> workingDir = dirs.stream().findFirst().flatMap(this::path);
        if (dirs.size() > 1) {
            warnings.add(new InstallWarning(
                    InstallWarning.Kind.MIXED_WORKING_DIRS,
                    "Containers of " + project + " were created from different folders (" + String.join(", ", dirs)
                            + "); Berth uses the newest, " + dirs.iterator().next()
                            + ". Recreate the others from one folder (docker compose up -d there)."));
        }
        Install.WorkingDirState dirState = workingDir.map(this::dirState).orElse(Install.WorkingDirState.UNKNOWN);
        workingDir.ifPresent(wd -> dirWarning(project, wd, dirState).ifPresent(warnings::add));

        List<Path> configFiles = new ArrayList<>();
        for (String f : splitList(newest.label(ComposeLabels.CONFIG_FILES).orElse(""))) {
            Optional<Path> p = path(f);
            if (p.isPresent()) {
                Path abs = p.get().isAbsolute() || workingDir.isEmpty()
                        ? p.get()
                        : workingDir.get().resolve(p.get());
                configFiles.add(abs.normalize());
            }
        }
        if (dirState == Install.WorkingDirState.PRESENT) {
            for (Path f : configFiles) {
                if (Files.notExists(f)) {
                    warnings.add(new InstallWarning(
                            InstallWarning.Kind.CONFIG_FILE_MISSING,
                            "Compose file " + f + " of " + project + " is gone; Berth cannot compare or upgrade this"
                                    + " install until it is restored."));
                }
            }
        }

        List<Path> envFiles = new ArrayList<>();
        for (String f : splitList(newest.label(ComposeLabels.ENVIRONMENT_FILE).orElse(""))) {
            path(f).ifPresent(envFiles::add);
        }
        if (envFiles.isEmpty()
                && workingDir.isPresent()
                && !Files.notExists(workingDir.get().resolve(".env"))) {
            if (dirState == Install.WorkingDirState.PRESENT) {
                envFiles.add(workingDir.get().resolve(".env"));
            }
        }
        Map<String, String> env = readEnv(project, envFiles, warnings);

        List<ServiceInfo> services = services(containers);
        List<BindMount> binds = bindMounts(containers, workingDir);
        List<DataRoot> roots = dataRoots(binds, workingDir);
        List<InstallVolume> volumes = namedVolumes(project, containers);
        List<DataVariable> variables = dataVariables(env, binds, workingDir);

        warnings.addAll(projectNameWarnings(project, workingDir, dirState, env, configFiles, newest));
        warnings.addAll(portWarnings(services));
        for (BindMount b : binds) {
            if (b.kind() == BindMount.Kind.DOCKER_SOCKET) {
                warnings.add(new InstallWarning(
                        InstallWarning.Kind.DOCKER_SOCKET_MOUNTED,
                        "Service " + b.service() + " mounts the Docker socket (" + b.source()
                                + "): it controls the whole Docker engine, every other install included."));
            }
        }

        VersionGuess version = version(workingDir, dirState, services, warnings);
        return new Install(
                project,
                Install.Origin.CONTAINERS,
                workingDir,
                dirState,
                configFiles,
                envFiles.stream().findFirst(),
                installState(services),
                newest.label(ComposeLabels.VERSION),
                version,
                services,
                binds,
                roots,
                volumes,
                variables,
                DataSize.notMeasured(),
                warnings);
    }

    private Install.WorkingDirState dirState(Path wd) {
        if (Files.isDirectory(wd)) {
            return Files.isReadable(wd) && Files.isExecutable(wd)
                    ? Install.WorkingDirState.PRESENT
                    : Install.WorkingDirState.UNREADABLE;
        }
        return Files.notExists(wd) ? Install.WorkingDirState.MISSING : Install.WorkingDirState.UNREADABLE;
    }

    private static Optional<InstallWarning> dirWarning(String project, Path wd, Install.WorkingDirState state) {
        return switch (state) {
            case MISSING ->
                Optional.of(new InstallWarning(
                        InstallWarning.Kind.WORKING_DIR_MISSING,
                        "The folder " + wd + " that " + project + " was started from no longer exists; its containers"
                                + " are still there. Berth cannot read its compose files: restore the folder (or a backup)"
                                + " before upgrading."));
            case UNREADABLE ->
                Optional.of(new InstallWarning(
                        InstallWarning.Kind.WORKING_DIR_UNREADABLE,
                        "The folder " + wd + " of " + project
                                + " is not readable by this user; its files were not read."
                                + " Run Berth as the user who installed it, or fix the folder's permissions."));
            case PRESENT, UNKNOWN -> Optional.empty();
        };
    }

    private Map<String, String> readEnv(String project, List<Path> envFiles, List<InstallWarning> warnings) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Path f : envFiles) {
            HostFiles.Text t = files.read(f);
            switch (t.status()) {
                case OK -> {
                    try {
                        env.putAll(EnvParser.parse(f.toString(), t.text()).resolve(processEnvironment));
                    } catch (ConfigException e) {
                        warnings.add(new InstallWarning(
                                InstallWarning.Kind.FILE_UNREADABLE,
                                "The env file of " + project + " is not valid: " + e.getMessage()
                                        + "; variables naming data folders were not found."));
                    }
                }
                case MISSING ->
                    warnings.add(new InstallWarning(
                            InstallWarning.Kind.CONFIG_FILE_MISSING,
                            "The env file " + f + " of " + project + " is gone; its values are only in the containers"
                                    + " now. Restore it before upgrading."));
                case UNREADABLE ->
                    warnings.add(new InstallWarning(
                            InstallWarning.Kind.FILE_UNREADABLE,
                            "The env file " + f + " of " + project + " could not be read (" + t.problem()
                                    + "); variables naming data folders were not found."));
            }
        }
        return env;
    }

    private static List<String> splitList(String label) {
        List<String> out = new ArrayList<>();
        for (String s : label.split(",")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** A path of the scanned machine's file system. */
    Optional<Path> path(String text) {
        try {
            return text.isBlank()
                    ? Optional.empty()
                    : Optional.of(fs.getPath(text).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    // ---- installs found as folders --------------------------------------------------------------------

    /**
     * Loads an install's compose files as compose would (its env files only, every profile on).
     *
     * @throws ConfigException when they do not load (a required variable unset, invalid YAML, ...)
     */
    ComposeProject load(Path dir, List<Path> composeFiles, List<Path> envFiles) {
        return loader.load(new ProjectOptions(
                Optional.of(dir), composeFiles, envFiles, List.of("*"), VariableSource.ENV_FILES, Map.of()));
    }

    /** An install that has a compose file but no containers (never started, or removed with down). */
    Install fromFolder(Path dir, List<Path> composeFiles) {
        List<InstallWarning> warnings = new ArrayList<>();
        Path envPath = dir.resolve(".env");
        List<Path> envFiles = Files.exists(envPath) ? List.of(envPath) : List.of();
        Map<String, String> env = readEnv(dir.toString(), envFiles, warnings);
        Optional<String> name = Optional.empty();
        List<ServiceInfo> services = new ArrayList<>();
        List<BindMount> binds = new ArrayList<>();
        Map<String, Set<String>> volumeServices = new TreeMap<>();
        String fallbackName = Optional.ofNullable(env.get("COMPOSE_PROJECT_NAME"))
                .filter(n -> !n.isBlank())
                .orElse(ProjectNames.defaultFor(dir));
        try {
            ComposeProject p = load(dir, composeFiles, envFiles);
            if (p.tree().get("name") instanceof String n && !n.isBlank()) {
                name = Optional.of(n);
            }
            String project = name.orElse(fallbackName);
            for (ComposeService svc : p.model().services().values()) {
                String image = svc.image().orElse("");
                services.add(new ServiceInfo(
                        svc.name(),
                        image,
                        tagOf(image),
                        ServiceState.NOT_CREATED,
                        Health.NONE,
                        Optional.empty(),
                        List.of(),
                        List.of()));
                for (VolumeMount m : svc.volumes()) {
                    if (m.type() == MountType.BIND) {
                        Path source = fs.getPath(m.source()).normalize();
                        binds.add(new BindMount(
                                source,
                                svc.name(),
                                m.target(),
                                m.readOnly() ? MountPoint.Access.READ_ONLY : MountPoint.Access.READ_WRITE,
                                classify(source, Optional.of(dir))));
                    } else if (m.isNamedVolume()) {
                        String full = DriftDetector.volumeName(project, p, m.source());
                        if (volumesByName.containsKey(full)) {
                            volumeServices
                                    .computeIfAbsent(full, k -> new LinkedHashSet<>())
                                    .add(svc.name());
                        }
                    }
                }
            }
        } catch (ConfigException e) {
            warnings.add(new InstallWarning(
                    InstallWarning.Kind.FILE_UNREADABLE,
                    "The compose files in " + dir + " could not be loaded (" + e.getMessage()
                            + "); check them with: docker compose config"));
            services.addAll(servicesFromYaml(composeFiles, warnings));
        }
        String project = name.orElse(fallbackName);
        binds.sort(Comparator.comparing(BindMount::source).thenComparing(BindMount::service));
        VersionGuess version = version(Optional.of(dir), Install.WorkingDirState.PRESENT, services, warnings);
        return new Install(
                project,
                Install.Origin.FOLDER,
                Optional.of(dir),
                Install.WorkingDirState.PRESENT,
                composeFiles,
                envFiles.stream().findFirst(),
                Install.InstallState.NOT_CREATED,
                Optional.empty(),
                version,
                services,
                binds,
                dataRoots(binds, Optional.of(dir)),
                volumes(project, volumeServices),
                dataVariables(env, binds, Optional.of(dir)),
                DataSize.notMeasured(),
                warnings);
    }

    /** Service names and images read straight from the YAML, for files the loader refuses. */
    private List<ServiceInfo> servicesFromYaml(List<Path> composeFiles, List<InstallWarning> warnings) {
        Map<String, String> images = new TreeMap<>();
        for (Path f : composeFiles) {
            HostFiles.Text t = files.read(f);
            if (t.status() != HostFiles.Status.OK) {
                continue;
            }
            try {
                if (SmallYaml.topLevel(t.text(), f.toString()).get("services") instanceof Map<?, ?> svcs) {
                    svcs.forEach((k, v) -> images.merge(
                            String.valueOf(k),
                            v instanceof Map<?, ?> m && m.get("image") != null ? String.valueOf(m.get("image")) : "",
                            (a, b) -> b.isEmpty() ? a : b));
                }
            } catch (RuntimeException e) {
                // Already reported as a compose file that does not load.
            }
        }
        List<ServiceInfo> out = new ArrayList<>();
        images.forEach((svc, image) -> out.add(new ServiceInfo(
                svc,
                image,
                tagOf(image),
                ServiceState.NOT_CREATED,
                Health.NONE,
                Optional.empty(),
                List.of(),
                List.of())));
        return out;
    }

    // ---- services -------------------------------------------------------------------------------------

    private static final List<ContainerState> LEAST_READY_FIRST = List.of(
            ContainerState.DEAD,
            ContainerState.RESTARTING,
            ContainerState.EXITED,
            ContainerState.CREATED,
            ContainerState.PAUSED,
            ContainerState.REMOVING,
            ContainerState.UNKNOWN,
            ContainerState.RUNNING);

    private static final List<Health> WORST_HEALTH_FIRST =
            List.of(Health.UNHEALTHY, Health.STARTING, Health.HEALTHY, Health.NONE);

    private List<ServiceInfo> services(List<ContainerSummary> containers) {
        Map<String, List<ContainerSummary>> byService = new TreeMap<>();
        for (ContainerSummary c : containers) {
            byService
                    .computeIfAbsent(c.label(ComposeLabels.SERVICE).orElse(c.name()), k -> new ArrayList<>())
                    .add(c);
        }
        List<ServiceInfo> out = new ArrayList<>();
        byService.forEach((name, cs) -> {
            cs.sort(Comparator.comparing(ContainerSummary::created).reversed());
            ContainerSummary newest = cs.getFirst();
            ContainerSummary leastReady = cs.stream()
                    .min(Comparator.comparingInt(c -> LEAST_READY_FIRST.indexOf(c.state())))
                    .orElseThrow();
            Health health = cs.stream()
                    .map(ContainerSummary::health)
                    .min(Comparator.comparingInt(WORST_HEALTH_FIRST::indexOf))
                    .orElse(Health.NONE);
            String image = imageName(newest);
            List<PublishedPort> ports = cs.stream()
                    .flatMap(c -> c.ports().stream())
                    .distinct()
                    .sorted(Comparator.comparingInt(PublishedPort::hostPort).thenComparing(PublishedPort::hostIp))
                    .toList();
            out.add(new ServiceInfo(
                    name,
                    image,
                    tagOf(image),
                    ServiceState.of(leastReady.state()),
                    health,
                    leastReady.state() == ContainerState.EXITED ? leastReady.exitCode() : Optional.empty(),
                    ports,
                    cs.stream().map(ContainerSummary::name).sorted().toList()));
        });
        return out;
    }

    /** The container's image name; when the engine shows an id (the tag moved on), a tag of that image if any. */
    private String imageName(ContainerSummary c) {
        String image = c.image();
        if (!looksLikeId(image)) {
            return image;
        }
        ImageInfo info = imagesById.get(c.imageId());
        return info == null || info.repoTags().isEmpty()
                ? image
                : info.repoTags().getFirst();
    }

    private static boolean looksLikeId(String image) {
        return image.startsWith("sha256:") || image.matches("[0-9a-f]{12,64}");
    }

    static Optional<String> tagOf(String image) {
        if (looksLikeId(image) || image.isBlank() || image.contains("$")) {
            return Optional.empty();
        }
        return ImageReference.parse(image).tag();
    }

    private static Install.InstallState installState(List<ServiceInfo> services) {
        long shouldRun = services.stream()
                .filter(s -> !(s.state() == ServiceState.EXITED && s.exitCode().orElse(1) == 0))
                .count();
        long running =
                services.stream().filter(s -> s.state() == ServiceState.RUNNING).count();
        if (running == 0) {
            return Install.InstallState.STOPPED;
        }
        return running >= shouldRun ? Install.InstallState.RUNNING : Install.InstallState.PARTLY_RUNNING;
    }

    // ---- data -------------------------------------------------------------------------------------------

    private List<BindMount> bindMounts(List<ContainerSummary> containers, Optional<Path> workingDir) {
        Map<String, BindMount> out = new LinkedHashMap<>();
        for (ContainerSummary c : containers) {
            String service = c.label(ComposeLabels.SERVICE).orElse(c.name());
            for (MountPoint m : c.mounts()) {
                if (m.type() != MountPoint.Type.BIND) {
                    continue;
                }
                Optional<Path> source = path(m.source());
                if (source.isEmpty()) {
                    continue;
                }
                BindMount b = new BindMount(
                        source.get(), service, m.destination(), m.access(), classify(source.get(), workingDir));
                out.putIfAbsent(service + "\0" + b.source() + "\0" + b.target(), b);
            }
        }
        return out.values().stream()
                .sorted(Comparator.comparing(BindMount::source).thenComparing(BindMount::service))
                .toList();
    }

    static BindMount.Kind classify(Path source, Optional<Path> workingDir) {
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        if (name.equals("docker.sock") || name.equals("docker_engine")) {
            return BindMount.Kind.DOCKER_SOCKET;
        }
        if (workingDir.isPresent() && source.startsWith(workingDir.get())) {
            return Files.isRegularFile(source) ? BindMount.Kind.RELEASE_FILE : BindMount.Kind.DATA;
        }
        for (Path root : SYSTEM_ROOTS) {
            // As strings: the source may be a path of a server's file system.
            if (source.startsWith(source.getFileSystem().getPath(root.toString()))) {
                return BindMount.Kind.SYSTEM;
            }
        }
        return BindMount.Kind.DATA;
    }

    /**
     * Groups data bind sources: under the working dir by their first folder ({@code ./volumes});
     * elsewhere by their parent when several share it, else each on its own; nested roots merge
     * into the outer one.
     */
    static List<DataRoot> dataRoots(List<BindMount> binds, Optional<Path> workingDir) {
        List<Path> sources = binds.stream()
                .filter(b -> b.kind() == BindMount.Kind.DATA)
                .map(BindMount::source)
                .distinct()
                .sorted()
                .toList();
        Map<Path, Long> parentCount = sources.stream()
                .filter(s -> workingDir.isEmpty() || !s.startsWith(workingDir.get()))
                .filter(s -> s.getParent() != null)
                .collect(Collectors.groupingBy(Path::getParent, Collectors.counting()));
        Map<Path, List<Path>> byRoot = new TreeMap<>();
        for (Path s : sources) {
            Path root;
            if (workingDir.isPresent() && s.startsWith(workingDir.get()) && !s.equals(workingDir.get())) {
                root = workingDir.get().resolve(workingDir.get().relativize(s).getName(0));
            } else if (s.getParent() != null && parentCount.getOrDefault(s.getParent(), 0L) >= 2) {
                root = s.getParent();
            } else {
                root = s;
            }
            byRoot.computeIfAbsent(root, k -> new ArrayList<>()).add(s);
        }
        // Merge roots nested in another root.
        List<Path> roots = new ArrayList<>(byRoot.keySet());
        for (Path inner : roots) {
            for (Path outer : roots) {
                if (!inner.equals(outer) && inner.startsWith(outer) && byRoot.containsKey(inner)) {
                    byRoot.get(outer).addAll(byRoot.remove(inner));
                }
            }
        }
        List<DataRoot> out = new ArrayList<>();
        byRoot.forEach((root, srcs) -> {
            boolean under = workingDir.isPresent() && root.startsWith(workingDir.get());
            String display = under ? "./" + workingDir.get().relativize(root) : root.toString();
            out.add(new DataRoot(
                    root,
                    under ? DataRoot.Placement.UNDER_WORKING_DIR : DataRoot.Placement.ELSEWHERE,
                    display,
                    srcs.stream().sorted().toList(),
                    OptionalLong.empty(),
                    SizeSource.NOT_MEASURED));
        });
        return out;
    }

    private List<InstallVolume> namedVolumes(String project, List<ContainerSummary> containers) {
        Map<String, Set<String>> services = new TreeMap<>();
        for (ContainerSummary c : containers) {
            String service = c.label(ComposeLabels.SERVICE).orElse(c.name());
            for (MountPoint m : c.mounts()) {
                if (m.type() == MountPoint.Type.VOLUME && m.volumeName().isPresent()) {
                    services.computeIfAbsent(m.volumeName().get(), k -> new LinkedHashSet<>())
                            .add(service);
                }
            }
        }
        return volumes(project, services);
    }

    /** Mounted volumes plus volumes labelled for the project that no container mounts now. */
    List<InstallVolume> volumes(String project, Map<String, Set<String>> mounted) {
        Map<String, Set<String>> all = new TreeMap<>(mounted);
        volumesByName.values().stream()
                .filter(v -> v.project().filter(project::equals).isPresent())
                .forEach(v -> all.putIfAbsent(v.name(), new LinkedHashSet<>()));
        List<InstallVolume> out = new ArrayList<>();
        all.forEach((name, svcs) -> {
            VolumeInfo info = volumesByName.get(name);
            boolean own = info != null && info.project().filter(project::equals).isPresent();
            out.add(new InstallVolume(
                    name,
                    info == null
                            ? Optional.empty()
                            : Optional.ofNullable(info.labels().get(ComposeLabels.VOLUME)),
                    svcs.stream().sorted().toList(),
                    own ? InstallVolume.Ownership.PROJECT : InstallVolume.Ownership.EXTERNAL,
                    OptionalLong.empty()));
        });
        return out;
    }

    /**
     * Variables of the env file whose value, resolved against the working dir, is a data bind
     * source or a folder above one (never the working dir itself or {@code /}).
     */
    List<DataVariable> dataVariables(Map<String, String> env, List<BindMount> binds, Optional<Path> workingDir) {
        List<Path> data = binds.stream()
                .filter(b -> b.kind() == BindMount.Kind.DATA)
                .map(BindMount::source)
                .distinct()
                .toList();
        List<DataVariable> out = new ArrayList<>();
        env.forEach((key, value) -> {
            if (value.isBlank() || value.equals(".") || value.contains("://") || value.matches(".*\\s.*")) {
                return;
            }
            Path resolved;
            try {
                if (value.equals("~") || value.startsWith("~/")) {
                    resolved = userHome.resolve(value.length() <= 2 ? "" : value.substring(2));
                } else {
                    Path p = fs.getPath(value);
                    if (!p.isAbsolute() && workingDir.isEmpty()) {
                        return;
                    }
                    resolved = p.isAbsolute() ? p : workingDir.get().resolve(p);
                }
            } catch (InvalidPathException e) {
                return;
            }
            Path r = resolved.normalize();
            if (r.getParent() == null || workingDir.filter(r::equals).isPresent()) {
                return;
            }
            List<Path> under =
                    data.stream().filter(s -> s.startsWith(r)).sorted().toList();
            if (!under.isEmpty()) {
                out.add(new DataVariable(key, value, r, under));
            }
        });
        return out;
    }

    // ---- warnings -----------------------------------------------------------------------------------

    private List<InstallWarning> projectNameWarnings(
            String project,
            Optional<Path> workingDir,
            Install.WorkingDirState dirState,
            Map<String, String> env,
            List<Path> configFiles,
            ContainerSummary newest) {
        if (workingDir.isEmpty() || ProjectNames.isDefaultFor(project, workingDir.get())) {
            return List.of();
        }
        if (project.equals(env.get("COMPOSE_PROJECT_NAME"))) {
            return List.of();
        }
        if (dirState == Install.WorkingDirState.PRESENT
                && nameInComposeFiles(configFiles).filter(project::equals).isPresent()) {
            return List.of();
        }
        return List.of(new InstallWarning(
                InstallWarning.Kind.PROJECT_NAME_GIVEN,
                "Started with the project name '" + project + "' (docker compose -p, or COMPOSE_PROJECT_NAME in the"
                        + " shell) rather than the folder's default '" + ProjectNames.defaultFor(workingDir.get())
                        + "'. Plain 'docker compose' commands in " + workingDir.get() + " would create a second copy;"
                        + " pass -p " + project + " (Berth always does)."));
    }

    private Optional<String> nameInComposeFiles(List<Path> configFiles) {
        Optional<String> name = Optional.empty();
        for (Path f : configFiles) {
            HostFiles.Text t = files.read(f);
            if (t.status() == HostFiles.Status.OK
                    && TOP_LEVEL_NAME.matcher(t.text()).find()) {
                try {
                    Optional<String> n = SmallYaml.scalar(SmallYaml.topLevel(t.text(), f.toString()), "name");
                    if (n.isPresent()) {
                        name = n;
                    }
                } catch (RuntimeException e) {
                    // A broken compose file is reported by the compose tools; here it just has no name.
                }
            }
        }
        return name;
    }

    static List<InstallWarning> portWarnings(List<ServiceInfo> services) {
        List<InstallWarning> out = new ArrayList<>();
        for (ServiceInfo s : services) {
            String imageName = s.image().isBlank() || s.image().startsWith("sha256:")
                    ? ""
                    : ImageReference.parse(s.image()).name();
            for (PublishedPort p : s.ports()) {
                boolean database = DATABASE_PORTS.contains(p.containerPort()) || DATABASE_IMAGES.contains(imageName);
                if (database && p.onAllInterfaces()) {
                    out.add(new InstallWarning(
                            InstallWarning.Kind.DATABASE_PORT_PUBLIC,
                            "Service " + s.name() + " publishes database port " + p.containerPort() + " on every"
                                    + " network interface (" + p.describe() + "): other machines can reach the"
                                    + " database. Publish it on 127.0.0.1 only, or not at all."));
                }
            }
        }
        return out;
    }

    // ---- version -----------------------------------------------------------------------------------

    private VersionGuess version(
            Optional<Path> workingDir,
            Install.WorkingDirState dirState,
            List<ServiceInfo> services,
            List<InstallWarning> warnings) {
        if (workingDir.isPresent() && dirState == Install.WorkingDirState.PRESENT) {
            Path manifest = workingDir.get().resolve("berth.yaml");
            HostFiles.Text t = files.read(manifest);
            if (t.status() == HostFiles.Status.OK) {
                try {
                    Optional<String> v = SmallYaml.scalar(SmallYaml.topLevel(t.text(), manifest.toString()), "version");
                    if (v.isPresent()) {
                        return new VersionGuess(v, VersionGuess.Source.MANIFEST, "version: in " + manifest);
                    }
                } catch (RuntimeException e) {
                    warnings.add(new InstallWarning(
                            InstallWarning.Kind.MANIFEST_UNREADABLE,
                            "The manifest " + manifest + " could not be read (" + e.getMessage()
                                    + "); the version was guessed from image tags."));
                }
            } else if (t.status() == HostFiles.Status.UNREADABLE) {
                warnings.add(new InstallWarning(
                        InstallWarning.Kind.FILE_UNREADABLE,
                        "The manifest " + manifest + " could not be read (" + t.problem() + ")."));
            }
        }
        return versionFromTags(services);
    }

    /** Images that come along with many apps; their tags say nothing about the app's version. */
    static final Set<String> SUPPORTING_IMAGES =
            Set.of("nginx", "traefik", "caddy", "haproxy", "busybox", "alpine", "debian", "ubuntu", "minio");

    /**
     * The tag most of the app's own images share (at least two, or the only one), ignoring {@code
     * latest} and databases or proxies that come along; none on a tie.
     */
    static VersionGuess versionFromTags(List<ServiceInfo> services) {
        Map<String, Long> counts = new TreeMap<>();
        long tagged = 0;
        for (ServiceInfo s : services) {
            Optional<String> t = s.tag().filter(x -> !x.equals("latest"));
            String name = t.isPresent() ? ImageReference.parse(s.image()).name() : "";
            if (t.isPresent() && !DATABASE_IMAGES.contains(name) && !SUPPORTING_IMAGES.contains(name)) {
                counts.merge(t.get(), 1L, Long::sum);
                tagged++;
            }
        }
        if (counts.isEmpty()) {
            return VersionGuess.none("no image has a version tag");
        }
        long max = counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
        List<String> best = counts.entrySet().stream()
                .filter(e -> e.getValue() == max)
                .map(Map.Entry::getKey)
                .toList();
        if (best.size() > 1 || (max < 2 && tagged > 1)) {
            return VersionGuess.none("the images share no tag (" + String.join(", ", counts.keySet()) + ")");
        }
        return new VersionGuess(
                Optional.of(best.getFirst()),
                VersionGuess.Source.IMAGE_TAGS,
                "tag " + best.getFirst() + " shared by " + max + " of " + tagged + " tagged images");
    }
}
