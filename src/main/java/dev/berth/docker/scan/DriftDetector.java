package dev.berth.docker.scan;

import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.VolumeMount;
import dev.berth.docker.ComposeLabels;
import dev.berth.docker.ContainerSummary;
import dev.berth.docker.ImageReference;
import dev.berth.docker.MountPoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares what an install's compose files resolve to now (with its env files only, never the
 * shell's variables) with what its containers run: image, environment, mounts. A difference means
 * the files were edited without {@code up -d}, or the install was started with a shell variable
 * that its {@code .env} lacks; either way an upgrade from the files would change more than the
 * release. Messages name variables, never their values.
 */
final class DriftDetector {
    private DriftDetector() {}

    static List<InstallWarning> compare(
            String project,
            ComposeProject files,
            List<ContainerSummary> containers,
            Map<String, Map<String, String>> envByContainer) {
        Map<String, ContainerSummary> newest = new TreeMap<>();
        for (ContainerSummary c : containers) {
            String service = c.label(ComposeLabels.SERVICE).orElse(c.name());
            newest.merge(service, c, (a, b) -> a.created().isAfter(b.created()) ? a : b);
        }
        List<String> unset = files.warnings().stream()
                .filter(w -> w.contains("variable is not set"))
                .map(w -> w.replaceAll("^The \"([^\"]+)\".*$", "$1"))
                .toList();
        List<InstallWarning> out = new ArrayList<>();
        newest.forEach((service, c) -> {
            Optional<ComposeService> s = files.model().service(service);
            if (s.isEmpty()) {
                out.add(new InstallWarning(
                        InstallWarning.Kind.DRIFT,
                        "Service " + service + " runs but its compose files no longer define it (removed or renamed"
                                + " since it was started); 'docker compose up -d --remove-orphans' would remove it."));
                return;
            }
            List<String> differences = new ArrayList<>();
            imageDifference(s.get(), c).ifPresent(differences::add);
            Map<String, String> env = envByContainer.get(c.id());
            if (env != null) {
                environmentDifference(s.get(), env).ifPresent(differences::add);
            }
            mountDifference(project, files, s.get(), c).ifPresent(differences::add);
            if (!differences.isEmpty()) {
                String cause = unset.isEmpty()
                        ? "The files were changed since it was started, or it was started with shell variables that"
                                + " .env does not set."
                        : "The files use variables that .env does not set (" + String.join(", ", unset)
                                + "): it was probably started with them set in the shell; add them to .env.";
                out.add(new InstallWarning(
                        InstallWarning.Kind.DRIFT,
                        "Service " + service + " does not run what its compose files say: "
                                + String.join("; ", differences) + ". " + cause
                                + " 'docker compose up -d' would recreate it with the files' values."));
            }
        });
        return out;
    }

    private static Optional<String> imageDifference(ComposeService s, ContainerSummary c) {
        if (s.image().isEmpty() || c.image().startsWith("sha256:")) {
            return Optional.empty();
        }
        String files = normalize(s.image().get());
        String runs = normalize(c.image());
        return files.equals(runs)
                ? Optional.empty()
                : Optional.of("image (runs " + c.image() + ", the files say "
                        + s.image().get() + ")");
    }

    /** {@code docker.io/library/x:latest} and {@code x} are the same image name. */
    static String normalize(String image) {
        if (image.isBlank()) {
            return image;
        }
        ImageReference r = ImageReference.parse(image);
        String repo = r.repository();
        repo = repo.startsWith("docker.io/") ? repo.substring("docker.io/".length()) : repo;
        repo = repo.startsWith("library/") ? repo.substring("library/".length()) : repo;
        return repo
                + r.effectiveTag().map(t -> ":" + t).orElse("")
                + r.digest().map(d -> "@" + d).orElse("");
    }

    private static Optional<String> environmentDifference(ComposeService s, Map<String, String> env) {
        List<String> differ = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        s.environment().forEach((k, v) -> {
            if (!env.containsKey(k)) {
                missing.add(k);
            } else if (!Objects.equals(env.get(k), v)) {
                differ.add(k);
            }
        });
        if (differ.isEmpty() && missing.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        if (!differ.isEmpty()) {
            parts.add(String.join(", ", differ) + (differ.size() == 1 ? " differs" : " differ"));
        }
        if (!missing.isEmpty()) {
            parts.add(String.join(", ", missing) + " not set in the container");
        }
        return Optional.of("environment (" + String.join("; ", parts) + ")");
    }

    private static Optional<String> mountDifference(
            String project, ComposeProject files, ComposeService s, ContainerSummary c) {
        Map<String, String> want = new LinkedHashMap<>();
        for (VolumeMount m : s.volumes()) {
            if (m.type() == MountType.BIND) {
                want.put(m.target(), "bind " + Path.of(m.source()).normalize());
            } else if (m.isNamedVolume()) {
                want.put(m.target(), "volume " + volumeName(project, files, m.source()));
            }
        }
        Map<String, String> have = new LinkedHashMap<>();
        for (MountPoint m : c.mounts()) {
            if (m.type() == MountPoint.Type.BIND) {
                have.put(m.destination(), "bind " + Path.of(m.source()).normalize());
            } else if (m.type() == MountPoint.Type.VOLUME
                    && m.volumeName().filter(n -> !n.matches("[0-9a-f]{64}")).isPresent()) {
                have.put(m.destination(), "volume " + m.volumeName().get());
            }
        }
        List<String> diffs = new ArrayList<>();
        want.forEach((target, source) -> {
            String actual = have.get(target);
            if (actual == null) {
                diffs.add(target + " is not mounted (the files mount " + source + ")");
            } else if (!actual.equals(source)) {
                diffs.add(target + " mounts " + actual + ", the files say " + source);
            }
        });
        have.keySet().stream()
                .filter(t -> !want.containsKey(t))
                .sorted(Comparator.naturalOrder())
                .forEach(t -> diffs.add(t + " mounts " + have.get(t) + ", which the files no longer mention"));
        return diffs.isEmpty() ? Optional.empty() : Optional.of("mounts (" + String.join("; ", diffs) + ")");
    }

    /** The Docker name of a service's named volume: its {@code name:}, or {@code project_key}. */
    static String volumeName(String project, ComposeProject files, String key) {
        var v = files.model().volumes().get(key);
        if (v == null) {
            return project + "_" + key;
        }
        return v.name().orElse(v.external() ? key : project + "_" + key);
    }
}
