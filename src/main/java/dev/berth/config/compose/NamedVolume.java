package dev.berth.config.compose;

import java.util.Map;
import java.util.Optional;

/**
 * A top-level {@code volumes:} entry.
 *
 * @param key the name services use for it
 * @param name the explicit {@code name:} (the real Docker volume name) when set
 * @param external whether compose expects it to exist instead of creating it
 * @param driver the volume driver when set
 * @param labels its labels
 */
public record NamedVolume(
        String key, Optional<String> name, boolean external, Optional<String> driver, Map<String, String> labels) {
    public NamedVolume {
        labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    }
}
