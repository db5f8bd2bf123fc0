package dev.berth.docker;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Disk use as the engine computes it ({@code /system/df}): no walking of folders by Berth and no
 * helper container.
 *
 * @param volumeBytes bytes per volume name; volumes the engine did not size are absent
 * @param containerBytes bytes of each container's writable layer, by container id
 * @param imageBytes bytes of all image layers
 */
public record DiskUsage(Map<String, Long> volumeBytes, Map<String, Long> containerBytes, long imageBytes) {
    public DiskUsage {
        volumeBytes = Map.copyOf(volumeBytes);
        containerBytes = Map.copyOf(containerBytes);
    }

    /** The size of one volume, when the engine knows it. */
    public OptionalLong volume(String name) {
        Long v = volumeBytes.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** The size of one container's writable layer, when the engine knows it. */
    public OptionalLong container(String id) {
        Long v = containerBytes.get(id);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
