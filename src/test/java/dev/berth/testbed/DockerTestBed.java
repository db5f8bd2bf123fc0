package dev.berth.testbed;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The real-engine test bed that {@code .ci/setup.sh} provisions: a Docker engine, a compose CLI, the
 * registry on {@value #REGISTRY}, the offline base images and the demo app's images.
 *
 * <p>Integration tests call {@link #require()} first. When anything is missing it FAILS (never
 * skips) with a message that lists each check and says how to get the test bed. It also rebuilds
 * the demo images whose sources changed ({@code demo/build-images.sh}, cached by input hash).
 */
public final class DockerTestBed {
    /** The local registry the test bed pushes its images to. */
    public static final String REGISTRY = "127.0.0.1:5000";
    /** The offline stand-in for (or the real) official busybox image. */
    public static final String BUSYBOX = "busybox:1.36";
    /** The offline stand-in for (or the real) official PostgreSQL image. */
    public static final String POSTGRES = "postgres:15";

    /** The offline MariaDB image (Debian's mariadb-server with the official image's contract). */
    public static final String MARIADB = "mariadb:10.11";
    /** The releases of the demo app, oldest first. */
    public static final List<String> DEMO_VERSIONS = List.of("1.0.0", "1.1.0", "2.0.0");

    private static final String HOW_TO_GET_IT = "Get the test bed with `sudo bash .ci/run` (provisions everything, then"
            + " runs all tests) or `sudo bash .ci/setup.sh` (provisions only; idempotent, seconds when done before),"
            + " then run `./mvnw verify` again.";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static volatile Info info;

    private DockerTestBed() {}

    /**
     * What the checks found.
     *
     * @param engineVersion the engine's version, e.g. {@code 20.10.24+dfsg1}
     * @param apiVersion the engine's API version, e.g. {@code 1.41}
     * @param compose the compose command line to use: {@code [docker, compose]} (v2) or
     *     {@code [docker-compose]} (v1)
     * @param composeVersion its version, e.g. {@code 1.29.2}
     */
    public record Info(String engineVersion, String apiVersion, List<String> compose, String composeVersion) {
        public Info {
            compose = List.copyOf(compose);
        }

        /** True for compose v1 ({@code docker-compose} 1.x). */
        public boolean composeV1() {
            return composeVersion.startsWith("1.");
        }
    }

    /**
     * Checks the engine, the compose CLI, the registry and the images once per JVM.
     *
     * @throws AssertionError listing every failed check and how to get the test bed
     */
    public static Info require() {
        Info i = info;
        if (i != null) {
            return i;
        }
        synchronized (DockerTestBed.class) {
            if (info == null) {
                info = check();
            }
            return info;
        }
    }

    /** Random hex digits for names unique to one test: {@code berth-it-...-<hex>}. */
    public static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The compose command line (see {@link Info#compose()}). */
    public static List<String> compose() {
        return require().compose();
    }

    /** The repository root: system property {@code berth.repo} (set by Failsafe) or the folder holding demo/. */
    public static Path repoRoot() {
        String prop = System.getProperty("berth.repo");
        if (prop != null && Files.isDirectory(Path.of(prop, "demo", "releases"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("demo/releases"))) {
                return p;
            }
        }
        throw new AssertionError(
                "demo/releases was not found from " + Path.of("").toAbsolutePath()
                        + "; run the tests from the repository (./mvnw verify) or set -Dberth.repo=<repository root>");
    }

    /** The folder of one demo release, e.g. {@code demo/releases/1.0.0}. */
    public static Path demoRelease(String version) {
        Path p = repoRoot().resolve("demo/releases").resolve(version);
        if (!Files.isRegularFile(p.resolve("docker-compose.yml"))) {
            throw new AssertionError("demo release " + version + " not found at " + p + "; releases: " + DEMO_VERSIONS);
        }
        return p;
    }

    private static Info check() {
        List<String> problems = new ArrayList<>();
        Duration t = Duration.ofSeconds(30);

        String engine = "";
        String api = "";
        ProcessResult version =
                tryRun(t, "docker", "version", "--format", "{{.Server.Version}} {{.Server.APIVersion}}");
        if (version == null || !version.succeeded()) {
            String host = Optional.ofNullable(System.getenv("DOCKER_HOST")).orElse("unix:///var/run/docker.sock");
            problems.add("Docker engine: not reachable through the docker CLI at " + host + " ("
                    + (version == null ? "the docker CLI is not installed" : firstLine(version.output())) + ")");
        } else {
            String[] parts = version.stdout().strip().split(" ");
            engine = parts[0];
            api = parts.length > 1 ? parts[1] : "";
        }

        List<String> compose = List.of();
        String composeVersion = "";
        String forced = System.getenv("BERTH_COMPOSE");
        List<List<String>> candidates = forced != null && !forced.isBlank()
                ? List.of(List.of(forced.strip().split("\\s+")))
                : List.of(List.of("docker", "compose"), List.of("docker-compose"));
        List<String> tried = new ArrayList<>();
        for (List<String> c : candidates) {
            List<String> cmd = new ArrayList<>(c);
            cmd.addAll(List.of("version", "--short"));
            ProcessResult r = tryRun(t, cmd.toArray(String[]::new));
            tried.add(String.join(" ", c) + ": "
                    + (r == null ? "not installed" : r.succeeded() ? "ok" : firstLine(r.output())));
            if (r != null && r.succeeded() && !r.stdout().isBlank()) {
                compose = c;
                composeVersion = r.stdout().strip().replaceFirst("^v", "");
                break;
            }
        }
        if (compose.isEmpty()) {
            problems.add("compose CLI: none works (" + String.join("; ", tried) + ")");
        }

        try {
            HttpResponse<Void> r = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(3))
                    .build()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + REGISTRY + "/v2/"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                problems.add("registry: http://" + REGISTRY + "/v2/ answered " + r.statusCode() + ", expected 200");
            }
        } catch (IOException e) {
            problems.add("registry: nothing answers at http://" + REGISTRY + "/v2/ (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking the registry", e);
        }

        if (!engine.isEmpty()) {
            List<String> images = new ArrayList<>(List.of(BUSYBOX, POSTGRES, MARIADB));
            for (String v : DEMO_VERSIONS) {
                images.add("berth-demo/web:" + v);
                images.add("berth-demo/db:" + v);
            }
            List<String> missing = images.stream()
                    .filter(img -> !run(t, "docker", "image", "inspect", "--format", "{{.Id}}", img)
                            .succeeded())
                    .toList();
            if (!missing.isEmpty()) {
                problems.add("images: missing " + String.join(", ", missing)
                        + " (testbed/build-images.sh builds them offline)");
            }
        }

        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "The Docker test bed is not ready:\n  - " + String.join("\n  - ", problems) + "\n" + HOW_TO_GET_IT);
        }
        // The demo's sources may have changed since the test bed was built: rebuild what changed
        // (a second or two when nothing did) so the tests always run the demo of this checkout.
        Path script = repoRoot().resolve("demo/build-images.sh");
        ProcessResult build = Commands.run(Duration.ofMinutes(5), "bash", script.toString(), "--push", REGISTRY);
        if (!build.succeeded()) {
            throw new AssertionError(
                    "The demo images could not be brought up to date:\n" + build.describe() + "\n" + HOW_TO_GET_IT);
        }
        return new Info(engine, api, compose, composeVersion);
    }

    private static ProcessResult run(Duration t, String... cmd) {
        return Commands.run(t, cmd);
    }

    /** Like {@link Commands#run} but null when the program is not installed. */
    private static ProcessResult tryRun(Duration t, String... cmd) {
        try {
            return Commands.run(t, cmd);
        } catch (java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("no output");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
