package dev.berth.config.merge;

import java.util.Set;

/** The names a compose project defines: its services and its top-level volumes and networks. */
public record ComposeNames(Set<String> services, Set<String> volumes, Set<String> networks) {
    public ComposeNames {
        services = Set.copyOf(services);
        volumes = Set.copyOf(volumes);
        networks = Set.copyOf(networks);
    }
}
