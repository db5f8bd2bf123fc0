package dev.berth.release;

import dev.berth.release.UpgradePath.Hop;
import dev.berth.release.UpgradePath.Reason;
import dev.berth.release.UpgradePath.Refused;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The recursive search: reach each pending stop's release, then the rest of the way. */
final class PathFinder {
    private final Version installed;
    private final Release target;
    private final ReleaseCatalog catalog;

    PathFinder(Version installed, Release target, ReleaseCatalog catalog) {
        this.installed = installed;
        this.target = target;
        this.catalog = catalog;
    }

    private record Stop(VersionRange range, Version declaredBy) {}

    /** Appends the hops from {@code from} to {@code to} (a catalog release or the target). */
    Optional<UpgradePath.Refused> plan(Version from, Version to, List<Hop> hops) {
        Optional<Stop> pending = pendingStops(from, to).stream()
                .min(Comparator.comparing((Stop s) -> s.range().floor().orElse(Version.parse("")))
                        .thenComparing(Stop::declaredBy));
        if (pending.isEmpty()) {
            hops.add(hop(to, Optional.empty()));
            return Optional.empty();
        }
        Stop stop = pending.get();
        Optional<ReleaseCatalog.Entry> via = catalog.entries().reversed().stream()
                .filter(e -> stop.range().contains(e.version()))
                .filter(e -> above(e.version(), from) && above(stop.declaredBy(), e.version()))
                .findFirst();
        if (via.isEmpty()) {
            return Optional.of(new Refused(
                    Reason.MISSING_STOP,
                    stop.declaredBy() + " requires passing through "
                            + stop.range().text() + " first; no "
                            + stop.range().describe() + " release was found in " + catalog.description()
                            + "; upgrade to " + stop.range().describe() + " first or give a folder/repository"
                            + " that contains it. Nothing was changed; " + installed + " still runs.",
                    List.of(
                            stop.declaredBy().toString(),
                            stop.range().text(),
                            stop.range().describe(),
                            catalog.description(),
                            installed.toString())));
        }
        Version v = via.get().version();
        Optional<Refused> first = planTo(from, via.get(), stop, hops);
        if (first.isPresent()) {
            return first;
        }
        return plan(v, to, hops);
    }

    private Optional<Refused> planTo(Version from, ReleaseCatalog.Entry via, Stop stop, List<Hop> hops) {
        List<Hop> part = new ArrayList<>();
        Optional<Refused> r = plan(from, via.version(), part);
        if (r.isPresent()) {
            return r;
        }
        // The last hop of the part is the stop itself: say why it is there.
        Hop last = part.removeLast();
        part.add(new Hop(
                last.version(),
                last.source(),
                Optional.of(stop.declaredBy() + " requires passing through "
                        + stop.range().text())));
        hops.addAll(part);
        return Optional.empty();
    }

    /** Stops declared by releases in (from, to] that {@code from} has not reached. */
    private List<Stop> pendingStops(Version from, Version to) {
        List<Stop> out = new ArrayList<>();
        for (ReleaseCatalog.Entry e : catalog.entries()) {
            Version v = e.version();
            if (above(v, from) && !above(v, to) && !v.isSameRelease(target.version())) {
                for (VersionRange r :
                        catalog.manifest(e).map(m -> m.upgrade().stops()).orElse(List.of())) {
                    out.add(new Stop(r, v));
                }
            }
        }
        if (!above(target.version(), to)) {
            for (VersionRange r : target.manifestOrEmpty().upgrade().stops()) {
                out.add(new Stop(r, target.version()));
            }
        }
        return out.stream()
                .filter(s -> !s.range().contains(from) && !s.range().isEntirelyBelow(from))
                .toList();
    }

    private Hop hop(Version v, Optional<String> why) {
        if (v.isSameRelease(target.version())) {
            return new Hop(target.version(), target.source(), why);
        }
        ReleaseCatalog.Entry e = catalog.entries().stream()
                .filter(x -> x.version().equals(v))
                .findFirst()
                .orElseThrow();
        return new Hop(e.version(), e.source(), why);
    }

    /** Strictly newer, by precedence ({@code v3.4.0} is not above {@code 3.4}). */
    private static boolean above(Version a, Version b) {
        return !a.isSameRelease(b) && a.compareTo(b) > 0;
    }
}
