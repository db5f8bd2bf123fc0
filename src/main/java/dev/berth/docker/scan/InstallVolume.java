package dev.berth.docker.scan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A named volume of an install.
 *
 * @param name the full Docker name ({@code myapp_dbdata})
 * @param composeName the name in the compose file ({@code dbdata}), from compose's label
 * @param services the services that mount it
 * @param ownership whether compose created it for this project or it is external
 * @param bytes its size, from the engine
 */
public record InstallVolume(
        String name, Optional<String> composeName, List<String> services, Ownership ownership, OptionalLong bytes) {
    public InstallVolume {
        services = List.copyOf(services);
    }

    /** Who owns a volume. */
    public enum Ownership {
        /** Created by compose for this project (labelled). */
        PROJECT,
        /** Not labelled for this project ({@code external: true}, or created by hand). */
        EXTERNAL
    }
}
