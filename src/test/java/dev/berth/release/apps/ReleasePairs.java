package dev.berth.release.apps;

import dev.berth.Corpus;
import dev.berth.release.Manifest;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.release.TemplateFormat;
import dev.berth.release.TemplateSpec;
import dev.berth.release.Version;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test fixture: every consecutive pair of releases of every corpus app, with the app's built-in
 * profile, and for each pair the env template pairs the profile declares. For the engine planner's
 * tests too: {@link Pair#catalog()} and {@link Pair#target(ReleaseLoader)} are what {@code
 * UpgradePath.compute} and the planner take, with the profile's rules in effect.
 */
final class ReleasePairs {
    private ReleasePairs() {}

    /** One upgrade from a release of the corpus to the next one. */
    record Pair(String corpusApp, Profile profile, Version older, Path olderRoot, Version newer, Path newerRoot) {

        /** The app's releases, planned with their effective manifests (profile rules in effect). */
        ReleaseCatalog catalog() {
            return Profiles.catalog(ReleaseCatalog.ofFolder(Corpus.root().resolve(corpusApp)), Optional.of(profile));
        }

        /** The newer release, loaded, with its effective manifest. */
        dev.berth.release.Release target(ReleaseLoader loader) {
            return Profiles.target(loader.load(new ReleaseSource.Folder(newerRoot)), Optional.of(profile));
        }

        Manifest olderManifest() {
            return Profiles.effectiveManifest(Optional.empty(), Optional.of(profile), older);
        }

        Manifest newerManifest() {
            return Profiles.effectiveManifest(Optional.empty(), Optional.of(profile), newer);
        }

        @Override
        public String toString() {
            return corpusApp + " " + older + " -> " + newer;
        }
    }

    /**
     * An env file the user keeps, in both releases of a pair.
     *
     * @param older the pair as the older release's profile manifest declares it
     * @param newer the pair as the newer release's profile manifest declares it
     */
    record EnvPair(Pair pair, TemplateSpec older, TemplateSpec newer) {
        Path olderTemplate() {
            return pair.olderRoot().resolve(older.template());
        }

        Path newerTemplate() {
            return pair.newerRoot().resolve(newer.template());
        }

        @Override
        public String toString() {
            return pair + " " + older.template() + " -> " + newer.template() + " (" + newer.file() + ")";
        }
    }

    /** Every consecutive pair of every corpus app, in catalog order. */
    static List<Pair> all() {
        List<Pair> out = new ArrayList<>();
        for (Map.Entry<String, String> e : dev.berth.Corpus.PROFILE_OF_APP.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .toList()) {
            Profile profile = KnownApps.builtIn().profile(e.getValue()).orElseThrow();
            try (ReleaseCatalog c = ReleaseCatalog.ofFolder(Corpus.root().resolve(e.getKey()))) {
                List<ReleaseCatalog.Entry> entries = c.entries();
                for (int i = 0; i + 1 < entries.size(); i++) {
                    out.add(new Pair(
                            e.getKey(),
                            profile,
                            entries.get(i).version(),
                            ((ReleaseSource.Folder) entries.get(i).source()).path(),
                            entries.get(i + 1).version(),
                            ((ReleaseSource.Folder) entries.get(i + 1).source()).path()));
                }
            }
        }
        return out;
    }

    /** For every pair, each env file the newer release's profile manifest pairs with a template. */
    static List<EnvPair> envPairs() {
        List<EnvPair> out = new ArrayList<>();
        for (Pair p : all()) {
            for (TemplateSpec newer : p.newerManifest().templates()) {
                if (newer.format() != TemplateFormat.ENV) {
                    continue;
                }
                p.olderManifest().templates().stream()
                        .filter(o -> o.file().equals(newer.file())
                                || newer.movedFrom().stream()
                                        .anyMatch(l ->
                                                l.file().map(o.file()::equals).orElse(false)))
                        .findFirst()
                        .ifPresent(older -> out.add(new EnvPair(p, older, newer)));
            }
        }
        return out;
    }
}
