package dev.berth.config.merge;

import dev.berth.config.diff.TextLines;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * One YAML file as the key-level merge sees it: its lines and its syntax tree with positions, built
 * from the parser's events. Anchors, aliases and merge keys ({@code <<}) stay as written: an alias
 * is a value of its own and {@code <<} is a key like any other, so a merge of the text is a merge of
 * what the user sees. Only one document with scalar keys and no duplicate keys qualifies.
 */
final class YamlDoc {
    /** A position: 0-based line, and column as a char offset into that line. */
    record Pos(int line, int column) {}

    sealed interface YNode permits YMap, YSeq, YScalar, YAlias {
        Pos start();

        /** Where the parser's event ends: after a scalar or a flow collection, at the next token for a block one. */
        Pos end();

        /** The anchor defined on this node, or null. */
        String anchor();
    }

    record YEntry(YScalar key, YNode value) {}

    record YMap(List<YEntry> entries, boolean flow, Pos start, Pos end, String anchor) implements YNode {}

    record YSeq(List<YNode> items, boolean flow, Pos start, Pos end, String anchor) implements YNode {}

    record YScalar(String value, String tag, ScalarStyle style, Pos start, Pos end, String anchor) implements YNode {}

    record YAlias(String name, Pos start, Pos end) implements YNode {
        @Override
        public String anchor() {
            return null;
        }
    }

    /** A scalar's value as compared: its resolved tag and text. */
    record Scalar(String tag, String value) {}

    /** A value that defines an anchor; the anchor's name is part of the value. */
    record Anchored(String anchor, Object value) {}

    /** An alias, compared by name: what it points to is compared where the anchor is defined. */
    record AliasRef(String name) {}

    final String side;
    final List<String> lines;
    /** The document's root, or null for an empty document. */
    final YNode root;
    /** Lines inside multi-line scalars, which look like comments or keys but are values. */
    private final boolean[] scalarContent;

    private YamlDoc(String side, List<String> lines, YNode root) {
        this.side = side;
        this.lines = List.copyOf(lines);
        this.root = root;
        this.scalarContent = new boolean[lines.size()];
        if (root != null) {
            markScalars(root);
        }
    }

    static YamlDoc parse(String side, List<String> lines) throws NotMergeable {
        for (String line : lines) {
            if (line.indexOf('\r') >= 0
                    || line.indexOf('\u0085') >= 0
                    || line.indexOf('\u2028') >= 0
                    || line.indexOf('\u2029') >= 0) {
                throw new NotMergeable(side + " has line breaks other than CRLF and LF");
            }
        }
        LoadSettings settings = LoadSettings.builder().setLabel(side).build();
        Builder builder = new Builder(side, lines, settings.getSchema().getScalarResolver());
        try {
            for (Event event : new Parse(settings).parseString(LineMerge.joined(lines))) {
                builder.accept(event);
            }
        } catch (YamlEngineException e) {
            throw new NotMergeable(side + " is not valid YAML (" + firstLine(e.getMessage()) + ")");
        }
        return new YamlDoc(side, lines, builder.root);
    }

    /** A value the user typed, parsed on its own. */
    static Object parseValue(String text) throws NotMergeable {
        YamlDoc doc = parse("the edited value", TextLines.of(text).lines());
        return doc.root == null ? new Scalar(Tag.NULL.getValue(), "") : tree(doc.root);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        return message.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .findFirst()
                .orElse("no details");
    }

    /** Builds the syntax tree from parser events, checking what the merge needs. */
    private static final class Builder {
        private final String side;
        private final List<String> lines;
        private final ScalarResolver resolver;
        private final Deque<Object[]> open = new ArrayDeque<>(); // {event, List<YNode> children}
        private final Set<String> anchors = new HashSet<>();
        private int documents;
        YNode root;

        Builder(String side, List<String> lines, ScalarResolver resolver) {
            this.side = side;
            this.lines = lines;
            this.resolver = resolver;
        }

        void accept(Event event) throws NotMergeable {
            switch (event) {
                case MappingStartEvent e -> start(e);
                case SequenceStartEvent e -> start(e);
                case ScalarEvent e -> {
                    String tag = e.getTag().filter(t -> !t.equals("!")).orElse(null);
                    String resolved = tag != null
                            ? tag
                            : resolver.resolve(e.getValue(), e.getImplicit().canOmitTagInPlainScalar())
                                    .getValue();
                    add(new YScalar(
                            e.getValue(),
                            resolved,
                            e.getScalarStyle(),
                            pos(e.getStartMark().orElseThrow()),
                            pos(e.getEndMark().orElseThrow()),
                            anchor(e.getAnchor().orElse(null))));
                }
                case AliasEvent e -> {
                    String name = e.getAlias().getValue();
                    if (!anchors.contains(name)) {
                        throw new NotMergeable(side + " uses the alias *" + name + " before its anchor, at line "
                                + (pos(e.getStartMark().orElseThrow()).line() + 1));
                    }
                    add(new YAlias(
                            name,
                            pos(e.getStartMark().orElseThrow()),
                            pos(e.getEndMark().orElseThrow())));
                }
                default -> {
                    switch (event.getEventId()) {
                        case MappingEnd -> end(true, event);
                        case SequenceEnd -> end(false, event);
                        case DocumentStart -> {
                            if (++documents > 1) {
                                throw new NotMergeable(side + " holds more than one YAML document");
                            }
                        }
                        default -> {}
                    }
                }
            }
        }

        private void start(CollectionStartEvent e) throws NotMergeable {
            if (e.getTag().filter(t -> !t.equals("!")).isPresent()) {
                throw new NotMergeable(side + " has an explicit tag on a collection, at line "
                        + (pos(e.getStartMark().orElseThrow()).line() + 1));
            }
            open.push(new Object[] {e, new ArrayList<YNode>()});
        }

        @SuppressWarnings("unchecked")
        private void end(boolean mapping, Event endEvent) throws NotMergeable {
            Object[] frame = open.pop();
            CollectionStartEvent e = (CollectionStartEvent) frame[0];
            List<YNode> children = (List<YNode>) frame[1];
            Pos start = pos(e.getStartMark().orElseThrow());
            Pos end = pos(endEvent.getEndMark().orElseThrow());
            boolean flow = e.getFlowStyle() == FlowStyle.FLOW;
            String anchor = anchor(e.getAnchor().orElse(null));
            if (!mapping) {
                add(new YSeq(List.copyOf(children), flow, start, end, anchor));
                return;
            }
            List<YEntry> entries = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (int i = 0; i + 1 < children.size(); i += 2) {
                if (!(children.get(i) instanceof YScalar key)) {
                    throw new NotMergeable(side + " has a key that is not a plain value, at line "
                            + (children.get(i).start().line() + 1));
                }
                if (!keys.add(key.value())) {
                    throw new NotMergeable(side + " has the key " + key.value() + " twice, at line "
                            + (key.start().line() + 1));
                }
                entries.add(new YEntry(key, children.get(i + 1)));
            }
            add(new YMap(List.copyOf(entries), flow, start, end, anchor));
        }

        @SuppressWarnings("unchecked")
        private void add(YNode node) {
            if (open.isEmpty()) {
                root = node;
            } else {
                ((List<YNode>) open.peek()[1]).add(node);
            }
        }

        private String anchor(Anchor anchor) {
            if (anchor == null) {
                return null;
            }
            anchors.add(anchor.getValue());
            return anchor.getValue();
        }

        private Pos pos(Mark mark) {
            int line = mark.getLine();
            if (line >= lines.size()) {
                return new Pos(line, 0);
            }
            String text = lines.get(line);
            int cps = text.codePointCount(0, text.length());
            return new Pos(line, text.offsetByCodePoints(0, Math.min(mark.getColumn(), cps)));
        }
    }

    /** The node as plain values: maps, lists, {@link Scalar}s, {@link Anchored} and {@link AliasRef}. */
    static Object tree(YNode node) {
        Object value = switch (node) {
            case YMap m -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (YEntry e : m.entries()) {
                    map.put(e.key().value(), tree(e.value()));
                }
                yield map;
            }
            case YSeq s -> items(s);
            case YScalar s -> scalar(s);
            case YAlias a -> new AliasRef(a.name());
        };
        return node.anchor() == null ? value : new Anchored(node.anchor(), value);
    }

    /** The items of a list, without the list's own anchor. */
    static List<Object> items(YSeq seq) {
        List<Object> list = new ArrayList<>();
        for (YNode item : seq.items()) {
            list.add(tree(item));
        }
        return list;
    }

    private static Scalar scalar(YScalar s) {
        if (s.tag().equals(Tag.NULL.getValue())) {
            return new Scalar(s.tag(), "");
        }
        if (s.tag().equals(Tag.BOOL.getValue())) {
            return new Scalar(s.tag(), s.value().toLowerCase(Locale.ROOT));
        }
        return new Scalar(s.tag(), s.value());
    }

    // ---- positions: lines are 0-based, columns are char offsets into the line

    int line(YNode node) {
        return node.start().line();
    }

    int column(YNode node) {
        return node.start().column();
    }

    int endColumn(YNode node) {
        return node.end().column();
    }

    /** The last line that holds part of the node's text (its comments not counted). */
    int endLine(YNode node) {
        int start = line(node);
        switch (node) {
            case YSeq s
            when !s.flow() -> {
                return s.items().isEmpty() ? start : endLine(s.items().getLast());
            }
            case YMap m
            when !m.flow() -> {
                return m.entries().isEmpty()
                        ? start
                        : endLine(m.entries().getLast().value());
            }
            default -> {
                if (isEmptyPlain(node)) {
                    return start;
                }
                Pos end = node.end();
                int last = end.column() == 0 && end.line() > start ? end.line() - 1 : end.line();
                while (last > start && last < lines.size() && lines.get(last).isBlank()) {
                    last--;
                }
                return Math.min(last, lines.size() - 1);
            }
        }
    }

    static boolean isEmptyPlain(YNode node) {
        return node instanceof YScalar s
                && s.style() == ScalarStyle.PLAIN
                && s.value().isEmpty();
    }

    /** A value that can be swapped in place on its line: a quoted or plain scalar, an alias, or a flow collection, on one line. */
    boolean isInline(YNode node) {
        boolean shape = switch (node) {
            case YScalar s -> !isEmptyPlain(s) && s.style() != ScalarStyle.LITERAL && s.style() != ScalarStyle.FOLDED;
            case YMap m -> m.flow();
            case YSeq s -> s.flow();
            case YAlias a -> true;
        };
        return shape && node.start().line() == node.end().line();
    }

    static boolean isBlock(YNode node) {
        return node instanceof YMap m && !m.flow() || node instanceof YSeq s && !s.flow();
    }

    /** Whether only blanks come before the node on its line. */
    boolean startsLine(YNode node) {
        return lines.get(line(node)).substring(0, column(node)).isBlank();
    }

    /** The column of the {@code -} that introduces a block list item, which must start its line. */
    int dashColumn(YNode item) throws NotMergeable {
        String prefix = lines.get(line(item)).substring(0, column(item));
        int dash = prefix.indexOf('-');
        if (dash < 0
                || !prefix.substring(0, dash).isBlank()
                || !prefix.substring(dash + 1).isBlank()
                || prefix.length() == dash + 1) {
            throw new NotMergeable(side + " has a list item that does not start its line, at line " + (line(item) + 1));
        }
        return dash;
    }

    /** The node's text as written; for a value over several lines, the lines with their common indent removed. */
    String text(YNode node) {
        int first = line(node);
        int last = endLine(node);
        if (first == last && !isBlock(node)) {
            String line = lines.get(first);
            int end = node.end().line() == first ? endColumn(node) : line.length();
            return line.substring(column(node), Math.max(column(node), end)).strip();
        }
        List<String> rest = new ArrayList<>();
        String head = lines.get(first).substring(column(node));
        for (int i = first + 1; i <= last; i++) {
            rest.add(lines.get(i));
        }
        int indent = rest.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(YamlDoc::indent)
                .min()
                .orElse(0);
        StringBuilder sb = new StringBuilder(head.stripTrailing());
        for (String l : rest) {
            sb.append('\n').append(l.isBlank() ? "" : l.substring(Math.min(indent, l.length())));
        }
        return sb.toString();
    }

    /** Lines [from, to] as {@code \n}-terminated text. */
    String slice(int from, int to) {
        return LineMerge.joined(lines.subList(from, to + 1));
    }

    boolean isScalarContent(int line) {
        return scalarContent[line];
    }

    static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    static boolean isComment(String line) {
        return line.stripLeading().startsWith("#");
    }

    private void markScalars(YNode node) {
        switch (node) {
            case YMap m ->
                m.entries().forEach(e -> {
                    markScalars(e.key());
                    markScalars(e.value());
                });
            case YSeq s -> s.items().forEach(this::markScalars);
            case YScalar s -> {
                int last = endLine(s);
                for (int i = line(s) + 1; i <= last && i < scalarContent.length; i++) {
                    scalarContent[i] = true;
                }
            }
            case YAlias a -> {}
        }
    }
}
