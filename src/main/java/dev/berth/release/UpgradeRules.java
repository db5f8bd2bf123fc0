package dev.berth.release;

import java.util.List;

/**
 * The {@code upgrade:} section of a manifest.
 *
 * @param stops releases an install must have run before it may upgrade to this release, e.g.
 *     {@code 1.1} (any {@code 1.1.x}); Berth chains through them when it finds them
 */
public record UpgradeRules(List<VersionRange> stops) {

    public static final UpgradeRules NONE = new UpgradeRules(List.of());

    public UpgradeRules {
        stops = List.copyOf(stops);
    }
}
