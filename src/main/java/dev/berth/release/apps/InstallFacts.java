package dev.berth.release.apps;

import dev.berth.config.ConfigException;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.Interpolation;
import dev.berth.config.env.VariableLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * What is known about an install (or a release folder) when Berth tries to recognise the app: the
 * images its services run, the compose project name, the paths of its files and folders, and the
 * values of its env file. A scan of running containers fills it from their labels; {@link
 * #ofFolder} from the files of a folder.
 *
 * @param images image references as running or as written in compose files; references that still
 *     hold {@code ${VAR}} are ignored when matching
 * @param project the compose project name, if known
 * @param paths files and folders relative to the install folder, with {@code /}
 * @param env the install's env values (for versions such as {@code MATTERMOST_IMAGE_TAG})
 */
public record InstallFacts(List<String> images, Optional<String> project, List<String> paths, Map<String, String> env) {

    /** Folders not looked into: version control, dependencies. */
    private static final Set<String> SKIPPED = Set.of(".git", "node_modules", ".venv", "__pycache__");

    /** A folder's files are listed down to this depth (data folders can be huge). */
    static final int MAX_DEPTH = 6;

    static final int MAX_PATHS = 20_000;

    public InstallFacts {
        images = List.copyOf(images);
        paths = List.copyOf(paths);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /**
     * The facts of a folder: every YAML file with a {@code services:} mapping gives the {@code
     * image:} of each service, with {@code ${VAR}} resolved from the folder's env files (env
     * templates first, {@code .env} files last, shallower files over deeper ones); the paths are
     * every file and folder down to {@value #MAX_DEPTH} levels. YAML that does not read as a
     * compose file (templates with placeholders) gives no images; an image whose variables cannot
     * be resolved is kept as written.
     *
     * @param project the compose project name, if known
     * @throws UncheckedIOException when the folder cannot be read
     */
    public static InstallFacts ofFolder(Path folder, Optional<String> project) {
        List<String> paths = list(folder);
        Map<String, String> env = envValues(folder, paths);
        VariableLookup lookup = VariableLookup.of(env);
        List<String> images = new ArrayList<>();
        for (String p : paths) {
            String lower = p.toLowerCase(Locale.ROOT);
            if (!(lower.endsWith(".yml") || lower.endsWith(".yaml")) || !Files.isRegularFile(folder.resolve(p))) {
                continue;
            }
            for (String image : composeImages(folder.resolve(p))) {
                images.add(resolve(image, lookup, p));
            }
        }
        return new InstallFacts(images, project, paths, env);
    }

    private static String resolve(String image, VariableLookup lookup, String file) {
        if (!Interpolation.hasReferences(image)) {
            return image;
        }
        try {
            return Interpolation.substitute(image, lookup, new Interpolation.Origin(file, 0, "an image"));
        } catch (ConfigException e) {
            // A required variable the folder does not set: the image cannot be named, so it is
            // kept as written and matching ignores it.
            return image;
        }
    }

    private static List<String> list(Path folder) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(folder, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(folder)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    out.add(relative(folder, dir));
                    return out.size() >= MAX_PATHS ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    out.add(relative(folder, file));
                    return out.size() >= MAX_PATHS ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A data folder owned by a container's user cannot be read; its name is enough.
                    out.add(relative(folder, file));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the folder " + folder + " could not be read", e);
        }
        out.sort(null);
        return out;
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static Map<String, String> envValues(Path folder, List<String> paths) {
        List<String> envFiles = new ArrayList<>();
        for (String p : paths) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            if (dev.berth.config.env.TemplateFinder.isEnvFileName(name) && Files.isRegularFile(folder.resolve(p))) {
                envFiles.add(p);
            }
        }
        // Deeper files first, .env files after templates, so that the install's own .env wins.
        envFiles.sort(Comparator.comparingInt((String p) -> -p.split("/").length)
                .thenComparing(p -> p.endsWith("/.env") || p.equals(".env")));
        Map<String, String> values = new LinkedHashMap<>();
        for (String p : envFiles) {
            try {
                EnvFile f = EnvParser.parse(folder.resolve(p));
                values.putAll(f.values());
            } catch (IOException | ConfigException e) {
                // Only gives defaults for image names; a file that does not parse gives none.
                continue;
            }
        }
        return values;
    }

    /** The {@code image:} of every service of a compose file; nothing when it is not one. */
    static List<String> composeImages(Path file) {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder()
                            .setLabel(file.toString())
                            .setAllowDuplicateKeys(true)
                            .setMaxAliasesForCollections(100)
                            .build())
                    .loadFromString(Files.readString(file));
        } catch (IOException | YamlEngineException | IllegalArgumentException e) {
            // Templates with placeholders are not YAML yet; they hold no images to match.
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (doc instanceof Map<?, ?> top && top.get("services") instanceof Map<?, ?> services) {
            for (Object service : services.values()) {
                if (service instanceof Map<?, ?> s && s.get("image") instanceof String image) {
                    out.add(image.strip());
                }
            }
        }
        return out;
    }
}
