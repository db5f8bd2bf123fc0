package dev.berth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

/**
 * The shared corpus of real upstream release files ({@code ../shared/corpus}). Tests that use it
 * fail, never skip, when it is missing: the corpus is part of the test bed.
 */
public final class Corpus {
    private Corpus() {}

    /** The built-in profile of each corpus app (corpus folder → profile id). */
    public static final java.util.Map<String, String> PROFILE_OF_APP = java.util.Map.of(
            "mattermost-docker", "mattermost",
            "openim-docker", "openim-docker",
            "open-im-server", "open-im-server",
            "jitsi-docker", "jitsi",
            "netbox-docker", "netbox",
            "docker-mailserver", "docker-mailserver",
            "mailcow-dockerized", "mailcow",
            "outline", "outline",
            "plane", "plane",
            "documenso", "documenso");

    /** The corpus root: system property {@code berth.corpus}, env {@code BERTH_CORPUS}, or {@code ../shared/corpus}. */
    public static Path root() {
        for (String c : new String[] {
            System.getProperty("berth.corpus"), System.getenv("BERTH_CORPUS"), "../shared/corpus", "/work/shared/corpus"
        }) {
            if (c != null && Files.isDirectory(Path.of(c))) {
                return Path.of(c).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("The corpus of upstream release files was not found: set BERTH_CORPUS or"
                + " -Dberth.corpus to the folder that holds shared/corpus (one folder per app, one per release).");
    }

    /** Every regular file below the corpus root that matches. */
    public static List<Path> files(BiPredicate<Path, java.nio.file.attribute.BasicFileAttributes> match) {
        try (Stream<Path> s = Files.find(root(), 20, (p, a) -> a.isRegularFile() && match.test(p, a))) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The apps of the corpus, each a folder with one sub-folder per release. */
    public static List<Path> apps() {
        try (Stream<Path> s = Files.list(root())) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
