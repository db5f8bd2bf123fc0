package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded damage to a real backup (flipped bytes, cuts, repeated and dropped runs of bytes, in the
 * archive and in its sidecar manifest): a restore either refuses it with a {@link
 * BackupException} before writing anything, or restores exactly the original files. Nothing else
 * escapes, and nothing is ever half-written.
 */
class BackupFuzzTest {
    private static final long SEED = 2026_11_25L;
    private static final int RUNS = 150;
    /** A cap on a loaded machine; the runs made so far must still count. */
    private static final long BUDGET_NANOS = 45_000_000_000L;

    @TempDir
    Path tmp;

    Path src;
    byte[] good;
    byte[] goodSidecar;
    Map<String, String> original;

    @BeforeEach
    void aGoodBackup() throws Exception {
        src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = tmp.resolve("good/good.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        good = Files.readAllBytes(archive);
        goodSidecar = Files.readAllBytes(BackupWriter.sidecarOf(archive));
        Path ref = tmp.resolve("reference");
        restore(archive, ref);
        original = Trees.describe(ref);
    }

    @Test
    void damagedArchivesAreRefusedBeforeAnythingIsWrittenOrRestoredExactly() throws Exception {
        Random random = new Random(SEED);
        long deadline = System.nanoTime() + BUDGET_NANOS;
        int runs = 0;
        int refused = 0;
        while (System.nanoTime() < deadline && runs < RUNS) {
            runs++;
            boolean damageSidecar = random.nextInt(4) == 0;
            byte[] archive = damageSidecar ? good : damage(good, random);
            byte[] sidecar = damageSidecar ? damage(goodSidecar, random) : goodSidecar;
            Path dir = tmp.resolve("run-" + runs);
            Path file = dir.resolve("b.berth");
            Files.createDirectories(dir);
            Files.write(file, archive);
            Files.write(BackupWriter.sidecarOf(file), sidecar);
            Path target = dir.resolve("target");
            try {
                restoreWithin(file, target, runs);
                assertThat(Trees.describe(target))
                        .as("run %d (seed %d) was not refused, so it must restore the original", runs, SEED)
                        .isEqualTo(original);
            } catch (BackupException e) {
                refused++;
                assertThat(e.isRefusal() || e.kind() == BackupException.Kind.IO)
                        .as("run %d: %s", runs, e.getMessage())
                        .isTrue();
                assertThat(target)
                        .as("run %d wrote into the target before refusing", runs)
                        .doesNotExist();
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw new AssertionError("run " + runs + " (seed " + SEED + ") threw " + e, e);
            }
            dev.berth.testbed.ContainerFiles.deleteTree(dir);
        }
        assertThat(runs).isGreaterThanOrEqualTo(30);
        assertThat(refused).as("damage is noticed").isGreaterThan(runs / 2);
    }

    @Test
    void damagedSidecarManifestsOnlyEverFailWithABackupException() throws Exception {
        Random random = new Random(SEED + 1);
        String text = new String(goodSidecar, StandardCharsets.UTF_8);
        Path file = tmp.resolve("side/b.berth");
        Files.createDirectories(file.getParent());
        Files.write(file, good);
        for (int i = 0; i < 500; i++) {
            String mutated = mutateText(text, random);
            Files.writeString(BackupWriter.sidecarOf(file), mutated);
            try {
                BackupReader.readSidecar(file);
            } catch (BackupException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("sidecar mutation " + i + " threw " + e + " for:\n" + mutated, e);
            }
        }
    }

    /** A damaged archive must never hang the reader: a restore gets a generous time limit. */
    private static void restoreWithin(Path archive, Path target, int run) throws BackupException {
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
            restore(archive, target);
            return null;
        });
        Thread t = Thread.ofPlatform().daemon().name("fuzz-restore-" + run).start(task);
        try {
            task.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            StringBuilder stacks = new StringBuilder();
            Thread.getAllStackTraces().forEach((th, st) -> {
                if (th.getName().startsWith("berth-zstd") || th == t) {
                    stacks.append(th.getName()).append('\n');
                    for (StackTraceElement el : st) {
                        stacks.append("    at ").append(el).append('\n');
                    }
                }
            });
            throw new AssertionError("run " + run + " (seed " + SEED + ") hung for 60 s:\n" + stacks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            switch (e.getCause()) {
                case BackupException b -> throw b;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new AssertionError(e.getCause());
            }
        }
    }

    private static void restore(Path archive, Path target) throws BackupException {
        BackupReader.restore(
                archive,
                ExpectedApp.ANY,
                RestoreSpec.nothing().withFiles(target).withDatabases(target.resolveSibling("dumps")),
                ProgressListener.NONE,
                () -> false);
    }

    private static byte[] damage(byte[] in, Random r) {
        byte[] b = in.clone();
        int at = r.nextInt(b.length);
        return switch (r.nextInt(5)) {
            case 0 -> {
                b[at] ^= (byte) (1 << r.nextInt(8));
                yield b;
            }
            case 1 -> Arrays.copyOf(b, at);
            case 2 -> {
                int len = Math.min(1 + r.nextInt(64), b.length - at);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                yield out;
            }
            case 3 -> {
                int len = Math.min(1 + r.nextInt(64), b.length - at);
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                yield out;
            }
            default -> {
                for (int i = 0; i < 8; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                yield b;
            }
        };
    }

    private static String mutateText(String s, Random r) {
        String[] inserts = {
            "{",
            "}",
            "[",
            "]",
            "\"",
            ",",
            ":",
            "null",
            "-1",
            "1e999",
            "\"../x\"",
            "\"/etc\"",
            "\\u0000",
            "99999999999999999999",
            "true",
            " "
        };
        int at = r.nextInt(s.length());
        return switch (r.nextInt(3)) {
            case 0 -> s.substring(0, at);
            case 1 -> s.substring(0, at) + inserts[r.nextInt(inserts.length)] + s.substring(at);
            default -> s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + r.nextInt(10)));
        };
    }
}
