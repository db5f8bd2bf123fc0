package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing: random bytes and mutated corpus files may only give a ConfigException, never
 * another exception, never a hang; whatever parses must write back the same bytes.
 */
class EnvParserFuzzTest {
    private static final long SEED = 0xBE27L;
    private static final Duration BUDGET = Duration.ofSeconds(8);

    @Test
    @Timeout(60)
    void randomAndMutatedInputOnlyEverGivesConfigException() throws IOException {
        Random random = new Random(SEED);
        List<byte[]> seeds = new ArrayList<>();
        for (Path p : EnvCorpus.files()) {
            seeds.add(Files.readAllBytes(p));
        }
        byte[] interesting = "=\"'\\#$ {}:\n\r\t\0export \u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + BUDGET.toNanos();
        int runs = 0;
        int parsed = 0;
        while (System.nanoTime() < deadline) {
            byte[] input = runs % 4 == 0
                    ? randomBytes(random, interesting)
                    : mutate(seeds.get(random.nextInt(seeds.size())), random, interesting);
            runs++;
            try {
                EnvFile f = EnvParser.parse("fuzz.env", input);
                parsed++;
                assertThat(EnvWriter.toBytes(f)).isEqualTo(input);
                f.values();
                f.duplicates();
                try {
                    f.resolve(VariableLookup.none());
                } catch (ConfigException expected) {
                    assertThat(expected.getMessage()).startsWith("fuzz.env");
                }
            } catch (ConfigException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz.env");
            }
        }
        assertThat(runs).isGreaterThan(1000);
        assertThat(parsed).isGreaterThan(runs / 10);
    }

    private static byte[] randomBytes(Random random, byte[] interesting) {
        byte[] b = new byte[random.nextInt(200)];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextInt(3) == 0
                    ? (byte) random.nextInt(256)
                    : interesting[random.nextInt(interesting.length)];
        }
        return b;
    }

    private static byte[] mutate(byte[] seed, Random random, byte[] interesting) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = interesting[random.nextInt(interesting.length)];
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                default -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = interesting[random.nextInt(interesting.length)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
            }
        }
        return b;
    }
}
