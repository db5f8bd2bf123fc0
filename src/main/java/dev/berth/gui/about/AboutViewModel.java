package dev.berth.gui.about;

import dev.berth.config.AppDirs;
import java.nio.file.Path;
import java.util.List;

/**
 * What About shows: Berth's version (from the jar manifest, like {@code berth --version}), the
 * runtime, the user's folders and the libraries Berth is built on.
 */
public final class AboutViewModel {

    /** A library Berth ships, with its licence. */
    public record Library(String name, String license, String url) {}

    /** The libraries in the app's runtime class path (see the POM), alphabetically. */
    public static final List<Library> LIBRARIES = List.of(
            new Library("Apache Commons Compress", "Apache-2.0", "https://commons.apache.org/proper/commons-compress/"),
            new Library("AtlantaFX", "MIT", "https://github.com/mkpaz/atlantafx"),
            new Library("ControlsFX", "BSD-3-Clause", "https://controlsfx.github.io/"),
            new Library("docker-java", "Apache-2.0", "https://github.com/docker-java/docker-java"),
            new Library("Jackson", "Apache-2.0", "https://github.com/FasterXML/jackson"),
            new Library("java-diff-utils", "Apache-2.0", "https://github.com/java-diff-utils/java-diff-utils"),
            new Library("OpenJFX", "GPL-2.0 WITH Classpath-exception-2.0", "https://openjfx.io/"),
            new Library("picocli", "Apache-2.0", "https://picocli.info/"),
            new Library("SLF4J", "MIT", "https://www.slf4j.org/"),
            new Library("SnakeYAML Engine", "Apache-2.0", "https://bitbucket.org/snakeyaml/snakeyaml-engine"),
            new Library("zstd-jni", "BSD-2-Clause", "https://github.com/luben/zstd-jni"));

    private final AppDirs dirs;
    private final String version;

    public AboutViewModel(AppDirs dirs) {
        this(dirs, manifestVersion());
    }

    AboutViewModel(AppDirs dirs, String version) {
        this.dirs = dirs;
        this.version = version;
    }

    /**
     * {@code Implementation-Version} of the jar Berth runs from; "dev" when run from classes
     * (the gui may not use the CLI's {@code BerthVersion}, so it reads the same entry itself).
     */
    public static String manifestVersion() {
        String v = AboutViewModel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String version() {
        return version;
    }

    public String javaVersion() {
        return System.getProperty("java.runtime.version", System.getProperty("java.version", "?"));
    }

    public String javaFxVersion() {
        return System.getProperty("javafx.runtime.version", "?");
    }

    public List<Library> libraries() {
        return LIBRARIES;
    }

    public Path configDir() {
        return dirs.configDir();
    }

    public Path dataDir() {
        return dirs.dataDir();
    }

    public Path logsDir() {
        return dirs.logsDir();
    }
}
