package dev.berth.reliability;

import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A folder of demo releases for one test (Berth finds the versions between an install and a
 * target in the target's parent folder): copies of {@code demo/releases/*}, which a test may break
 * ({@link #edit}) to make a release whose migration fails, hangs or never turns healthy.
 *
 * <p>Every copy's {@code .env.example} gains {@code BERTH_DEMO_REGISTRY}, so an install may take
 * its images from a registry prefix ({@code 127.0.0.1:5000/berth-soak-<hex>/}) and an upgrade then
 * really pulls.
 */
final class Catalog {
    private final Path root;

    private Catalog(Path root) {
        this.root = root;
    }

    /** A catalog in {@code root/releases} with copies of the given demo releases. */
    static Catalog of(Path root, String... versions) {
        Path dir = root.resolve("releases");
        try {
            Files.createDirectories(dir);
            Catalog c = new Catalog(dir);
            for (String v : versions) {
                c.copy(v, v);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    /** The folder of one release of this catalog. */
    Path release(String version) {
        Path p = root.resolve(version);
        if (!Files.isDirectory(p)) {
            throw new AssertionError("no release " + version + " in " + root);
        }
        return p;
    }

    /** Adds a copy of demo release {@code demoVersion} under the name {@code as}. */
    Catalog copy(String demoVersion, String as) throws IOException {
        Path to = root.resolve(as);
        copyTree(DockerTestBed.demoRelease(demoVersion), to);
        Path env = to.resolve(".env.example");
        Files.writeString(
                env,
                Files.readString(env)
                        + "\n# Registry (with a trailing slash) the images come from; empty = the local images.\n"
                        + "BERTH_DEMO_REGISTRY=\n");
        return this;
    }

    /** Rewrites one file of a release of this catalog. */
    Catalog edit(String version, String file, UnaryOperator<String> change) {
        Path p = release(version).resolve(file);
        try {
            String before = Files.readString(p);
            String after = change.apply(before);
            if (after.equals(before)) {
                throw new AssertionError("the edit of " + p + " changed nothing");
            }
            Files.writeString(p, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes a new file into a release of this catalog. */
    Catalog write(String version, String file, String content) {
        Path p = release(version).resolve(file);
        try {
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
