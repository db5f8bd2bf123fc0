package dev.berth.release.apps;

import dev.berth.config.ConfigException;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser;
import dev.berth.release.ManifestParser.Annotation;
import dev.berth.release.ManifestParser.Verification;
import dev.berth.release.Suggestions;
import dev.berth.release.VersionRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a built-in profile file into a {@link Profile}. The {@code manifest:} and {@code
 * releases[].manifest:} parts are {@code berth.yaml} text read by {@link
 * ManifestParser#parseAnnotated}; the rest is the profile's own schema ({@code docs/manifest.md},
 * "Built-in profiles"). Unknown fields are errors, as in manifests. Stateless and thread-safe.
 */
public final class ProfileParser {

    /** Citations: a seed guide or a corpus file, with an optional line or line range. */
    static final Pattern CITATION = Pattern.compile("(seeds|corpus)/[^\\s:]+(?::\\d+(?:-\\d+)?)?");

    private static final List<String> TOP = List.of(
            "id",
            "name",
            "repository",
            "verified",
            "summary",
            "match",
            "version",
            "services",
            "env_rules",
            "explanations",
            "manifest",
            "releases",
            "cite");

    private static final List<String> ANNOTATION = List.of("source", "sources", "verified", "note");

    private ProfileParser() {}

    /**
     * Parses a profile.
     *
     * @param source the file, for messages, e.g. {@code apps/mattermost.yaml}
     * @throws ConfigException on any syntax or schema error, naming the line and field
     */
    public static Profile parse(String text, String source) {
        return new Reader(source).read(text);
    }

    private static final class Reader {
        private final String source;
        private final List<Annotation> annotations = new ArrayList<>();

        Reader(String source) {
            this.source = source;
        }

        Profile read(String text) {
            Node doc = compose(text);
            Map<String, Node> top = fields(doc, "", TOP, false);
            String id = required(top, "id", "");
            if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
                throw fail(top.get("id"), "id", "expected an id of lower-case letters, digits, '.', '_' or '-'");
            }
            String name = required(top, "name", "");
            String repository = required(top, "repository", "");
            Verification verified =
                    bool(top.get("verified"), "verified", true) ? Verification.VERIFIED : Verification.NOT_VERIFIED;
            String summary =
                    optionalString(top.get("summary"), "summary").orElse("").strip();
            Profile.MatchRules match = match(top.get("match"));
            List<Profile.VersionSource> version = versionSources(top.get("version"));
            Map<String, List<String>> services = services(top.get("services"));
            Profile.EnvRules envRules = envRules(top.get("env_rules"));
            List<Profile.Explanation> explanations = explanations(top.get("explanations"));
            Manifest base = Manifest.EMPTY;
            if (top.get("manifest") != null && !isNull(top.get("manifest"))) {
                base = manifest(top.get("manifest"), "manifest.");
            }
            List<Profile.ReleaseSection> releases = new ArrayList<>();
            Node r = top.get("releases");
            if (r != null && !isNull(r)) {
                List<Node> items = list(r, "releases");
                for (int i = 0; i < items.size(); i++) {
                    String field = "releases[" + i + "]";
                    Map<String, Node> f = fields(items.get(i), field, List.of("versions", "manifest"), true);
                    VersionRange range = range(f.get("versions"), field + ".versions", true);
                    Node m = f.get("manifest");
                    if (m == null || isNull(m)) {
                        throw fail(items.get(i), field + ".manifest", "missing; a release section overlays a manifest");
                    }
                    releases.add(new Profile.ReleaseSection(range, manifest(m, field + ".manifest.")));
                }
            }
            cite(top.get("cite"), base, releases);
            return new Profile(
                    id,
                    name,
                    repository,
                    verified,
                    summary,
                    match,
                    version,
                    services,
                    envRules,
                    explanations,
                    base,
                    releases,
                    annotations,
                    source);
        }

        private Manifest manifest(Node n, String prefix) {
            ManifestParser.Annotated a = ManifestParser.parseAnnotated(n, source, prefix);
            for (Annotation x : a.annotations()) {
                check(x, prefix + x.field());
                annotations.add(
                        new Annotation(prefix + x.field(), x.line(), x.sources(), x.quotes(), x.verified(), x.note()));
            }
            return a.manifest();
        }

        /**
         * Citations of manifest fields that cannot carry their own (lists such as {@code start}
         * and {@code config_files}), keyed by the field's path in the profile.
         */
        private void cite(Node n, Manifest base, List<Profile.ReleaseSection> releases) {
            if (n == null || isNull(n)) {
                return;
            }
            for (NodeTuple t : mapping(n, "cite").getValue()) {
                String path = scalar(t.getKeyNode(), "cite");
                String field = "cite." + path;
                Manifest m = null;
                String inner = null;
                if (path.startsWith("manifest.")) {
                    m = base;
                    inner = path.substring("manifest.".length());
                } else {
                    java.util.regex.Matcher x = Pattern.compile("releases\\[(\\d+)]\\.manifest\\.(.+)")
                            .matcher(path);
                    if (x.matches() && Integer.parseInt(x.group(1)) < releases.size()) {
                        m = releases.get(Integer.parseInt(x.group(1))).manifest();
                        inner = x.group(2);
                    }
                }
                if (m == null || m.origin().line(inner) == 0) {
                    throw fail(
                            t.getKeyNode(),
                            field,
                            "names no field of the profile's manifests; write manifest.<field> or"
                                    + " releases[<n>].manifest.<field> of a field that is there");
                }
                Map<String, Node> f = fields(t.getValueNode(), field, ANNOTATION, false);
                int before = annotations.size();
                annotation(f, path, line(t.getValueNode()));
                if (annotations.size() == before) {
                    throw fail(t.getValueNode(), field, "expected source or sources");
                }
            }
        }

        private Profile.MatchRules match(Node n) {
            if (n == null || isNull(n)) {
                throw fail(n, "match", "missing; a profile says how to recognise an install");
            }
            Map<String, Node> f = fields(n, "match", List.of("images", "projects", "files"), false);
            List<Profile.ImageRule> images = new ArrayList<>();
            List<Profile.ProjectRule> projects = new ArrayList<>();
            List<Profile.FileRule> files = new ArrayList<>();
            eachItem(f.get("images"), "match.images", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("image", "confidence"), true);
                images.add(new Profile.ImageRule(
                        required(x, "image", field), confidence(x.get("confidence"), field, Confidence.HIGH)));
            });
            eachItem(f.get("projects"), "match.projects", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("project", "confidence"), true);
                projects.add(new Profile.ProjectRule(
                        required(x, "project", field), confidence(x.get("confidence"), field, Confidence.LOW)));
            });
            eachItem(f.get("files"), "match.files", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("all", "confidence"), true);
                Node all = x.get("all");
                if (all == null || isNull(all)) {
                    throw fail(item, field + ".all", "missing; list the paths that must all be present");
                }
                List<String> paths = strings(all, field + ".all");
                files.add(new Profile.FileRule(paths, confidence(x.get("confidence"), field, Confidence.MEDIUM)));
            });
            if (images.isEmpty() && projects.isEmpty() && files.isEmpty()) {
                throw fail(n, "match", "expected at least one of images, projects or files");
            }
            return new Profile.MatchRules(images, projects, files);
        }

        private List<Profile.VersionSource> versionSources(Node n) {
            List<Profile.VersionSource> out = new ArrayList<>();
            eachItem(n, "version", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("env", "image", "pattern"), true);
                Optional<String> pattern = optionalString(x.get("pattern"), field + ".pattern");
                pattern.ifPresent(p -> regex(p, x.get("pattern"), field + ".pattern"));
                boolean env = x.get("env") != null;
                boolean image = x.get("image") != null;
                if (env == image) {
                    throw fail(item, field, "expected env or image (one of them)");
                }
                out.add(
                        env
                                ? new Profile.VersionSource.Env(required(x, "env", field), pattern)
                                : new Profile.VersionSource.ImageTag(required(x, "image", field), pattern));
            });
            return out;
        }

        private Map<String, List<String>> services(Node n) {
            Map<String, List<String>> out = new LinkedHashMap<>();
            if (n == null || isNull(n)) {
                return out;
            }
            MappingNode m = mapping(n, "services");
            for (NodeTuple t : m.getValue()) {
                String service = scalar(t.getKeyNode(), "services");
                String field = "services." + service;
                Map<String, Node> x = fields(t.getValueNode(), field, List.of("aliases"), true);
                Node aliases = x.get("aliases");
                if (aliases == null) {
                    throw fail(t.getValueNode(), field + ".aliases", "missing; list the other names of the service");
                }
                out.put(service, strings(aliases, field + ".aliases"));
            }
            return out;
        }

        private Profile.EnvRules envRules(Node n) {
            if (n == null || isNull(n)) {
                return Profile.EnvRules.NONE;
            }
            Map<String, Node> f =
                    fields(n, "env_rules", List.of("preserve", "follow_release", "refuse", "not_renamed"), false);
            List<Profile.VariableRule> preserve = new ArrayList<>();
            List<Profile.VariableRule> follow = new ArrayList<>();
            List<Profile.Refusal> refuse = new ArrayList<>();
            List<Profile.NotRenamed> notRenamed = new ArrayList<>();
            eachItem(f.get("preserve"), "env_rules.preserve", (item, field) -> preserve.add(variableRule(item, field)));
            eachItem(
                    f.get("follow_release"),
                    "env_rules.follow_release",
                    (item, field) -> follow.add(variableRule(item, field)));
            eachItem(f.get("refuse"), "env_rules.refuse", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("variable", "values", "message", "versions"), true);
                Node values = x.get("values");
                if (values == null) {
                    throw fail(item, field + ".values", "missing; list the values to refuse");
                }
                refuse.add(new Profile.Refusal(
                        required(x, "variable", field),
                        strings(values, field + ".values"),
                        required(x, "message", field).strip().replaceAll("\\s*\\n\\s*", " "),
                        Optional.ofNullable(range(x.get("versions"), field + ".versions", false))));
            });
            eachItem(f.get("not_renamed"), "env_rules.not_renamed", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("from", "to", "reason"), true);
                notRenamed.add(new Profile.NotRenamed(
                        required(x, "from", field), required(x, "to", field), required(x, "reason", field)));
            });
            return new Profile.EnvRules(preserve, follow, refuse, notRenamed);
        }

        private Profile.VariableRule variableRule(Node item, String field) {
            Map<String, Node> x = fields(item, field, List.of("variables", "versions"), true);
            Node variables = x.get("variables");
            if (variables == null) {
                throw fail(item, field + ".variables", "missing; list variable names (with * for any characters)");
            }
            return new Profile.VariableRule(
                    strings(variables, field + ".variables"),
                    Optional.ofNullable(range(x.get("versions"), field + ".versions", false)));
        }

        private List<Profile.Explanation> explanations(Node n) {
            List<Profile.Explanation> out = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            eachItem(n, "explanations", (item, field) -> {
                Map<String, Node> x = fields(item, field, List.of("id", "when", "text", "versions", "from"), true);
                String id = required(x, "id", field);
                if (!ids.add(id)) {
                    throw fail(x.get("id"), field + ".id", id + " is given twice; ids are unique");
                }
                String when = required(x, "when", field);
                Profile.Moment moment = switch (when) {
                    case "before_upgrade" -> Profile.Moment.BEFORE_UPGRADE;
                    case "after_upgrade" -> Profile.Moment.AFTER_UPGRADE;
                    case "on_failure" -> Profile.Moment.ON_FAILURE;
                    default ->
                        throw fail(
                                x.get("when"),
                                field + ".when",
                                "expected before_upgrade, after_upgrade or on_failure, got \"" + when + "\"");
                };
                out.add(new Profile.Explanation(
                        id,
                        moment,
                        required(x, "text", field).strip().replaceAll("\\s*\\n\\s*", " "),
                        Optional.ofNullable(range(x.get("versions"), field + ".versions", false)),
                        Optional.ofNullable(range(x.get("from"), field + ".from", false))));
            });
            return out;
        }

        // ---- helpers ---------------------------------------------------------------------

        private interface ItemReader {
            void read(Node item, String field);
        }

        private void eachItem(Node n, String field, ItemReader reader) {
            if (n == null || isNull(n)) {
                return;
            }
            List<Node> items = list(n, field);
            for (int i = 0; i < items.size(); i++) {
                reader.read(items.get(i), field + "[" + i + "]");
            }
        }

        /** The fields of a mapping; with {@code annotated}, also its source/verified/note keys. */
        private Map<String, Node> fields(Node n, String path, List<String> schema, boolean annotated) {
            MappingNode m = mapping(n, path.isEmpty() ? "(top level)" : path);
            List<String> known = new ArrayList<>(schema);
            if (annotated) {
                known.addAll(ANNOTATION);
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String k = scalar(t.getKeyNode(), path);
                String field = path.isEmpty() ? k : path + "." + k;
                if (out.containsKey(k)) {
                    throw fail(t.getKeyNode(), field, k + " is given twice; keep one");
                }
                if (!known.contains(k)) {
                    String hint = Suggestions.closest(k, known)
                            .map(s -> "; did you mean \"" + s + "\"?")
                            .orElse("");
                    throw fail(
                            t.getKeyNode(),
                            field,
                            "unknown field" + hint + " (known here: " + String.join(", ", known) + ")");
                }
                out.put(k, t.getValueNode());
            }
            if (annotated) {
                annotation(out, path, line(n));
            }
            return out;
        }

        private void annotation(Map<String, Node> f, String path, int at) {
            List<String> sources = new ArrayList<>();
            List<Optional<String>> quotes = new ArrayList<>();
            if (f.get("source") != null && f.get("sources") != null) {
                throw fail(f.get("sources"), path + ".sources", "give source or sources, not both");
            }
            for (String key : List.of("source", "sources")) {
                Node v = f.get(key);
                if (v == null || isNull(v)) {
                    continue;
                }
                List<Node> items = v instanceof SequenceNode s ? s.getValue() : List.of(v);
                for (int i = 0; i < items.size(); i++) {
                    String fd = path + "." + key + "[" + i + "]";
                    Node item = items.get(i);
                    if (item instanceof MappingNode) {
                        Map<String, Node> c = fields(item, fd, List.of("at", "quote"), false);
                        sources.add(required(c, "at", fd));
                        quotes.add(optionalString(c.get("quote"), fd + ".quote"));
                    } else {
                        sources.add(scalar(item, fd).strip());
                        quotes.add(Optional.empty());
                    }
                }
            }
            Verification verified = bool(f.get("verified"), path + ".verified", true)
                    ? Verification.VERIFIED
                    : Verification.NOT_VERIFIED;
            Optional<String> note =
                    optionalString(f.get("note"), path + ".note").map(String::strip);
            Annotation a = new Annotation(path, at, sources, quotes, verified, note);
            check(a, path);
            if (!sources.isEmpty() || verified == Verification.NOT_VERIFIED || note.isPresent()) {
                annotations.add(a);
            }
        }

        /** Citations must look like {@code seeds/FILE:LINE} or {@code corpus/APP/RELEASE/PATH[:LINE]}. */
        private void check(Annotation a, String field) {
            for (String s : a.sources()) {
                if (!CITATION.matcher(s).matches()) {
                    throw new ConfigException(
                            source,
                            a.line(),
                            ConfigException.Reason.PROFILE_CITATION,
                            List.of(field, s),
                            field + ": the citation \"" + s + "\" is not seeds/<file>:<line> or"
                                    + " corpus/<app>/<release>/<path>[:<line>]");
                }
            }
        }

        private Confidence confidence(Node n, String field, Confidence fallback) {
            if (n == null || isNull(n)) {
                return fallback;
            }
            String v = scalar(n, field + ".confidence");
            for (Confidence c : Confidence.values()) {
                if (c.name().equalsIgnoreCase(v.strip())) {
                    return c;
                }
            }
            throw fail(n, field + ".confidence", "expected high, medium or low, got \"" + v + "\"");
        }

        private VersionRange range(Node n, String field, boolean needed) {
            if (n == null || isNull(n)) {
                if (needed) {
                    throw fail(n, field, "missing; give a version range such as \">=3.8\"");
                }
                return null;
            }
            try {
                return VersionRange.parse(scalar(n, field));
            } catch (IllegalArgumentException e) {
                throw fail(n, field, e.getMessage());
            }
        }

        private void regex(String r, Node n, String field) {
            try {
                Pattern.compile(r);
            } catch (PatternSyntaxException e) {
                throw fail(n, field, "not a valid regular expression: " + e.getDescription());
            }
        }

        private String required(Map<String, Node> f, String key, String path) {
            Node n = f.get(key);
            String field = path.isEmpty() ? key : path + "." + key;
            if (n == null || isNull(n)) {
                throw new ConfigException(
                        source,
                        0,
                        ConfigException.Reason.MANIFEST_FIELD_REQUIRED,
                        List.of(field),
                        field + ": missing; it is required here");
            }
            String s = scalar(n, field).strip();
            if (s.isEmpty()) {
                throw fail(n, field, "expected a value, got an empty string");
            }
            return s;
        }

        private Optional<String> optionalString(Node n, String field) {
            return n == null || isNull(n) ? Optional.empty() : Optional.of(scalar(n, field));
        }

        private boolean bool(Node n, String field, boolean fallback) {
            if (n == null || isNull(n)) {
                return fallback;
            }
            return switch (scalar(n, field).strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw fail(n, field, "expected true or false");
            };
        }

        private List<String> strings(Node n, String field) {
            List<String> out = new ArrayList<>();
            if (n instanceof ScalarNode && !isNull(n)) {
                out.add(scalar(n, field).strip());
                return out;
            }
            List<Node> items = list(n, field);
            for (int i = 0; i < items.size(); i++) {
                out.add(scalar(items.get(i), field + "[" + i + "]").strip());
            }
            if (out.isEmpty()) {
                throw fail(n, field, "expected at least one value");
            }
            return out;
        }

        private List<Node> list(Node n, String field) {
            if (n instanceof SequenceNode s) {
                return s.getValue();
            }
            throw fail(n, field, "expected a list");
        }

        private MappingNode mapping(Node n, String field) {
            if (n instanceof MappingNode m) {
                return m;
            }
            throw fail(n, field, "expected a mapping (key: value)");
        }

        private String scalar(Node n, String field) {
            if (n instanceof ScalarNode s && !isNull(s)) {
                return s.getValue();
            }
            throw fail(n, field, "expected a text value");
        }

        private Node compose(String text) {
            LoadSettings settings = LoadSettings.builder()
                    .setLabel(source)
                    .setUseMarks(true)
                    .setAllowDuplicateKeys(false)
                    .setMaxAliasesForCollections(50)
                    .build();
            try {
                return new Compose(settings)
                        .composeString(text)
                        .orElseThrow(() -> new ConfigException(
                                source, 0, ConfigException.Reason.PROFILE_EMPTY, List.of(), "the profile is empty"));
            } catch (MarkedYamlEngineException e) {
                int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
                String problem = String.valueOf(e.getProblem());
                ConfigException x = new ConfigException(
                        source,
                        line,
                        ConfigException.Reason.MANIFEST_YAML_INVALID,
                        List.of(problem),
                        "not valid YAML: " + problem);
                x.initCause(e);
                throw x;
            }
        }

        private ConfigException fail(Node n, String field, String message) {
            return new ConfigException(source, line(n), field + ": " + message);
        }

        private static int line(Node n) {
            return n == null ? 0 : n.getStartMark().map(Mark::getLine).orElse(-1) + 1;
        }

        private static boolean isNull(Node n) {
            if (n instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
                String v = s.getValue();
                return v.isEmpty() || v.equals("~") || v.equals("null");
            }
            return false;
        }
    }
}
