package dev.berth.config.diff;

import dev.berth.config.compose.ComposeModel;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.PortMapping;
import dev.berth.config.compose.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What changes between two resolved compose projects (the installed release and the new one, or
 * the project before and after the user's override): services added and removed, image changes,
 * container environment, published ports, mounts, top-level volumes and networks. Bind mounts are
 * shown relative to each project's folder, so two releases unpacked in different folders compare
 * equal where their files do. Thread-safe, no I/O.
 */
public final class ComposeSemanticDiff {
    private final SecretMasker masker;

    public ComposeSemanticDiff(SecretMasker masker) {
        this.masker = masker;
    }

    /** A diff with the default secret names. */
    public static ComposeSemanticDiff withDefaults() {
        return new ComposeSemanticDiff(SecretMasker.withDefaultNames());
    }

    /**
     * The changes from {@code before} to {@code after}: per service in the new project's order
     * (removed services last), then top-level volumes and networks.
     */
    public List<ComposeChange> diff(ComposeProject before, ComposeProject after) {
        ComposeModel old = before.model();
        ComposeModel now = after.model();
        List<ComposeChange> changes = new ArrayList<>();
        for (ComposeService s : now.services().values()) {
            Optional<ComposeService> previous = old.service(s.name());
            if (previous.isEmpty()) {
                changes.add(new ComposeChange.ServiceAdded(s.name(), imageOf(s, after.workingDirectory())));
            } else {
                service(previous.get(), before.workingDirectory(), s, after.workingDirectory(), changes);
            }
        }
        for (ComposeService s : old.services().values()) {
            if (now.service(s.name()).isEmpty()) {
                changes.add(new ComposeChange.ServiceRemoved(s.name(), imageOf(s, before.workingDirectory())));
            }
        }
        for (String name : onlyIn(now.volumes().keySet(), old.volumes().keySet())) {
            changes.add(new ComposeChange.VolumeAdded(name));
        }
        for (String name : onlyIn(old.volumes().keySet(), now.volumes().keySet())) {
            changes.add(new ComposeChange.VolumeRemoved(name));
        }
        for (String name : onlyIn(now.networks(), old.networks())) {
            changes.add(new ComposeChange.NetworkAdded(name));
        }
        for (String name : onlyIn(old.networks(), now.networks())) {
            changes.add(new ComposeChange.NetworkRemoved(name));
        }
        return List.copyOf(changes);
    }

    /** The changes as text, one per line, for the command line and golden files. */
    public static String render(List<ComposeChange> changes) {
        StringBuilder sb = new StringBuilder();
        for (ComposeChange c : changes) {
            sb.append(c.describe()).append('\n');
        }
        return sb.toString();
    }

    private void service(
            ComposeService old, Path oldDir, ComposeService now, Path newDir, List<ComposeChange> changes) {
        String name = now.name();
        if (!ComposeChange.ImageChanged.canonical(imageOf(old, oldDir))
                .equals(ComposeChange.ImageChanged.canonical(imageOf(now, newDir)))) {
            changes.add(new ComposeChange.ImageChanged(name, imageOf(old, oldDir), imageOf(now, newDir)));
        }
        Set<String> keys = new LinkedHashSet<>(now.environment().keySet());
        keys.addAll(old.environment().keySet());
        for (String key : keys) {
            String a = old.environment().get(key);
            String b = now.environment().get(key);
            if (a == null || !a.equals(b)) {
                changes.add(new ComposeChange.EnvironmentChanged(
                        name,
                        key,
                        Optional.ofNullable(a).map(v -> shown(key, v)),
                        Optional.ofNullable(b).map(v -> shown(key, v))));
            }
        }
        List<String> oldPorts =
                old.ports().stream().map(ComposeSemanticDiff::port).toList();
        List<String> newPorts =
                now.ports().stream().map(ComposeSemanticDiff::port).toList();
        if (!oldPorts.equals(newPorts)) {
            changes.add(new ComposeChange.PortsChanged(name, onlyIn(oldPorts, newPorts), onlyIn(newPorts, oldPorts)));
        }
        List<String> oldMounts =
                old.volumes().stream().map(m -> mount(m, oldDir)).toList();
        List<String> newMounts =
                now.volumes().stream().map(m -> mount(m, newDir)).toList();
        if (!oldMounts.equals(newMounts)) {
            changes.add(
                    new ComposeChange.MountsChanged(name, onlyIn(oldMounts, newMounts), onlyIn(newMounts, oldMounts)));
        }
    }

    private String shown(String key, String value) {
        return masker.isSecret(key) ? (value.isEmpty() ? "" : SecretMasker.MASK) : masker.maskValue(key, value);
    }

    private static String imageOf(ComposeService s, Path projectDir) {
        return s.image()
                .orElseGet(() -> s.build()
                        .map(b -> "build " + relative(b.context(), projectDir))
                        .orElse("no image"));
    }

    /** {@code [host_ip:][published:]target/protocol}, with {@code /host} for host mode. */
    static String port(PortMapping p) {
        StringBuilder sb = new StringBuilder();
        if (!p.hostIp().isEmpty()) {
            sb.append(p.hostIp().contains(":") ? "[" + p.hostIp() + "]" : p.hostIp())
                    .append(':');
        }
        if (!p.published().isEmpty()) {
            sb.append(p.published()).append(':');
        } else if (!p.hostIp().isEmpty()) {
            sb.append(':');
        }
        sb.append(p.target()).append('/').append(p.protocol());
        if (p.mode().equals("host")) {
            sb.append("/host");
        }
        return sb.toString();
    }

    static String mount(VolumeMount m, Path projectDir) {
        String ro = m.readOnly() ? ":ro" : "";
        return switch (m.type()) {
            case BIND -> relative(m.source(), projectDir) + ":" + m.target() + ro;
            case VOLUME -> (m.source().isEmpty() ? "" : m.source() + ":") + m.target() + ro;
            case TMPFS -> "tmpfs:" + m.target();
            case NPIPE, CLUSTER, IMAGE ->
                m.type().name().toLowerCase(java.util.Locale.ROOT) + ":" + m.source() + ":" + m.target() + ro;
        };
    }

    private static String relative(String source, Path projectDir) {
        Path path = Path.of(source);
        if (projectDir != null && path.isAbsolute() && path.startsWith(projectDir)) {
            String rel = projectDir.relativize(path).toString().replace('\\', '/');
            return rel.isEmpty() ? "." : "./" + rel;
        }
        return source;
    }

    private static <T> List<T> onlyIn(java.util.Collection<T> these, java.util.Collection<T> others) {
        List<T> out = new ArrayList<>();
        for (T t : these) {
            if (!others.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }
}
