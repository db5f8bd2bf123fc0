package dev.berth.release;

import dev.berth.config.ConfigException;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads {@code berth.yaml} into a {@link Manifest}. Every error is a {@link ConfigException} that
 * names the file, the line and the field ({@code berth.yaml:12: env.DB_PASSWORD.generate: expected
 * a number, got "yes"}); unknown fields are errors with a "did you mean" hint, so a typo never
 * silently disables a rule. Stateless and thread-safe.
 */
public final class ManifestParser {
    /** The manifest's file name at a release root. */
    public static final String FILE_NAME = "berth.yaml";

    /** Larger manifests are refused: a real one is a few kilobytes. */
    static final int MAX_CHARS = 1 << 20;

    private static final Pattern APP_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SERVICE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private static final List<String> TOP = List.of(
            "app",
            "version",
            "upgrade",
            "config_version",
            "env",
            "templates",
            "config_files",
            "compose",
            "migrations",
            "rollback_safe",
            "stop",
            "start",
            "health",
            "backup",
            "version_from",
            "release_notes");

    private ManifestParser() {}

    /**
     * Parses manifest text. Paths the manifest names are checked for shape (relative, inside the
     * release) but not for existence; {@link #load} checks that too.
     *
     * @param source the file as the user knows it, used in messages
     * @throws ConfigException on any syntax or schema error
     */
    public static Manifest parse(String text, String source) {
        return new Reader(source, Optional.empty(), Mode.PLAIN, "").read(text);
    }

    /**
     * A manifest read with its annotations: the {@code source}/{@code sources}, {@code verified}
     * and {@code note} keys that built-in profiles put on the mappings of a manifest to say where
     * each rule comes from.
     *
     * @param annotations by field path ({@code env.MM_SQLSETTINGS_DATASOURCE}, {@code stop}), in
     *     the order the sections are read
     */
    public record Annotated(Manifest manifest, List<Annotation> annotations) {
        public Annotated {
            annotations = List.copyOf(annotations);
        }
    }

    /**
     * Where one rule of a profile comes from.
     *
     * @param field the annotated mapping's field path, e.g. {@code env.DB_PASSWORD}, {@code
     *     migrations[2]}, {@code stop}
     * @param line the line of the annotation in the file
     * @param sources the citations as written, e.g. {@code seeds/003_b598d077114501d0.txt:33}
     * @param quotes for each citation, text its lines must contain, or empty
     * @param verified false when the rule's detail (a log line, an image name) was not checked
     *     against a release
     * @param note why the rule is there or what is not verified
     */
    public record Annotation(
            String field,
            int line,
            List<String> sources,
            List<Optional<String>> quotes,
            Verification verified,
            Optional<String> note) {
        public Annotation {
            sources = List.copyOf(sources);
            quotes = List.copyOf(quotes);
        }
    }

    /** Whether a rule was checked against the releases it describes. */
    public enum Verification {
        VERIFIED,
        NOT_VERIFIED
    }

    /**
     * Reads the manifest part of a built-in profile: the same schema as {@code berth.yaml}, and
     * every mapping below the top level may carry {@code source} (a citation), {@code sources} (a
     * list of them; each a string or {@code {at: ..., quote: ...}}), {@code verified: false} and
     * {@code note}. Paths are checked for shape only.
     *
     * @param node the manifest's mapping within the profile file
     * @param source the profile file, for messages
     * @param fieldPrefix prepended to field paths in messages, e.g. {@code releases[2].manifest.}
     * @throws ConfigException on any syntax or schema error
     */
    public static Annotated parseAnnotated(Node node, String source, String fieldPrefix) {
        Reader r = new Reader(source, Optional.empty(), Mode.ANNOTATED, fieldPrefix);
        Manifest m = r.read(node);
        return new Annotated(m, r.annotations);
    }

    private enum Mode {
        PLAIN,
        ANNOTATED
    }

    private static final List<String> ANNOTATION_KEYS = List.of("source", "sources", "verified", "note");

    /**
     * Reads a manifest file and checks that the files it names exist in the release (the folder
     * holding the manifest).
     *
     * @param source the file as the user knows it, e.g. {@code ledger-2.0.tar.gz!/berth.yaml}
     * @throws ConfigException when the file is unreadable, not UTF-8, or invalid
     */
    public static Manifest load(Path file, String source) {
        String text;
        try {
            if (Files.size(file) > MAX_CHARS) {
                throw tooLarge(source);
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Refusals.because(
                    new ConfigException(
                            source,
                            0,
                            ConfigException.Reason.MANIFEST_NOT_UTF8,
                            List.of(),
                            "the manifest is not UTF-8 text; save it as UTF-8"),
                    e);
        } catch (IOException e) {
            throw Refusals.because(
                    new ConfigException(
                            source,
                            0,
                            ConfigException.Reason.MANIFEST_UNREADABLE,
                            List.of(e.toString()),
                            "the manifest could not be read (" + e + "); check the file"),
                    e);
        }
        return new Reader(source, Optional.of(file.toAbsolutePath().getParent()), Mode.PLAIN, "").read(text);
    }

    /** YAML that does not parse, said with the parser's message. */
    private static ConfigException yamlInvalid(String source, int line, String problem) {
        return new ConfigException(
                source,
                line,
                ConfigException.Reason.MANIFEST_YAML_INVALID,
                List.of(problem),
                "not valid YAML: " + problem);
    }

    /** A field that must be given is missing. */
    private static ConfigException missing(String source, int line, String field) {
        return new ConfigException(
                source,
                line,
                ConfigException.Reason.MANIFEST_FIELD_REQUIRED,
                List.of(field),
                field + ": missing; it is required here");
    }

    private static ConfigException tooLarge(String source) {
        return new ConfigException(
                source,
                0,
                ConfigException.Reason.MANIFEST_TOO_LARGE,
                List.of(FILE_NAME),
                "the manifest is larger than 1 MiB; a berth.yaml is a few kilobytes, check that the right file is"
                        + " named " + FILE_NAME);
    }

    /** One read of one manifest: collects field lines on the way. */
    private static final class Reader {
        private final String source;
        private final Optional<Path> root;
        private final Map<String, Integer> lines = new LinkedHashMap<>();
        private final Mode mode;
        private final String prefix;
        private final List<Annotation> annotations = new ArrayList<>();

        Reader(String source, Optional<Path> root, Mode mode, String prefix) {
            this.source = source;
            this.root = root;
            this.mode = mode;
            this.prefix = prefix;
        }

        Manifest read(String text) {
            if (text.length() > MAX_CHARS) {
                throw tooLarge(source);
            }
            return read(compose(text).orElse(null));
        }

        Manifest read(Node root) {
            Optional<Node> doc = Optional.ofNullable(root);
            if (doc.isEmpty() || isNull(doc.get())) {
                return Manifest.empty(new Manifest.Origin(source, Map.of()));
            }
            Fields top = fields(doc.get(), "", TOP);
            Optional<String> app = top.string("app");
            app.ifPresent(a -> {
                if (!APP_ID.matcher(a).matches()) {
                    throw fail(
                            top.node("app"),
                            "app",
                            "expected an id of lower-case letters, digits, '.', '_' or '-'"
                                    + " (it names the compose project), got " + quote(a));
                }
            });
            Optional<Version> version = top.nonEmptyString("version").map(Version::parse);
            UpgradeRules upgrade = top.get("upgrade").map(this::upgrade).orElse(UpgradeRules.NONE);
            Optional<ConfigVersionRule> configVersion =
                    top.get("config_version").map(this::configVersion);
            List<VariableSpec> env = top.get("env").map(this::env).orElse(List.of());
            List<TemplateSpec> templates =
                    top.get("templates").map(this::templates).orElse(List.of());
            List<String> configFiles = top.get("config_files")
                    .map(n -> stringList(n, "config_files", this::checkGlob))
                    .orElse(List.of());
            ComposeSpec compose = top.get("compose").map(this::compose).orElse(ComposeSpec.INFERRED);
            List<Migration> migrations =
                    top.get("migrations").map(this::migrations).orElse(List.of());
            boolean rollbackSafe = top.bool("rollback_safe").orElse(false);
            StopPolicy stop = top.get("stop").map(this::stop).orElse(StopPolicy.INFERRED);
            List<String> start =
                    top.get("start").map(n -> serviceList(n, "start")).orElse(List.of());
            List<HealthCheck> health = top.get("health").map(this::health).orElse(List.of());
            BackupSpec backup = top.get("backup").map(this::backup).orElse(BackupSpec.NONE);
            Optional<VersionProbe> versionFrom = top.get("version_from").map(this::versionFrom);
            Optional<String> releaseNotes = top.get("release_notes").map(n -> releaseFile(n, "release_notes"));
            return new Manifest(
                    app,
                    version,
                    upgrade,
                    configVersion,
                    env,
                    templates,
                    configFiles,
                    compose,
                    migrations,
                    rollbackSafe,
                    stop,
                    start,
                    health,
                    backup,
                    versionFrom,
                    releaseNotes,
                    new Manifest.Origin(source, lines));
        }

        private Optional<Node> compose(String text) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source)
                    .setUseMarks(true)
                    .setAllowDuplicateKeys(false)
                    .setAllowRecursiveKeys(false)
                    .setAllowNonScalarKeys(true)
                    .setMaxAliasesForCollections(50)
                    .setCodePointLimit(MAX_CHARS * 4)
                    .build();
            try {
                var all = new Compose(settings).composeAllFromString(text).iterator();
                if (!all.hasNext()) {
                    return Optional.empty();
                }
                Node first = all.next();
                if (all.hasNext()) {
                    Node second = all.next();
                    throw new ConfigException(
                            source,
                            line(second),
                            ConfigException.Reason.MANIFEST_TWO_DOCUMENTS,
                            List.of(),
                            "a manifest is one YAML document; remove the second document (the line with ---)");
                }
                return Optional.of(first);
            } catch (MarkedYamlEngineException e) {
                int line = e.getProblemMark()
                        .or(e::getContextMark)
                        .map(m -> m.getLine() + 1)
                        .orElse(0);
                String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
                throw Refusals.because(
                        new ConfigException(
                                source,
                                line,
                                ConfigException.Reason.MANIFEST_YAML_SYNTAX,
                                List.of(problem),
                                "not valid YAML: " + problem + "; fix the syntax (indentation, quotes)"),
                        e);
            } catch (YamlEngineException e) {
                throw Refusals.because(yamlInvalid(source, 0, String.valueOf(e.getMessage())), e);
            } catch (StackOverflowError e) {
                throw new ConfigException(
                        source,
                        0,
                        ConfigException.Reason.MANIFEST_YAML_TOO_DEEP,
                        List.of(),
                        "the YAML is nested too deeply to read");
            }
        }

        // ---- sections -------------------------------------------------------------------

        private UpgradeRules upgrade(Node n) {
            Fields f = fields(n, "upgrade", List.of("stops"));
            List<VersionRange> stops = new ArrayList<>();
            f.get("stops").ifPresent(s -> {
                List<Node> items = items(s, "upgrade.stops", Accept.SCALAR_AS_LIST);
                for (int i = 0; i < items.size(); i++) {
                    String field = "upgrade.stops[" + i + "]";
                    stops.add(range(items.get(i), field));
                }
            });
            return new UpgradeRules(stops);
        }

        private ConfigVersionRule configVersion(Node n) {
            Fields f = fields(n, "config_version", List.of("file", "key", "value"));
            String file = releasePath(f.required("file"), "config_version.file");
            String key = f.requiredString("key");
            if (key.isBlank() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
                throw fail(
                        f.node("key"),
                        "config_version.key",
                        "expected a key or a dotted path like app.version, got " + quote(key));
            }
            String value = f.requiredString("value");
            return new ConfigVersionRule(file, key, value);
        }

        private List<VariableSpec> env(Node n) {
            MappingNode map = mapping(n, "env");
            List<VariableSpec> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                String name = key(t.getKeyNode(), "env");
                String field = "env." + name;
                lines.put(field, line(t.getKeyNode()));
                if (!VARIABLE.matcher(name).matches()) {
                    throw fail(
                            t.getKeyNode(),
                            field,
                            "expected a variable name of letters, digits and _ (not starting" + " with a digit)");
                }
                duplicate(seen, name, t.getKeyNode(), field);
                out.add(variable(name, t.getValueNode(), field));
            }
            Set<String> names = new HashSet<>();
            out.forEach(v -> names.add(v.name()));
            for (VariableSpec v : out) {
                for (int i = 0; i < v.renamedFrom().size(); i++) {
                    String old = v.renamedFrom().get(i);
                    if (names.contains(old)) {
                        String field = "env." + v.name() + ".renamed_from";
                        throw new ConfigException(
                                source,
                                lines.getOrDefault(field, 0),
                                ConfigException.Reason.MANIFEST_RENAMED_FROM_VARIABLE,
                                List.of(prefix + field, old),
                                prefix + field + ": " + old
                                        + " is itself a variable of this release; a variable renamed from"
                                        + " it cannot keep it; remove one of them");
                    }
                }
            }
            return out;
        }

        private VariableSpec variable(String name, Node n, String field) {
            if (isNull(n)) {
                return VariableSpec.of(name);
            }
            if (n instanceof ScalarNode s) {
                // Shorthand: "DB_HOST: Host of the database."
                return new VariableSpec(
                        name,
                        s.getValue().strip(),
                        VariableType.STRING,
                        false,
                        false,
                        Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        OptionalInt.empty(),
                        List.of());
            }
            Fields f = fields(
                    n,
                    field,
                    List.of(
                            "description",
                            "type",
                            "secret",
                            "required",
                            "example",
                            "renamed_from",
                            "deprecated",
                            "generate",
                            "choices"));
            String description = f.string("description").map(String::strip).orElse("");
            Optional<VariableType> declared =
                    f.string("type").map(t -> variableType(t, f.node("type"), field + ".type"));
            boolean secret = f.bool("secret").orElse(false);
            boolean required = f.bool("required").orElse(false);
            Optional<String> example = f.string("example");
            List<String> renamedFrom = f.get("renamed_from")
                    .map(r -> stringList(r, field + ".renamed_from", (node, fd, v) -> {
                        if (!VARIABLE.matcher(v).matches()) {
                            throw fail(
                                    node,
                                    fd,
                                    ConfigException.Reason.MANIFEST_NOT_A_VARIABLE_NAME,
                                    List.of(quote(v)),
                                    "expected a variable name, got " + quote(v));
                        }
                        if (v.equals(name)) {
                            throw fail(node, fd, "a variable cannot be renamed from itself");
                        }
                    }))
                    .orElse(List.of());
            Optional<String> deprecated = f.get("deprecated").flatMap(d -> deprecated(d, field + ".deprecated"));
            OptionalInt generate = f.get("generate")
                    .map(g -> OptionalInt.of(integer(g, field + ".generate", 1, 4096)))
                    .orElse(OptionalInt.empty());
            List<String> choices = f.get("choices")
                    .map(c -> stringList(c, field + ".choices", (node, fd, v) -> {}))
                    .orElse(List.of());
            VariableType type = declared.orElse(choices.isEmpty() ? VariableType.STRING : VariableType.ENUM);
            if (type == VariableType.ENUM && choices.isEmpty()) {
                throw fail(f.node("type"), field + ".type", "an enum needs choices: add choices: [a, b]");
            }
            if (!choices.isEmpty() && type != VariableType.ENUM) {
                throw fail(
                        f.node("choices"),
                        field + ".choices",
                        "choices need type: enum, but the type is "
                                + type.name().toLowerCase(Locale.ROOT) + "; remove one of them");
            }
            if (!choices.isEmpty() && new HashSet<>(choices).size() != choices.size()) {
                throw fail(f.node("choices"), field + ".choices", "a choice is listed twice");
            }
            if (type == VariableType.ENUM && example.isPresent() && !choices.contains(example.get())) {
                throw fail(
                        f.node("example"),
                        field + ".example",
                        quote(example.get()) + " is none of the choices " + String.join(", ", choices));
            }
            if (generate.isPresent() && type != VariableType.STRING) {
                throw fail(
                        f.node("generate"),
                        field + ".generate",
                        "only string variables can be generated, but the" + " type is "
                                + type.name().toLowerCase(Locale.ROOT));
            }
            return new VariableSpec(
                    name, description, type, secret, required, example, renamedFrom, deprecated, generate, choices);
        }

        private Optional<String> deprecated(Node n, String field) {
            if (n instanceof ScalarNode s && s.isPlain()) {
                String v = s.getValue().strip().toLowerCase(Locale.ROOT);
                if (v.equals("true")) {
                    return Optional.of("");
                }
                if (v.equals("false")) {
                    return Optional.empty();
                }
            }
            String reason = string(n, field);
            return Optional.of(reason.strip());
        }

        private VariableType variableType(String t, Node n, String field) {
            for (VariableType v : VariableType.values()) {
                if (v.name().equalsIgnoreCase(t.strip())) {
                    return v;
                }
            }
            List<String> names = new ArrayList<>();
            for (VariableType v : VariableType.values()) {
                names.add(v.name().toLowerCase(Locale.ROOT));
            }
            throw notOneOf(n, field, names, t);
        }

        private List<TemplateSpec> templates(Node n) {
            List<Node> items = items(n, "templates", Accept.LIST_ONLY);
            List<TemplateSpec> out = new ArrayList<>();
            Set<String> files = new HashSet<>();
            for (int i = 0; i < items.size(); i++) {
                String field = "templates[" + i + "]";
                Fields f = fields(items.get(i), field, List.of("template", "file", "format", "moved_from"));
                String template = releaseFile(f.required("template"), field + ".template");
                String file = releasePath(f.required("file"), field + ".file");
                duplicate(files, file, f.node("file"), field + ".file");
                TemplateFormat format = f.string("format")
                        .map(s -> templateFormat(s, f.node("format"), field + ".format"))
                        .orElse(TemplateFormat.ofFileName(file));
                List<TemplateSpec.Location> moved = new ArrayList<>();
                f.get("moved_from").ifPresent(m -> {
                    List<Node> locations = items(m, field + ".moved_from", Accept.SCALAR_AS_LIST);
                    for (int j = 0; j < locations.size(); j++) {
                        moved.add(location(locations.get(j), field + ".moved_from[" + j + "]"));
                    }
                });
                out.add(new TemplateSpec(template, file, format, moved));
            }
            return out;
        }

        private TemplateSpec.Location location(Node n, String field) {
            if (n instanceof ScalarNode) {
                return new TemplateSpec.Location(Optional.empty(), Optional.of(releasePath(n, field)));
            }
            Fields f = fields(n, field, List.of("template", "file"));
            Optional<String> template = f.get("template").map(t -> releasePath(t, field + ".template"));
            Optional<String> file = f.get("file").map(t -> releasePath(t, field + ".file"));
            if (template.isEmpty() && file.isEmpty()) {
                throw fail(n, field, "expected an earlier path of the file, or {template: ..., file: ...}");
            }
            return new TemplateSpec.Location(template, file);
        }

        private TemplateFormat templateFormat(String s, Node n, String field) {
            List<String> names = new ArrayList<>();
            for (TemplateFormat t : TemplateFormat.values()) {
                if (t.name().equalsIgnoreCase(s.strip())) {
                    return t;
                }
                names.add(t.name().toLowerCase(Locale.ROOT));
            }
            throw notOneOf(n, field, names, s);
        }

        private ComposeSpec compose(Node n) {
            Fields f = fields(n, "compose", List.of("files", "profiles", "env_files"));
            List<String> files = f.get("files")
                    .map(x -> stringList(x, "compose.files", (node, fd, v) -> releaseFile(node, fd)))
                    .orElse(List.of());
            List<String> profiles = f.get("profiles")
                    .map(x -> stringList(x, "compose.profiles", (node, fd, v) -> {
                        if (!SERVICE.matcher(v).matches()) {
                            throw fail(node, fd, "expected a profile name, got " + quote(v));
                        }
                    }))
                    .orElse(List.of());
            List<String> envFiles = f.get("env_files")
                    .map(x -> stringList(x, "compose.env_files", (node, fd, v) -> releasePath(node, fd)))
                    .orElse(List.of());
            return new ComposeSpec(files, profiles, envFiles);
        }

        private List<Migration> migrations(Node n) {
            List<Node> items = items(n, "migrations", Accept.LIST_ONLY);
            List<Migration> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(migration(items.get(i), "migrations[" + i + "]"));
            }
            return out;
        }

        private Migration migration(Node n, String field) {
            Fields f = fields(
                    n,
                    field,
                    List.of(
                            "run",
                            "exec",
                            "sql",
                            "set_aside",
                            "phase",
                            "safe_for_rollback",
                            "from",
                            "timeout",
                            "description",
                            "needs"));
            MigrationPhase phase = f.string("phase")
                    .map(p -> switch (p.strip()) {
                        case "before_start" -> MigrationPhase.BEFORE_START;
                        case "after_start" -> MigrationPhase.AFTER_START;
                        default ->
                            throw fail(
                                    f.node("phase"),
                                    field + ".phase",
                                    "expected before_start or after_start, got " + quote(p)
                                            + hint(p, List.of("before_start", "after_start")));
                    })
                    .orElse(MigrationPhase.BEFORE_START);
            MigrationOptions options = new MigrationOptions(
                    phase,
                    f.bool("safe_for_rollback").orElse(false),
                    f.get("from").map(r -> range(r, field + ".from")),
                    f.get("timeout").map(t -> duration(t, field + ".timeout")),
                    f.string("description").map(String::strip),
                    f.get("needs").map(x -> serviceList(x, field + ".needs")).orElse(List.of()));
            if (!options.needs().isEmpty() && phase == MigrationPhase.AFTER_START) {
                throw fail(
                        f.node("needs"),
                        field + ".needs",
                        "after_start migrations run when every service runs;" + " needs only goes with before_start");
            }
            List<String> actions = new ArrayList<>();
            for (String a : List.of("run", "exec", "sql", "set_aside")) {
                if (f.get(a).isPresent()) {
                    actions.add(a);
                }
            }
            if (actions.size() != 1) {
                throw fail(
                        n,
                        field,
                        actions.isEmpty()
                                ? "expected one of run, exec, sql or set_aside"
                                : "expected one of run, exec, sql or set_aside, got " + String.join(" and ", actions)
                                        + "; write one migration per entry");
            }
            return switch (actions.getFirst()) {
                case "run" -> {
                    Node r = f.required("run");
                    if (r instanceof ScalarNode) {
                        yield new Migration.Run(service(r, field + ".run"), List.of(), options);
                    }
                    Fields rf = fields(r, field + ".run", List.of("service", "command", "stdin_from", "stdout_to"));
                    yield new Migration.Run(
                            service(rf.required("service"), field + ".run.service"),
                            rf.get("command")
                                    .map(c -> command(c, field + ".run.command"))
                                    .orElse(List.of()),
                            streams(rf, field + ".run"),
                            options);
                }
                case "exec" -> {
                    Fields ef = fields(
                            f.required("exec"),
                            field + ".exec",
                            List.of("service", "command", "stdin_from", "stdout_to"));
                    yield new Migration.Exec(
                            service(ef.required("service"), field + ".exec.service"),
                            command(ef.required("command"), field + ".exec.command"),
                            streams(ef, field + ".exec"),
                            options);
                }
                case "set_aside" -> {
                    String af = field + ".set_aside";
                    Fields a = fields(f.required("set_aside"), af, List.of("service", "path"));
                    if (phase == MigrationPhase.AFTER_START) {
                        throw fail(
                                f.node("phase"),
                                field + ".phase",
                                "set_aside moves a data folder while the app is stopped; it only goes with"
                                        + " before_start");
                    }
                    if (!options.needs().isEmpty()) {
                        throw fail(
                                f.node("needs"),
                                field + ".needs",
                                "set_aside stops every service first; needs does not go with it");
                    }
                    String path = releasePath(a.required("path"), af + ".path");
                    if (path.equals(".") || path.isEmpty()) {
                        throw fail(
                                a.node("path"),
                                af + ".path",
                                "expected a data folder inside the install folder, not the install folder itself");
                    }
                    yield new Migration.SetAside(service(a.required("service"), af + ".service"), path, options);
                }
                default -> {
                    String sf = field + ".sql";
                    Fields s = fields(
                            f.required("sql"), sf, List.of("service", "file", "type", "user_env", "database_env"));
                    yield new Migration.Sql(
                            service(s.required("service"), sf + ".service"),
                            releaseFile(s.required("file"), sf + ".file"),
                            s.get("type").map(t -> databaseType(t, sf + ".type")),
                            s.get("user_env").map(u -> variableName(u, sf + ".user_env")),
                            s.get("database_env").map(u -> variableName(u, sf + ".database_env")),
                            options);
                }
            };
        }

        /** Work files written by {@code stdout_to} so far, so that {@code stdin_from} can be checked. */
        private final Set<String> workFiles = new HashSet<>();

        private Migration.Streams streams(Fields f, String field) {
            Optional<String> in = f.get("stdin_from").map(x -> releasePath(x, field + ".stdin_from"));
            Optional<String> out = f.get("stdout_to").map(x -> releasePath(x, field + ".stdout_to"));
            in.ifPresent(i -> {
                if (!workFiles.contains(i)) {
                    throw fail(
                            f.node("stdin_from"),
                            field + ".stdin_from",
                            i + " is not written by an earlier migration's stdout_to; name a file an earlier step"
                                    + " writes" + hint(i, new ArrayList<>(workFiles)));
                }
            });
            out.ifPresent(o -> {
                if (in.isPresent() && in.get().equals(o)) {
                    throw fail(
                            f.node("stdout_to"), field + ".stdout_to", "a command cannot read and write the same file");
                }
                workFiles.add(o);
            });
            return new Migration.Streams(in, out);
        }

        private StopPolicy stop(Node n) {
            Fields f = fields(n, "stop", List.of("order", "grace", "drain"));
            List<String> order =
                    f.get("order").map(o -> serviceList(o, "stop.order")).orElse(List.of());
            Map<String, Duration> grace = new LinkedHashMap<>();
            f.get("grace").ifPresent(g -> {
                for (NodeTuple t : mapping(g, "stop.grace").getValue()) {
                    String s = service(t.getKeyNode(), "stop.grace");
                    String fd = "stop.grace." + s;
                    lines.put(fd, line(t.getKeyNode()));
                    if (grace.containsKey(s)) {
                        throw givenTwice(t.getKeyNode(), fd, s);
                    }
                    grace.put(s, duration(t.getValueNode(), fd));
                }
            });
            Map<String, StopPolicy.Drain> drain = new LinkedHashMap<>();
            f.get("drain").ifPresent(d -> {
                for (NodeTuple t : mapping(d, "stop.drain").getValue()) {
                    String s = service(t.getKeyNode(), "stop.drain");
                    String fd = "stop.drain." + s;
                    lines.put(fd, line(t.getKeyNode()));
                    if (drain.containsKey(s)) {
                        throw givenTwice(t.getKeyNode(), fd, s);
                    }
                    Node v = t.getValueNode();
                    if (v instanceof MappingNode) {
                        Fields df = fields(v, fd, List.of("command", "timeout"));
                        drain.put(
                                s,
                                new StopPolicy.Drain(
                                        command(df.required("command"), fd + ".command"),
                                        df.get("timeout").map(x -> duration(x, fd + ".timeout"))));
                    } else {
                        drain.put(s, new StopPolicy.Drain(command(v, fd), Optional.empty()));
                    }
                }
            });
            return new StopPolicy(order, grace, drain);
        }

        private List<HealthCheck> health(Node n) {
            List<Node> items = items(n, "health", Accept.LIST_ONLY);
            List<HealthCheck> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String field = "health[" + i + "]";
                Fields f = fields(items.get(i), field, List.of("service", "http", "expect", "log", "exec", "timeout"));
                Duration timeout = f.get("timeout")
                        .map(t -> duration(t, field + ".timeout"))
                        .orElse(HealthCheck.DEFAULT_TIMEOUT);
                List<String> kinds = new ArrayList<>();
                for (String k : List.of("service", "http", "log", "exec")) {
                    if (f.get(k).isPresent()) {
                        kinds.add(k);
                    }
                }
                if (kinds.size() != 1) {
                    throw fail(
                            items.get(i),
                            field,
                            kinds.isEmpty()
                                    ? "expected one of service, http, log or exec"
                                    : "expected one of service, http, log or exec, got " + String.join(" and ", kinds)
                                            + "; write one check per entry");
                }
                if (f.get("expect").isPresent() && !kinds.getFirst().equals("http")) {
                    throw fail(f.node("expect"), field + ".expect", "expect only goes with http");
                }
                out.add(
                        switch (kinds.getFirst()) {
                            case "service" ->
                                new HealthCheck.ServiceHealthy(
                                        service(f.required("service"), field + ".service"), timeout);
                            case "http" ->
                                new HealthCheck.Http(
                                        url(f.required("http"), field + ".http"),
                                        f.get("expect")
                                                .map(e -> integer(e, field + ".expect", 100, 599))
                                                .orElse(200),
                                        timeout);
                            case "log" -> {
                                String lf = field + ".log";
                                Fields l = fields(f.required("log"), lf, List.of("service", "pattern", "fail_pattern"));
                                yield new HealthCheck.Log(
                                        service(l.required("service"), lf + ".service"),
                                        regex(l.required("pattern"), lf + ".pattern"),
                                        l.get("fail_pattern").map(p -> regex(p, lf + ".fail_pattern")),
                                        timeout);
                            }
                            default -> {
                                String xf = field + ".exec";
                                Fields x = fields(f.required("exec"), xf, List.of("service", "command"));
                                yield new HealthCheck.Exec(
                                        service(x.required("service"), xf + ".service"),
                                        command(x.required("command"), xf + ".command"),
                                        timeout);
                            }
                        });
            }
            return out;
        }

        private BackupSpec backup(Node n) {
            Fields f = fields(n, "backup", List.of("exclude", "databases"));
            List<String> exclude = f.get("exclude")
                    .map(e -> stringList(e, "backup.exclude", this::checkGlob))
                    .orElse(List.of());
            List<BackupSpec.Database> databases = new ArrayList<>();
            f.get("databases").ifPresent(d -> {
                List<Node> items = items(d, "backup.databases", Accept.LIST_ONLY);
                for (int i = 0; i < items.size(); i++) {
                    String field = "backup.databases[" + i + "]";
                    Fields df = fields(
                            items.get(i),
                            field,
                            List.of("service", "type", "user_env", "database_env", "password_env"));
                    databases.add(new BackupSpec.Database(
                            service(df.required("service"), field + ".service"),
                            databaseType(df.required("type"), field + ".type"),
                            df.get("user_env").map(u -> variableName(u, field + ".user_env")),
                            df.get("database_env").map(u -> variableName(u, field + ".database_env")),
                            df.get("password_env").map(u -> variableName(u, field + ".password_env"))));
                }
            });
            return new BackupSpec(exclude, databases);
        }

        private VersionProbe versionFrom(Node n) {
            Fields f = fields(n, "version_from", List.of("http", "exec", "regex"));
            String regex =
                    f.get("regex").map(r -> regex(r, "version_from.regex")).orElse(VersionProbe.DEFAULT_REGEX);
            boolean http = f.get("http").isPresent();
            boolean exec = f.get("exec").isPresent();
            if (http == exec) {
                throw fail(n, "version_from", http ? "expected http or exec, got both" : "expected http or exec");
            }
            if (http) {
                return new VersionProbe.Http(url(f.required("http"), "version_from.http"), regex);
            }
            Fields x = fields(f.required("exec"), "version_from.exec", List.of("service", "command"));
            return new VersionProbe.Exec(
                    service(x.required("service"), "version_from.exec.service"),
                    command(x.required("command"), "version_from.exec.command"),
                    regex);
        }

        // ---- values ---------------------------------------------------------------------

        private VersionRange range(Node n, String field) {
            String text = string(n, field);
            try {
                return VersionRange.parse(text);
            } catch (IllegalArgumentException e) {
                throw fail(n, field, e.getMessage());
            }
        }

        private DatabaseType databaseType(Node n, String field) {
            String t = string(n, field);
            return DatabaseType.fromId(t).orElseThrow(() -> {
                List<String> ids = new ArrayList<>();
                for (DatabaseType d : DatabaseType.values()) {
                    ids.add(d.id());
                }
                return notOneOf(n, field, ids, t);
            });
        }

        private String variableName(Node n, String field) {
            String v = string(n, field);
            if (!VARIABLE.matcher(v).matches()) {
                throw fail(
                        n,
                        field,
                        ConfigException.Reason.MANIFEST_NOT_A_VARIABLE_NAME,
                        List.of(quote(v)),
                        "expected a variable name, got " + quote(v));
            }
            return v;
        }

        private String service(Node n, String field) {
            String s = string(n, field);
            if (!SERVICE.matcher(s).matches()) {
                throw fail(
                        n,
                        field,
                        ConfigException.Reason.MANIFEST_NOT_A_SERVICE_NAME,
                        List.of(quote(s)),
                        "expected a service name, got " + quote(s));
            }
            return s;
        }

        private List<String> serviceList(Node n, String field) {
            List<String> out = new ArrayList<>();
            List<Node> items = items(n, field, Accept.SCALAR_AS_LIST);
            for (int i = 0; i < items.size(); i++) {
                String fd = field + "[" + i + "]";
                String s = service(items.get(i), fd);
                if (out.contains(s)) {
                    throw fail(items.get(i), fd, s + " is listed twice");
                }
                out.add(s);
            }
            return out;
        }

        /** A command in exec form; a string is run by {@code sh -c}. */
        private List<String> command(Node n, String field) {
            if (n instanceof ScalarNode) {
                String s = string(n, field);
                if (s.isBlank()) {
                    throw fail(n, field, "expected a command, got an empty string");
                }
                return List.of("sh", "-c", s);
            }
            List<String> c = stringList(n, field, (node, fd, v) -> {});
            if (c.isEmpty()) {
                throw fail(n, field, "expected a command, got an empty list");
            }
            return c;
        }

        private String url(Node n, String field) {
            String u = string(n, field).strip();
            if (!u.startsWith("http://") && !u.startsWith("https://")) {
                throw fail(n, field, "expected an http:// or https:// URL, got " + quote(u));
            }
            return u;
        }

        private String regex(Node n, String field) {
            String r = string(n, field);
            try {
                Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw fail(
                        n,
                        field,
                        "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            }
            return r;
        }

        private Duration duration(Node n, String field) {
            String s = string(n, field).strip();
            String expected = "expected a duration like 90s, 5m or 1h30m, got " + quote(s);
            if (s.matches("\\d+")) {
                // A bare number is seconds, as in compose's stop_grace_period.
                return positive(Duration.ofSeconds(parseBounded(s, n, field)), n, field);
            }
            Matcher m = DURATION_PART.matcher(s);
            int at = 0;
            Duration d = Duration.ZERO;
            while (at < s.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw fail(n, field, expected);
                }
                long v = parseBounded(m.group(1), n, field);
                d = d.plus(
                        switch (m.group(2)) {
                            case "ms" -> Duration.ofMillis(v);
                            case "s" -> Duration.ofSeconds(v);
                            case "m" -> Duration.ofMinutes(v);
                            case "h" -> Duration.ofHours(v);
                            default -> Duration.ofDays(v);
                        });
                at = m.end();
            }
            if (s.isEmpty()) {
                throw fail(n, field, expected);
            }
            return positive(d, n, field);
        }

        private Duration positive(Duration d, Node n, String field) {
            if (d.isZero() || d.compareTo(Duration.ofDays(7)) > 0) {
                throw fail(n, field, "expected a duration above 0 and at most 7 days, got " + d);
            }
            return d;
        }

        private long parseBounded(String digits, Node n, String field) {
            if (digits.length() > 9) {
                throw fail(n, field, "the number " + digits + " is too large");
            }
            return Long.parseLong(digits);
        }

        private int integer(Node n, String field, int min, int max) {
            String s = scalarText(n, field, "a number");
            String t = s.strip();
            if (!t.matches("\\+?\\d{1,9}")) {
                throw fail(
                        n,
                        field,
                        ConfigException.Reason.MANIFEST_NOT_A_NUMBER,
                        List.of(quote(s)),
                        "expected a number, got " + quote(s));
            }
            int v = Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
            if (v < min || v > max) {
                throw fail(
                        n,
                        field,
                        ConfigException.Reason.MANIFEST_NUMBER_RANGE,
                        List.of(String.valueOf(min), String.valueOf(max), String.valueOf(v)),
                        "expected a number from " + min + " to " + max + ", got " + v);
            }
            return v;
        }

        private boolean bool(Node n, String field) {
            String s = scalarText(n, field, "true or false");
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default ->
                    throw fail(
                            n,
                            field,
                            ConfigException.Reason.MANIFEST_NOT_BOOLEAN,
                            List.of(quote(s)),
                            "expected true or false, got " + quote(s));
            };
        }

        private String string(Node n, String field) {
            return scalarText(n, field, "a string");
        }

        private String scalarText(Node n, String field, String expected) {
            lines.putIfAbsent(field, line(n));
            if (n instanceof ScalarNode s && !isNull(s)) {
                return s.getValue();
            }
            throw fail(n, field, "expected " + expected + ", got " + describe(n));
        }

        /** A path inside the release: relative, no {@code ..}, forward slashes. */
        private String releasePath(Node n, String field) {
            String p = string(n, field).strip();
            String problem = null;
            if (p.isEmpty()) {
                problem = "expected a path, got an empty string";
            } else if (p.startsWith("/") || p.startsWith("~") || p.matches("^[A-Za-z]:.*") || p.contains("\\")) {
                problem = "expected a path relative to the release folder, with / between folders, got " + quote(p);
            } else if (List.of(p.split("/")).contains("..")) {
                problem = "the path " + quote(p) + " leaves the release folder (..); name a file inside it";
            } else if (p.indexOf('\0') >= 0) {
                problem = "the path holds a NUL character";
            }
            if (problem != null) {
                throw fail(n, field, problem);
            }
            return p.startsWith("./") ? p.substring(2) : p;
        }

        /** A path inside the release that must exist there when the release is known. */
        private String releaseFile(Node n, String field) {
            String p = releasePath(n, field);
            if (root.isPresent() && !Files.isRegularFile(root.get().resolve(p))) {
                throw fail(
                        n,
                        field,
                        ConfigException.Reason.MANIFEST_NO_FILE,
                        List.of(p),
                        "the release has no file " + p + "; ship it or fix the path");
            }
            return p;
        }

        private void checkGlob(Node n, String field, String value) {
            releasePath(n, field);
        }

        private List<String> stringList(Node n, String field, ItemCheck check) {
            List<Node> items = items(n, field, Accept.SCALAR_AS_LIST);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                String fd = n instanceof SequenceNode ? field + "[" + i + "]" : field;
                String v = string(items.get(i), fd);
                check.check(items.get(i), fd, v);
                out.add(v);
            }
            return out;
        }

        private interface ItemCheck {
            void check(Node node, String field, String value);
        }

        private enum Accept {
            LIST_ONLY,
            SCALAR_AS_LIST
        }

        private List<Node> items(Node n, String field, Accept accept) {
            lines.putIfAbsent(field, line(n));
            if (n instanceof SequenceNode s) {
                for (int i = 0; i < s.getValue().size(); i++) {
                    lines.putIfAbsent(field + "[" + i + "]", line(s.getValue().get(i)));
                }
                return s.getValue();
            }
            if (accept == Accept.SCALAR_AS_LIST && n instanceof ScalarNode && !isNull(n)) {
                return List.of(n);
            }
            throw fail(n, field, "expected a list, got " + describe(n));
        }

        private MappingNode mapping(Node n, String field) {
            lines.putIfAbsent(field, line(n));
            if (n instanceof MappingNode m) {
                return m;
            }
            throw fail(n, field, "expected a mapping (key: value), got " + describe(n));
        }

        private String key(Node k, String parent) {
            if (k instanceof ScalarNode s && !isNull(s)) {
                return s.getValue();
            }
            throw fail(k, parent.isEmpty() ? "(top level)" : parent, "keys must be plain names, got " + describe(k));
        }

        private void duplicate(Set<String> seen, String name, Node at, String field) {
            if (!seen.add(name)) {
                throw givenTwice(at, field, name);
            }
        }

        private Fields fields(Node n, String path, List<String> schema) {
            MappingNode m = mapping(n, path.isEmpty() ? "(top level)" : path);
            Map<String, NodeTuple> entries = new LinkedHashMap<>();
            boolean annotated = mode == Mode.ANNOTATED && !path.isEmpty();
            List<String> known = new ArrayList<>(schema);
            if (annotated) {
                known.addAll(ANNOTATION_KEYS);
            }
            for (NodeTuple t : m.getValue()) {
                String k = key(t.getKeyNode(), path);
                String field = path.isEmpty() ? k : path + "." + k;
                if (entries.containsKey(k)) {
                    throw givenTwice(t.getKeyNode(), field, k);
                }
                if (!known.contains(k)) {
                    throw unknownField(t.getKeyNode(), field, k, known);
                }
                entries.put(k, t);
                lines.put(field, line(t.getKeyNode()));
            }
            Fields f = new Fields(path, entries);
            if (annotated) {
                annotation(f, path, line(n));
            }
            return f;
        }

        /** Collects the annotation keys of one mapping of a profile. */
        private void annotation(Fields f, String path, int at) {
            List<String> sources = new ArrayList<>();
            List<Optional<String>> quotes = new ArrayList<>();
            if (f.get("source").isPresent() && f.get("sources").isPresent()) {
                throw fail(f.node("sources"), path + ".sources", "give source or sources, not both");
            }
            for (String key : List.of("source", "sources")) {
                f.get(key).ifPresent(v -> {
                    List<Node> items =
                            v instanceof MappingNode ? List.of(v) : items(v, path + "." + key, Accept.SCALAR_AS_LIST);
                    for (int i = 0; i < items.size(); i++) {
                        String fd = path + "." + key + "[" + i + "]";
                        Node item = items.get(i);
                        if (item instanceof MappingNode) {
                            Fields c = fields(item, fd, List.of("at", "quote"));
                            sources.add(string(c.required("at"), fd + ".at").strip());
                            quotes.add(c.string("quote"));
                        } else {
                            sources.add(string(item, fd).strip());
                            quotes.add(Optional.empty());
                        }
                    }
                });
            }
            Verification verified = f.bool("verified").orElse(true) ? Verification.VERIFIED : Verification.NOT_VERIFIED;
            Optional<String> note = f.string("note").map(String::strip);
            if (!sources.isEmpty() || verified == Verification.NOT_VERIFIED || note.isPresent()) {
                annotations.add(new Annotation(path, at, sources, quotes, verified, note));
            }
        }

        /** The fields of one mapping, each known to the schema. */
        private final class Fields {
            private final String path;
            private final Map<String, NodeTuple> entries;

            Fields(String path, Map<String, NodeTuple> entries) {
                this.path = path;
                this.entries = entries;
            }

            private String field(String key) {
                return path.isEmpty() ? key : path + "." + key;
            }

            /** The value, or empty when the key is missing or null ({@code key:} or {@code ~}). */
            Optional<Node> get(String key) {
                NodeTuple t = entries.get(key);
                if (t == null || isNull(t.getValueNode())) {
                    return Optional.empty();
                }
                return Optional.of(t.getValueNode());
            }

            /** The node to point at for a key: its value, or the mapping's key when absent. */
            Node node(String key) {
                NodeTuple t = entries.get(key);
                return t == null ? null : t.getValueNode();
            }

            Node required(String key) {
                return get(key).orElseThrow(() -> {
                    NodeTuple t = entries.get(key);
                    Integer at = lines.get(path.isEmpty() ? "(top level)" : path);
                    int line = t != null ? line(t.getKeyNode()) : at == null ? 0 : at;
                    return missing(source, line, prefix + field(key));
                });
            }

            Optional<String> string(String key) {
                return get(key).map(n -> Reader.this.string(n, field(key)));
            }

            Optional<String> nonEmptyString(String key) {
                return string(key).map(String::strip).map(s -> {
                    if (s.isEmpty()) {
                        throw fail(
                                node(key),
                                field(key),
                                ConfigException.Reason.MANIFEST_EMPTY_VALUE,
                                List.of(),
                                "expected a value, got an empty string");
                    }
                    return s;
                });
            }

            String requiredString(String key) {
                return Reader.this.string(required(key), field(key));
            }

            Optional<Boolean> bool(String key) {
                return get(key).map(n -> Reader.this.bool(n, field(key)));
            }
        }

        // ---- errors ---------------------------------------------------------------------

        private ConfigException fail(Node n, String field, String message) {
            int line = n == null ? lines.getOrDefault(field, 0) : line(n);
            return new ConfigException(source, line, prefix + field + ": " + message);
        }

        /**
         * A refusal of a field that a front end can say in its language.
         *
         * @param facts what the message is made of after the field (which comes first)
         * @param message the same in English, after the field
         */
        private ConfigException fail(
                Node n, String field, ConfigException.Reason reason, List<String> facts, String message) {
            int line = n == null ? lines.getOrDefault(field, 0) : line(n);
            List<String> all = new ArrayList<>();
            all.add(prefix + field);
            all.addAll(facts);
            return new ConfigException(source, line, reason, all, prefix + field + ": " + message);
        }

        private ConfigException givenTwice(Node n, String field, String name) {
            return fail(
                    n,
                    field,
                    ConfigException.Reason.MANIFEST_GIVEN_TWICE,
                    List.of(name),
                    name + " is given twice; keep one");
        }

        private ConfigException notOneOf(Node n, String field, List<String> names, String value) {
            String known = String.join(", ", names);
            String message = "expected one of " + known + ", got " + quote(value) + hint(value, names);
            return Suggestions.closest(value, names)
                    .map(guess -> fail(
                            n,
                            field,
                            ConfigException.Reason.MANIFEST_NOT_ONE_OF_GUESS,
                            List.of(known, quote(value), guess),
                            message))
                    .orElseGet(() -> fail(
                            n,
                            field,
                            ConfigException.Reason.MANIFEST_NOT_ONE_OF,
                            List.of(known, quote(value)),
                            message));
        }

        private ConfigException unknownField(Node n, String field, String key, List<String> known) {
            String names = String.join(", ", known);
            String message = "unknown field" + hint(key, known) + " (known here: " + names + ")";
            return Suggestions.closest(key, known)
                    .map(guess -> fail(
                            n,
                            field,
                            ConfigException.Reason.MANIFEST_UNKNOWN_FIELD_GUESS,
                            List.of(guess, names),
                            message))
                    .orElseGet(() ->
                            fail(n, field, ConfigException.Reason.MANIFEST_UNKNOWN_FIELD, List.of(names), message));
        }

        private static String hint(String word, List<String> known) {
            return Suggestions.closest(word, known)
                    .map(s -> "; did you mean \"" + s + "\"?")
                    .orElse("");
        }

        private static int line(Node n) {
            return n == null ? 0 : n.getStartMark().map(Mark::getLine).orElse(-1) + 1;
        }

        private static boolean isNull(Node n) {
            if (n instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
                String v = s.getValue();
                return v.isEmpty() || v.equals("~") || v.equals("null") || v.equals("Null") || v.equals("NULL");
            }
            return false;
        }

        private static String describe(Node n) {
            if (n == null || isNull(n)) {
                return "nothing";
            }
            return switch (n) {
                case ScalarNode s -> quote(s.getValue());
                case SequenceNode s -> "a list";
                case MappingNode m -> "a mapping";
                default -> "a " + n.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }

        private static String quote(String s) {
            String t = s.length() > 60 ? s.substring(0, 57) + "..." : s;
            return '"'
                    + t.replace("\\", "\\\\")
                            .replace("\"", "\\\"")
                            .replace("\n", "\\n")
                            .replace("\r", "\\r")
                    + '"';
        }
    }
}
