package dev.berth.docker.scan;

import dev.berth.docker.Health;
import dev.berth.docker.PublishedPort;
import java.util.List;
import java.util.Optional;

/**
 * One service of an install.
 *
 * @param name the compose service name
 * @param image the image as configured ({@code repo:tag}); the image id when that tag has moved on
 * @param tag the image tag, when the image is named by one
 * @param state its state (the least ready of its containers when scaled)
 * @param health its healthcheck status (the worst of its containers)
 * @param exitCode the exit code when it exited
 * @param ports published ports
 * @param containers its container names
 */
public record ServiceInfo(
        String name,
        String image,
        Optional<String> tag,
        ServiceState state,
        Health health,
        Optional<Integer> exitCode,
        List<PublishedPort> ports,
        List<String> containers) {
    public ServiceInfo {
        ports = List.copyOf(ports);
        containers = List.copyOf(containers);
    }
}
