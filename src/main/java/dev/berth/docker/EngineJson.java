package dev.berth.docker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the engine's JSON answers into Berth's records. */
final class EngineJson {
    private static final Pattern HEALTH = Pattern.compile("\\((healthy|unhealthy|health: starting)\\)");
    private static final Pattern EXIT = Pattern.compile("^Exited \\((-?\\d+)\\)");

    private EngineJson() {}

    /** One entry of {@code GET /containers/json}. */
    static ContainerSummary container(JsonTree c) {
        String status = c.path("Status").asText("");
        Health health = Health.NONE;
        Matcher h = HEALTH.matcher(status);
        if (h.find()) {
            health = h.group(1).equals("health: starting") ? Health.STARTING : Health.parse(h.group(1));
        }
        ContainerState state = ContainerState.parse(c.path("State").asText(""));
        Optional<Integer> exit = Optional.empty();
        Matcher e = EXIT.matcher(status);
        if (e.find()) {
            exit = Optional.of(Integer.parseInt(e.group(1)));
        }
        String name = "";
        if (c.path("Names").isArray() && !c.path("Names").isEmpty()) {
            name = c.path("Names").get(0).asText("");
            name = name.startsWith("/") ? name.substring(1) : name;
        }
        List<MountPoint> mounts = new ArrayList<>();
        for (JsonTree m : c.path("Mounts")) {
            String volName = m.path("Name").asText("");
            mounts.add(new MountPoint(
                    MountPoint.Type.parse(m.path("Type").asText(""), !volName.isEmpty()),
                    volName.isEmpty() ? Optional.empty() : Optional.of(volName),
                    m.path("Source").asText(""),
                    m.path("Destination").asText(""),
                    m.path("RW").asBoolean(true) ? MountPoint.Access.READ_WRITE : MountPoint.Access.READ_ONLY));
        }
        List<PublishedPort> ports = new ArrayList<>();
        for (JsonTree p : c.path("Ports")) {
            if (p.hasNonNull("PublicPort")) {
                ports.add(new PublishedPort(
                        p.path("IP").asText(""),
                        p.path("PublicPort").asInt(),
                        p.path("PrivatePort").asInt(),
                        p.path("Type").asText("tcp")));
            }
        }
        return new ContainerSummary(
                c.path("Id").asText(""),
                name,
                c.path("Image").asText(""),
                c.path("ImageID").asText(""),
                state,
                health,
                exit,
                status,
                stringMap(c.path("Labels")),
                mounts,
                ports,
                Instant.ofEpochSecond(c.path("Created").asLong(0)));
    }

    static ImageInfo image(JsonTree i) {
        return new ImageInfo(
                i.path("Id").asText(""),
                strings(i.path("RepoTags")).stream()
                        .filter(t -> !t.equals("<none>:<none>"))
                        .toList(),
                strings(i.path("RepoDigests")).stream()
                        .filter(t -> !t.startsWith("<none>@"))
                        .toList(),
                i.path("Size").asLong(0));
    }

    static VolumeInfo volume(JsonTree v) {
        return new VolumeInfo(
                v.path("Name").asText(""),
                v.path("Driver").asText(""),
                stringMap(v.path("Labels")),
                v.path("Mountpoint").asText(""));
    }

    /** {@code GET /system/df}; sizes of -1 (not computed) are left out. */
    static DiskUsage diskUsage(JsonTree df) {
        Map<String, Long> volumes = new HashMap<>();
        for (JsonTree v : df.path("Volumes")) {
            long size = v.path("UsageData").path("Size").asLong(-1);
            if (size >= 0) {
                volumes.put(v.path("Name").asText(""), size);
            }
        }
        Map<String, Long> containers = new HashMap<>();
        for (JsonTree c : df.path("Containers")) {
            // The engine leaves SizeRw out when it is 0 ("omitempty"); SizeRootFs shows it was sized.
            if (c.hasNonNull("SizeRw") || c.hasNonNull("SizeRootFs")) {
                containers.put(c.path("Id").asText(""), c.path("SizeRw").asLong(0));
            }
        }
        return new DiskUsage(volumes, containers, df.path("LayersSize").asLong(0));
    }

    static Map<String, String> stringMap(JsonTree node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEach((k, v) -> out.put(k, v.asText("")));
        return out;
    }

    static List<String> strings(JsonTree node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
