package dev.berth.release;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The releases an install passes through on its way to a target: the required upgrade stops
 * ({@code upgrade.stops} of the target and of every release between), each reached with the
 * newest matching release of the catalog, then the target. Downgrades are refused (going back is
 * a restore); a stop that the catalog cannot supply is refused with what to do.
 */
public sealed interface UpgradePath {

    /** The install already runs the target's version: nothing to do. */
    record UpToDate(Version installed) implements UpgradePath {}

    /**
     * Upgrade through these releases, in order; the last is the target.
     *
     * @param installed the version the install runs now
     */
    record Hops(Version installed, List<Hop> hops) implements UpgradePath {
        public Hops {
            hops = List.copyOf(hops);
        }

        /** The versions in order, for display: {@code 1.1.0 → 2.0.0}. */
        public List<Version> versions() {
            return hops.stream().map(Hop::version).toList();
        }
    }

    /**
     * The upgrade cannot be planned. Nothing has been changed.
     *
     * @param message what is wrong and what to do, in English
     * @param facts what the message is made of, for a front end that says it in another language:
     *     {@code DOWNGRADE}: the target, the installed version; {@code MISSING_STOP}: the release
     *     that requires the stop, the stop's range as written and as people read it ("1.1.x"), where
     *     Berth looked, the installed version
     */
    record Refused(Reason reason, String message, List<String> facts) implements UpgradePath {
        public Refused {
            facts = List.copyOf(facts);
        }
    }

    /** Why an upgrade path was refused. */
    enum Reason {
        /** The target is older than the installed version. */
        DOWNGRADE,
        /** A required stop has no release in the catalog. */
        MISSING_STOP
    }

    /**
     * One release to upgrade to.
     *
     * @param requiredBy why this release is on the path when it is a stop, e.g. {@code 2.0.0
     *     requires passing through 1.1}; empty for the target
     */
    record Hop(Version version, ReleaseSource source, Optional<String> requiredBy) {}

    /**
     * Plans the path from the installed version to the target.
     *
     * @param catalog the releases to choose stops from; {@link ReleaseCatalog#of(Release)} when only
     *     the target is known
     * @throws ConfigException when a release's manifest in the catalog is invalid or cannot be read
     */
    static UpgradePath compute(Version installed, Release target, ReleaseCatalog catalog) {
        Version goal = target.version();
        if (installed.isSameRelease(goal)) {
            return new UpToDate(installed);
        }
        if (goal.compareTo(installed) < 0) {
            return new Refused(
                    Reason.DOWNGRADE,
                    goal + " is older than the installed " + installed + ": Berth does not downgrade, because "
                            + installed + " may have migrated the data in ways " + goal + " cannot read. To go back,"
                            + " restore the backup taken before the upgrade to " + installed + " (berth restore)."
                            + " Nothing was changed.",
                    List.of(goal.toString(), installed.toString()));
        }
        List<Hop> hops = new ArrayList<>();
        Optional<Refused> refused = new PathFinder(installed, target, catalog).plan(installed, goal, hops);
        if (refused.isPresent()) {
            return refused.get();
        }
        return new Hops(installed, hops);
    }
}
