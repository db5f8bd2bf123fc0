package dev.berth.config.compose;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The short port syntax ({@code [ip:][host:]container[/protocol]}, ranges allowed) expanded into
 * compose's long form, as compose-go's {@code types.ParsePortConfig} (docker's nat.ParsePortSpec)
 * does.
 */
final class Ports {
    private Ports() {}

    static List<Map<String, Object>> parse(String raw, String path) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = "";
        String hostPort = "";
        String containerPort = parts[n - 1];
        if (n == 2) {
            hostPort = parts[0];
        } else if (n == 3) {
            ip = parts[0];
            hostPort = parts[1];
        } else if (n > 3) {
            ip = String.join(":", java.util.Arrays.copyOf(parts, n - 2));
            hostPort = parts[n - 2];
        }
        String proto = "tcp";
        int slash = containerPort.indexOf('/');
        if (slash >= 0) {
            proto = containerPort.substring(slash + 1);
            containerPort = containerPort.substring(0, slash);
            if (proto.isEmpty()) {
                proto = "tcp";
            }
        }
        if (!ip.isEmpty() && ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (!ip.isEmpty() && !isIp(ip)) {
            throw bad(path, raw, "invalid IP address " + ip);
        }
        long[] container = range(containerPort, path, raw, "container port");
        long[] host = hostPort.isEmpty() ? new long[] {0, 0} : range(hostPort, path, raw, "host port");
        if (!hostPort.isEmpty() && container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
            throw bad(path, raw, "invalid ranges specified for container and host ports");
        }
        String protocol = proto.toLowerCase(java.util.Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw bad(path, raw, "invalid protocol " + proto);
        }
        // nat.ParsePortSpecs keys the result by "port/proto" and compose-go sorts those keys
        TreeMap<String, Map<String, Object>> byKey = new TreeMap<>();
        for (long i = 0; i <= container[1] - container[0]; i++) {
            long target = container[0] + i;
            String published = "";
            if (!hostPort.isEmpty()) {
                published = Long.toString(host[0] + i);
                if (container[0] == container[1] && host[0] != host[1]) {
                    published = published + "-" + host[1];
                }
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mode", "ingress");
            if (!ip.isEmpty()) {
                p.put("host_ip", ip);
            }
            p.put("target", target);
            if (!published.isEmpty()) {
                p.put("published", published);
            }
            p.put("protocol", protocol);
            byKey.put(target + "/" + protocol, p);
        }
        return new ArrayList<>(byKey.values());
    }

    private static long[] range(String spec, String path, String raw, String what) {
        try {
            int dash = spec.indexOf('-');
            if (dash < 0) {
                long v = Long.parseUnsignedLong(spec);
                check(v, path, raw, what);
                return new long[] {v, v};
            }
            long start = Long.parseUnsignedLong(spec.substring(0, dash));
            long end = Long.parseUnsignedLong(spec.substring(dash + 1));
            check(start, path, raw, what);
            check(end, path, raw, what);
            if (end < start) {
                throw bad(path, raw, "invalid " + what + " range " + spec);
            }
            return new long[] {start, end};
        } catch (NumberFormatException e) {
            throw bad(path, raw, "invalid " + what + " \"" + spec + "\"");
        }
    }

    private static void check(long v, String path, String raw, String what) {
        if (v > 65535) {
            throw bad(path, raw, what + " " + v + " is above 65535");
        }
    }

    /** Go's net.ParseIP: dotted IPv4, or IPv6 (with "::" and an IPv4 tail allowed). */
    static boolean isIp(String ip) {
        return isIpv4(ip) || isIpv6(ip);
    }

    private static boolean isIpv4(String ip) {
        if (!ip.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String p : ip.split("\\.")) {
            if (Integer.parseInt(p) > 255 || (p.length() > 1 && p.startsWith("0"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String ip) {
        int zone = ip.indexOf('%');
        if (zone >= 0) {
            ip = ip.substring(0, zone);
        }
        int doubleColon = ip.indexOf("::");
        if (doubleColon >= 0 && ip.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? ip.substring(0, doubleColon) : ip;
        String tail = doubleColon >= 0 ? ip.substring(doubleColon + 2) : "";
        int groups = 0;
        for (String part : List.of(head, tail)) {
            if (part.isEmpty()) {
                continue;
            }
            String[] g = part.split(":", -1);
            for (int i = 0; i < g.length; i++) {
                boolean last = part == tail || doubleColon < 0 ? i == g.length - 1 : false;
                if (last && g[i].contains(".")) {
                    if (!isIpv4(g[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (g[i].matches("[0-9a-fA-F]{1,4}")) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }

    private static ConfigException bad(String path, String raw, String why) {
        return new ConfigException(null, 0, path + ": invalid port \"" + raw + "\": " + why);
    }
}
