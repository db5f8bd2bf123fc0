package dev.berth.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Berth's command line in a child JVM, exactly as a user runs it ({@code java -cp
 * target/classes:target/lib/* dev.berth.Main ...}), so that a crash (the test-only switch, or a
 * real {@code kill -9}) kills a whole Berth process and nothing of the test's JVM.
 *
 * <p>Every call gets the environment of this object: {@code XDG_DATA_HOME} (where backups go),
 * {@code DOCKER_HOST} when the test uses its own engine, and whatever a test adds.
 */
final class BerthCli {
    static final Duration TIMEOUT = Duration.ofMinutes(8);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;

    BerthCli(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Map<String, String> env() {
        return env;
    }

    /** This CLI with more environment variables. */
    BerthCli with(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(env);
        m.put(key, value);
        return new BerthCli(m);
    }

    /** Runs {@code berth <args>} to its end (at most {@link #TIMEOUT}). */
    Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs {@code berth <args>} with extra environment variables. */
    Result run(Map<String, String> extraEnv, String... args) {
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putAll(extraEnv);
        ProcessResult r = Commands.run(TIMEOUT, Optional.of(DockerTestBed.repoRoot()), e, commandLine(args));
        Result result = new Result(r);
        OUTPUTS.add(r.stdout());
        OUTPUTS.add(r.stderr());
        return result;
    }

    /** Everything any Berth process of this JVM printed (for the secrets check), in order. */
    static final List<String> OUTPUTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Starts {@code berth <args>} without waiting, its output going to files (for a real {@code kill
     * -9} at a moment the test chooses).
     */
    Process start(Path stdout, Path stderr, String... args) {
        return start(Map.of(), stdout, stderr, args);
    }

    /** Starts {@code berth <args>} with extra environment variables. */
    Process start(Map<String, String> extraEnv, Path stdout, Path stderr, String... args) {
        ProcessBuilder pb = new ProcessBuilder(commandLine(args))
                .directory(DockerTestBed.repoRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Berth's CLI", e);
        }
    }

    static List<String> commandLine(String... args) {
        Path repo = DockerTestBed.repoRoot();
        Path classes = repo.resolve("target/classes");
        Path lib = repo.resolve("target/lib");
        if (!Files.isDirectory(classes) || !Files.isDirectory(lib)) {
            throw new AssertionError("Berth is not built: " + classes + " and " + lib + " must exist; run"
                    + " `./mvnw package -DskipTests` first (./mvnw verify builds them before the ITs run).");
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp",
                classes + java.io.File.pathSeparator + lib + "/*",
                "dev.berth.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** How one Berth command ended. */
    record Result(ProcessResult process) {
        int exit() {
            return process.exitCode();
        }

        String stdout() {
            return process.stdout();
        }

        String stderr() {
            return process.stderr();
        }

        /** Whether the crash switch halted the process (exit 137 and its line on stderr). */
        boolean crashed() {
            return exit() == 137 && stderr().contains("test crash point reached");
        }

        /** The {@code --json-events} lines of stdout. */
        List<JsonNode> events() {
            List<JsonNode> out = new ArrayList<>();
            for (String line : stdout().split("\n")) {
                if (line.startsWith("{")) {
                    try {
                        out.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON event: " + line, e);
                    }
                }
            }
            return out;
        }

        /** The status of the {@code result} event ({@code succeeded}, {@code rolled-back}, ...), or "". */
        String status() {
            return events().stream()
                    .filter(e -> e.path("type").asText().equals("result"))
                    .map(e -> e.path("status").asText())
                    .reduce((a, b) -> b)
                    .orElse("");
        }

        /** The message of the {@code result} event, or "". */
        String resultMessage() {
            return events().stream()
                    .filter(e -> e.path("type").asText().equals("result"))
                    .map(e -> e.path("message").asText())
                    .reduce((a, b) -> b)
                    .orElse("");
        }

        String describe() {
            return process.describe();
        }
    }
}
