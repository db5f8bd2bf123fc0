package dev.berth.engine;

import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.release.KnownImages;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks at an install folder: its compose project, its env files, the version it runs. */
public final class InstallInspector {
    private final ComposeLoader loader;

    public InstallInspector(ComposeLoader loader) {
        this.loader = loader;
    }

    /**
     * Inspects an install.
     *
     * @throws ConfigException when the folder holds no compose file or its files cannot be resolved
     */
    public Install inspect(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new ConfigException(
                    abs.toString(),
                    0,
                    ConfigException.Reason.NOT_A_FOLDER,
                    List.of(),
                    "is not a folder; give the folder that holds the app's "
                            + "compose file (docker-compose.yml or compose.yaml).");
        }
        InstallRecord record = InstallRecord.read(abs).orElseGet(() -> guessRecord(abs));
        ComposeProject compose = loader.load(new ProjectOptions(
                Optional.of(abs),
                record.composeFiles().stream().map(abs::resolve).toList(),
                record.envFiles().stream()
                        .map(abs::resolve)
                        .filter(Files::exists)
                        .toList(),
                record.profiles(),
                dev.berth.config.compose.VariableSource.ENV_FILES,
                java.util.Map.of()));
        Path pristine = Install.pristineDir(abs);
        Optional<Manifest> manifest = manifestOf(pristine).or(() -> manifestOf(abs));
        String origin;
        Version version;
        Optional<String> fromHistory = InstallHistory.currentVersion(abs);
        if (fromHistory.isPresent()) {
            version = Version.parse(fromHistory.get());
            origin = "history";
        } else if (manifest.flatMap(Manifest::version).isPresent()) {
            version = manifest.flatMap(Manifest::version).get();
            origin = "manifest";
        } else {
            List<String> tags = new ArrayList<>();
            for (ComposeService s : compose.model().services().values()) {
                s.image().flatMap(KnownImages::tag).ifPresent(tags::add);
            }
            Optional<String> tag = ReleaseLoader.commonTag(tags);
            version = Version.parse(tag.orElse(""));
            origin = tag.isPresent() ? "image tag" : "unknown";
        }
        return new Install(abs, record, compose, version, origin, manifest, pristine);
    }

    private static Optional<Manifest> manifestOf(Path dir) {
        Path f = dir.resolve(ManifestParser.FILE_NAME);
        return Files.isRegularFile(f) ? Optional.of(ManifestParser.load(f, f.toString())) : Optional.empty();
    }

    /** What compose itself would use in this folder: its default files, {@code .env}, the folder's name. */
    static InstallRecord guessRecord(Path dir) {
        List<String> files = ComposeLoader.defaultFiles(dir).stream()
                .map(p -> dir.relativize(p.toAbsolutePath().normalize()).toString())
                .toList();
        if (files.isEmpty()) {
            throw new ConfigException(
                    dir.toString(),
                    0,
                    "holds no compose file (compose.yaml, compose.yml, "
                            + "docker-compose.yml or docker-compose.yaml); give the folder the app was started from.");
        }
        return new InstallRecord(InstallRecord.projectNameOf(dir), files, List.of(".env"), List.of(), "", "");
    }
}
