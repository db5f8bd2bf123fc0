package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads one YAML file into plain Java values (ordered maps, lists, strings, numbers, booleans,
 * null) the way compose reads it: anchors and aliases, merge keys {@code <<}, duplicate keys
 * refused, the {@code !reset} and {@code !override} tags recorded, every string value passed
 * through a rewrite (interpolation) that knows where the value was written.
 *
 * <p>Built on snakeyaml-engine's event parser rather than its composer so that nesting depth,
 * alias expansion (billion laughs) and file size are bounded before anything recursive runs.
 */
final class YamlReader {
    /** Largest file read. */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
    /** Deepest nesting of mappings and sequences, aliases expanded. */
    static final int MAX_DEPTH = 256;
    /** Most values that alias expansion may add to one file (the file itself is bounded by its size). */
    static final int MAX_NODES = 100_000;

    private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();
    private static final String RESET = "!reset";
    private static final String OVERRIDE = "!override";

    /** What a rewrite gets for each string value. */
    interface StringRewrite {
        /**
         * @param path keys from the document root, list indexes written {@code [i]}
         * @return the value to keep: a string, or another scalar when the path calls for a type
         */
        Object apply(String value, List<String> path, SourceLocation where);
    }

    /** One YAML document of a file. */
    record Document(
            Object root,
            Map<String, SourceLocation> locations,
            List<List<String>> resetPaths,
            List<List<String>> overridePaths) {}

    private YamlReader() {}

    /** Reads a file; {@code label} is how errors name it. */
    static List<Document> read(Path file, String label, StringRewrite rewrite) {
        String text = readText(file, label);
        return parse(text, label, rewrite);
    }

    static String readText(Path file, String label) {
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(label, 0, "is a folder, not a compose file; name the YAML file itself");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigException(
                        label,
                        0,
                        "is " + size + " bytes; compose files larger than " + MAX_FILE_BYTES
                                + " bytes (16 MiB) are refused. Check that this is the right file");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (NoSuchFileException e) {
            throw new ConfigException(label, "does not exist; check the path (-f) or the project directory", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(label, "is not UTF-8 text; save it as UTF-8 and retry", e);
        } catch (IOException e) {
            throw new ConfigException(label, "cannot be read (" + e.getMessage() + "); check its permissions", e);
        }
    }

    static List<Document> parse(String text, String label, StringRewrite rewrite) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(false)
                .setCodePointLimit((int) MAX_FILE_BYTES + 1)
                .setSchema(new CoreSchema())
                .build();
        List<Node> roots;
        try {
            roots = new Composer(label).compose(new Parse(settings).parseString(text));
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String problem = e.getProblem() == null ? "" : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new ConfigException(
                    label,
                    m == null ? 0 : m.getLine() + 1,
                    m == null ? 0 : m.getColumn() + 1,
                    "is not valid YAML: " + context + problem + "; fix the syntax at this position",
                    e);
        } catch (YamlEngineException e) {
            throw new ConfigException(label, "is not valid YAML: " + e.getMessage(), e);
        }
        List<Document> docs = new ArrayList<>();
        for (Node root : roots) {
            docs.add(new Converter(label, rewrite).document(root));
        }
        return docs;
    }

    // ---------------------------------------------------------------- nodes

    private sealed interface Node permits Scalar, Branch {
        Mark mark();

        String tag();

        int depth();
    }

    private record Scalar(String value, String tag, boolean plain, Mark mark) implements Node {
        @Override
        public int depth() {
            return 0;
        }
    }

    /** A sequence or mapping: its tag, where it starts and how deeply it nests. */
    private abstract static sealed class Branch implements Node permits Seq, MapNode {
        final String tag;
        final Mark mark;
        int depth = 1;

        Branch(String tag, Mark mark) {
            this.tag = tag;
            this.mark = mark;
        }

        @Override
        public Mark mark() {
            return mark;
        }

        @Override
        public String tag() {
            return tag;
        }

        @Override
        public int depth() {
            return depth;
        }
    }

    private static final class Seq extends Branch {
        final List<Node> items = new ArrayList<>();

        Seq(String tag, Mark mark) {
            super(tag, mark);
        }
    }

    private static final class MapNode extends Branch {
        final List<Node> keys = new ArrayList<>();
        final List<Node> values = new ArrayList<>();

        MapNode(String tag, Mark mark) {
            super(tag, mark);
        }
    }

    /** Builds nodes from parser events without recursion; refuses recursive aliases and deep nesting. */
    private static final class Composer {
        private final String label;

        Composer(String label) {
            this.label = label;
        }

        List<Node> compose(Iterable<Event> events) {
            List<Node> docs = new ArrayList<>();
            Map<String, Node> anchors = new HashMap<>();
            Set<Node> open = new HashSet<>();
            Deque<Node> stack = new ArrayDeque<>();
            for (Event ev : events) {
                Node made = null;
                switch (ev.getEventId()) {
                    case DocumentStart -> anchors.clear();
                    case Scalar -> {
                        ScalarEvent s = (ScalarEvent) ev;
                        made = new Scalar(
                                s.getValue(),
                                s.getTag().orElse(null),
                                s.getScalarStyle() == ScalarStyle.PLAIN,
                                s.getStartMark().orElse(null));
                        anchor(s, made, anchors);
                    }
                    case Alias -> {
                        AliasEvent a = (AliasEvent) ev;
                        String name = a.getAlias().getValue();
                        made = anchors.get(name);
                        if (made == null) {
                            throw error(ev, "alias *" + name + " refers to no anchor &" + name + " defined before it");
                        }
                        if (open.contains(made)) {
                            throw error(
                                    ev,
                                    "alias *" + name + " refers to the collection that contains it (a recursive"
                                            + " structure); compose files cannot be recursive");
                        }
                    }
                    case SequenceStart, MappingStart -> {
                        CollectionStartEvent c = (CollectionStartEvent) ev;
                        Node coll = ev.getEventId() == Event.ID.SequenceStart
                                ? new Seq(
                                        c.getTag().orElse(null),
                                        c.getStartMark().orElse(null))
                                : new MapNode(
                                        c.getTag().orElse(null),
                                        c.getStartMark().orElse(null));
                        anchor(c, coll, anchors);
                        if (stack.size() >= MAX_DEPTH) {
                            throw error(ev, "nesting is deeper than " + MAX_DEPTH + " levels");
                        }
                        stack.push(coll);
                        open.add(coll);
                    }
                    case SequenceEnd, MappingEnd -> {
                        made = stack.pop();
                        open.remove(made);
                        if (made instanceof MapNode m && m.keys.size() != m.values.size()) {
                            throw error(ev, "mapping ends after a key without value");
                        }
                    }
                    default -> {}
                }
                if (made == null) {
                    continue;
                }
                if (stack.isEmpty()) {
                    docs.add(made);
                    continue;
                }
                Node parent = stack.peek();
                int childDepth = made.depth() + 1;
                if (childDepth > MAX_DEPTH) {
                    throw error(ev, "nesting is deeper than " + MAX_DEPTH + " levels once aliases are expanded");
                }
                if (parent instanceof Seq seq) {
                    seq.items.add(made);
                    seq.depth = Math.max(seq.depth, childDepth);
                } else if (parent instanceof MapNode map) {
                    if (map.keys.size() == map.values.size()) {
                        map.keys.add(made);
                    } else {
                        map.values.add(made);
                        map.depth = Math.max(map.depth, childDepth);
                    }
                }
            }
            return docs;
        }

        private static void anchor(NodeEvent ev, Node node, Map<String, Node> anchors) {
            ev.getAnchor().ifPresent(a -> anchors.put(a.getValue(), node));
        }

        private ConfigException error(Event ev, String message) {
            Optional<Mark> m = ev.getStartMark();
            return new ConfigException(
                    label,
                    m.map(x -> x.getLine() + 1).orElse(0),
                    m.map(x -> x.getColumn() + 1).orElse(0),
                    message,
                    null);
        }
    }

    /** Turns nodes into plain values: merge keys, duplicate keys, tags, rewrites, locations. */
    private static final class Converter {
        private final String label;
        private final StringRewrite rewrite;
        private final Map<String, SourceLocation> locations = new LinkedHashMap<>();
        private final List<List<String>> resets = new ArrayList<>();
        private final List<List<String>> overrides = new ArrayList<>();
        private int produced;
        /** Collections converted once already: converting them again is an alias expansion. */
        private final Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        /** Above zero while expanding an alias, whose locations are those of its anchor. */
        private int expanding;

        Converter(String label, StringRewrite rewrite) {
            this.label = label;
            this.rewrite = rewrite;
        }

        Document document(Node root) {
            Object value = convert(root, new ArrayList<>());
            return new Document(value, locations, resets, overrides);
        }

        private SourceLocation where(Node n) {
            Mark m = n.mark();
            return m == null
                    ? new SourceLocation(label, 0, 0)
                    : new SourceLocation(label, m.getLine() + 1, m.getColumn() + 1);
        }

        private Object convert(Node node, List<String> path) {
            boolean alias = !(node instanceof Scalar) && !seen.add(node);
            if (alias) {
                expanding++;
            }
            if (expanding > 0 && ++produced > MAX_NODES) {
                throw new ConfigException(
                        label,
                        where(node).line(),
                        "aliases expand to more than " + MAX_NODES
                                + " values (a \"billion laughs\" file?); refusing to load it");
            }
            try {
                return convertNode(node, path);
            } finally {
                if (alias) {
                    expanding--;
                }
            }
        }

        private Object convertNode(Node node, List<String> path) {
            String dotted = expanding > 0 ? "" : dotted(path);
            if (expanding == 0) {
                locations.putIfAbsent(dotted, where(node));
            }
            String tag = node.tag();
            if (RESET.equals(tag)) {
                resets.add(List.copyOf(path));
            } else if (OVERRIDE.equals(tag)) {
                overrides.add(List.copyOf(path));
            }
            return switch (node) {
                case Scalar s -> scalar(s, path);
                case Seq seq -> {
                    List<Object> list = new ArrayList<>(seq.items.size());
                    for (int i = 0; i < seq.items.size(); i++) {
                        path.add("[" + i + "]");
                        list.add(convert(seq.items.get(i), path));
                        path.removeLast();
                    }
                    yield list;
                }
                case MapNode map -> mapping(map, path, dotted);
            };
        }

        private Map<String, Object> mapping(MapNode map, List<String> path, String dotted) {
            Map<String, Object> out = new LinkedHashMap<>();
            Map<String, Node> explicit = new LinkedHashMap<>();
            for (int i = 0; i < map.keys.size(); i++) {
                Node k = map.keys.get(i);
                if (isMergeKey(k)) {
                    continue;
                }
                String key = key(k, dotted);
                Node previous = explicit.putIfAbsent(key, k);
                if (previous != null) {
                    SourceLocation first = where(previous);
                    SourceLocation dup = where(k);
                    throw new ConfigException(
                            label,
                            dup.line(),
                            dup.column(),
                            "duplicate key \"" + key + "\"" + (dotted.isEmpty() ? "" : " in " + dotted)
                                    + " (first defined at line " + first.line() + "); remove one of them",
                            null);
                }
            }
            for (int i = 0; i < map.keys.size(); i++) {
                Node k = map.keys.get(i);
                Node v = map.values.get(i);
                if (isMergeKey(k)) {
                    merge(v, out, explicit.keySet(), path, dotted);
                    continue;
                }
                String key = key(k, dotted);
                if (RESET.equals(v.tag())) {
                    path.add(key);
                    resets.add(List.copyOf(path));
                    path.removeLast();
                    out.remove(key);
                    continue;
                }
                path.add(key);
                out.put(key, convert(v, path));
                path.removeLast();
            }
            return out;
        }

        /** YAML merge key: entries of the merged mappings that the mapping does not set itself. */
        private void merge(
                Node source, Map<String, Object> out, Set<String> explicit, List<String> path, String dotted) {
            List<Node> sources = new ArrayList<>();
            if (source instanceof MapNode) {
                sources.add(source);
            } else if (source instanceof Seq seq) {
                sources.addAll(seq.items);
            }
            if (sources.isEmpty() || !sources.stream().allMatch(s -> s instanceof MapNode)) {
                SourceLocation at = where(source);
                throw new ConfigException(
                        label,
                        at.line(),
                        at.column(),
                        "merge key << in " + (dotted.isEmpty() ? "the top level" : dotted)
                                + " must refer to a mapping or a list of mappings",
                        null);
            }
            for (Node s : sources) {
                MapNode m = (MapNode) s;
                Map<String, Object> merged = mapping(m, path, dotted);
                for (Map.Entry<String, Object> e : merged.entrySet()) {
                    if (!explicit.contains(e.getKey()) && !out.containsKey(e.getKey())) {
                        out.put(e.getKey(), e.getValue());
                    }
                }
            }
        }

        private static boolean isMergeKey(Node k) {
            return k instanceof Scalar s && s.plain() && "<<".equals(s.value()) && s.tag() == null;
        }

        private String key(Node k, String dotted) {
            if (k instanceof Scalar s) {
                return s.value();
            }
            SourceLocation at = where(k);
            throw new ConfigException(
                    label,
                    at.line(),
                    at.column(),
                    "a key" + (dotted.isEmpty() ? "" : " in " + dotted) + " is a mapping or a list; compose keys are"
                            + " plain strings",
                    null);
        }

        private Object scalar(Scalar s, List<String> path) {
            String tag = s.tag();
            Tag resolved;
            if (tag == null || "!".equals(tag) || RESET.equals(tag) || OVERRIDE.equals(tag)) {
                resolved = s.plain() && !"!".equals(tag) ? RESOLVER.resolve(s.value(), true) : Tag.STR;
            } else if (tag.startsWith(Tag.PREFIX)) {
                resolved = new Tag(tag);
            } else {
                resolved = Tag.STR; // unknown local tags: the value is read as written
            }
            String v = s.value();
            try {
                if (resolved.equals(Tag.NULL)) {
                    return null;
                } else if (resolved.equals(Tag.BOOL)) {
                    return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT));
                } else if (resolved.equals(Tag.INT)) {
                    return integer(v);
                } else if (resolved.equals(Tag.FLOAT)) {
                    return floating(v);
                }
            } catch (NumberFormatException e) {
                SourceLocation at = where(s);
                throw new ConfigException(
                        label,
                        at.line(),
                        at.column(),
                        "\"" + v + "\" is not a valid " + resolved.getValue().substring(Tag.PREFIX.length()),
                        e);
            }
            return rewrite.apply(v, path, where(s));
        }

        private static Object integer(String v) {
            String t = v.replace("_", "");
            int sign = 1;
            if (t.startsWith("-") || t.startsWith("+")) {
                sign = t.startsWith("-") ? -1 : 1;
                t = t.substring(1);
            }
            BigInteger b;
            if (t.startsWith("0x")) {
                b = new BigInteger(t.substring(2), 16);
            } else if (t.startsWith("0o")) {
                b = new BigInteger(t.substring(2), 8);
            } else {
                b = new BigInteger(t);
            }
            b = sign < 0 ? b.negate() : b;
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }

        private static Object floating(String v) {
            String t = v.toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
                case "-.inf" -> Double.NEGATIVE_INFINITY;
                case ".nan" -> Double.NaN;
                default -> Double.valueOf(t);
            };
        }
    }

    static String dotted(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path) {
            if (!p.startsWith("[") && !sb.isEmpty()) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
