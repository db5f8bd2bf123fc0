package dev.berth.docker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container as listed by the engine (one call for all of them, no per-container inspect).
 *
 * @param id full id
 * @param name name without the leading slash
 * @param image the image as the container was created with ({@code repo:tag}); the image id
 *     instead when that tag has since moved to another image
 * @param imageId the image id ({@code sha256:...})
 * @param state state
 * @param health healthcheck status, parsed from the status text
 * @param exitCode the exit code of an exited container
 * @param status the engine's status text ({@code Up 3 minutes (healthy)})
 * @param labels labels, including the compose ones
 * @param mounts mounts
 * @param ports published ports
 * @param created creation time
 */
public record ContainerSummary(
        String id,
        String name,
        String image,
        String imageId,
        ContainerState state,
        Health health,
        Optional<Integer> exitCode,
        String status,
        Map<String, String> labels,
        List<MountPoint> mounts,
        List<PublishedPort> ports,
        Instant created) {

    public ContainerSummary {
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        ports = List.copyOf(ports);
    }

    /** A label, when set. */
    public Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }
}
