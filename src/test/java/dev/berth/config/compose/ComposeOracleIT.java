package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The oracle: for every corpus compose file that the real {@code docker-compose} v1 (1.29.2)
 * accepts, Berth must resolve the same services, images, environment, ports and volumes, except
 * for the differences listed in {@code docs/compose-compat.md}, where Berth follows the compose
 * specification. The files v1 rejects must be exactly the ones listed there too.
 */
class ComposeOracleIT {
    private record Divergence(String id, String file, String service, String field, String key) {
        boolean covers(String f, String s, String fld, String k) {
            return file.equals(f)
                    && (service.equals("*") || service.equals(s))
                    && field.equals(fld)
                    && (key.equals("*") || key.equals(k));
        }
    }

    private record Mount(String source, String target, boolean readOnly) {}

    private record Port(String hostIp, String published, long target, String protocol) {}

    @Test
    void berthResolvesTheCorpusLikeDockerComposeExceptWhereTheSpecSaysOtherwise() throws Exception {
        String v1 = findDockerCompose();
        Path doc = repo().resolve("docs/compose-compat.md");
        List<Divergence> divergences = divergences(doc);
        Map<String, String> documentedRejects = rejects(doc);
        Set<String> used = new LinkedHashSet<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> rejected = new TreeMap<>();
        int compared = 0;
        List<Path> files = ComposeCorpusFiles.all();
        // v1 takes about half a second per file: run it on a few threads
        Map<Path, java.util.concurrent.Future<Result>> v1Results = new LinkedHashMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            for (Path file : files) {
                Optional<Path> env = ComposeCorpusFiles.envFile(file);
                List<String> cmd = new ArrayList<>(List.of(
                        v1,
                        "--ansi",
                        "never",
                        "-f",
                        file.toString(),
                        "--project-directory",
                        file.getParent().toString()));
                env.ifPresent(e -> cmd.addAll(List.of("--env-file", e.toString())));
                cmd.add("config");
                v1Results.put(file, pool.submit(() -> run(cmd)));
            }
        } finally {
            pool.shutdown();
        }
        for (Path file : files) {
            String name = ComposeCorpusFiles.name(file);
            Optional<Path> env = ComposeCorpusFiles.envFile(file);
            Result r = v1Results.get(file).get(120, TimeUnit.SECONDS);
            if (r.exit != 0) {
                rejected.put(name, firstLine(r.err));
                continue;
            }
            Map<String, Object> expected = new LinkedHashMap<>();
            Object loaded = new Load(LoadSettings.builder().build()).loadFromString(r.out);
            if (loaded instanceof Map<?, ?> m) {
                m.forEach((k, v) -> expected.put(String.valueOf(k), v));
            }
            ComposeProject berth;
            try {
                ProjectOptions options = ProjectOptions.of(file.getParent())
                        .withFiles(List.of(file))
                        .withEnvFiles(env.map(List::of).orElse(List.of()));
                berth = new ComposeLoader().load(options);
            } catch (ConfigException e) {
                check(
                        divergences,
                        used,
                        failures,
                        name,
                        "*",
                        "load",
                        "*",
                        "v1 accepts it but Berth refuses: " + e.getMessage());
                continue;
            }
            compared++;
            compare(name, expected, berth, divergences, used, failures);
        }
        List<String> unused = divergences.stream()
                .filter(d -> !used.contains(d.toString()))
                .map(Divergence::toString)
                .toList();
        assertThat(compared).as("corpus files compared with docker-compose v1").isGreaterThan(60);
        StringBuilder report = new StringBuilder();
        rejected.forEach((f, why) ->
                report.append("| `").append(f).append("` | ").append(why).append(" |\n"));
        failures.forEach(f -> report.append("DIFF ").append(f).append('\n'));
        Files.createDirectories(repo().resolve("target"));
        Files.writeString(repo().resolve("target/compose-oracle-report.txt"), report);
        assertThat(rejected.keySet())
                .as(
                        "files docker-compose v1 rejects must be listed in docs/compose-compat.md (see target/compose-oracle-report.txt)")
                .isEqualTo(documentedRejects.keySet());
        assertThat(failures)
                .as("differences from docker-compose v1 not documented in docs/compose-compat.md")
                .isEmpty();
        assertThat(unused)
                .as("documented divergences that no longer occur (remove them from the doc)")
                .isEmpty();
    }

    private static void compare(
            String file,
            Map<String, Object> expected,
            ComposeProject berth,
            List<Divergence> divs,
            Set<String> used,
            List<String> failures) {
        Map<?, ?> v1Services = expected.get("services") instanceof Map<?, ?> m ? m : Map.of();
        Set<String> v1Names = new TreeSet<>();
        v1Services.keySet().forEach(k -> v1Names.add(String.valueOf(k)));
        Set<String> berthNames = new TreeSet<>(berth.model().services().keySet());
        if (!v1Names.equals(berthNames)) {
            check(divs, used, failures, file, "*", "services", "*", "services v1 " + v1Names + " Berth " + berthNames);
        }
        for (String name : v1Names) {
            ComposeService s = berth.model().services().get(name);
            if (s == null) {
                continue;
            }
            Map<?, ?> e = v1Services.get(name) instanceof Map<?, ?> m ? m : Map.of();
            String image = e.get("image") == null ? null : String.valueOf(e.get("image"));
            if (!Objects.equals(image, s.image().orElse(null))) {
                check(
                        divs,
                        used,
                        failures,
                        file,
                        name,
                        "image",
                        "*",
                        "image v1 [" + image + "] Berth [" + s.image().orElse(null) + "]");
            }
            Map<String, String> v1Env = new TreeMap<>();
            if (e.get("environment") instanceof Map<?, ?> env) {
                // v1 writes every "$" of a value as "$$" so that its output can be read back
                env.forEach((k, v) -> {
                    if (v != null) {
                        v1Env.put(String.valueOf(k), scalar(v).replace("$$", "$"));
                    }
                });
            }
            Map<String, String> berthEnv = new TreeMap<>(s.environment());
            Set<String> keys = new TreeSet<>(v1Env.keySet());
            keys.addAll(berthEnv.keySet());
            for (String k : keys) {
                if (!Objects.equals(v1Env.get(k), berthEnv.get(k))) {
                    check(
                            divs,
                            used,
                            failures,
                            file,
                            name,
                            "environment",
                            k,
                            "environment " + k + ": v1 [" + v1Env.get(k) + "] Berth [" + berthEnv.get(k) + "]");
                }
            }
            List<Port> v1Ports = new ArrayList<>();
            if (e.get("ports") instanceof List<?> ports) {
                for (Object p : ports) {
                    if (p instanceof Map<?, ?> pm) {
                        v1Ports.add(new Port(
                                pm.get("host_ip") == null ? "" : scalar(pm.get("host_ip")),
                                pm.get("published") == null ? "" : scalar(pm.get("published")),
                                Long.parseLong(scalar(pm.get("target"))),
                                pm.get("protocol") == null ? "tcp" : scalar(pm.get("protocol"))));
                    } else {
                        v1Ports.add(v1Port(String.valueOf(p)));
                    }
                }
            }
            List<Port> berthPorts = s.ports().stream()
                    .map(p -> new Port(p.hostIp(), p.published(), p.target(), p.protocol()))
                    .toList();
            if (!new TreeSet<>(v1Ports.stream().map(Port::toString).toList())
                    .equals(new TreeSet<>(
                            berthPorts.stream().map(Port::toString).toList()))) {
                check(divs, used, failures, file, name, "ports", "*", "ports v1 " + v1Ports + " Berth " + berthPorts);
            }
            List<Mount> v1Mounts = new ArrayList<>();
            if (e.get("volumes") instanceof List<?> vols) {
                for (Object v : vols) {
                    v1Mounts.add(v1Mount(v));
                }
            }
            List<Mount> berthMounts = s.volumes().stream()
                    .map(v -> new Mount(v.source(), v.target(), v.readOnly()))
                    .toList();
            if (!new TreeSet<>(v1Mounts.stream().map(Mount::toString).toList())
                    .equals(new TreeSet<>(
                            berthMounts.stream().map(Mount::toString).toList()))) {
                check(
                        divs,
                        used,
                        failures,
                        file,
                        name,
                        "volumes",
                        "*",
                        "volumes v1 " + v1Mounts + " Berth " + berthMounts);
            }
        }
    }

    /** v1 writes a port with a host address as "ip:published:target/protocol". */
    private static Port v1Port(String s) {
        String proto = "tcp";
        int slash = s.lastIndexOf('/');
        if (slash >= 0) {
            proto = s.substring(slash + 1);
            s = s.substring(0, slash);
        }
        int last = s.lastIndexOf(':');
        int prev = last > 0 ? s.lastIndexOf(':', last - 1) : -1;
        String target = s.substring(last + 1);
        String published = last < 0 ? "" : s.substring(prev + 1, last);
        String ip = prev < 0 ? "" : s.substring(0, prev);
        return new Port(ip, published, Long.parseLong(target), proto);
    }

    private static Mount v1Mount(Object v) {
        if (v instanceof Map<?, ?> m) {
            return new Mount(
                    m.get("source") == null ? "" : scalar(m.get("source")),
                    scalar(m.get("target")),
                    Boolean.TRUE.equals(m.get("read_only")));
        }
        String[] parts = String.valueOf(v).split(":");
        return switch (parts.length) {
            case 1 -> new Mount("", parts[0], false);
            case 2 -> new Mount(parts[0], parts[1], false);
            default ->
                new Mount(parts[0], parts[1], List.of(parts[2].split(",")).contains("ro"));
        };
    }

    private static String scalar(Object v) {
        return v instanceof Boolean || v instanceof Number ? String.valueOf(v) : String.valueOf(v);
    }

    private static void check(
            List<Divergence> divs,
            Set<String> used,
            List<String> failures,
            String file,
            String service,
            String field,
            String key,
            String what) {
        for (Divergence d : divs) {
            if (d.covers(file, service, field, key)) {
                used.add(d.toString());
                return;
            }
        }
        failures.add(file + " [" + service + "] " + what);
    }

    /** Rows of the table between {@code <!-- oracle:divergences -->} and {@code <!-- /oracle -->}. */
    private static List<Divergence> divergences(Path doc) throws IOException {
        List<Divergence> out = new ArrayList<>();
        for (List<String> row : table(doc, "divergences")) {
            out.add(new Divergence(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4)));
        }
        return out;
    }

    private static Map<String, String> rejects(Path doc) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (List<String> row : table(doc, "rejected")) {
            out.put(row.get(0), row.get(1));
        }
        return out;
    }

    private static List<List<String>> table(Path doc, String name) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.contains("<!-- oracle:" + name + " -->")) {
                in = true;
            } else if (line.contains("<!-- /oracle -->")) {
                in = false;
            } else if (in
                    && line.startsWith("|")
                    && !line.startsWith("|--")
                    && !line.startsWith("| id")
                    && !line.startsWith("| file")) {
                List<String> cells = new ArrayList<>();
                for (String c : line.substring(1, line.lastIndexOf('|')).split("\\|")) {
                    cells.add(c.trim().replace("`", ""));
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("berth-oracle", ".out");
        Path err = Files.createTempFile("berth-oracle", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker-compose did not answer within 60 s: " + cmd);
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** v1's error without its warnings and hints, on one line. */
    private static String firstLine(String s) {
        List<String> lines = new ArrayList<>();
        for (String l : s.split("\n")) {
            String t = l.trim();
            if (t.isEmpty()
                    || t.startsWith("WARNING")
                    || t.contains("variable is not set")
                    || t.startsWith("You might be seeing")
                    || t.startsWith("For more on")) {
                continue;
            }
            if (!lines.contains(t)) {
                lines.add(t);
            }
        }
        String joined = String.join(" ", lines.subList(0, Math.min(3, lines.size())))
                .replace(dev.berth.Corpus.root() + "/", "")
                .replace("|", "\\|");
        return joined.length() > 300 ? joined.substring(0, 300) + "…" : joined;
    }

    private static String findDockerCompose() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "docker-compose");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(
                "docker-compose v1 (1.29.2) is not on the PATH; the oracle test needs it."
                        + " Install it with `apt-get install docker-compose` (Debian 12) or run .ci/run, which provisions the test bed.");
    }

    private static Path repo() {
        String r = System.getProperty("berth.repo");
        return r == null ? Path.of("").toAbsolutePath() : Path.of(r);
    }
}
