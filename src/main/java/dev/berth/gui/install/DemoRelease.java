package dev.berth.gui.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the demo app's releases ({@code demo/releases/<version>}) next to the app: from the
 * current folder or the folder of Berth's jar upwards (a source checkout runs from {@code target/},
 * a packaged app keeps {@code demo/} beside its {@code lib/}). The system property {@code
 * berth.demo} names the releases folder directly.
 */
public final class DemoRelease {
    /** The release "Try the demo app" installs. */
    public static final String FIRST = "1.0.0";

    private static final int LEVELS_UP = 4;

    private DemoRelease() {}

    /** The folder of a demo release, if the demo is there. */
    public static Optional<Path> find(String version) {
        return releasesFolder().map(f -> f.resolve(version)).filter(Files::isDirectory);
    }

    /** The newest demo release folder, by version. */
    public static Optional<Path> newest() {
        return releasesFolder().flatMap(f -> {
            try (var s = Files.list(f)) {
                return s.filter(Files::isDirectory)
                        .max((a, b) -> dev.berth.release.Version.parse(
                                        a.getFileName().toString())
                                .compareTo(dev.berth.release.Version.parse(
                                        b.getFileName().toString())));
            } catch (java.io.IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The {@code demo/releases} folder, if found. */
    public static Optional<Path> releasesFolder() {
        String prop = System.getProperty("berth.demo", "");
        if (!prop.isBlank()) {
            return Optional.of(Path.of(prop)).filter(Files::isDirectory);
        }
        return releasesFolder(startingPoints());
    }

    static Optional<Path> releasesFolder(List<Path> from) {
        for (Path start : from) {
            Path p = start.toAbsolutePath().normalize();
            for (int i = 0; i <= LEVELS_UP && p != null; i++, p = p.getParent()) {
                Path candidate = p.resolve("demo").resolve("releases");
                if (Files.isDirectory(candidate.resolve(FIRST))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> startingPoints() {
        List<Path> out = new ArrayList<>();
        out.add(Path.of(""));
        try {
            var src = DemoRelease.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                out.add(Path.of(src.getLocation().toURI()));
            }
        } catch (URISyntaxException | SecurityException e) {
            // The current folder is still tried.
        }
        return out;
    }
}
