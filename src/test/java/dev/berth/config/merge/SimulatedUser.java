package dev.berth.config.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Edits a real file the way users do (a port or tag changed, a comment, a key, a list item added),
 * by editing its lines, and computes the values a correct merge must give. Uses snakeyaml-engine's
 * full loader (anchors and merge keys resolved), not the merge's own parser.
 */
final class SimulatedUser {
    static final String COMMENT = "# mine: a note for the next upgrade";
    static final String ADDED_KEY = "mine_added_setting";
    static final String ADDED_ITEM = "mine-added-item";
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    /** A mapping entry on one line, {@code key: scalar}, found in the user's (base) file. */
    record Leaf(List<String> path, int line, int keyColumn, int valueStart, int valueEnd, ScalarNode value) {}

    /** A block list of one-line scalars. */
    record ListEntry(List<String> path, int lastItemLine, int dashColumn) {}

    private SimulatedUser() {}

    /**
     * The file's values as written: an alias stays {@code *name} and an anchor is an entry {@code &}
     * of its mapping, as a user reading the text sees them; empty when the text is not valid YAML.
     */
    static Optional<Object> load(String text) {
        try {
            Optional<Node> root = new Compose(LoadSettings.builder().build()).composeString(text);
            return Optional.of(root.map(n -> written(n, Collections.newSetFromMap(new IdentityHashMap<>())))
                    .orElse(Map.of()));
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
    }

    private static Object written(Node node, Set<Node> seen) {
        if (!seen.add(node)) {
            return "*" + node.getAnchor().orElseThrow().getValue();
        }
        Object value = switch (node) {
            case MappingNode m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (NodeTuple t : m.getValue()) {
                    String key = ((ScalarNode) t.getKeyNode()).getValue();
                    if (map.containsKey(key)) {
                        throw new YamlEngineException("duplicate key " + key);
                    }
                    map.put(key, written(t.getValueNode(), seen));
                }
                yield map;
            }
            case SequenceNode s -> {
                List<Object> list = new ArrayList<>();
                s.getValue().forEach(item -> list.add(written(item, seen)));
                yield list;
            }
            case ScalarNode s ->
                s.getTag().equals(Tag.NULL) ? "null" : s.getTag().getValue() + "|" + s.getValue();
            default -> throw new IllegalStateException(node.toString());
        };
        if (node.getAnchor().isEmpty()) {
            return value;
        }
        Map<String, Object> anchored = new LinkedHashMap<>();
        anchored.put("&", node.getAnchor().get().getValue());
        anchored.put("=", value);
        return anchored;
    }

    /** Leaf values by path; lists and empty mappings are leaves. */
    static Map<List<String>, Object> flatten(Object tree) {
        Map<List<String>, Object> out = new LinkedHashMap<>();
        flatten(tree, List.of(), out);
        return out;
    }

    private static void flatten(Object node, List<String> path, Map<List<String>, Object> out) {
        if (node instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                List<String> next = new ArrayList<>(path);
                next.add(String.valueOf(e.getKey()));
                flatten(e.getValue(), List.copyOf(next), out);
            }
        } else {
            out.put(path, node);
        }
    }

    static Object at(Map<List<String>, Object> flat, List<String> path) {
        return flat.containsKey(path) ? flat.get(path) : ABSENT;
    }

    /** The one-line scalar entries and block lists of scalars, outside anchors, aliases and merge keys. */
    static void scan(String text, List<Leaf> leaves, List<ListEntry> lists) {
        List<String> lines = text.lines().toList();
        Node root =
                new Compose(LoadSettings.builder().build()).composeString(text).orElse(null);
        if (root instanceof MappingNode map) {
            walk(map, List.of(), lines, leaves, lists, Collections.newSetFromMap(new IdentityHashMap<>()));
        }
    }

    private static void walk(
            MappingNode map,
            List<String> path,
            List<String> lines,
            List<Leaf> leaves,
            List<ListEntry> lists,
            Set<Node> seen) {
        if (map.getFlowStyle() != FlowStyle.BLOCK
                || !seen.add(map)
                || map.getAnchor().isPresent()) {
            return;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key) || key.getTag().equals(Tag.MERGE)) {
                continue;
            }
            List<String> keyPath = new ArrayList<>(path);
            keyPath.add(key.getValue());
            int line = key.getStartMark().orElseThrow().getLine();
            int col = key.getStartMark().orElseThrow().getColumn();
            if (!lines.get(line).substring(0, col).isBlank()) {
                continue;
            }
            Node value = t.getValueNode();
            if (value.getAnchor().isPresent() || seen.contains(value)) {
                continue;
            }
            switch (value) {
                case MappingNode child -> walk(child, List.copyOf(keyPath), lines, leaves, lists, seen);
                case ScalarNode s
                when s.getScalarStyle() != ScalarStyle.LITERAL
                        && s.getScalarStyle() != ScalarStyle.FOLDED
                        && !s.getValue().isEmpty()
                        && s.getStartMark().orElseThrow().getLine() == line
                        && s.getEndMark().orElseThrow().getLine() == line -> {
                    String text = lines.get(line);
                    leaves.add(new Leaf(
                            List.copyOf(keyPath),
                            line,
                            col,
                            text.offsetByCodePoints(
                                    0, s.getStartMark().orElseThrow().getColumn()),
                            text.offsetByCodePoints(
                                    0, s.getEndMark().orElseThrow().getColumn()),
                            s));
                }
                case SequenceNode seq
                when seq.getFlowStyle() == FlowStyle.BLOCK && !seq.getValue().isEmpty() -> {
                    boolean simple = seq.getValue().stream()
                            .allMatch(item -> item instanceof ScalarNode s
                                    && !s.getValue().isEmpty()
                                    && s.getScalarStyle() != ScalarStyle.LITERAL
                                    && s.getScalarStyle() != ScalarStyle.FOLDED
                                    && s.getStartMark().orElseThrow().getLine()
                                            == s.getEndMark().orElseThrow().getLine()
                                    && lines.get(s.getStartMark().orElseThrow().getLine())
                                            .substring(
                                                    0,
                                                    s.getStartMark()
                                                            .orElseThrow()
                                                            .getColumn())
                                            .strip()
                                            .equals("-"));
                    if (simple) {
                        Node last = seq.getValue().getLast();
                        int lastLine = last.getStartMark().orElseThrow().getLine();
                        lists.add(new ListEntry(
                                List.copyOf(keyPath),
                                lastLine,
                                lines.get(lastLine).indexOf('-')));
                    }
                }
                default -> {}
            }
        }
    }

    /** A different value written the way the old one was: a number plus 7919, a string with a suffix. */
    static String changedValue(Leaf leaf, String lineText) {
        String old = lineText.substring(leaf.valueStart(), leaf.valueEnd());
        ScalarNode s = leaf.value();
        if (s.getTag().equals(Tag.INT) && old.matches("-?[0-9]+")) {
            return Long.toString(Long.parseLong(old) + 7919);
        }
        if (s.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || s.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) {
            return old.substring(0, old.length() - 1) + "-mine" + old.charAt(old.length() - 1);
        }
        if (s.getTag().equals(Tag.STR)) {
            return old + "-mine";
        }
        return "\"" + s.getValue().replace("\\", "\\\\").replace("\"", "\\\"") + "-mine\"";
    }

    /** Line edits of a text: replacements and insertions, applied bottom-up so line numbers stay valid. */
    static final class LineEdits {
        private final TreeMap<Integer, String> replaced = new TreeMap<>();
        private final TreeMap<Integer, List<String>> insertedBefore = new TreeMap<>();

        void replace(int line, String text) {
            replaced.put(line, text);
        }

        void insertBefore(int line, String text) {
            insertedBefore.computeIfAbsent(line, k -> new ArrayList<>()).add(text);
        }

        String apply(String text) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            replaced.forEach(lines::set);
            for (Map.Entry<Integer, List<String>> e :
                    insertedBefore.descendingMap().entrySet()) {
                lines.addAll(e.getKey(), e.getValue());
            }
            return String.join("\n", lines) + (text.endsWith("\n") || text.isEmpty() ? "\n" : "");
        }
    }

    static String indentOf(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }
}
