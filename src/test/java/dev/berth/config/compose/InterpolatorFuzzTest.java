package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds the interpolator seeded random strings and mutated lines of the corpus: it may only
 * return a string or throw Berth's own {@link ConfigException} subtypes, never hang and never
 * overflow the stack.
 */
class InterpolatorFuzzTest {
    private static final long SEED = 0xBE27L;
    private static final String ALPHABET = "${}:-+?$AB_1 x\n\\\"'{}}$";
    private static final Map<String, String> VARS = Map.of("A", "a", "B", "", "AB", "${A}", "X", "$$");

    @Test
    void randomTemplatesOnlyEverYieldAStringOrAConfigException() {
        Random r = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            int runs = 0;
            while (System.nanoTime() < deadline || runs < 10_000) {
                StringBuilder sb = new StringBuilder();
                int len = r.nextInt(40);
                for (int i = 0; i < len; i++) {
                    sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                }
                check(sb.toString());
                runs++;
            }
            assertThat(runs).isGreaterThanOrEqualTo(10_000);
        });
    }

    @Test
    void mutatedCorpusLinesOnlyEverYieldAStringOrAConfigException() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path f : Corpus.files((p, a) -> p.toString().matches(".*(\\.ya?ml|env.*|\\.example)$"))) {
            for (String line : Files.readAllLines(f)) {
                if (line.contains("$")) {
                    lines.add(line);
                }
            }
        }
        assertThat(lines).hasSizeGreaterThan(500);
        Random r = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (String line : lines) {
                check(line);
                for (int m = 0; m < 8; m++) {
                    check(mutate(line, r));
                }
            }
        });
    }

    @Test
    void deeplyNestedDefaultsNeitherHangNorOverflow() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int depth : new int[] {10, 99, 100, 101, 1_000, 100_000}) {
                check("${A:-".repeat(depth) + "x" + "}".repeat(depth));
                check("${Z:-".repeat(depth) + "x" + "}".repeat(depth));
                check("${Z:-".repeat(depth) + "x");
                check("${Z:?".repeat(depth) + "x" + "}".repeat(depth));
            }
        });
    }

    private static String mutate(String line, Random r) {
        StringBuilder sb = new StringBuilder(line);
        int edits = 1 + r.nextInt(3);
        for (int i = 0; i < edits && !sb.isEmpty(); i++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                case 2 -> sb.setCharAt(at, ALPHABET.charAt(r.nextInt(ALPHABET.length())));
                default -> sb.insert(at, sb.substring(at, Math.min(sb.length(), at + r.nextInt(12))));
            }
        }
        return sb.toString();
    }

    private static void check(String template) {
        try {
            String out = new Interpolator(VARS).interpolate(template);
            assertThat(out).isNotNull();
        } catch (InterpolationException | MissingVariableException e) {
            assertThat(e).isInstanceOf(ConfigException.class);
            assertThat(e.getMessage()).isNotBlank();
        } catch (StackOverflowError e) {
            throw new AssertionError("stack overflow on: " + template.substring(0, Math.min(80, template.length())), e);
        }
    }
}
