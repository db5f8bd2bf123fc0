package dev.berth.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.config.env.EnvParser;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One install of the demo app made and driven by Berth's own command line ({@link BerthCli}): a
 * temp folder with the install ({@code berth-soak-<hex>}, which is also the compose project
 * name), the answers file, and {@code XDG_DATA_HOME} (so the backups of this install stay in the
 * temp folder too). {@link #snapshot()} records what must never be lost: the database rows, the
 * files in DATA_DIR and the user's {@code .env} values.
 *
 * <p>{@link #close()} removes the project's containers, networks, volumes and rollback tags, and
 * the temp folder. Not thread-safe.
 */
final class BerthDemo implements AutoCloseable {
    /** The {@code .env} values a user set or was given; they must survive every run. */
    static final List<String> KEPT_VALUES =
            List.of("DB_PASSWORD", "WEB_PORT", "APP_TITLE", "DEMO_TITLE", "POSTGRES_USER", "POSTGRES_DB", "DATA_DIR");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final Path root;
    final Path dir;
    final String project;
    final int port;
    final String dbPassword;
    final String title;
    final Docker docker;
    final BerthCli cli;
    private final Path answers;
    private int written;

    private BerthDemo(Path root, String project, Docker docker, Map<String, String> extraAnswers) throws IOException {
        this.root = root;
        this.project = project;
        this.dir = root.resolve(project);
        this.port = freePort();
        this.dbPassword = "pw-" + DockerTestBed.randomHex(12);
        this.title = "Reliability " + DockerTestBed.randomHex(3);
        this.docker = docker;
        Map<String, String> env = new LinkedHashMap<>(docker.env());
        env.put("XDG_DATA_HOME", root.resolve("xdg").toString());
        // Everything else Berth writes for the user (settings, logs, state) stays here too, so the
        // secret grep of FaultsIT reads it.
        env.put("XDG_CONFIG_HOME", root.resolve("xdg-config").toString());
        env.put("XDG_STATE_HOME", root.resolve("xdg-state").toString());
        env.put("XDG_CACHE_HOME", root.resolve("xdg-cache").toString());
        this.cli = new BerthCli(env);
        this.answers = root.resolve("answers.env");
        Map<String, String> a = new LinkedHashMap<>();
        a.put("DB_PASSWORD", dbPassword);
        a.put("WEB_PORT", Integer.toString(port));
        a.put("APP_TITLE", title);
        a.putAll(extraAnswers);
        StringBuilder sb = new StringBuilder();
        a.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(answers, sb.toString());
    }

    /** A demo install that does not exist yet, in a new temp folder. */
    static BerthDemo create(Docker docker, Map<String, String> extraAnswers) {
        try {
            String project = "berth-soak-" + DockerTestBed.randomHex(4);
            Path root = Files.createTempDirectory(
                    project + "-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            return new BerthDemo(root, project, docker, extraAnswers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates and installs a release, and checks that it serves. */
    static BerthDemo installed(Docker docker, Path release, Map<String, String> extraAnswers) {
        BerthDemo d = create(docker, extraAnswers);
        try {
            BerthCli.Result r = d.install(release);
            if (r.exit() != 0) {
                throw new AssertionError("the install failed:\n" + r.describe());
            }
            d.awaitServing(Duration.ofSeconds(60));
            return d;
        } catch (RuntimeException | AssertionError e) {
            d.close();
            throw e;
        }
    }

    /** The folder where Berth writes this install's backups. */
    Path backupDir() {
        return root.resolve("xdg/berth/backups").resolve(project);
    }

    Path answersFile() {
        return answers;
    }

    BerthCli.Result install(Path release) {
        return cli.run(
                "install",
                "--release",
                release.toString(),
                "--target",
                dir.toString(),
                "--answers",
                answers.toString(),
                "--yes",
                "--json-events");
    }

    /** {@code berth upgrade ... --yes --json-events}, with extra environment (a crash switch, say). */
    BerthCli.Result upgrade(Path release, Map<String, String> env) {
        return cli.run(
                env, "upgrade", "--install", dir.toString(), "--release", release.toString(), "--yes", "--json-events");
    }

    BerthCli.Result upgrade(Path release) {
        return upgrade(release, Map.of());
    }

    /** {@code berth plan --json}. */
    BerthCli.Result plan(Path release) {
        return cli.run("plan", "--install", dir.toString(), "--release", release.toString(), "--json");
    }

    /** Starts {@code berth upgrade} without waiting; its output goes to files in the temp folder. */
    Process startUpgrade(Path release, String name) {
        return startUpgrade(release, name, Map.of());
    }

    /** As {@link #startUpgrade(Path, String)}, with extra environment variables (crash or hold points). */
    Process startUpgrade(Path release, String name, Map<String, String> extraEnv) {
        return cli.start(
                extraEnv,
                root.resolve(name + ".out"),
                root.resolve(name + ".err"),
                "upgrade",
                "--install",
                dir.toString(),
                "--release",
                release.toString(),
                "--yes",
                "--json-events");
    }

    BerthCli.Result resume(Map<String, String> env) {
        return cli.run(env, "resume", "--install", dir.toString(), "--json-events");
    }

    BerthCli.Result rollback(Map<String, String> env) {
        return cli.run(env, "rollback", "--install", dir.toString(), "--json-events");
    }

    /** Stores records through the app (each is a row and a file in DATA_DIR). */
    void writeRecords(int n) {
        for (int i = 0; i < n; i++) {
            String body = "record " + (++written) + " of " + project;
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/records"))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            if (r == null || r.statusCode() != 201) {
                throw new AssertionError(
                        "POST /records answered " + (r == null ? "nothing" : r.statusCode() + " " + r.body()));
            }
        }
    }

    /** The version {@code GET /version} reports, or empty when nothing answers. */
    Optional<String> servedVersion() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/version")).GET());
        if (r == null || r.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(r.body()).path("version").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Waits until the app answers {@code GET /health} with 200. */
    void awaitServing(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/health")).GET());
            if (r != null && r.statusCode() == 200) {
                return;
            }
            sleep(300);
        }
        throw new AssertionError(
                "the demo " + project + " does not serve on port " + port + " after " + timeout + "\n" + containers());
    }

    /** The rows, DATA_DIR files and kept {@code .env} values now, and the version that serves. */
    Snapshot snapshot() {
        return new Snapshot(servedVersion().orElse(""), records(), dataFiles(), envValues());
    }

    /** The record bodies in the database, in id order (psql in the db container). */
    List<String> records() {
        Map<String, String> env = envValues();
        String db = docker
                .lines(
                        "ps",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project=" + project,
                        "--filter",
                        "label=com.docker.compose.service=db",
                        "--filter",
                        "label=com.docker.compose.oneoff=False")
                .stream()
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("the db service of " + project + " does not run\n" + containers()));
        return docker.run(
                        "exec",
                        db,
                        "psql",
                        "-X",
                        "-q",
                        "-A",
                        "-t",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "-U",
                        env.getOrDefault("POSTGRES_USER", "demo"),
                        "-d",
                        env.getOrDefault("POSTGRES_DB", "demo"),
                        "-c",
                        "SELECT body FROM records ORDER BY id")
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** DATA_DIR's files (path → md5), read by a helper container (they belong to uid 999). */
    Map<String, String> dataFiles() {
        Path data = dir.resolve(envValues().getOrDefault("DATA_DIR", "./data")).normalize();
        Map<String, String> m = new TreeMap<>();
        if (!Files.isDirectory(data)) {
            return m;
        }
        for (String line : docker.lines(
                "run",
                "--rm",
                "--network",
                "none",
                "-v",
                data + ":/d:ro",
                DockerTestBed.BUSYBOX,
                "sh",
                "-c",
                "cd /d && find . -type f | sort | xargs -r md5sum")) {
            String[] f = line.split("\\s+", 2);
            m.put(f[1].replaceFirst("^\\./", ""), f[0]);
        }
        return m;
    }

    /** The kept values of the install's {@code .env}. */
    Map<String, String> envValues() {
        try {
            Map<String, String> all = EnvParser.parse(dir.resolve(".env")).values();
            Map<String, String> m = new TreeMap<>();
            for (String k : KEPT_VALUES) {
                if (all.containsKey(k)) {
                    m.put(k, all.get(k));
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The active journal (an unfinished run), if there is one. */
    Optional<JsonNode> journal() {
        Path j = dir.resolve(".berth/journal.json");
        if (!Files.isRegularFile(j)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(j.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's containers, for failure messages. */
    String containers() {
        return "--- containers of " + project + " ---\n"
                + docker.result(
                                "ps",
                                "-a",
                                "--filter",
                                "label=com.docker.compose.project=" + project,
                                "--format",
                                "{{.Names}} {{.Image}} {{.Status}}")
                        .output();
    }

    /** The backups Berth wrote for this install. */
    List<Path> backups() {
        Path d = backupDir();
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (var s = Files.list(d)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        docker.removeProject(project);
        ContainerFiles.deleteTree(root);
    }

    @Override
    public String toString() {
        return "BerthDemo[" + project + ", port " + port + ", " + dir + "]";
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What must survive every run.
     *
     * @param version what {@code GET /version} reports ("" when nothing answers)
     * @param records the record bodies, in id order
     * @param dataFiles DATA_DIR's files, path → md5
     * @param env the kept {@code .env} values
     */
    record Snapshot(String version, List<String> records, Map<String, String> dataFiles, Map<String, String> env) {
        Snapshot {
            records = List.copyOf(records);
            dataFiles = Map.copyOf(dataFiles);
            env = Map.copyOf(env);
        }

        /** The same data and values, whatever the version. */
        List<String> differencesInData(Snapshot other) {
            List<String> d = new ArrayList<>();
            if (!records.equals(other.records)) {
                d.add("records " + records + " became " + other.records);
            }
            if (!dataFiles.equals(other.dataFiles)) {
                d.add("DATA_DIR " + dataFiles + " became " + other.dataFiles);
            }
            Map<String, String> mine = new TreeMap<>(env);
            Map<String, String> theirs = new TreeMap<>(other.env);
            // 2.0.0 renames APP_TITLE to DEMO_TITLE: the value must follow.
            if (mine.containsKey("APP_TITLE") && theirs.containsKey("DEMO_TITLE") && !theirs.containsKey("APP_TITLE")) {
                mine.put("DEMO_TITLE", mine.remove("APP_TITLE"));
            }
            if (!mine.equals(theirs)) {
                d.add(".env " + mine + " became " + theirs);
            }
            return d;
        }
    }
}
