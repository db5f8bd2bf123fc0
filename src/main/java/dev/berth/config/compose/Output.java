package dev.berth.config.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The resolved tree as {@code docker compose config} shows it: {@code x-*} extensions dropped. */
final class Output {
    private Output() {}

    static Map<String, Object> tree(Map<String, Object> dict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : dict.entrySet()) {
            if (e.getKey().startsWith("x-") || e.getKey().equals("include")) {
                continue;
            }
            Object v = e.getValue();
            if (ComposeLoader.resources().contains(e.getKey()) && v instanceof Map<?, ?> m) {
                Map<String, Object> named = new LinkedHashMap<>();
                for (Map.Entry<?, ?> r : m.entrySet()) {
                    named.put(String.valueOf(r.getKey()), withoutExtensions(r.getValue()));
                }
                out.put(e.getKey(), named);
            } else {
                out.put(e.getKey(), copy(v));
            }
        }
        out.putIfAbsent("services", new LinkedHashMap<String, Object>());
        return out;
    }

    private static Object withoutExtensions(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!k.startsWith("x-")) {
                    out.put(k, copy(e.getValue()));
                }
            }
            return out;
        }
        return copy(value);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), copy(e.getValue()));
            }
            return java.util.Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(copy(o));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        return value;
    }
}
