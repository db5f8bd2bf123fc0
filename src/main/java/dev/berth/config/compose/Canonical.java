package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a merged compose tree to compose's canonical long form (compose-go's {@code
 * transform.Canonical} and {@code transform.SetDefaultValues}) and makes relative paths absolute
 * ({@code paths.ResolveRelativePaths}).
 */
final class Canonical {
    private Canonical() {}

    static void transform(Map<String, Object> dict) {
        if (dict.get("services") instanceof Map<?, ?> services) {
            for (Map.Entry<String, Object> e : ComposeMerger.cast(services).entrySet()) {
                if (e.getValue() instanceof Map<?, ?> s) {
                    service(e.getKey(), ComposeMerger.cast(s));
                }
            }
        }
        for (String key : List.of("volumes", "networks", "secrets", "configs")) {
            if (dict.get(key) instanceof Map<?, ?> resources) {
                for (Map.Entry<String, Object> e : ComposeMerger.cast(resources).entrySet()) {
                    e.setValue(maybeExternal(e.getValue()));
                }
            }
        }
    }

    private static void service(String name, Map<String, Object> s) {
        String at = "services." + name;
        if (s.get("build") instanceof String ctx) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("context", ctx);
            s.put("build", b);
        }
        if (s.get("build") instanceof Map<?, ?> b) {
            Map<String, Object> build = ComposeMerger.cast(b);
            if (build.containsKey("args")) {
                build.put("args", keyValues(build.get("args"), null));
            }
            if (build.containsKey("labels")) {
                build.put("labels", keyValues(build.get("labels"), ""));
            }
        }
        if (s.get("depends_on") instanceof List<?> deps) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Object d : deps) {
                Map<String, Object> dep = new LinkedHashMap<>();
                dep.put("condition", "service_started");
                dep.put("required", true);
                m.put(Scalars.text(d), dep);
            }
            s.put("depends_on", m);
        }
        if (s.containsKey("env_file")) {
            List<Object> out = new ArrayList<>();
            for (Object item : ComposeMerger.toSequence(s.get("env_file"))) {
                if (item instanceof Map<?, ?> m) {
                    out.add(new LinkedHashMap<>(ComposeMerger.cast(m)));
                } else {
                    Map<String, Object> ef = new LinkedHashMap<>();
                    ef.put("path", Scalars.text(item));
                    ef.put("required", true);
                    out.add(ef);
                }
            }
            s.put("env_file", out);
        }
        if (s.get("extends") instanceof String ref) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", ref);
            s.put("extends", m);
        }
        if (s.get("networks") instanceof List<?> nets) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Object n : nets) {
                m.put(Scalars.text(n), null);
            }
            s.put("networks", m);
        }
        if (s.get("volumes") instanceof List<?> vols) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < vols.size(); i++) {
                Object v = vols.get(i);
                out.add(v instanceof String spec ? Volumes.parse(spec, at + ".volumes[" + i + "]") : v);
            }
            s.put("volumes", out);
        }
        if (s.get("ports") instanceof List<?> ports) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < ports.size(); i++) {
                Object p = ports.get(i);
                String path = at + ".ports[" + i + "]";
                if (p instanceof String || p instanceof Long) {
                    out.addAll(Ports.parse(Scalars.text(p), path));
                } else if (p instanceof Map<?, ?> m) {
                    out.add(longPort(ComposeMerger.cast(m), path));
                } else {
                    throw new ConfigException(null, 0, path + ": a port must be a string, a number or a mapping");
                }
            }
            s.put("ports", out);
        }
        for (String key : List.of("secrets", "configs")) {
            if (s.get(key) instanceof List<?> mounts) {
                List<Object> out = new ArrayList<>();
                for (Object m : mounts) {
                    if (m instanceof Map<?, ?>) {
                        out.add(m);
                    } else {
                        Map<String, Object> mount = new LinkedHashMap<>();
                        mount.put("source", Scalars.text(m));
                        out.add(mount);
                    }
                }
                s.put(key, out);
            }
        }
        if (s.containsKey("environment")) {
            s.put("environment", keyValues(s.get("environment"), null));
        }
        if (s.containsKey("labels")) {
            s.put("labels", keyValues(s.get("labels"), ""));
        }
        if (s.get("dns") instanceof String dns) {
            s.put("dns", new ArrayList<Object>(List.of(dns)));
        }
        if (s.get("expose") instanceof List<?> expose) {
            List<Object> out = new ArrayList<>();
            for (Object e : expose) {
                out.add(Scalars.text(e));
            }
            s.put("expose", out);
        }
        if (s.get("healthcheck") instanceof Map<?, ?> h && h.get("test") instanceof String test) {
            ComposeMerger.cast(h).put("test", new ArrayList<Object>(List.of("CMD-SHELL", test)));
        }
        if (s.get("ulimits") instanceof Map<?, ?> ulimits) {
            for (Map.Entry<String, Object> e : ComposeMerger.cast(ulimits).entrySet()) {
                if (e.getValue() instanceof Long n) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("soft", n);
                    m.put("hard", n);
                    e.setValue(m);
                }
            }
        }
    }

    private static Map<String, Object> longPort(Map<String, Object> p, String path) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        Object target = p.get("target");
        if (target != null) {
            Long t = Scalars.integer(target);
            if (t == null) {
                throw new ConfigException(
                        null, 0, path + ": target port \"" + Scalars.text(target) + "\" is not a number");
            }
            out.put("target", t);
        }
        if (p.get("published") != null) {
            out.put("published", Scalars.text(p.get("published")));
        }
        return out;
    }

    /**
     * {@code environment}, {@code labels}, {@code args}: a list of {@code KEY=VALUE} (or bare
     * {@code KEY}) becomes a sorted mapping; scalar values become text. A bare key gets {@code
     * bare} (null: "take it from the variables", or "" for labels).
     */
    static Map<String, Object> keyValues(Object value, String bare) {
        Map<String, Object> out = new TreeMap<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                String s = Scalars.text(item);
                int eq = s.indexOf('=');
                if (eq < 0) {
                    out.put(s, bare);
                } else {
                    out.put(s.substring(0, eq), s.substring(eq + 1));
                }
            }
        } else if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object v = e.getValue();
                out.put(String.valueOf(e.getKey()), v == null ? bare : Scalars.text(v));
            }
        }
        return new LinkedHashMap<>(out);
    }

    private static Object maybeExternal(Object value) {
        if (value == null) {
            return new LinkedHashMap<String, Object>();
        }
        if (value instanceof Map<?, ?> m && m.get("external") instanceof Map<?, ?> ext) {
            Map<String, Object> out = new LinkedHashMap<>(ComposeMerger.cast(m));
            out.put("external", true);
            if (ext.get("name") != null) {
                out.put("name", ext.get("name"));
            }
            return out;
        }
        return value;
    }

    /** Defaults compose fills in once all files are merged. */
    static void defaults(Map<String, Object> dict) {
        if (!(dict.get("services") instanceof Map<?, ?> services)) {
            return;
        }
        for (Object o : services.values()) {
            if (!(o instanceof Map<?, ?> sm)) {
                continue;
            }
            Map<String, Object> s = ComposeMerger.cast(sm);
            if (s.get("build") instanceof Map<?, ?> b) {
                Map<String, Object> build = ComposeMerger.cast(b);
                build.putIfAbsent("context", ".");
                build.putIfAbsent("dockerfile", "Dockerfile");
            }
            if (s.get("depends_on") instanceof Map<?, ?> deps) {
                for (Map.Entry<String, Object> e : ComposeMerger.cast(deps).entrySet()) {
                    Map<String, Object> dep =
                            e.getValue() instanceof Map<?, ?> m ? ComposeMerger.cast(m) : new LinkedHashMap<>();
                    dep.putIfAbsent("condition", "service_started");
                    dep.putIfAbsent("required", true);
                    e.setValue(dep);
                }
            }
            if (s.get("ports") instanceof List<?> ports) {
                for (Object p : ports) {
                    if (p instanceof Map<?, ?> pm) {
                        Map<String, Object> port = ComposeMerger.cast(pm);
                        port.putIfAbsent("mode", "ingress");
                        port.putIfAbsent("protocol", "tcp");
                    }
                }
            }
            if (s.get("env_file") instanceof List<?> files) {
                for (Object f : files) {
                    if (f instanceof Map<?, ?> fm) {
                        ComposeMerger.cast(fm).putIfAbsent("required", true);
                    }
                }
            }
        }
    }

    /** Makes the relative paths of a model absolute against {@code dir}. */
    static void resolvePaths(Map<String, Object> dict, Path dir) {
        if (dict.get("services") instanceof Map<?, ?> services) {
            for (Object o : services.values()) {
                if (!(o instanceof Map<?, ?> sm)) {
                    continue;
                }
                Map<String, Object> s = ComposeMerger.cast(sm);
                if (s.get("build") instanceof Map<?, ?> b) {
                    Map<String, Object> build = ComposeMerger.cast(b);
                    if (build.get("context") instanceof String ctx && !isRemote(ctx)) {
                        build.put("context", absolute(dir, ctx));
                    }
                } else if (s.get("build") instanceof String ctx && !isRemote(ctx)) {
                    s.put("build", absolute(dir, ctx));
                }
                if (s.get("env_file") instanceof List<?> files) {
                    List<Object> out = new ArrayList<>();
                    for (Object f : files) {
                        if (f instanceof Map<?, ?> fm && fm.get("path") != null) {
                            Map<String, Object> ef = new LinkedHashMap<>(ComposeMerger.cast(fm));
                            ef.put("path", absolute(dir, Scalars.text(fm.get("path"))));
                            out.add(ef);
                        } else if (f instanceof String p) {
                            out.add(absolute(dir, p));
                        } else {
                            out.add(f);
                        }
                    }
                    s.put("env_file", out);
                } else if (s.get("env_file") instanceof String p) {
                    s.put("env_file", absolute(dir, p));
                }
                if (s.get("extends") instanceof Map<?, ?> ext && ext.get("file") instanceof String f) {
                    ComposeMerger.cast(ext).put("file", absolute(dir, f));
                }
                if (s.get("volumes") instanceof List<?> vols) {
                    List<Object> out = new ArrayList<>();
                    for (int i = 0; i < vols.size(); i++) {
                        Object v = vols.get(i);
                        if (v instanceof String spec) {
                            v = Volumes.parse(spec, "services.volumes[" + i + "]");
                        }
                        if (v instanceof Map<?, ?> vm
                                && "bind".equals(vm.get("type"))
                                && vm.get("source") instanceof String src) {
                            Map<String, Object> mount = new LinkedHashMap<>(ComposeMerger.cast(vm));
                            mount.put("source", absolute(dir, src));
                            v = mount;
                        }
                        out.add(v);
                    }
                    s.put("volumes", out);
                }
            }
        }
        for (String key : List.of("secrets", "configs")) {
            if (dict.get(key) instanceof Map<?, ?> resources) {
                for (Object r : resources.values()) {
                    if (r instanceof Map<?, ?> rm && rm.get("file") instanceof String f) {
                        ComposeMerger.cast(rm).put("file", absolute(dir, f));
                    }
                }
            }
        }
    }

    static boolean isRemote(String ctx) {
        return ctx.contains("://") || ctx.startsWith("git@") || ctx.startsWith("github.com/");
    }

    private static String absolute(Path dir, String p) {
        String expanded = ComposeLoader.expandHome(dir, p);
        if (expanded.startsWith("\\\\") || (expanded.length() > 1 && expanded.charAt(1) == ':')) {
            return expanded; // Windows paths are kept as written
        }
        return dir.resolve(expanded).normalize().toString();
    }
}
