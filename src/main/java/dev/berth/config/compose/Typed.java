package dev.berth.config.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the typed {@link ComposeModel} from the canonical tree. */
final class Typed {
    private Typed() {}

    static ComposeModel model(Map<String, Object> tree, Map<String, Path> origins, Path workingDir) {
        Map<String, ComposeService> services = new LinkedHashMap<>();
        if (tree.get("services") instanceof Map<?, ?> sm) {
            for (Map.Entry<?, ?> e : sm.entrySet()) {
                String name = String.valueOf(e.getKey());
                Map<?, ?> s = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                services.put(name, service(name, s, origins.getOrDefault(name, workingDir)));
            }
        }
        Map<String, NamedVolume> volumes = new LinkedHashMap<>();
        if (tree.get("volumes") instanceof Map<?, ?> vm) {
            for (Map.Entry<?, ?> e : vm.entrySet()) {
                Map<?, ?> v = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                volumes.put(
                        String.valueOf(e.getKey()),
                        new NamedVolume(
                                String.valueOf(e.getKey()),
                                text(v.get("name")),
                                Boolean.TRUE.equals(Scalars.bool(v.get("external"))),
                                text(v.get("driver")),
                                strings(Canonical.keyValues(v.get("labels"), ""))));
            }
        }
        return new ComposeModel(
                services, volumes, keys(tree.get("networks")), keys(tree.get("secrets")), keys(tree.get("configs")));
    }

    private static ComposeService service(String name, Map<?, ?> s, Path definedIn) {
        return new ComposeService(
                name,
                text(s.get("image")),
                build(s.get("build")),
                strings(s.get("environment") instanceof Map<?, ?> env ? env : Map.of()),
                envFiles(s.get("env_file"), definedIn),
                ports(s.get("ports")),
                list(s.get("expose")),
                volumes(s.get("volumes")),
                dependsOn(s.get("depends_on")),
                healthcheck(s.get("healthcheck")),
                strings(s.get("labels") instanceof Map<?, ?> l ? l : Map.of()),
                list(s.get("profiles")),
                s.get("networks") instanceof Map<?, ?> n
                        ? n.keySet().stream().map(String::valueOf).toList()
                        : List.of(),
                text(s.get("restart")),
                text(s.get("stop_grace_period")),
                text(s.get("user")),
                command(s.get("command")),
                command(s.get("entrypoint")),
                text(s.get("container_name")),
                definedIn);
    }

    private static Optional<BuildSpec> build(Object b) {
        if (!(b instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        return Optional.of(new BuildSpec(
                Scalars.text(m.get("context")),
                text(m.get("dockerfile")),
                strings(m.get("args") instanceof Map<?, ?> a ? a : Map.of()),
                text(m.get("target"))));
    }

    private static List<EnvFileRef> envFiles(Object v, Path near) {
        List<EnvFileRef> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    out.add(new EnvFileRef(
                            near.getFileSystem().getPath(Scalars.text(m.get("path"))),
                            !Boolean.FALSE.equals(Scalars.bool(m.get("required")))));
                }
            }
        }
        return out;
    }

    private static List<PortMapping> ports(Object v) {
        List<PortMapping> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    Long target = Scalars.integer(m.get("target"));
                    out.add(new PortMapping(
                            text(m.get("host_ip")).orElse(""),
                            text(m.get("published")).orElse(""),
                            target == null ? 0 : target.intValue(),
                            text(m.get("protocol")).orElse("tcp"),
                            text(m.get("mode")).orElse("ingress")));
                }
            }
        }
        return out;
    }

    private static List<VolumeMount> volumes(Object v) {
        List<VolumeMount> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    boolean create = m.get("bind") instanceof Map<?, ?> b
                            && Boolean.TRUE.equals(Scalars.bool(b.get("create_host_path")));
                    out.add(new VolumeMount(
                            MountType.of(text(m.get("type")).orElse("volume")),
                            text(m.get("source")).orElse(""),
                            cleanTarget(text(m.get("target")).orElse("")),
                            Boolean.TRUE.equals(Scalars.bool(m.get("read_only"))),
                            create));
                }
            }
        }
        return out;
    }

    /** compose cleans the target (Go's path.Clean) when it creates the mount: "/data/" is "/data". */
    static String cleanTarget(String target) {
        if (target.isEmpty() || target.contains("\\") || (target.length() > 1 && target.charAt(1) == ':')) {
            return target;
        }
        String cleaned = java.nio.file.Path.of(target).normalize().toString();
        return cleaned.isEmpty() ? "." : cleaned;
    }

    private static Map<String, Dependency> dependsOn(Object v) {
        Map<String, Dependency> out = new LinkedHashMap<>();
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Map<?, ?> d = e.getValue() instanceof Map<?, ?> dm ? dm : Map.of();
                out.put(
                        String.valueOf(e.getKey()),
                        new Dependency(
                                text(d.get("condition")).orElse("service_started"),
                                !Boolean.FALSE.equals(Scalars.bool(d.get("required"))),
                                Boolean.TRUE.equals(Scalars.bool(d.get("restart")))));
            }
        }
        return out;
    }

    private static Optional<Healthcheck> healthcheck(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return Optional.empty();
        }
        List<String> test = list(m.get("test"));
        boolean disabled = Boolean.TRUE.equals(Scalars.bool(m.get("disable")))
                || (!test.isEmpty() && test.getFirst().equals("NONE"));
        Long retries = Scalars.integer(m.get("retries"));
        return Optional.of(new Healthcheck(
                test,
                text(m.get("interval")),
                text(m.get("timeout")),
                Optional.ofNullable(retries).map(Long::intValue),
                text(m.get("start_period")),
                disabled));
    }

    private static Optional<List<String>> command(Object v) {
        if (v instanceof String s) {
            return Optional.of(ShellWords.split(s));
        }
        if (v instanceof List<?> l) {
            return Optional.of(list(l));
        }
        return Optional.empty();
    }

    private static Optional<String> text(Object v) {
        return v == null ? Optional.empty() : Optional.of(Scalars.text(v));
    }

    private static List<String> list(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object o : l) {
                out.add(Scalars.text(o));
            }
        }
        return out;
    }

    private static List<String> keys(Object v) {
        return v instanceof Map<?, ?> m
                ? m.keySet().stream().map(String::valueOf).toList()
                : List.of();
    }

    private static Map<String, String> strings(Map<?, ?> m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() != null) {
                out.put(String.valueOf(e.getKey()), Scalars.text(e.getValue()));
            }
        }
        return out;
    }
}
