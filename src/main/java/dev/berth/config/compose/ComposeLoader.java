package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads a compose project the way Docker Compose v2 (compose-go) does: every file read,
 * interpolated, its {@code extends} and {@code include} followed, merged into the previous ones,
 * short syntax brought to long form, relative paths made absolute, profiles applied and {@code
 * env_file} values merged into {@code environment}.
 *
 * <p>Blocks while reading files; a loader can be shared between threads (it keeps no state
 * between calls).
 */
public final class ComposeLoader {
    /** Default file names, in compose's order of preference. */
    public static final List<String> DEFAULT_FILES =
            List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** Default override file names, in compose's order of preference. */
    public static final List<String> DEFAULT_OVERRIDE_FILES = List.of(
            "compose.override.yaml",
            "compose.override.yml",
            "docker-compose.override.yml",
            "docker-compose.override.yaml");

    private static final Set<String> RESOURCES = Set.of("services", "volumes", "networks", "secrets", "configs");

    private final EnvFileReader envReader;

    /** A loader that reads env files with Berth's env parser. */
    public ComposeLoader() {
        this(new EnvParserReader());
    }

    /** @param envReader how {@code .env} and {@code env_file} files are read */
    public ComposeLoader(EnvFileReader envReader) {
        this.envReader = Objects.requireNonNull(envReader, "envReader");
    }

    /**
     * Loads and resolves a project.
     *
     * @throws MissingVariableException when a required variable ({@code ${X:?msg}}) has no value
     * @throws ConfigException for every other bad input: missing or unreadable file, invalid YAML,
     *     duplicate key, invalid interpolation, a service that is not a mapping, an invalid port or
     *     volume, a service with neither image nor build... The message names file and line.
     */
    public ComposeProject load(ProjectOptions options) {
        List<Path> files = new ArrayList<>();
        for (Path f : options.files()) {
            files.add(f);
        }
        Path workingDir = options.projectDirectory()
                .map(ComposeLoader::absolute)
                .orElseGet(() -> files.isEmpty()
                        ? absolute(Path.of(""))
                        : absolute(files.getFirst()).getParent());
        if (files.isEmpty()) {
            files.addAll(defaultFiles(workingDir));
        }
        Load load = new Load(options, workingDir);
        Map<String, String> variables = load.readVariables();
        List<String> profiles = options.profiles();
        if (profiles.isEmpty() && variables.containsKey("COMPOSE_PROFILES")) {
            profiles = splitList(variables.get("COMPOSE_PROFILES"));
        }
        List<Path> absolute = files.stream().map(ComposeLoader::absolute).toList();
        Map<String, Object> dict = load.model(files, absolute, workingDir, variables, new ArrayList<>(), true);
        load.finish(dict, variables, profiles);
        Map<String, Object> tree = Output.tree(dict);
        ComposeModel model = Typed.model(tree, load.origins, workingDir);
        return new ComposeProject(workingDir, absolute, variables, List.copyOf(load.warnings), tree, model);
    }

    /** The default compose file of a folder plus its override file, as compose finds them. */
    public static List<Path> defaultFiles(Path dir) {
        List<Path> found = new ArrayList<>();
        for (String name : DEFAULT_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                found.add(dir.resolve(name));
                break;
            }
        }
        if (found.isEmpty()) {
            throw new ConfigException(
                    dir.toString(),
                    0,
                    ConfigException.Reason.NO_COMPOSE_FILE,
                    List.of(String.join(", ", DEFAULT_FILES)),
                    "holds no compose file (looked for " + String.join(", ", DEFAULT_FILES)
                            + "); give the file with -f or choose the right --project-directory");
        }
        for (String name : DEFAULT_OVERRIDE_FILES) {
            if (Files.isRegularFile(dir.resolve(name))) {
                found.add(dir.resolve(name));
                break;
            }
        }
        return found;
    }

    static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    /** State of one {@link #load} call. */
    private final class Load implements Extends.ComposeLoaderAccess {
        final ProjectOptions options;
        final Path workingDir;
        final Set<String> warnings = new LinkedHashSet<>();
        /** Locations of each file's values, latest file last. */
        final List<Map<String, SourceLocation>> sourceMaps = new ArrayList<>();

        final Map<String, Path> origins = new LinkedHashMap<>();

        Load(ProjectOptions options, Path workingDir) {
            this.options = options;
            this.workingDir = workingDir;
        }

        Map<String, String> readVariables() {
            List<Path> envFiles = new ArrayList<>();
            if (options.envFiles().isEmpty()) {
                Path dotEnv = workingDir.resolve(".env");
                if (Files.isRegularFile(dotEnv)) {
                    envFiles.add(dotEnv);
                }
            } else {
                for (Path p : options.envFiles()) {
                    Path abs = absolute(p);
                    if (!Files.isRegularFile(abs)) {
                        throw new ConfigException(p.toString(), 0, "env file not found; check the --env-file path");
                    }
                    envFiles.add(abs);
                }
            }
            boolean process = options.variableSource() == VariableSource.ENV_FILES_AND_PROCESS;
            Map<String, String> processEnv = process ? options.processEnvironment() : Map.of();
            Map<String, String> vars = new LinkedHashMap<>();
            for (Path f : envFiles) {
                Map<String, String> read = envReader.read(f, k -> {
                    if (processEnv.containsKey(k)) {
                        return Optional.of(processEnv.get(k));
                    }
                    return Optional.ofNullable(vars.get(k));
                });
                vars.putAll(read);
            }
            vars.putAll(processEnv);
            return vars;
        }

        /** compose-go's loadYamlModel: files merged, defaults set, paths and environment resolved. */
        Map<String, Object> model(
                List<Path> labels,
                List<Path> files,
                Path dir,
                Map<String, String> vars,
                List<Path> included,
                boolean topLevel) {
            Map<String, Object> dict = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String label = labels.get(i).toString();
                Interpolator interpolator = new Interpolator(vars);
                List<YamlReader.Document> docs = YamlReader.read(file, label, interpolation(interpolator, label));
                warnings.addAll(interpolator.warnings());
                boolean any = false;
                for (YamlReader.Document doc : docs) {
                    if (doc.root() == null) {
                        continue;
                    }
                    any = true;
                    if (!(doc.root() instanceof Map<?, ?> m)) {
                        SourceLocation at = doc.locations().get("");
                        throw new ConfigException(
                                label,
                                at == null ? 0 : at.line(),
                                at == null ? 0 : at.column(),
                                "top-level object must be a mapping (services:, volumes:...), not a "
                                        + kind(doc.root()),
                                null);
                    }
                    sourceMaps.add(doc.locations());
                    Map<String, Object> cfg = ComposeMerger.cast(m);
                    processFile(dict, cfg, doc, file, label, dir, vars, included, topLevel);
                }
                if (!any) {
                    throw new ConfigException(
                            label,
                            0,
                            ConfigException.Reason.EMPTY_COMPOSE_FILE,
                            List.of(),
                            "is an empty compose file; it needs at least a services: section");
                }
            }
            Canonical.defaults(dict);
            Canonical.resolvePaths(dict, dir);
            resolveEnvironment(dict, vars);
            return dict;
        }

        private void processFile(
                Map<String, Object> dict,
                Map<String, Object> cfg,
                YamlReader.Document doc,
                Path file,
                String label,
                Path dir,
                Map<String, String> vars,
                List<Path> included,
                boolean topLevel) {
            Object services = cfg.get("services");
            if (services != null && !(services instanceof Map<?, ?>)) {
                throw located(label, doc, "services", "services must be a mapping of service names to definitions");
            }
            if (services instanceof Map<?, ?> sm) {
                for (Map.Entry<?, ?> e : sm.entrySet()) {
                    if (e.getValue() != null && !(e.getValue() instanceof Map<?, ?>)) {
                        throw located(
                                label,
                                doc,
                                "services." + e.getKey(),
                                "service \"" + e.getKey() + "\" must be a mapping (image:, ports:...), not a "
                                        + kind(e.getValue()));
                    }
                    origins.putIfAbsent(String.valueOf(e.getKey()), file);
                }
            }
            Extends.apply(cfg, file, label, dir, vars, this);
            for (List<String> p : doc.resetPaths()) {
                removePath(dict, p, 0);
            }
            for (List<String> p : doc.overridePaths()) {
                removePath(dict, p, 0);
            }
            applyInclude(cfg, label, doc, dir, vars, included, file);
            try {
                ComposeMerger.merge(dict, cfg, label);
                ComposeMerger.enforceUnicity(dict, label);
                if (dict.containsKey("version")) {
                    warnings.add(label + ": the attribute `version` is obsolete, it will be ignored, please remove it"
                            + " to avoid potential confusion");
                    dict.remove("version");
                }
                Canonical.transform(dict);
                ComposeMerger.enforceUnicity(dict, label);
            } catch (ConfigException e) {
                throw relocate(e, label);
            }
        }

        @Override
        public ConfigException error(String label, String path, String message) {
            SourceLocation at = locate(path);
            if (at == null || !at.file().equals(label)) {
                return new ConfigException(label, 0, message);
            }
            return new ConfigException(label, at.line(), at.column(), message, null);
        }

        /** Reads an extended file: interpolated with the same variables, paths left relative. */
        @Override
        public Map<String, Object> readExtended(Path file, String label, Map<String, String> vars) {
            Interpolator interpolator = new Interpolator(vars);
            List<YamlReader.Document> docs = YamlReader.read(file, label, interpolation(interpolator, label));
            warnings.addAll(interpolator.warnings());
            for (YamlReader.Document doc : docs) {
                if (doc.root() instanceof Map<?, ?> m) {
                    sourceMaps.add(doc.locations());
                    return ComposeMerger.cast(m);
                }
            }
            throw new ConfigException(
                    label,
                    0,
                    ConfigException.Reason.NOT_A_COMPOSE_FILE,
                    List.of(),
                    "is not a compose file with a services: section");
        }

        private void applyInclude(
                Map<String, Object> cfg,
                String label,
                YamlReader.Document doc,
                Path dir,
                Map<String, String> vars,
                List<Path> included,
                Path file) {
            Object inc = cfg.remove("include");
            if (inc == null) {
                return;
            }
            if (!(inc instanceof List<?> entries)) {
                throw located(
                        label,
                        doc,
                        "include",
                        "include must be a list of files or of {path, project_directory," + " env_file} entries");
            }
            List<Path> chain = new ArrayList<>(included);
            chain.add(file);
            for (int i = 0; i < entries.size(); i++) {
                Object entry = entries.get(i);
                String at = "include[" + i + "]";
                List<String> paths = new ArrayList<>();
                String projectDirectory = null;
                List<String> envFiles = new ArrayList<>();
                if (entry instanceof String s) {
                    paths.add(s);
                } else if (entry instanceof Map<?, ?> m) {
                    paths.addAll(stringList(m.get("path")));
                    projectDirectory =
                            m.get("project_directory") == null ? null : Scalars.text(m.get("project_directory"));
                    envFiles.addAll(stringList(m.get("env_file")));
                } else {
                    throw located(label, doc, at, "an include entry must be a path or a mapping with path:");
                }
                if (paths.isEmpty()) {
                    throw located(label, doc, at, "an include entry needs a path");
                }
                List<Path> absolute = new ArrayList<>();
                for (String p : paths) {
                    absolute.add(dir.resolve(expandHome(dir, p)).normalize());
                }
                Path main = absolute.getFirst();
                Path projectDir = projectDirectory == null
                        ? main.getParent()
                        : dir.resolve(expandHome(dir, projectDirectory)).normalize();
                if (chain.contains(main)) {
                    throw located(label, doc, at, "include cycle: " + main + " includes itself through " + chain);
                }
                for (Path p : absolute) {
                    if (!Files.isRegularFile(p)) {
                        throw located(label, doc, at, "included file " + p + " does not exist; fix the include path");
                    }
                }
                List<Path> envPaths = new ArrayList<>();
                if (envFiles.isEmpty()) {
                    Path dotEnv = projectDir.resolve(".env");
                    if (Files.isRegularFile(dotEnv)) {
                        envPaths.add(dotEnv);
                    }
                } else {
                    for (String e : envFiles) {
                        Path p = dir.resolve(expandHome(dir, e)).normalize();
                        if (!Files.isRegularFile(p)) {
                            throw located(label, doc, at, "env file " + p + " of the include does not exist");
                        }
                        envPaths.add(p);
                    }
                }
                Map<String, String> fromFiles = new LinkedHashMap<>();
                for (Path p : envPaths) {
                    fromFiles.putAll(envReader.read(
                            p, k -> Optional.ofNullable(vars.containsKey(k) ? vars.get(k) : fromFiles.get(k))));
                }
                // the including project's variables win over the included project's env file
                Map<String, String> incVars = new LinkedHashMap<>(fromFiles);
                incVars.putAll(vars);
                Map<String, Object> imported = model(absolute, absolute, projectDir, incVars, chain, false);
                for (String key : List.of("services", "volumes", "networks", "secrets", "configs")) {
                    if (!(imported.get(key) instanceof Map<?, ?> from)) {
                        continue;
                    }
                    Map<String, Object> to =
                            cfg.get(key) instanceof Map<?, ?> t ? ComposeMerger.cast(t) : new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : from.entrySet()) {
                        String name = String.valueOf(e.getKey());
                        if (to.containsKey(name)) {
                            if (Objects.equals(to.get(name), e.getValue())) {
                                continue;
                            }
                            throw located(
                                    label,
                                    doc,
                                    key + "." + name,
                                    key + "." + name
                                            + " conflicts with the resource of the same name imported from " + main
                                            + "; rename one of them");
                        }
                        to.put(name, e.getValue());
                    }
                    cfg.put(key, to);
                }
            }
        }

        private void resolveEnvironment(Map<String, Object> dict, Map<String, String> vars) {
            if (!(dict.get("services") instanceof Map<?, ?> services)) {
                return;
            }
            for (Object s : services.values()) {
                if (!(s instanceof Map<?, ?> service)) {
                    continue;
                }
                fillFrom(service.get("environment"), vars);
                if (service.get("build") instanceof Map<?, ?> build) {
                    fillFrom(build.get("args"), vars);
                }
            }
        }

        private void fillFrom(Object mapping, Map<String, String> vars) {
            if (mapping instanceof Map<?, ?> m) {
                for (Map.Entry<String, Object> e : ComposeMerger.cast(m).entrySet()) {
                    if (e.getValue() == null && vars.containsKey(e.getKey())) {
                        e.setValue(vars.get(e.getKey()));
                    }
                }
            }
        }

        /** Profiles, env files into environment, consistency: what compose does after the model is built. */
        void finish(Map<String, Object> dict, Map<String, String> vars, List<String> profiles) {
            if (!(dict.get("services") instanceof Map<?, ?> sm)) {
                dict.put("services", new LinkedHashMap<String, Object>());
                return;
            }
            Map<String, Object> services = ComposeMerger.cast(sm);
            Set<String> all = new LinkedHashSet<>(services.keySet());
            services.entrySet().removeIf(e -> !enabled(e.getValue(), profiles));
            for (Map.Entry<String, Object> e : services.entrySet()) {
                if (e.getValue() == null) {
                    e.setValue(new LinkedHashMap<String, Object>());
                }
                Map<String, Object> service = ComposeMerger.cast((Map<?, ?>) e.getValue());
                mergeEnvFiles(e.getKey(), service, vars);
                if (service.get("environment") instanceof Map<?, ?> env) {
                    // a bare KEY that no variable sets is absent from the container, so from the model
                    env.values().removeIf(Objects::isNull);
                }
                check(e.getKey(), service, all, dict);
            }
        }

        private boolean enabled(Object service, List<String> active) {
            if (!(service instanceof Map<?, ?> m) || !(m.get("profiles") instanceof List<?> ps) || ps.isEmpty()) {
                return true;
            }
            if (active.contains("*")) {
                return true;
            }
            for (Object p : ps) {
                if (active.contains(Scalars.text(p))) {
                    return true;
                }
            }
            return false;
        }

        private void mergeEnvFiles(String name, Map<String, Object> service, Map<String, String> vars) {
            if (!(service.get("env_file") instanceof List<?> envFiles) || envFiles.isEmpty()) {
                return;
            }
            Map<String, Object> environment =
                    service.get("environment") instanceof Map<?, ?> m ? ComposeMerger.cast(m) : new LinkedHashMap<>();
            Map<String, String> fromFiles = new LinkedHashMap<>();
            for (Object entry : envFiles) {
                Map<?, ?> ef = (Map<?, ?>) entry;
                Path path = workingDir.getFileSystem().getPath(String.valueOf(ef.get("path")));
                boolean required = !Boolean.FALSE.equals(Scalars.bool(ef.get("required")));
                if (!Files.isRegularFile(path)) {
                    if (required) {
                        throw locatedService(
                                name,
                                "env file " + path + " of service " + name + " not found; create"
                                        + " it or mark it required: false");
                    }
                    continue;
                }
                fromFiles.putAll(envReader.read(path, k -> {
                    if (vars.containsKey(k)) {
                        return Optional.of(vars.get(k));
                    }
                    Object v = environment.get(k);
                    return v == null ? Optional.empty() : Optional.of(Scalars.text(v));
                }));
            }
            Map<String, Object> merged = new TreeMap<>(fromFiles);
            for (Map.Entry<String, Object> e : environment.entrySet()) {
                if (e.getValue() != null) {
                    merged.put(e.getKey(), e.getValue());
                } else {
                    merged.putIfAbsent(e.getKey(), null);
                }
            }
            service.put("environment", new LinkedHashMap<>(merged));
        }

        private void check(
                String name, Map<String, Object> service, Set<String> allServices, Map<String, Object> dict) {
            if (service.get("image") == null && service.get("build") == null) {
                throw locatedService(
                        name,
                        "service \"" + name + "\" has neither an image nor a build context specified;"
                                + " add image: or build:");
            }
            if (service.get("depends_on") instanceof Map<?, ?> deps) {
                for (Object dep : deps.keySet()) {
                    if (!allServices.contains(String.valueOf(dep))) {
                        throw locatedService(
                                name,
                                "service \"" + name + "\" depends on undefined service \"" + dep
                                        + "\"; define it or remove it from depends_on");
                    }
                }
            }
            if (service.get("networks") instanceof Map<?, ?> nets && service.get("network_mode") == null) {
                Map<?, ?> declared = dict.get("networks") instanceof Map<?, ?> d ? d : Map.of();
                for (Object net : nets.keySet()) {
                    if (!"default".equals(net) && !declared.containsKey(net)) {
                        throw locatedService(
                                name,
                                "service \"" + name + "\" refers to undefined network \"" + net
                                        + "\"; declare it under the top-level networks:");
                    }
                }
            }
            if (service.get("volumes") instanceof List<?> vols) {
                Map<?, ?> declared = dict.get("volumes") instanceof Map<?, ?> d ? d : Map.of();
                for (Object v : vols) {
                    if (v instanceof Map<?, ?> mount
                            && "volume".equals(mount.get("type"))
                            && mount.get("source") instanceof String src
                            && !src.isEmpty()
                            && !declared.containsKey(src)) {
                        throw locatedService(
                                name,
                                "service \"" + name + "\" refers to undefined volume \"" + src
                                        + "\"; declare it under the top-level volumes:");
                    }
                }
            }
        }

        private ConfigException locatedService(String name, String message) {
            SourceLocation at = locate("services." + name);
            Path origin = origins.get(name);
            String file = at != null ? at.file() : origin == null ? null : origin.toString();
            return new ConfigException(file, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, null);
        }

        SourceLocation locate(String path) {
            String p = path;
            while (true) {
                for (int i = sourceMaps.size() - 1; i >= 0; i--) {
                    SourceLocation at = sourceMaps.get(i).get(p);
                    if (at != null) {
                        return at;
                    }
                }
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                if (cut <= 0) {
                    return null;
                }
                p = p.substring(0, cut);
            }
        }

        private ConfigException relocate(ConfigException e, String label) {
            if (e.source().isPresent()) {
                return e;
            }
            String msg = e.getMessage();
            String path = msg.contains(":") ? msg.substring(0, msg.indexOf(':')) : "";
            SourceLocation at = locate(path);
            return new ConfigException(
                    at == null ? label : at.file(), at == null ? 0 : at.line(), at == null ? 0 : at.column(), msg, e);
        }

        private ConfigException located(String label, YamlReader.Document doc, String path, String message) {
            SourceLocation at = doc.locations().get(path);
            return new ConfigException(label, at == null ? 0 : at.line(), at == null ? 0 : at.column(), message, null);
        }

        private YamlReader.StringRewrite interpolation(Interpolator interpolator, String label) {
            return (value, path, where) -> {
                String dotted = YamlReader.dotted(path);
                String result;
                try {
                    result = interpolator.interpolate(value);
                } catch (MissingVariableException e) {
                    throw e.at(where.file(), where.line(), where.column());
                } catch (InterpolationException e) {
                    // environment values, build args and labels may hold secrets: name the place, not the value
                    boolean hide = path.contains("environment") || path.contains("args") || path.contains("labels");
                    throw e.at(
                            where.file(),
                            where.line(),
                            where.column(),
                            dotted.isEmpty() ? "the value" : dotted,
                            hide ? "(value not shown: it may hold a secret)" : value);
                }
                try {
                    return TypeCast.cast(path, result);
                } catch (ConfigException e) {
                    throw new ConfigException(where.file(), where.line(), where.column(), e.getMessage(), null);
                }
            };
        }
    }

    private static void removePath(Object node, List<String> path, int i) {
        if (!(node instanceof Map<?, ?> m) || i >= path.size()) {
            return;
        }
        Map<String, Object> map = ComposeMerger.cast(m);
        if (i == path.size() - 1) {
            map.remove(path.get(i));
            return;
        }
        removePath(map.get(path.get(i)), path, i + 1);
    }

    static List<String> stringList(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(Scalars.text(o));
            }
        } else if (v != null) {
            out.add(Scalars.text(v));
        }
        return out;
    }

    /**
     * {@code ~} and {@code ~/...} with the home of the user on the machine {@code near} is on: this
     * user's, or the login user's on a server (whose SFTP file system starts in its home).
     */
    static String expandHome(Path near, String p) {
        if (p.equals("~") || p.startsWith("~/")) {
            String home = near.getFileSystem() == FileSystems.getDefault()
                    ? System.getProperty("user.home")
                    : near.getFileSystem().getPath("").toAbsolutePath().toString();
            return home + p.substring(1);
        }
        return p;
    }

    /** {@code p} made absolute on its own file system (the process's folder for relative local paths). */
    static Path absolute(Path p) {
        return (p.isAbsolute() ? p : p.toAbsolutePath()).normalize();
    }

    static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "string";
            case List<?> l -> "list";
            case Map<?, ?> m -> "mapping";
            case Boolean b -> "boolean";
            default -> "number";
        };
    }

    /** Resources a model may hold. */
    static Set<String> resources() {
        return RESOURCES;
    }
}
