package dev.berth.release;

import dev.berth.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a release comes from, as the user gives it (SRC): a release folder, an archive of one, or
 * a tag of a git repository ({@code REPO#TAG}). {@link ReleaseLoader} turns it into a
 * {@link Release}.
 */
public sealed interface ReleaseSource {

    /** The source as the user knows it, for messages. */
    String display();

    /** The name a version can be read from: the folder's name, the archive's without extension, the tag. */
    String name();

    /** A folder holding the release's files; used in place, never modified. */
    record Folder(Path path) implements ReleaseSource {
        @Override
        public String display() {
            return path.toString();
        }

        @Override
        public String name() {
            Path n = path.toAbsolutePath().normalize().getFileName();
            return n == null ? "" : n.toString();
        }
    }

    /** A {@code .tar.gz}, {@code .tgz}, {@code .tar}, {@code .tar.zst} or {@code .zip} archive of a release folder. */
    record Archive(Path file) implements ReleaseSource {
        @Override
        public String display() {
            return file.toString();
        }

        @Override
        public String name() {
            return ArchiveExtractor.Format.stripExtension(file.getFileName().toString());
        }
    }

    /**
     * A tag of a git repository.
     *
     * @param repository a local path or a URL ({@code file://}, {@code https://}, {@code ssh://})
     */
    record GitTag(String repository, String tag) implements ReleaseSource {
        @Override
        public String display() {
            return repository + "#" + tag;
        }

        @Override
        public String name() {
            return tag;
        }
    }

    /**
     * Reads a SRC argument: {@code REPO#TAG} is a git tag, an existing file with an archive
     * extension an archive, an existing folder a release folder.
     *
     * @throws ConfigException when the source does not exist or is of no kind Berth reads
     */
    static ReleaseSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new ConfigException(
                    "release source",
                    0,
                    ConfigException.Reason.RELEASE_NONE,
                    List.of(),
                    "no release given: name a folder, an archive or REPO#TAG");
        }
        String s = spec.strip();
        int hash = s.lastIndexOf('#');
        if (hash > 0 && hash < s.length() - 1 && !Files.exists(Path.of(s))) {
            String repo = s.substring(0, hash);
            String tag = s.substring(hash + 1);
            GitCli.checkRepository(repo, s);
            GitCli.checkTag(tag, s);
            return new GitTag(repo, tag);
        }
        if (hash == s.length() - 1) {
            throw new ConfigException(
                    s,
                    0,
                    ConfigException.Reason.RELEASE_NO_TAG,
                    List.of(),
                    "no tag after #: write REPO#TAG, e.g. ./ledger#v2.0.0");
        }
        Path p = Path.of(s);
        if (Files.isDirectory(p)) {
            return new Folder(p);
        }
        if (Files.isRegularFile(p)) {
            if (ArchiveExtractor.Format.ofFileName(p.getFileName().toString()).isEmpty()) {
                throw new ConfigException(
                        s,
                        0,
                        ConfigException.Reason.RELEASE_NOT_AN_ARCHIVE,
                        List.of(),
                        "not a release archive: Berth reads folders, .tar.gz, .tgz, .tar, .tar.zst, .zip and"
                                + " REPO#TAG");
            }
            return new Archive(p);
        }
        if (s.contains("://") || s.endsWith(".git") || s.startsWith("git@")) {
            throw new ConfigException(
                    s,
                    0,
                    ConfigException.Reason.RELEASE_NEEDS_TAG,
                    List.of(s),
                    "a git repository needs a tag: write " + s + "#TAG, e.g. " + s + "#v2.0.0");
        }
        throw new ConfigException(
                s,
                0,
                ConfigException.Reason.RELEASE_NOT_FOUND,
                List.of(),
                "no such folder or file; give a release folder, an archive or REPO#TAG");
    }
}
