package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of real compose files from the corpus, and hand-made hostile YAML (alias bombs,
 * deep nesting, recursive interpolation): the loader either loads them or throws {@link
 * ConfigException} naming the file; nothing else escapes, no load takes long, and memory stays
 * bounded (alias expansion and nesting are capped before anything recursive runs).
 */
class ComposeLoaderFuzzTest {
    private static final long SEED = 8_2026_1125L;
    private static final int RUNS = 600;
    /** A cap on a loaded machine (the cores are shared); the runs made so far must still count. */
    private static final long BUDGET_NANOS = 40_000_000_000L;
    /** Slowest single load allowed, far above the normal few milliseconds. */
    private static final Duration SLOWEST = Duration.ofSeconds(5);

    private static final String[] INSERTS = {
        ":",
        "-",
        " ",
        "\n",
        "\t",
        "{",
        "}",
        "[",
        "]",
        ",",
        "\"",
        "'",
        "&a ",
        "*a",
        "<<: *a\n",
        "!!int ",
        "!!binary ",
        "#",
        "|",
        ">",
        "${",
        "}",
        "$$",
        "${A:-${B:-${C}}}",
        "${X:?boom}",
        "${",
        "\u0000",
        "\uFEFF",
        "💥",
        "..",
        "../../../../etc/passwd",
        "/",
        "~",
        "null",
        "true",
        "0x1F",
        "99999999999999999999",
        "---\n",
        "...\n",
        "extends: {service: web}\n",
        "include: [x.yml]\n",
        "profiles: [a]\n",
        "ports: [\"0.0.0.0:1-65535:1-65535\"]\n"
    };

    @TempDir
    Path dir;

    @Test
    void mutatedCorpusComposeFilesOnlyEverFailWithAConfigException() throws IOException {
        List<Path> corpus = ComposeCorpusFiles.all().stream()
                .filter(p -> sizeOf(p) < 20_000)
                .sorted(Comparator.comparing(Path::toString))
                .toList();
        assertThat(corpus).hasSizeGreaterThan(50);
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int runs = 0;
        int loaded = 0;
        int refused = 0;
        while (System.nanoTime() < deadline && runs < RUNS) {
            Path seed = corpus.get(random.nextInt(corpus.size()));
            String text = mutate(Files.readString(seed), random, 1 + random.nextInt(4));
            Path f = dir.resolve("compose-" + runs + ".yml");
            Files.writeString(f, text);
            runs++;
            long start = System.nanoTime();
            try {
                new ComposeLoader()
                        .load(ProjectOptions.of(dir)
                                .withFiles(List.of(f))
                                .withEnvFiles(ComposeCorpusFiles.envFile(seed)
                                        .map(List::of)
                                        .orElse(List.of())));
                loaded++;
            } catch (ConfigException e) {
                refused++;
                assertThat(e.getMessage()).as("mutation %d of %s", runs, seed).isNotBlank();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError(
                        "mutation " + runs + " of " + seed + " (seed " + SEED + ") threw " + e + " for:\n" + text, e);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("load time of mutation %d of %s", runs, seed)
                    .isLessThan(SLOWEST);
            Files.delete(f);
        }
        assertThat(runs).isGreaterThanOrEqualTo(100);
        assertThat(loaded).as("some mutants still load").isPositive();
        assertThat(refused).as("some mutants are refused").isPositive();
    }

    @Test
    void aBillionLaughsAliasBombIsRefusedQuickly() throws IOException {
        StringBuilder y =
                new StringBuilder("x-a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char prev = (char) (c - 1);
            y.append("x-").append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            y.append("]\n");
        }
        y.append("services:\n  web:\n    image: busybox\n    command: *k\n");
        Path f = dir.resolve("bomb.yml");
        Files.writeString(f, y.toString());
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ComposeLoader().load(ProjectOptions.of(dir).withFiles(List.of(f))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bomb.yml");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(SLOWEST);
    }

    @Test
    void deepNestingIsRefusedWithoutAStackOverflow() throws IOException {
        Path f = dir.resolve("deep.yml");
        Files.writeString(
                f, "services:\n  web:\n    image: busybox\n    labels: " + "[".repeat(50_000) + "]".repeat(50_000));
        assertThatThrownBy(() -> new ComposeLoader().load(ProjectOptions.of(dir).withFiles(List.of(f))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("deep.yml");
    }

    @Test
    void selfReferencingVariablesAreRefusedOrLeftAsTheyAre() throws IOException {
        Path f = dir.resolve("loop.yml");
        Files.writeString(
                f, "services:\n  web:\n    image: \"${A}\"\n    environment:\n      X: \"${B:-${A:-${B}}}\"\n");
        Path env = dir.resolve(".env");
        Files.writeString(env, "A=${B}\nB=${A}\n");
        try {
            ComposeProject p = new ComposeLoader()
                    .load(ProjectOptions.of(dir).withFiles(List.of(f)).withEnvFiles(List.of(env)));
            assertThat(p.model().services()).containsKey("web");
        } catch (ConfigException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String mutate(String text, Random r, int times) {
        String s = text;
        for (int i = 0; i < times; i++) {
            int at = s.isEmpty() ? 0 : r.nextInt(s.length());
            switch (r.nextInt(6)) {
                case 0 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(8)));
                case 1 -> s = s.substring(0, at) + INSERTS[r.nextInt(INSERTS.length)] + s.substring(at);
                case 2 -> s = s.substring(0, at);
                case 3 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    int a = r.nextInt(lines.size());
                    lines.add(r.nextInt(lines.size()), lines.get(a));
                    s = String.join("\n", lines);
                }
                case 4 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    int a = r.nextInt(lines.size());
                    lines.set(a, " ".repeat(r.nextInt(6)) + lines.get(a).strip());
                    s = String.join("\n", lines);
                }
                default -> {
                    char c = s.isEmpty() ? ' ' : s.charAt(at);
                    s = s.isEmpty() ? s : s.substring(0, at) + (char) (c ^ (1 << r.nextInt(7))) + s.substring(at + 1);
                }
            }
        }
        return s;
    }
}
