package dev.berth.config.merge;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Checks a compose file the user added ({@code docker-compose.override.yml} and the like), which an
 * upgrade keeps as it is, against the names the new release defines: every service it changes or
 * refers to ({@code depends_on}, {@code volumes_from}, {@code extends}, {@code links},
 * {@code network_mode: service:}), every named volume and network its services mount or join must
 * still exist, in the release or in the file itself. Names that hold a {@code $} are interpolated
 * later and not judged. Thread-safe, no I/O.
 */
public final class UserFileCheck {
    private UserFileCheck() {}

    /**
     * The references of {@code yaml} that {@code release} (plus what the file defines itself) lacks,
     * in file order.
     *
     * @param fileName the file as the user knows it, for messages
     * @throws ConfigException when the file is not valid YAML or not a compose mapping
     */
    public static List<MissingReference> check(String fileName, String yaml, ComposeNames release) {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(fileName).build())
                    .composeString(yaml)
                    .orElse(null);
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().orElse(null);
            throw new ConfigException(
                    fileName,
                    mark == null ? 0 : mark.getLine() + 1,
                    mark == null ? 0 : mark.getColumn() + 1,
                    "is not valid YAML (" + e.getProblem() + "); fix or remove the file, nothing was changed",
                    e);
        } catch (YamlEngineException e) {
            throw new ConfigException(
                    fileName,
                    "is not valid YAML (" + e.getMessage() + "); fix or remove the file, nothing was changed",
                    e);
        }
        if (root == null) {
            return List.of();
        }
        if (!(root instanceof MappingNode top)) {
            throw new ConfigException(fileName, line(root), "is not a compose file: the top level must be a mapping");
        }
        Map<String, Node> sections = entries(top);
        Map<String, Node> services = sections.get("services") instanceof MappingNode m ? entries(m) : Map.of();
        Set<String> knownServices = new HashSet<>(release.services());
        Set<String> knownVolumes = new HashSet<>(release.volumes());
        Set<String> knownNetworks = new HashSet<>(release.networks());
        knownNetworks.add("default");
        services.forEach((name, def) -> {
            if (defines(def)) {
                knownServices.add(name);
            }
        });
        if (sections.get("volumes") instanceof MappingNode m) {
            knownVolumes.addAll(entries(m).keySet());
        }
        if (sections.get("networks") instanceof MappingNode m) {
            knownNetworks.addAll(entries(m).keySet());
        }
        Checker checker = new Checker(fileName, knownServices, knownVolumes, knownNetworks);
        if (sections.get("services") instanceof MappingNode m) {
            for (NodeTuple t : expanded(m)) {
                String name = ((ScalarNode) t.getKeyNode()).getValue();
                checker.service(name, t.getKeyNode(), t.getValueNode());
            }
        }
        checker.found.sort(Comparator.comparingInt(MissingReference::line).thenComparingInt(MissingReference::column));
        return List.copyOf(checker.found);
    }

    private static final class Checker {
        final String file;
        final Set<String> services;
        final Set<String> volumes;
        final Set<String> networks;
        final List<MissingReference> found = new ArrayList<>();

        Checker(String file, Set<String> services, Set<String> volumes, Set<String> networks) {
            this.file = file;
            this.services = services;
            this.volumes = volumes;
            this.networks = networks;
        }

        void service(String name, Node key, Node def) {
            if (!services.contains(name)) {
                report(key, MissingReference.Kind.SERVICE, name, name, "services");
            }
            if (!(def instanceof MappingNode map)) {
                return;
            }
            Map<String, Node> fields = entries(map);
            names(fields.get("depends_on")).forEach(n -> ref(n, MissingReference.Kind.SERVICE, name, "depends_on"));
            names(fields.get("links")).forEach(n -> ref(before(n, ':'), MissingReference.Kind.SERVICE, name, "links"));
            for (ScalarNode n : names(fields.get("volumes_from"))) {
                if (!n.getValue().startsWith("container:")) {
                    ref(before(n, ':'), MissingReference.Kind.SERVICE, name, "volumes_from");
                }
            }
            if (fields.get("extends") instanceof ScalarNode s) {
                ref(s, MissingReference.Kind.SERVICE, name, "extends");
            } else if (fields.get("extends") instanceof MappingNode ext) {
                Map<String, Node> e = entries(ext);
                if (!e.containsKey("file") && e.get("service") instanceof ScalarNode s) {
                    ref(s, MissingReference.Kind.SERVICE, name, "extends");
                }
            }
            if (fields.get("network_mode") instanceof ScalarNode s
                    && s.getValue().startsWith("service:")) {
                ref(after(s, "service:"), MissingReference.Kind.SERVICE, name, "network_mode");
            }
            names(fields.get("networks")).forEach(n -> ref(n, MissingReference.Kind.NETWORK, name, "networks"));
            if (fields.get("volumes") instanceof SequenceNode mounts) {
                for (Node mount : mounts.getValue()) {
                    namedVolume(mount).ifPresent(v -> ref(v, MissingReference.Kind.VOLUME, name, "volumes"));
                }
            }
        }

        private void ref(ScalarNode node, MissingReference.Kind kind, String service, String field) {
            String name = node.getValue();
            if (name.isEmpty() || name.contains("$")) {
                return;
            }
            Set<String> known = switch (kind) {
                case SERVICE -> services;
                case VOLUME -> volumes;
                case NETWORK -> networks;
            };
            if (!known.contains(name)) {
                report(node, kind, name, service, field);
            }
        }

        private void report(Node node, MissingReference.Kind kind, String name, String service, String field) {
            Mark m = node.getStartMark().orElse(null);
            found.add(new MissingReference(
                    file,
                    m == null ? 0 : m.getLine() + 1,
                    m == null ? 0 : m.getColumn() + 1,
                    kind,
                    name,
                    service,
                    field));
        }
    }

    /** A service definition that makes a new service rather than changing one: it has an image or a build. */
    private static boolean defines(Node def) {
        if (!(def instanceof MappingNode m)) {
            return false;
        }
        Map<String, Node> fields = entries(m);
        return fields.containsKey("image") || fields.containsKey("build");
    }

    /** The named volume a mount uses: {@code name:/path[:mode]} or {@code {type: volume, source: name}}. */
    private static Optional<ScalarNode> namedVolume(Node mount) {
        if (mount instanceof ScalarNode s) {
            String spec = s.getValue();
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                return Optional.empty(); // an anonymous volume
            }
            String source = spec.substring(0, colon);
            boolean path = source.startsWith("/")
                    || source.startsWith(".")
                    || source.startsWith("~")
                    || source.contains("/")
                    || source.contains("\\");
            return path ? Optional.empty() : Optional.of(slice(s, source));
        }
        if (mount instanceof MappingNode m) {
            Map<String, Node> fields = entries(m);
            boolean volume = !(fields.get("type") instanceof ScalarNode t)
                    || t.getValue().equals("volume");
            if (volume
                    && fields.get("source") instanceof ScalarNode src
                    && !src.getValue().contains("/")) {
                return Optional.of(src);
            }
        }
        return Optional.empty();
    }

    /** Names in the list form ({@code - a}) or the mapping form ({@code a: {...}}) of a field. */
    private static List<ScalarNode> names(Node field) {
        List<ScalarNode> names = new ArrayList<>();
        if (field instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    names.add(s);
                }
            }
        } else if (field instanceof MappingNode map) {
            for (NodeTuple t : expanded(map)) {
                names.add((ScalarNode) t.getKeyNode());
            }
        }
        return names;
    }

    private static ScalarNode before(ScalarNode node, char separator) {
        int at = node.getValue().indexOf(separator);
        return at < 0 ? node : slice(node, node.getValue().substring(0, at));
    }

    private static ScalarNode after(ScalarNode node, String prefix) {
        return slice(node, node.getValue().substring(prefix.length()));
    }

    /** A part of a scalar, at the scalar's position. */
    private static ScalarNode slice(ScalarNode node, String value) {
        return new ScalarNode(Tag.STR, true, value, node.getScalarStyle(), node.getStartMark(), node.getEndMark());
    }

    private static Map<String, Node> entries(MappingNode map) {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple t : expanded(map)) {
            entries.putIfAbsent(((ScalarNode) t.getKeyNode()).getValue(), t.getValueNode());
        }
        return entries;
    }

    /** The entries of a mapping with scalar keys, {@code <<} merge keys expanded (own entries first). */
    private static List<NodeTuple> expanded(MappingNode map) {
        return expanded(map, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static List<NodeTuple> expanded(MappingNode map, Set<Node> seen) {
        List<NodeTuple> own = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        if (!seen.add(map)) {
            return own;
        }
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            if (key.getValue().equals("<<") && key.isPlain()) {
                List<Node> sources =
                        t.getValueNode() instanceof SequenceNode s ? s.getValue() : List.of(t.getValueNode());
                for (Node source : sources) {
                    if (source instanceof MappingNode m) {
                        merged.addAll(expanded(m, seen));
                    }
                }
            } else {
                own.add(t);
            }
        }
        own.addAll(merged);
        return own;
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
