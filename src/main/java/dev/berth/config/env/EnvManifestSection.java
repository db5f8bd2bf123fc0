package dev.berth.config.env;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
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

/**
 * Reads only the {@code env:} section of a {@code berth.yaml} manifest into {@link VariableSpec}s,
 * for the env commands. Stand-in until the release manifest loader is wired in; the shape is the
 * manifest's:
 *
 * <pre>
 * env:
 *   NAME:
 *     description: text
 *     type: string | int | bool | url | port | enum | path
 *     secret: true
 *     required: true
 *     example: value
 *     renamed_from: OLD_NAME        # or a list of names
 *     deprecated: why               # or true
 *     generate: 32                  # length of a random secret
 *     choices: [a, b]               # for type enum
 * </pre>
 *
 * Other top-level keys are ignored; unknown keys under a variable are refused, so that a typo does
 * not go unnoticed.
 */
public final class EnvManifestSection {
    private static final List<String> FIELDS = List.of(
            "description",
            "type",
            "secret",
            "required",
            "example",
            "renamed_from",
            "deprecated",
            "generate",
            "choices");

    private EnvManifestSection() {}

    /**
     * Reads the {@code env:} section of the manifest at {@code file}.
     *
     * @throws ConfigException when the file cannot be read or the section is malformed (with line)
     */
    public static Map<String, VariableSpec> read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read the manifest: " + e.getMessage(), e);
        }
        return parse(file.toString(), text);
    }

    /** Parses the {@code env:} section of manifest text. */
    public static Map<String, VariableSpec> parse(String source, String yaml) {
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(source).build()).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw new ConfigException(source, line, 0, "the manifest is not valid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new ConfigException(source, "the manifest is not valid YAML: " + e.getMessage(), e);
        }
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        if (root.isEmpty()) {
            return out;
        }
        MappingNode top = mapping(source, root.get(), "the manifest");
        for (NodeTuple t : top.getValue()) {
            if (!"env".equals(scalar(source, t.getKeyNode(), "a top-level key"))) {
                continue;
            }
            if (t.getValueNode() instanceof ScalarNode s && s.getValue().isEmpty()) {
                return out;
            }
            for (NodeTuple v : mapping(source, t.getValueNode(), "env").getValue()) {
                String name = scalar(source, v.getKeyNode(), "a variable name");
                if (!EnvSyntax.isValidKey(name)) {
                    throw error(source, v.getKeyNode(), "\"" + name + "\" is not a variable name");
                }
                out.put(name, spec(source, name, v.getValueNode()));
            }
        }
        return out;
    }

    private static VariableSpec spec(String source, String name, Node node) {
        if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return VariableSpec.of(name);
        }
        String description = "";
        VariableType type = VariableType.STRING;
        boolean secret = false;
        boolean required = false;
        Optional<String> example = Optional.empty();
        List<String> renamedFrom = new ArrayList<>();
        Optional<String> deprecated = Optional.empty();
        OptionalInt generate = OptionalInt.empty();
        List<String> choices = new ArrayList<>();
        for (NodeTuple t : mapping(source, node, "env." + name).getValue()) {
            String field = scalar(source, t.getKeyNode(), "a field of env." + name);
            Node value = t.getValueNode();
            String where = "env." + name + "." + field;
            switch (field) {
                case "description" -> description = scalar(source, value, where);
                case "type" -> {
                    String v = scalar(source, value, where);
                    try {
                        type = VariableType.valueOf(v.toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw error(
                                source,
                                value,
                                where + " is \"" + v + "\"; use one of string, int, bool, url, port, enum, path");
                    }
                }
                case "secret" -> secret = bool(source, value, where);
                case "required" -> required = bool(source, value, where);
                case "example" -> example = Optional.of(scalar(source, value, where));
                case "renamed_from" -> renamedFrom.addAll(names(source, value, where));
                case "deprecated" -> {
                    String v = scalar(source, value, where);
                    if (!v.equalsIgnoreCase("false") && !v.equalsIgnoreCase("no")) {
                        deprecated =
                                Optional.of(v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes") ? "deprecated" : v);
                    }
                }
                case "generate" -> {
                    String v = scalar(source, value, where);
                    try {
                        int n = Integer.parseInt(v);
                        if (n < 1 || n > 4096) {
                            throw new NumberFormatException(v);
                        }
                        generate = OptionalInt.of(n);
                    } catch (NumberFormatException e) {
                        throw error(source, value, where + " is \"" + v + "\"; give the secret's length, 1 to 4096");
                    }
                }
                case "choices" -> choices.addAll(names(source, value, where));
                default ->
                    throw error(
                            source,
                            t.getKeyNode(),
                            "unknown field " + where + "; known fields are " + String.join(", ", FIELDS));
            }
        }
        return new VariableSpec(
                name, description, type, secret, required, example, renamedFrom, deprecated, generate, choices);
    }

    private static List<String> names(String source, Node node, String where) {
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                out.add(scalar(source, n, where));
            }
        } else {
            out.add(scalar(source, node, where));
        }
        return out;
    }

    private static boolean bool(String source, Node node, String where) {
        String v = scalar(source, node, where).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off", "" -> false;
            default -> throw error(source, node, where + " is \"" + v + "\"; use true or false");
        };
    }

    private static MappingNode mapping(String source, Node node, String where) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(source, node, where + " must be a mapping (key: value lines)");
    }

    private static String scalar(String source, Node node, String where) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(source, node, where + " must be a single value");
    }

    private static ConfigException error(String source, Node node, String message) {
        int line = node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
        int column = node.getStartMark().map(Mark::getColumn).map(c -> c + 1).orElse(0);
        return new ConfigException(source, line, column, message, null);
    }
}
