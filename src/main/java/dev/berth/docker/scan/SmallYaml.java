package dev.berth.docker.scan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads top-level keys of small YAML files (the {@code berth.yaml} manifest's {@code version:},
 * a compose file's {@code name:} and service names) until the manifest and compose loaders are
 * wired in.
 */
final class SmallYaml {
    private SmallYaml() {}

    /** The top-level mapping; empty for an empty document. */
    static Map<String, Object> topLevel(String text, String source) {
        Object doc = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        if (doc == null) {
            return Map.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + " is not a YAML mapping");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** A scalar top-level value as text. */
    static Optional<String> scalar(Map<String, Object> top, String key) {
        Object v = top.get(key);
        if (v == null || v instanceof Map || v instanceof Iterable) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(v));
    }
}
