package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * compose-go's {@code interpolateTypeCastMapping}: strings at paths that hold numbers or booleans
 * (often written as {@code ${REPLICAS:-1}}) become numbers or booleans after interpolation.
 */
final class TypeCast {
    private enum To {
        INT,
        FLOAT,
        BOOL
    }

    // "*" is any key, "[]" any list index
    private static final Map<String, To> PATHS = Map.ofEntries(
            Map.entry("services.*.cpu_count", To.INT),
            Map.entry("services.*.cpu_percent", To.FLOAT),
            Map.entry("services.*.cpu_period", To.INT),
            Map.entry("services.*.cpu_quota", To.INT),
            Map.entry("services.*.cpu_rt_period", To.INT),
            Map.entry("services.*.cpu_rt_runtime", To.INT),
            Map.entry("services.*.cpus", To.FLOAT),
            Map.entry("services.*.cpu_shares", To.INT),
            Map.entry("services.*.init", To.BOOL),
            Map.entry("services.*.deploy.replicas", To.INT),
            Map.entry("services.*.deploy.update_config.parallelism", To.INT),
            Map.entry("services.*.deploy.update_config.max_failure_ratio", To.FLOAT),
            Map.entry("services.*.deploy.rollback_config.parallelism", To.INT),
            Map.entry("services.*.deploy.rollback_config.max_failure_ratio", To.FLOAT),
            Map.entry("services.*.deploy.restart_policy.max_attempts", To.INT),
            Map.entry("services.*.deploy.placement.max_replicas_per_node", To.INT),
            Map.entry("services.*.healthcheck.retries", To.INT),
            Map.entry("services.*.healthcheck.disable", To.BOOL),
            Map.entry("services.*.oom_kill_disable", To.BOOL),
            Map.entry("services.*.oom_score_adj", To.INT),
            Map.entry("services.*.pids_limit", To.INT),
            Map.entry("services.*.ports.[].target", To.INT),
            Map.entry("services.*.privileged", To.BOOL),
            Map.entry("services.*.read_only", To.BOOL),
            Map.entry("services.*.scale", To.INT),
            Map.entry("services.*.stdin_open", To.BOOL),
            Map.entry("services.*.tty", To.BOOL),
            Map.entry("services.*.ulimits.*", To.INT),
            Map.entry("services.*.ulimits.*.hard", To.INT),
            Map.entry("services.*.ulimits.*.soft", To.INT),
            Map.entry("services.*.volumes.[].read_only", To.BOOL),
            Map.entry("services.*.volumes.[].volume.nocopy", To.BOOL),
            Map.entry("networks.*.external", To.BOOL),
            Map.entry("networks.*.internal", To.BOOL),
            Map.entry("networks.*.attachable", To.BOOL),
            Map.entry("networks.*.enable_ipv6", To.BOOL),
            Map.entry("volumes.*.external", To.BOOL),
            Map.entry("secrets.*.external", To.BOOL),
            Map.entry("configs.*.external", To.BOOL));

    /** The patterns split once, keyed by their last segment for a quick look-up. */
    private static final Map<String, List<Map.Entry<String[], To>>> BY_LAST = new java.util.HashMap<>();

    static {
        PATHS.forEach((pattern, to) -> {
            String[] parts = pattern.split("\\.");
            BY_LAST.computeIfAbsent(parts[parts.length - 1], k -> new java.util.ArrayList<>())
                    .add(Map.entry(parts, to));
        });
    }

    private TypeCast() {}

    static Object cast(List<String> path, String value) {
        if (path.size() < 3) {
            return value;
        }
        String last = path.getLast();
        for (String key : List.of(last, last.startsWith("[") ? "[]" : "*")) {
            for (Map.Entry<String[], To> e : BY_LAST.getOrDefault(key, List.of())) {
                if (matches(path, e.getKey())) {
                    return convert(e.getValue(), value, YamlReader.dotted(path));
                }
            }
        }
        return value;
    }

    private static boolean matches(List<String> path, String[] parts) {
        if (parts.length != path.size()) {
            return false;
        }
        for (int i = 0; i < parts.length; i++) {
            String seg = path.get(i);
            boolean ok = switch (parts[i]) {
                case "*" -> !seg.startsWith("[");
                case "[]" -> seg.startsWith("[");
                default -> parts[i].equals(seg);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static Object convert(To to, String value, String path) {
        try {
            return switch (to) {
                case INT -> Long.parseLong(value.trim());
                case FLOAT -> Double.parseDouble(value.trim());
                case BOOL -> {
                    Boolean b = switch (value.toLowerCase(Locale.ROOT)) {
                        case "y", "yes", "true", "on" -> Boolean.TRUE;
                        case "n", "no", "false", "off" -> Boolean.FALSE;
                        default -> null;
                    };
                    if (b == null) {
                        throw new NumberFormatException(value);
                    }
                    yield b;
                }
            };
        } catch (NumberFormatException e) {
            throw new ConfigException(
                    null,
                    0,
                    path + ": \"" + value + "\" is not a valid " + to.name().toLowerCase(Locale.ROOT)
                            + "; fix the value or the variable it comes from");
        }
    }
}
