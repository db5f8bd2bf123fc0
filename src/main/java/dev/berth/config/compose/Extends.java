package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code extends:} as compose-go's {@code loader/extends.go} applies it: the base service (from the
 * same file or from {@code file:}) is copied, its relative paths resolved against its own file's
 * folder, and the extending service merged on top with the merge rules.
 */
final class Extends {
    private record Ref(Path file, String service) {}

    /** Files read for {@code extends: file:} in one pass, with their folder. */
    private record Source(Map<String, Object> services, Path file, String label, Path dir) {}

    private Extends() {}

    static void apply(
            Map<String, Object> cfg,
            Path file,
            String label,
            Path dir,
            Map<String, String> vars,
            ComposeLoaderAccess loader) {
        if (!(cfg.get("services") instanceof Map<?, ?> sm)) {
            return;
        }
        Map<String, Object> services = ComposeMerger.cast(sm);
        Source here = new Source(services, file, label, dir);
        for (String name : new ArrayList<>(services.keySet())) {
            services.put(name, extend(name, here, vars, loader, new ArrayList<>()));
        }
    }

    private static Object extend(
            String name, Source src, Map<String, String> vars, ComposeLoaderAccess loader, List<Ref> chain) {
        Object s = src.services().get(name);
        if (!(s instanceof Map<?, ?> sm)) {
            return s;
        }
        Map<String, Object> service = ComposeMerger.cast(sm);
        Object ext = service.get("extends");
        if (ext == null) {
            return service;
        }
        String ref;
        String fileRef = null;
        if (ext instanceof String str) {
            ref = str;
        } else if (ext instanceof Map<?, ?> m) {
            if (!(m.get("service") instanceof String str)) {
                throw loader.error(
                        src.label(),
                        "services." + name + ".extends",
                        "extends of service \"" + name + "\" needs service: (the service to extend)");
            }
            ref = str;
            if (m.get("file") != null) {
                fileRef = Scalars.text(m.get("file"));
            }
        } else {
            throw loader.error(
                    src.label(),
                    "services." + name + ".extends",
                    "extends of service \"" + name + "\" must be a service name or a mapping with service:");
        }
        Source base = src;
        if (fileRef != null) {
            Path refPath = src.dir()
                    .resolve(ComposeLoader.expandHome(src.dir(), fileRef))
                    .normalize();
            if (!Files.isRegularFile(refPath)) {
                throw loader.error(
                        src.label(),
                        "services." + name + ".extends",
                        "service \"" + name + "\" extends a service of " + refPath + ", which does not exist");
            }
            Map<String, Object> other = loader.readExtended(refPath, refPath.toString(), vars);
            if (!(other.get("services") instanceof Map<?, ?> os)) {
                throw loader.error(
                        src.label(),
                        "services." + name + ".extends",
                        "cannot extend service \"" + name + "\": " + refPath + " has no services section");
            }
            // relative paths of the extended file are relative to its own folder
            Canonical.resolvePaths(other, refPath.getParent());
            base = new Source(ComposeMerger.cast(os), refPath, refPath.toString(), refPath.getParent());
        }
        if (!base.services().containsKey(ref)) {
            throw loader.error(
                    src.label(),
                    "services." + name + ".extends",
                    "cannot extend service \"" + name + "\": service \"" + ref + "\" not found in " + base.label());
        }
        Ref me = new Ref(base.file(), name);
        if (chain.contains(me)) {
            StringBuilder sb = new StringBuilder("circular extends: ");
            for (Ref r : chain) {
                sb.append(r.service())
                        .append(" (")
                        .append(r.file().getFileName())
                        .append(") -> ");
            }
            sb.append(name);
            throw loader.error(src.label(), "services." + name + ".extends", sb + "; break the cycle");
        }
        List<Ref> next = new ArrayList<>(chain);
        next.add(me);
        Object baseService = extend(ref, base, vars, loader, next);
        if (baseService == null) {
            return service;
        }
        Map<String, Object> copy = deepCopy(ComposeMerger.cast((Map<?, ?>) baseService));
        Map<String, Object> merged;
        try {
            merged = ComposeMerger.extend(copy, service, name, src.label());
        } catch (ConfigException e) {
            throw loader.error(src.label(), "services." + name, e.getMessage());
        }
        merged.remove("extends");
        src.services().put(name, merged);
        return merged;
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), deepCopy(e.getValue()));
            }
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(deepCopy(o));
            }
            return (T) out;
        }
        return value;
    }

    /** What {@link Extends} needs from the loader. */
    interface ComposeLoaderAccess {
        Map<String, Object> readExtended(Path file, String label, Map<String, String> vars);

        ConfigException error(String label, String path, String message);
    }
}
