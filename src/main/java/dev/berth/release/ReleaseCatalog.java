package dev.berth.release;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The releases Berth can choose from when it plans an upgrade: the sub-folders (and archives) of a
 * folder of releases, the tags of a git repository, or one release alone. Entries are listed
 * oldest first; their manifests are read on demand (archives and tags are extracted for that) and
 * kept. Close it to delete what it extracted. Not thread-safe.
 */
public final class ReleaseCatalog implements AutoCloseable {

    /** One release of the catalog. */
    public record Entry(Version version, ReleaseSource source) {}

    private static final List<String> RELEASE_MARKERS = List.of(
            ManifestParser.FILE_NAME, "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    private final String description;
    private final List<Entry> entries;
    private final Map<Entry, Optional<Manifest>> manifests;
    private final ReleaseLoader loader;
    private final BiFunction<Entry, Optional<Manifest>, Optional<Manifest>> view;

    private ReleaseCatalog(String description, List<Entry> entries, ReleaseLoader loader) {
        this.description = description;
        this.entries =
                entries.stream().sorted(Comparator.comparing(Entry::version)).toList();
        this.loader = loader;
        this.manifests = new HashMap<>();
        this.view = (e, m) -> m;
    }

    private ReleaseCatalog(ReleaseCatalog of, BiFunction<Entry, Optional<Manifest>, Optional<Manifest>> view) {
        this.description = of.description;
        this.entries = of.entries;
        this.loader = of.loader;
        this.manifests = of.manifests;
        this.view = view;
    }

    /**
     * The same releases, with each manifest passed through {@code effective} when it is read: how a
     * built-in profile's rules (stops, migrations) take part in planning ({@code
     * dev.berth.release.apps.Profiles#catalog}). Shares this catalog's loader: close one of them.
     *
     * @param effective gets the entry and the manifest its release ships (empty when none), gives
     *     the manifest to plan with
     */
    public ReleaseCatalog withManifests(BiFunction<Entry, Optional<Manifest>, Optional<Manifest>> effective) {
        BiFunction<Entry, Optional<Manifest>, Optional<Manifest>> before = this.view;
        return new ReleaseCatalog(this, (e, m) -> effective.apply(e, before.apply(e, m)));
    }

    /**
     * A folder of releases: each sub-folder is a release ({@code <folder>/<version>/...}, as in
     * the corpus), and so is each archive. A sub-folder's version is its manifest's, else its name's;
     * names without a number ({@code docs}, {@code scripts}) are no releases and left out.
     *
     * @throws ConfigException when the folder cannot be read or a release's manifest is invalid
     */
    public static ReleaseCatalog ofFolder(Path folder) {
        return ofFolder(folder, new ReleaseLoader());
    }

    /** As {@link #ofFolder(Path)}, extracting archives with the given loader (closed with the catalog). */
    public static ReleaseCatalog ofFolder(Path folder, ReleaseLoader loader) {
        if (!Files.isDirectory(folder)) {
            throw new ConfigException(
                    folder.toString(),
                    0,
                    ConfigException.Reason.CATALOG_NO_FOLDER,
                    List.of(),
                    "no such folder; give the folder that holds one folder" + " or archive per release");
        }
        for (String marker : RELEASE_MARKERS) {
            if (Files.isRegularFile(folder.resolve(marker))) {
                throw new ConfigException(
                        folder.toString(),
                        0,
                        ConfigException.Reason.CATALOG_IS_A_RELEASE,
                        List.of(marker),
                        "this is one release (it has " + marker + "), not a folder of releases; give the folder that"
                                + " holds one folder or archive per release");
            }
        }
        List<Entry> entries = new ArrayList<>();
        Map<Entry, Optional<Manifest>> known = new HashMap<>();
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Optional<Manifest> m = ReleaseLoader.readManifest(
                            p, p.resolve(ManifestParser.FILE_NAME).toString());
                    Version v = m.flatMap(Manifest::version)
                            .orElseGet(() -> Version.parse(
                                    ReleaseLoader.versionFromName(name).orElse(name)));
                    if (!v.hasNumbers()) {
                        continue; // "docs", "scripts": not a release
                    }
                    Entry e = new Entry(v, new ReleaseSource.Folder(p));
                    entries.add(e);
                    known.put(e, m);
                } else if (Files.isRegularFile(p)
                        && ArchiveExtractor.Format.ofFileName(name).isPresent()) {
                    String stem = ArchiveExtractor.Format.stripExtension(name);
                    Version v =
                            Version.parse(ReleaseLoader.versionFromName(stem).orElse(stem));
                    if (v.hasNumbers()) {
                        entries.add(new Entry(v, new ReleaseSource.Archive(p)));
                    }
                }
            }
        } catch (IOException e) {
            throw Refusals.because(
                    new ConfigException(
                            folder.toString(),
                            0,
                            ConfigException.Reason.CATALOG_UNREADABLE,
                            List.of(e.toString()),
                            "the folder of releases could not be read (" + e + ")"),
                    e);
        }
        ReleaseCatalog c = new ReleaseCatalog(folder.toString(), entries, loader);
        c.manifests.putAll(known);
        return c;
    }

    /**
     * The tags of a git repository that look like versions ({@code git ls-remote --tags}).
     *
     * @throws ConfigException when git fails or the repository cannot be read
     */
    public static ReleaseCatalog ofGit(String repository) {
        return ofGit(repository, new ReleaseLoader(), Duration.ofMinutes(2));
    }

    /** As {@link #ofGit(String)}, with the loader (closed with the catalog) and a timeout for listing. */
    public static ReleaseCatalog ofGit(String repository, ReleaseLoader loader, Duration timeout) {
        List<Entry> entries = new ArrayList<>();
        for (String tag : new GitCli(timeout).tags(repository, repository)) {
            Version v = Version.parse(ReleaseLoader.versionFromName(tag).orElse(tag));
            if (v.hasNumbers()) {
                entries.add(new Entry(v, new ReleaseSource.GitTag(repository, tag)));
            }
        }
        return new ReleaseCatalog(repository, entries, loader);
    }

    /** A catalog of one release that is already loaded (no intermediate releases are known). */
    public static ReleaseCatalog of(Release release) {
        Entry e = new Entry(release.version(), release.source());
        ReleaseCatalog c = new ReleaseCatalog(release.source().display(), List.of(e), null);
        c.manifests.put(e, release.manifest());
        return c;
    }

    /**
     * The releases that naturally surround a target: all tags of its repository for a git tag
     * (REPO#TAG gives the whole repository), else the target alone.
     *
     * @throws ConfigException when the repository's tags cannot be listed
     */
    public static ReleaseCatalog around(Release target) {
        if (target.source() instanceof ReleaseSource.GitTag g) {
            ReleaseCatalog c = ofGit(g.repository());
            c.entries.stream()
                    .filter(e -> e.source().equals(target.source()))
                    .forEach(e -> c.manifests.put(e, target.manifest()));
            return c;
        }
        return of(target);
    }

    /** Where the releases come from, for messages: the folder, the repository, the one release. */
    public String description() {
        return description;
    }

    /** All releases, oldest first. */
    public List<Entry> entries() {
        return entries;
    }

    /** The newest release, if any. */
    public Optional<Entry> newest() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.getLast());
    }

    /** The newest release in the range (pre-releases only when the range names one). */
    public Optional<Entry> newest(VersionRange range) {
        return entries.reversed().stream()
                .filter(e -> range.contains(e.version()))
                .findFirst();
    }

    /**
     * The manifest of a release, read (and for archives and tags extracted) on first use.
     *
     * @throws ConfigException when the release cannot be read or its manifest is invalid
     */
    public Optional<Manifest> manifest(Entry entry) {
        Optional<Manifest> m = manifests.get(entry);
        if (m == null) {
            if (loader == null) {
                throw new IllegalArgumentException(entry + " is not part of this catalog");
            }
            m = loader.load(entry.source()).manifest();
            manifests.put(entry, m);
        }
        return view.apply(entry, m);
    }

    /** Deletes what was extracted to read manifests. */
    @Override
    public void close() {
        if (loader != null) {
            loader.close();
        }
    }
}
