package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges compose trees with the rules of the compose specification ("Merge and override") as
 * compose-go's {@code override/merge.go} and {@code override/uncity.go} implement them: mappings
 * merge recursively, sequences append, {@code command}/{@code entrypoint}/{@code healthcheck.test}
 * are replaced, {@code environment}/{@code labels}/... merge by key, and {@code volumes},
 * {@code ports}, {@code secrets}, {@code configs}, {@code expose} keep one entry per unique key.
 */
final class ComposeMerger {
    private interface Rule {
        Object merge(Object base, Object override, List<String> path);
    }

    private static final Map<String, Rule> SPECIALS = new LinkedHashMap<>();

    static {
        SPECIALS.put("networks.*.ipam.config", ComposeMerger::mergeIpamConfig);
        SPECIALS.put("networks.*.labels", ComposeMerger::toSequence);
        SPECIALS.put("volumes.*.labels", ComposeMerger::toSequence);
        SPECIALS.put("services.*.annotations", ComposeMerger::toSequence);
        SPECIALS.put("services.*.build", ComposeMerger::mergeBuild);
        SPECIALS.put("services.*.build.args", ComposeMerger::toSequence);
        SPECIALS.put("services.*.build.additional_contexts", ComposeMerger::toSequence);
        SPECIALS.put("services.*.build.extra_hosts", ComposeMerger::mergeExtraHosts);
        SPECIALS.put("services.*.build.labels", ComposeMerger::toSequence);
        SPECIALS.put("services.*.command", ComposeMerger::replace);
        SPECIALS.put("services.*.depends_on", ComposeMerger::mergeDependsOn);
        SPECIALS.put("services.*.deploy.labels", ComposeMerger::toSequence);
        SPECIALS.put("services.*.dns", ComposeMerger::toSequence);
        SPECIALS.put("services.*.dns_opt", ComposeMerger::toSequence);
        SPECIALS.put("services.*.dns_search", ComposeMerger::toSequence);
        SPECIALS.put("services.*.entrypoint", ComposeMerger::replace);
        SPECIALS.put("services.*.env_file", ComposeMerger::toSequence);
        SPECIALS.put("services.*.label_file", ComposeMerger::toSequence);
        SPECIALS.put("services.*.environment", ComposeMerger::toSequence);
        SPECIALS.put("services.*.extra_hosts", ComposeMerger::mergeExtraHosts);
        SPECIALS.put("services.*.healthcheck.test", ComposeMerger::replace);
        SPECIALS.put("services.*.labels", ComposeMerger::toSequence);
        SPECIALS.put("services.*.logging", ComposeMerger::mergeLogging);
        SPECIALS.put("services.*.models", ComposeMerger::mergeAsMapping);
        SPECIALS.put("services.*.networks", ComposeMerger::mergeAsMapping);
        SPECIALS.put("services.*.sysctls", ComposeMerger::toSequence);
        SPECIALS.put("services.*.tmpfs", ComposeMerger::toSequence);
        SPECIALS.put("services.*.ulimits.*", ComposeMerger::replace);
    }

    private ComposeMerger() {}

    /** Merges {@code override} into {@code base} (both top-level models); {@code base} is changed. */
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> override, String file) {
        return mergeMappings(base, override, new ArrayList<>(), file);
    }

    /** Merges a service into the service it extends ({@code base} is a copy and is changed). */
    static Map<String, Object> extend(Map<String, Object> base, Map<String, Object> service, String name, String file) {
        List<String> path = new ArrayList<>(List.of("services", name));
        return mergeMappings(base, service, path, file);
    }

    private static Object mergeYaml(Object e, Object o, List<String> path, String file) {
        for (Map.Entry<String, Rule> special : SPECIALS.entrySet()) {
            if (matches(path, special.getKey())) {
                return special.getValue().merge(e, o, path);
            }
        }
        if (o == null) {
            return e;
        }
        if (e instanceof Map<?, ?> m) {
            if (!(o instanceof Map<?, ?> other)) {
                throw new ConfigException(
                        file,
                        0,
                        "cannot override " + YamlReader.dotted(path)
                                + ": it is a mapping in an earlier file and not here; use the same form or tag it !override");
            }
            return mergeMappings(cast(m), cast(other), path, file);
        }
        if (e instanceof List<?> l) {
            if (!(o instanceof List<?> other)) {
                throw new ConfigException(
                        file,
                        0,
                        "cannot override " + YamlReader.dotted(path)
                                + ": it is a list in an earlier file and not here; use the same form or tag it !override");
            }
            List<Object> out = new ArrayList<>(l);
            out.addAll(other);
            return out;
        }
        return o;
    }

    private static Map<String, Object> mergeMappings(
            Map<String, Object> mapping, Map<String, Object> other, List<String> path, String file) {
        for (Map.Entry<String, Object> entry : other.entrySet()) {
            String k = entry.getKey();
            if (!mapping.containsKey(k)) {
                mapping.put(k, entry.getValue());
                continue;
            }
            path.add(k);
            mapping.put(k, mergeYaml(mapping.get(k), entry.getValue(), path, file));
            path.removeLast();
        }
        return mapping;
    }

    static boolean matches(List<String> path, String pattern) {
        String[] parts = pattern.split("\\.");
        if (parts.length != path.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].equals("*") && !parts[i].equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Object replace(Object base, Object override, List<String> path) {
        return override;
    }

    private static Object mergeLogging(Object base, Object override, List<String> path) {
        if (!(base instanceof Map<?, ?> b) || !(override instanceof Map<?, ?> o)) {
            return override == null ? base : override;
        }
        // options merge only when both files name the same driver (or one names none)
        if (!o.containsKey("driver") || !b.containsKey("driver") || Objects.equals(o.get("driver"), b.get("driver"))) {
            return mergeMappings(cast(b), cast(o), path, null);
        }
        return override;
    }

    private static Object mergeBuild(Object base, Object override, List<String> path) {
        return mergeMappings(toBuild(base), toBuild(override), path, null);
    }

    private static Map<String, Object> toBuild(Object value) {
        if (value instanceof String s) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("context", s);
            return m;
        }
        if (value instanceof Map<?, ?> m) {
            return cast(m);
        }
        return new LinkedHashMap<>();
    }

    private static Object mergeDependsOn(Object base, Object override, List<String> path) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("condition", "service_started");
        defaults.put("required", true);
        return mergeMappings(toMapping(base, defaults), toMapping(override, defaults), path, null);
    }

    private static Object mergeAsMapping(Object base, Object override, List<String> path) {
        return mergeMappings(toMapping(base, null), toMapping(override, null), path, null);
    }

    private static Map<String, Object> toMapping(Object value, Map<String, Object> defaults) {
        if (value instanceof Map<?, ?> m) {
            return cast(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (value instanceof List<?> l) {
            for (Object item : l) {
                out.put(String.valueOf(item), defaults == null ? null : new LinkedHashMap<>(defaults));
            }
        }
        return out;
    }

    private static Object mergeExtraHosts(Object base, Object override, List<String> path) {
        List<Object> right = toSequence(base);
        for (Object v : toSequence(override)) {
            if (!right.contains(v)) {
                right.add(v);
            }
        }
        return right;
    }

    private static Object toSequence(Object base, Object override, List<String> path) {
        List<Object> out = toSequence(base);
        out.addAll(toSequence(override));
        return out;
    }

    /** compose-go's convertIntoSequence: a mapping becomes sorted {@code key=value} strings. */
    static List<Object> toSequence(Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            List<String> seq = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) {
                    seq.add(String.valueOf(e.getKey()));
                } else if (e.getValue() instanceof List<?> l) {
                    for (Object v : l) {
                        seq.add(e.getKey() + "=" + Scalars.text(v));
                    }
                } else {
                    seq.add(e.getKey() + "=" + Scalars.text(e.getValue()));
                }
            }
            seq.sort(null);
            out.addAll(seq);
        } else if (value instanceof List<?> l) {
            out.addAll(l);
        } else if (value instanceof String s) {
            out.add(s);
        }
        return out;
    }

    private static Object mergeIpamConfig(Object base, Object override, List<String> path) {
        if (!(base instanceof List<?> configs) || !(override instanceof List<?> overrides)) {
            return override;
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object original : configs) {
            Map<String, Object> right = toMapping(original, null);
            for (Object over : overrides) {
                Map<String, Object> left = toMapping(over, null);
                if (!Objects.equals(left.get("subnet"), right.get("subnet"))) {
                    if (result.stream().noneMatch(a -> Objects.equals(a.get("subnet"), left.get("subnet")))) {
                        result.add(left);
                        continue;
                    }
                }
                Map<String, Object> merged = mergeMappings(new LinkedHashMap<>(right), left, path, null);
                int existing = -1;
                for (int i = 0; i < result.size(); i++) {
                    if (Objects.equals(result.get(i).get("subnet"), merged.get("subnet"))) {
                        existing = i;
                        break;
                    }
                }
                if (existing >= 0) {
                    result.set(existing, merged);
                } else {
                    result.add(merged);
                }
            }
        }
        return new ArrayList<Object>(result);
    }

    // ------------------------------------------------------------ unicity

    private interface Indexer {
        String key(Object entry, String path);
    }

    private static final Map<String, Indexer> UNIQUE = new LinkedHashMap<>();

    static {
        UNIQUE.put("services.*.environment", (y, p) -> {
            String v = String.valueOf(y);
            int eq = v.indexOf('=');
            return eq < 0 ? v : v.substring(0, eq);
        });
        UNIQUE.put("services.*.volumes", ComposeMerger::volumeKey);
        UNIQUE.put("services.*.expose", (y, p) -> Scalars.text(y));
        UNIQUE.put("services.*.secrets", (y, p) -> mountKey(y, "/run/secrets"));
        UNIQUE.put("services.*.configs", (y, p) -> mountKey(y, ""));
        UNIQUE.put("services.*.ports", ComposeMerger::portKey);
    }

    /** Removes redefinitions from the sequences that hold unique entries; the last definition wins. */
    static void enforceUnicity(Map<String, Object> model, String file) {
        enforce(model, new ArrayList<>(), file);
    }

    @SuppressWarnings("unchecked")
    private static Object enforce(Object value, List<String> path, String file) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                path.add(e.getKey());
                e.setValue(enforce(e.getValue(), path, file));
                path.removeLast();
            }
            return map;
        }
        if (value instanceof List<?> list) {
            for (Map.Entry<String, Indexer> u : UNIQUE.entrySet()) {
                if (matches(path, u.getKey())) {
                    List<Object> seq = new ArrayList<>();
                    Map<String, Integer> keys = new HashMap<>();
                    for (int i = 0; i < list.size(); i++) {
                        Object entry = list.get(i);
                        String key = u.getValue().key(entry, YamlReader.dotted(path) + "[" + i + "]");
                        Integer at = keys.get(key);
                        if (at != null) {
                            seq.set(at, entry);
                        } else {
                            seq.add(entry);
                            keys.put(key, seq.size() - 1);
                        }
                    }
                    return seq;
                }
            }
        }
        return value;
    }

    private static String volumeKey(Object y, String path) {
        if (y instanceof Map<?, ?> m) {
            Object target = m.get("target");
            if (!(target instanceof String t)) {
                throw new ConfigException(null, 0, "service volume " + path + " is missing a mount target");
            }
            return t;
        }
        if (y instanceof String s) {
            Object t = Volumes.parse(s, path).get("target");
            return t == null ? "" : String.valueOf(t);
        }
        return "";
    }

    private static String mountKey(Object y, String defaultPath) {
        if (y instanceof Map<?, ?> m) {
            Object t = m.get("target");
            if (t != null) {
                return String.valueOf(t);
            }
            return defaultPath + "/" + m.get("source");
        }
        return defaultPath + "/" + Scalars.text(y);
    }

    private static String portKey(Object y, String path) {
        if (y instanceof Map<?, ?> m) {
            Object target = m.get("target");
            Object published = m.get("published");
            Object host = m.get("host_ip");
            Object protocol = m.get("protocol");
            return (host instanceof String h ? h : "0.0.0.0") + ":" + (published == null ? "" : Scalars.text(published))
                    + ":" + (target == null ? "" : Scalars.text(target)) + "/"
                    + (protocol instanceof String p ? p : "tcp");
        }
        return Scalars.text(y);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
