package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid manifests: the parser either reads a manifest (which then survives a
 * write/read round trip) or throws {@link ConfigException} with a location; nothing else escapes.
 */
class ManifestFuzzTest {
    private static final long SEED = 20_251_125L;
    /** Runs to make; about 2 s on an idle machine. */
    private static final int RUNS = 2_000;
    /** A cap on a loaded machine (the cores are shared); the runs made so far must still count. */
    private static final long BUDGET_NANOS = 30_000_000_000L;

    private static final String[] INSERTS = {
        ":",
        "-",
        " ",
        "  ",
        "\n",
        "\t",
        "{",
        "}",
        "[",
        "]",
        ",",
        "\"",
        "'",
        "&a",
        "*a",
        "!!int ",
        "!!binary ",
        "#",
        "|",
        ">",
        "%",
        "@",
        "`",
        "?",
        "~",
        "null",
        "true",
        "yes",
        "0x1F",
        "1e9",
        "-1",
        "99999999999",
        "..",
        "/",
        "\\",
        "${X}",
        "\u0000",
        "\uFEFF",
        "é",
        "💥",
        "---\n",
        "...\n",
        "<<: *a\n",
        "x: &a [*a]\n"
    };

    @Test
    void mutatedManifestsOnlyEverFailWithAConfigException() {
        List<String> seeds = List.of(
                ManifestParserTest.resource("full.yaml"),
                "app: ledger\nversion: \"2.0\"\nupgrade:\n  stops: [\"1.1\"]\n",
                "env:\n  A: {type: enum, choices: [a, b], example: a}\n  B: Shorthand description.\n",
                "migrations:\n  - {run: migrate}\n  - {sql: {service: db, file: m.sql}, from: \"<0.4\"}\n",
                "health:\n  - {http: \"http://127.0.0.1:8080/\", expect: 204, timeout: 90}\n");
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int runs = 0;
        int parsed = 0;
        int refused = 0;
        while (System.nanoTime() < deadline && runs < RUNS) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            String text = mutate(seed, random, 1 + random.nextInt(4));
            runs++;
            try {
                Manifest m = ManifestParser.parse(text, "berth.yaml");
                parsed++;
                Manifest again = ManifestParser.parse(ManifestWriter.write(m), "berth.yaml");
                assertThat(ManifestParserTest.withoutOrigin(again))
                        .as("round trip of:\n%s", text)
                        .isEqualTo(ManifestParserTest.withoutOrigin(m));
            } catch (ConfigException e) {
                refused++;
                assertThat(e.source()).contains("berth.yaml");
                assertThat(e.getMessage()).startsWith("berth.yaml");
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("mutation " + runs + " (seed " + SEED + ") threw " + e + " for:\n" + text, e);
            }
        }
        assertThat(runs).isGreaterThanOrEqualTo(200);
        assertThat(parsed).as("some mutants are still valid").isPositive();
        assertThat(refused).as("most mutants are refused").isPositive();
    }

    private static String mutate(String text, Random r, int times) {
        String s = text;
        for (int i = 0; i < times; i++) {
            int at = s.isEmpty() ? 0 : r.nextInt(s.length());
            switch (r.nextInt(8)) {
                case 0 -> s = s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(6)));
                case 1 -> s = s.substring(0, at) + INSERTS[r.nextInt(INSERTS.length)] + s.substring(at);
                case 2 -> s = s.substring(0, at);
                case 3 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    if (lines.size() > 1) {
                        int a = r.nextInt(lines.size());
                        int b = r.nextInt(lines.size());
                        String t = lines.get(a);
                        lines.set(a, lines.get(b));
                        lines.set(b, t);
                    }
                    s = String.join("\n", lines);
                }
                case 4 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    int a = r.nextInt(lines.size());
                    lines.add(a, lines.get(a));
                    s = String.join("\n", lines);
                }
                case 5 -> {
                    List<String> lines = new ArrayList<>(List.of(s.split("\n", -1)));
                    int a = r.nextInt(lines.size());
                    lines.set(
                            a,
                            r.nextBoolean() ? "  " + lines.get(a) : lines.get(a).stripLeading());
                    s = String.join("\n", lines);
                }
                case 6 -> {
                    // Swap in a word from elsewhere in the text: valid tokens in the wrong place.
                    String[] words = s.split("[\\s:{}\\[\\],]+");
                    if (words.length > 1) {
                        String w = words[r.nextInt(words.length)];
                        String v = words[r.nextInt(words.length)];
                        if (!w.isEmpty()) {
                            s = s.replaceFirst(
                                    java.util.regex.Pattern.quote(w), java.util.regex.Matcher.quoteReplacement(v));
                        }
                    }
                }
                default -> {
                    char c = (char) (r.nextInt(0x7f - 0x20) + 0x20);
                    s = s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1));
                }
            }
        }
        return s;
    }
}
