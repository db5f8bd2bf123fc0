package dev.berth.testbed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One isolated compose project of the demo app {@code berth-demo} for an integration test: a copy
 * of a release folder in a temp dir, a unique project name ({@code berth-it-demo-<random>}), a free
 * port on 127.0.0.1, and {@code .env} made from {@code .env.example} with test values.
 *
 * <p>{@link #close()} removes exactly this project ({@code down -v --remove-orphans}: its
 * containers, networks and volumes) and the temp dir, including files that containers created as
 * uid 999. Not thread-safe: one test drives one project.
 */
public final class DemoProject implements AutoCloseable {
    private static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Path dir;
    private final String name;
    private final int webPort;
    private final String dbPassword;
    private final Map<String, String> composeEnv = new LinkedHashMap<>();
    private String version;
    private boolean closed;

    private DemoProject(Path dir, String name, String version, int webPort, String dbPassword) {
        this.dir = dir;
        this.name = name;
        this.version = version;
        this.webPort = webPort;
        this.dbPassword = dbPassword;
    }

    /**
     * Copies {@code demo/releases/<version>} to a new temp dir and writes its {@code .env}: the
     * template with {@code DB_PASSWORD} set to a random value and {@code WEB_PORT} to a free port.
     */
    public static DemoProject create(String version) {
        DockerTestBed.require();
        Path release = DockerTestBed.demoRelease(version);
        String suffix = DockerTestBed.randomHex(4);
        String name = "berth-it-demo-" + suffix;
        try {
            // World-readable so the non-root test user (NonRootUser) can read the project too.
            Path dir = Files.createTempDirectory(
                    name + "-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            copyTree(release, dir);
            DemoProject p = new DemoProject(dir, name, version, freePort(), DockerTestBed.randomHex(16));
            String env = Files.readString(dir.resolve(".env.example"));
            env = setKey(env, "DB_PASSWORD", p.dbPassword);
            env = setKey(env, "WEB_PORT", Integer.toString(p.webPort));
            Files.writeString(dir.resolve(".env"), env);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a copy of demo release " + version, e);
        }
    }

    public Path dir() {
        return dir;
    }

    /** The compose project name, unique to this test: {@code berth-it-demo-<8 hex digits>}. */
    public String name() {
        return name;
    }

    /** The release whose files are in {@link #dir()} (changes with {@link #replaceReleaseFiles}). */
    public String version() {
        return version;
    }

    public int webPort() {
        return webPort;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + webPort);
    }

    /** DATA_DIR as the host sees it (relative values are relative to the project folder). */
    public Path dataDir() {
        String v = env().getOrDefault("DATA_DIR", "./data");
        return dir.resolve(v).normalize();
    }

    /** The name compose gives the project's named volume {@code volume}, e.g. {@code db-data}. */
    public String volumeName(String volume) {
        return name + "_" + volume;
    }

    /**
     * Makes compose pull and run the images from a registry instead of the local tags: sets
     * {@code BERTH_DEMO_REGISTRY} (e.g. {@code 127.0.0.1:5000/}) for every later compose call.
     */
    public void useRegistry(String prefix) {
        composeEnv.put("BERTH_DEMO_REGISTRY", prefix);
    }

    // ---- .env and files ------------------------------------------------------------------------

    /** The active {@code KEY=value} lines of {@code .env} (comments skipped, quotes kept). */
    public Map<String, String> env() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : readFile(".env").split("\n", -1)) {
            String l = line.strip();
            int eq = l.indexOf('=');
            if (!l.startsWith("#") && eq > 0) {
                m.put(l.substring(0, eq).strip(), l.substring(eq + 1));
            }
        }
        return m;
    }

    /** Sets a key of {@code .env}, in place when present, appended otherwise. */
    public void setEnv(String key, String value) {
        writeFile(".env", setKey(readFile(".env"), key, value));
    }

    /** Removes the active line of a key from {@code .env}. */
    public void removeEnv(String key) {
        String text = readFile(".env");
        writeFile(".env", text.replaceAll("(?m)^" + key + "=.*\\R", ""));
    }

    /** Renames a key of {@code .env}, keeping its value. */
    public void renameEnv(String from, String to) {
        String text = readFile(".env");
        if (!text.matches("(?s).*(?m)^" + from + "=.*")) {
            throw new AssertionError(".env has no " + from + "=");
        }
        writeFile(".env", text.replaceAll("(?m)^" + from + "=", to + "="));
    }

    public String readFile(String relative) {
        try {
            return Files.readString(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void writeFile(String relative, String content) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void deleteFile(String relative) {
        try {
            Files.delete(dir.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Upgrades the files by hand: replaces everything the release ships except the user's files
     * ({@code .env} and {@code config/}) and DATA_DIR with the files of {@code newVersion}. The
     * caller edits {@code .env} and {@code config/} as the release notes say.
     */
    public void replaceReleaseFiles(String newVersion) {
        Path release = DockerTestBed.demoRelease(newVersion);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String f = p.getFileName().toString();
                if (!f.equals(".env") && !f.equals("config") && !p.normalize().equals(dataDir())) {
                    ContainerFiles.deleteTree(p);
                }
            }
            try (Stream<Path> r = Files.list(release)) {
                for (Path p : r.toList()) {
                    if (!p.getFileName().toString().equals("config")) {
                        copyTree(p, dir.resolve(p.getFileName().toString()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not replace the release files with " + newVersion, e);
        }
        version = newVersion;
    }

    // ---- compose -------------------------------------------------------------------------------

    /** Runs {@code <compose> --ansi never -p <name> <args>} in the project folder; fails on a non-zero exit. */
    public ProcessResult compose(String... args) {
        return composeResult(args).orFail();
    }

    /** Like {@link #compose} but returns a failed result instead of failing. */
    public ProcessResult composeResult(String... args) {
        List<String> cmd = new ArrayList<>(DockerTestBed.compose());
        cmd.addAll(List.of("--ansi", "never", "-p", name));
        cmd.addAll(List.of(args));
        return Commands.run(COMPOSE_TIMEOUT, Optional.of(dir), composeEnv, cmd);
    }

    /** {@code up -d}, then {@link #awaitHealthy}. */
    public void up() {
        compose("up", "-d");
        awaitHealthy(Duration.ofSeconds(90));
    }

    /**
     * Waits until every container of the project is running and healthy (or has no healthcheck),
     * or has exited 0 (one-shot services like {@code migrate}), and {@code GET /health} answers 200.
     *
     * @throws AssertionError on timeout, on an unhealthy container or a non-zero exit, with the logs
     */
    public void awaitHealthy(Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(end)) {
            List<String> ids = containerIds();
            List<String> waiting = new ArrayList<>();
            for (String id : ids) {
                String s = Commands.run(
                                Duration.ofSeconds(30),
                                "docker",
                                "inspect",
                                "--format",
                                "{{index .Config.Labels \"com.docker.compose.service\"}} {{.State.Status}} {{.State.ExitCode}}"
                                        + " {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}",
                                id)
                        .orFail()
                        .stdout()
                        .strip();
                String[] f = s.split(" ");
                String service = f[0];
                String state = f[1];
                String health = f[3];
                if (health.equals("unhealthy") || state.equals("exited") && !f[2].equals("0")) {
                    throw new AssertionError("service " + service + " of " + name + " failed (" + s + ")\n" + logs());
                }
                if (!(state.equals("exited") || state.equals("running") && !health.equals("starting"))) {
                    waiting.add(s);
                }
            }
            if (!ids.isEmpty() && waiting.isEmpty()) {
                HttpResult h = tryGet("/health");
                if (h != null && h.status() == 200) {
                    return;
                }
                last = "GET /health: " + (h == null ? "no answer" : h.status() + " " + h.body());
            } else {
                last = ids.isEmpty() ? "no containers" : "waiting for " + waiting;
            }
            sleep(Duration.ofMillis(250));
        }
        throw new AssertionError("demo " + name + " (" + version + ") not healthy after " + timeout.toSeconds() + " s: "
                + last + "\n" + logs());
    }

    /** Ids of all the project's containers, stopped ones included. */
    public List<String> containerIds() {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-aq",
                        "--filter",
                        "label=com.docker.compose.project=" + name)
                .orFail()
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    /** The id of the (first) container of a service, running or not. */
    public String containerId(String service) {
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-aq",
                        "--filter",
                        "label=com.docker.compose.project=" + name,
                        "--filter",
                        "label=com.docker.compose.service=" + service,
                        "--filter",
                        "label=com.docker.compose.oneoff=False")
                .orFail()
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container of service " + service + " in " + name));
    }

    /** The last lines of every service's log, for failure messages. */
    public String logs() {
        ProcessResult r = composeResult("logs", "--no-color", "--tail", "40");
        return "--- logs of " + name + " ---\n" + r.output();
    }

    // ---- the app -------------------------------------------------------------------------------

    /** Response of the demo's web service. */
    public record HttpResult(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    public HttpResult get(String path) {
        return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET());
    }

    public HttpResult post(String path, String body) {
        return send(HttpRequest.newBuilder(baseUri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    /** Stores a record through {@code POST /records} and returns its id. */
    public long writeRecord(String body) {
        HttpResult r = post("/records", body);
        if (r.status() != 201) {
            throw new AssertionError("POST /records answered " + r.status() + " " + r.body());
        }
        return r.json().get("id").asLong();
    }

    /** {@code GET /records} as JSON (an array of rows). */
    public JsonNode records() {
        HttpResult r = get("/records");
        if (r.status() != 200) {
            throw new AssertionError("GET /records answered " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /**
     * Runs SQL in the db container with psql ({@code docker exec}, as the app's database user) and
     * returns the unaligned, tuples-only output.
     */
    public String psql(String sql) {
        Map<String, String> env = env();
        return Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "exec",
                        containerId("db"),
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
                        sql)
                .orFail()
                .stdout()
                .strip();
    }

    /** {@code SELECT count(*)} of a table, through {@link #psql}. */
    public long countRows(String table) {
        return Long.parseLong(psql("SELECT count(*) FROM " + table));
    }

    /**
     * The files below DATA_DIR, relative and sorted, as a helper container sees them (the files
     * belong to uid 999, which the test's own user may not be able to read).
     */
    public List<String> dataFiles() {
        return Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "run",
                        "--rm",
                        "--network",
                        "none",
                        "-v",
                        dataDir() + ":/d:ro",
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        "cd /d && find . -type f | sed 's|^\\./||' | sort")
                .orFail()
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }

    // ---- clean-up ------------------------------------------------------------------------------

    /**
     * Removes this project's containers, networks and volumes ({@code down -v --remove-orphans},
     * for this project name only) and deletes the temp dir, with a helper container for what
     * belongs to container users. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ProcessResult down = composeResult("down", "-v", "--remove-orphans", "-t", "5");
        ContainerFiles.deleteTree(dir);
        if (!down.succeeded()) {
            throw new AssertionError("could not remove compose project " + name + "; remove it with `docker-compose -p "
                    + name + " down -v`: " + down.describe());
        }
    }

    @Override
    public String toString() {
        return "DemoProject[" + name + ", " + version + ", port " + webPort + ", " + dir + "]";
    }

    // ---- helpers -------------------------------------------------------------------------------

    private HttpResult send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r =
                    HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new HttpResult(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("demo " + name + " did not answer at " + baseUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResult tryGet(String path) {
        try {
            return get(path);
        } catch (UncheckedIOException e) {
            return null;
        }
    }

    private static String setKey(String text, String key, String value) {
        String line = key + "=" + value;
        if (text.matches("(?s).*(?m)^" + key + "=.*")) {
            return text.replaceAll("(?m)^" + key + "=.*$", java.util.regex.Matcher.quoteReplacement(line));
        }
        return text + (text.endsWith("\n") || text.isEmpty() ? "" : "\n") + line + "\n";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
