package dev.berth.docker;

import java.util.Map;
import java.util.Optional;

/**
 * A named volume.
 *
 * @param name the full Docker name ({@code myapp_dbdata})
 * @param driver {@code local} for plain volumes
 * @param labels labels; compose sets the project and the volume's short name
 * @param mountpoint where the engine keeps it
 */
public record VolumeInfo(String name, String driver, Map<String, String> labels, String mountpoint) {
    public VolumeInfo {
        labels = Map.copyOf(labels);
    }

    /** The compose project that created it, if any. */
    public Optional<String> project() {
        return Optional.ofNullable(labels.get(ComposeLabels.PROJECT));
    }
}
