package dev.berth.release;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns a {@link ReleaseSource} into a {@link Release}: extracts archives and git tags safely into
 * scratch folders it owns, reads the manifest and finds the version. Closing it deletes every
 * scratch folder, so releases it made must not be used after {@link #close()}. Blocking; not
 * thread-safe (use one per thread).
 */
public final class ReleaseLoader implements AutoCloseable {

    /**
     * Reads the tags of the app's images from a release folder; compose parsing is the config
     * package's job, so the caller supplies it. Called only when no manifest or source name gives a
     * version.
     */
    @FunctionalInterface
    public interface ImageTags {
        List<String> read(Path releaseRoot);

        ImageTags NONE = root -> List.of();
    }

    private final Path scratchParent;
    private final ExtractionLimits limits;
    private final GitCli git;
    private final List<Path> scratch = new ArrayList<>();

    /** Scratch folders under the system's temp folder, default limits, 10 minutes for git. */
    public ReleaseLoader() {
        this(Path.of(System.getProperty("java.io.tmpdir")), ExtractionLimits.DEFAULT, Duration.ofMinutes(10));
    }

    /**
     * @param scratchParent where scratch folders are made; on the install's file system avoids
     *     copying large image tarballs twice
     * @param limits bounds for archive extraction
     * @param gitTimeout how long one git command may run
     */
    public ReleaseLoader(Path scratchParent, ExtractionLimits limits, Duration gitTimeout) {
        this.scratchParent = scratchParent;
        this.limits = limits;
        this.git = new GitCli(gitTimeout);
    }

    /** Loads a release without image tags. */
    public Release load(ReleaseSource source) {
        return load(source, ImageTags.NONE);
    }

    /**
     * Loads a release.
     *
     * @throws ConfigException when the source is missing, unsafe, damaged, or its manifest is
     *     invalid; nothing of it is left on disk then
     */
    public Release load(ReleaseSource source, ImageTags imageTags) {
        int before = scratch.size();
        try {
            return read(source, imageTags);
        } catch (RuntimeException e) {
            // Nothing of a refused release stays on disk.
            while (scratch.size() > before) {
                Path dir = scratch.removeLast();
                try {
                    deleteTree(dir);
                } catch (UncheckedIOException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            throw e;
        }
    }

    private Release read(ReleaseSource source, ImageTags imageTags) {
        Path root;
        String manifestName;
        Optional<String> innerName = Optional.empty();
        switch (source) {
            case ReleaseSource.Folder f -> {
                root = f.path().toAbsolutePath().normalize();
                if (!Files.isDirectory(root)) {
                    throw new ConfigException(
                            f.display(),
                            0,
                            ConfigException.Reason.RELEASE_NO_FOLDER,
                            List.of(),
                            "no such folder; give the folder that holds the release");
                }
                manifestName = root.resolve(ManifestParser.FILE_NAME).toString();
            }
            case ReleaseSource.Archive a -> {
                if (!Files.isRegularFile(a.file())) {
                    throw new ConfigException(
                            a.display(),
                            0,
                            ConfigException.Reason.RELEASE_NO_FILE,
                            List.of(),
                            "no such file; give the release archive's path");
                }
                Path content = newScratch().resolve("content");
                ArchiveExtractor.extract(a.file(), content, limits, a.display());
                root = unwrap(content);
                if (!root.equals(content)) {
                    innerName = Optional.of(root.getFileName().toString());
                }
                manifestName = a.display() + "!/" + ManifestParser.FILE_NAME;
            }
            case ReleaseSource.GitTag g -> {
                Path dir = newScratch();
                Path content = dir.resolve("content");
                git.exportTag(g.repository(), g.tag(), dir, content, limits, g.display());
                deleteTree(dir.resolve("repo.git"));
                root = content;
                manifestName = g.display() + ":" + ManifestParser.FILE_NAME;
            }
        }
        Optional<Manifest> manifest = readManifest(root, manifestName);
        Version version;
        VersionOrigin origin;
        Optional<String> inner = innerName;
        Optional<String> fromName =
                versionFromName(source.name()).or(() -> inner.flatMap(ReleaseLoader::versionFromName));
        if (manifest.flatMap(Manifest::version).isPresent()) {
            version = manifest.get().version().get();
            origin = VersionOrigin.MANIFEST;
        } else if (fromName.isPresent()) {
            version = Version.parse(fromName.get());
            origin = VersionOrigin.SOURCE_NAME;
        } else {
            Optional<String> tag = commonTag(imageTags.read(root));
            version = Version.parse(tag.orElse(source.name()));
            origin = tag.isPresent() ? VersionOrigin.IMAGE_TAG : VersionOrigin.UNKNOWN;
        }
        List<Path> files = listFiles(root);
        List<Path> images = files.stream()
                .filter(p -> p.getNameCount() == 2 && p.getName(0).toString().equals("images"))
                .filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".tar") || n.endsWith(".tar.gz") || n.endsWith(".tgz");
                })
                .toList();
        return new Release(source, root, version, origin, manifest, files, images);
    }

    /** Reads {@code berth.yaml} at a release root, if there is one. */
    static Optional<Manifest> readManifest(Path root, String display) {
        Path file = root.resolve(ManifestParser.FILE_NAME);
        if (Files.isRegularFile(file)) {
            return Optional.of(ManifestParser.load(file, display));
        }
        for (String other : List.of("berth.yml", "Berth.yaml", ".berth.yaml")) {
            if (Files.isRegularFile(root.resolve(other))) {
                throw new ConfigException(
                        display.replace(ManifestParser.FILE_NAME, other),
                        0,
                        ConfigException.Reason.MANIFEST_NAME,
                        List.of(ManifestParser.FILE_NAME, other),
                        "the manifest must be named " + ManifestParser.FILE_NAME + "; rename " + other);
            }
        }
        return Optional.empty();
    }

    /**
     * The version in a source's name: the name itself when it starts with a digit or
     * {@code v<digit>} ({@code v3.8}, {@code 2021-06-15_4e0749c}), else what follows the first
     * separator that a version starts after ({@code 2.0} of {@code ledger-2.0}, {@code
     * stable-7439} of {@code docker-jitsi-meet-stable-7439}).
     */
    public static Optional<String> versionFromName(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.strip();
        if (startsVersion(n, 0)) {
            return Optional.of(n);
        }
        for (int i = 1; i < n.length(); i++) {
            char sep = n.charAt(i - 1);
            if ((sep == '-' || sep == '_' || sep == '.' || sep == ' ') && startsVersion(n, i)) {
                String prefix = n.substring(0, i - 1);
                int wordStart =
                        Math.max(Math.max(prefix.lastIndexOf('-'), prefix.lastIndexOf('_')), prefix.lastIndexOf('.'))
                                + 1;
                String word = prefix.substring(wordStart).toLowerCase(Locale.ROOT);
                // A channel word belongs to the version: stable-7439.
                return Optional.of(word.equals("stable") ? n.substring(wordStart) : n.substring(i));
            }
        }
        return Optional.empty();
    }

    private static boolean startsVersion(String s, int i) {
        if (i < s.length() && Character.isDigit(s.charAt(i))) {
            return true;
        }
        return i + 1 < s.length() && (s.charAt(i) == 'v' || s.charAt(i) == 'V') && Character.isDigit(s.charAt(i + 1));
    }

    /**
     * The tag most of the app's images share, leaving out {@code latest} and tags without a number;
     * on a tie the first one listed.
     */
    public static Optional<String> commonTag(List<String> tags) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : tags) {
            if (t == null
                    || t.isBlank()
                    || t.equalsIgnoreCase("latest")
                    || !Version.parse(t).hasNumbers()) {
                continue;
            }
            counts.merge(t.strip(), 1, Integer::sum);
        }
        String best = null;
        int bestCount = 0;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return Optional.ofNullable(best);
    }

    /** An archive whose content is one folder is unwrapped to it. */
    private static Path unwrap(Path content) {
        try (Stream<Path> s = Files.list(content)) {
            List<Path> children = s.filter(p -> !p.getFileName().toString().equals("__MACOSX"))
                    .toList();
            if (children.size() == 1 && Files.isDirectory(children.getFirst(), LinkOption.NOFOLLOW_LINKS)) {
                return children.getFirst();
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Files and links below the root, relative and sorted; {@code .git} is left out. */
    static List<Path> listFiles(Path root) {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root))
                    .map(root::relativize)
                    .filter(p -> !p.getName(0).toString().equals(".git"))
                    .filter(p -> !Files.isDirectory(root.resolve(p), LinkOption.NOFOLLOW_LINKS))
                    .forEach(out::add);
        } catch (IOException e) {
            throw Refusals.because(
                    new ConfigException(
                            root.toString(),
                            0,
                            ConfigException.Reason.RELEASE_FOLDER_UNREADABLE,
                            List.of(e.toString()),
                            "the release folder could not be read (" + e + ")"),
                    e);
        }
        Collections.sort(out);
        return out;
    }

    private Path newScratch() {
        try {
            Files.createDirectories(scratchParent);
            Path dir = Files.createTempDirectory(scratchParent, "berth-release-");
            scratch.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a scratch folder under " + scratchParent, e);
        }
    }

    /** Deletes every scratch folder this loader made. */
    @Override
    public void close() {
        List<Path> all = new ArrayList<>(scratch);
        scratch.clear();
        for (Path dir : all) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the scratch folder " + dir + "; delete it by hand", e);
        }
    }
}
