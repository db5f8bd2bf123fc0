package dev.berth.engine;

import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.PortMapping;
import dev.berth.config.compose.VolumeMount;
import dev.berth.release.KnownImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings of a release's compose files that give a container power over the host or expose a
 * database: the plan shows each one as a warning before anything runs, so a user never installs
 * them without having been told. None of them refuses the plan: some apps need them (a reverse
 * proxy mounting {@code docker.sock}), but the user must decide.
 */
final class ComposeRisks {
    /** Host paths whose bind mount hands the container the host (or its Docker engine). */
    private static final Set<String> HOST_PATHS = Set.of(
            "/", "/etc", "/root", "/home", "/var", "/var/lib/docker", "/proc", "/sys", "/dev", "/boot", "/usr", "/run");

    private ComposeRisks() {}

    /** One warning per risky setting, naming the service and what it allows. */
    static List<Text> of(ComposeProject project) {
        List<Text> out = new ArrayList<>();
        Map<String, Object> services = map(project.tree().get("services"));
        for (ComposeService s : project.model().services().values()) {
            String name = s.name();
            Map<String, Object> raw = map(services.get(name));
            if (Boolean.TRUE.equals(raw.get("privileged"))) {
                out.add(Text.of(Text.Key.RISK_PRIVILEGED, name));
            }
            String network = String.valueOf(raw.getOrDefault("network_mode", ""));
            if (network.equals("host")) {
                out.add(Text.of(Text.Key.RISK_HOST_NETWORK, name));
            }
            for (String ns : List.of("pid", "ipc", "userns_mode", "uts")) {
                if ("host".equals(String.valueOf(raw.getOrDefault(ns, "")))) {
                    out.add(Text.of(Text.Key.RISK_HOST_NAMESPACE, name, ns));
                }
            }
            for (VolumeMount m : s.volumes()) {
                if (m.type() != MountType.BIND) {
                    continue;
                }
                String src = normalise(m.source());
                if (src.endsWith("/docker.sock") || src.endsWith("/docker_engine") || src.equals("/run/docker")) {
                    out.add(Text.of(
                            m.readOnly() ? Text.Key.RISK_DOCKER_SOCKET_READ_ONLY : Text.Key.RISK_DOCKER_SOCKET,
                            name,
                            m.source()));
                } else if (HOST_PATHS.contains(src)) {
                    out.add(Text.of(
                            m.readOnly() ? Text.Key.RISK_HOST_FOLDER_READ_ONLY : Text.Key.RISK_HOST_FOLDER,
                            name,
                            src,
                            m.target()));
                }
            }
            boolean database = s.image().map(KnownImages::isDataStore).orElse(false);
            if (database) {
                for (PortMapping p : s.ports()) {
                    if (!p.published().isEmpty() && isAllAddresses(p.hostIp())) {
                        out.add(
                                p.hostIp().isEmpty()
                                        ? Text.of(Text.Key.RISK_DATA_PORT_ALL, name, p.published())
                                        : Text.of(Text.Key.RISK_DATA_PORT, name, p.published(), p.hostIp()));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean isAllAddresses(String hostIp) {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::") || hostIp.equals("[::]");
    }

    private static String normalise(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
