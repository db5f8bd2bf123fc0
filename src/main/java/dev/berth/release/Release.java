package dev.berth.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A release ready to read: its files under {@code root} (in place for a folder, extracted for an
 * archive or a git tag, until the {@link ReleaseLoader} that made it is closed).
 *
 * @param source where it came from
 * @param root the release folder (an archive's single top-level folder is unwrapped)
 * @param version the release's version
 * @param versionOrigin where the version was read from
 * @param manifest its {@code berth.yaml}, if it ships one
 * @param files every file and link, relative to {@code root}, sorted; {@code .git} is left out
 * @param imageArchives image tarballs for offline installs ({@code images/*.tar}, {@code .tar.gz}),
 *     relative to {@code root}, for {@code docker load}
 */
public record Release(
        ReleaseSource source,
        Path root,
        Version version,
        VersionOrigin versionOrigin,
        Optional<Manifest> manifest,
        List<Path> files,
        List<Path> imageArchives) {

    public Release {
        files = List.copyOf(files);
        imageArchives = List.copyOf(imageArchives);
    }

    /** The manifest, or {@link Manifest#EMPTY} when the release has none. */
    public Manifest manifestOrEmpty() {
        return manifest.orElse(Manifest.EMPTY);
    }
}
