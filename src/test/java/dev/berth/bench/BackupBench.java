package dev.berth.bench;

import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.ProgressListener;
import dev.berth.backup.RestoreSpec;
import dev.berth.backup.VerifiedBackup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Compares Berth's backup and restore with {@code tar | zstd -T0 -3} and {@code zstd -d | tar -x}
 * on the same folder in the same run. Usage: {@code bench/backup-bench.sh [WORKDIR] [ROUNDS]}.
 * Needs {@code tar} and {@code zstd} on the PATH. Prints one line per run and a summary.
 */
public final class BackupBench {
    private static final long MiB = 1024L * 1024;

    private BackupBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/var/tmp/berth-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path data = work.resolve("data");
        if (!Files.exists(data.resolve(".complete"))) {
            deleteTree(data);
            long t = System.nanoTime();
            generate(data);
            Files.writeString(data.resolve(".complete"), "");
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", data, (System.nanoTime() - t) / 1e9);
        }
        long bytes = du(data);
        long files;
        try (Stream<Path> s = Files.walk(data)) {
            files = s.count();
        }
        // A shared disk makes file creation times swing by 10x (deferred work after deleting 40,000
        // files hits whoever runs next). As root, archives and restores go to a fresh tmpfs each round,
        // which compares the software, not the disk's mood; the source stays on disk, in the page cache.
        boolean tmpfs = "root".equals(System.getProperty("user.name")) && !Boolean.getBoolean("bench.disk");
        Path out = work.resolve("out");
        System.out.printf(
                Locale.ROOT,
                "data: %d entries, %.1f MiB, %d cores; archives and restores on %s%n",
                files,
                bytes / (double) MiB,
                Runtime.getRuntime().availableProcessors(),
                tmpfs ? "a fresh tmpfs per round" : "disk (" + out + ")");

        // warm the page cache and the JIT once, untimed (backup and restore: the first call of each
        // in a JVM runs interpreted code, which the tar side, a native program, never pays)
        run("sh", "-c", "tar -C '" + data + "' -cf - . > /dev/null");
        Files.createDirectories(out);
        berthBackup(data, out.resolve("warm.berth"));
        BackupReader.restore(
                out.resolve("warm.berth"),
                ExpectedApp.ANY,
                RestoreSpec.nothing().withFiles(out.resolve("warm-restore")),
                ProgressListener.NONE,
                () -> false);
        deleteTree(out);

        List<double[]> results = new ArrayList<>(); // tarC, berthC, tarX, berthVerifyX, berthX, verify
        for (int r = 0; r < rounds; r++) {
            Files.createDirectories(out);
            if (tmpfs) {
                run("mount", "-t", "tmpfs", "-o", "size=" + (4 * bytes / MiB + 512) + "m", "tmpfs", out.toString());
            }
            try {
                results.add(round(r, data, out));
            } finally {
                if (tmpfs) {
                    run("umount", out.toString());
                } else {
                    deleteTree(out);
                }
            }
        }
        double mb = bytes / (double) MiB;
        String[] names = {
            "backup   tar|zstd -T0 -3     ",
            "backup   berth               ",
            "restore  zstd -d|tar -x      ",
            "restore  berth verify+restore",
            "restore  berth (verified)    ",
            "verify   berth alone         "
        };
        System.out.printf(Locale.ROOT, "%n%d rounds, %.0f MiB (best / median):%n", rounds, mb);
        double[] best = new double[6];
        double[] median = new double[6];
        for (int i = 0; i < 6; i++) {
            final int k = i;
            double[] v = results.stream().mapToDouble(x -> x[k]).sorted().toArray();
            best[i] = v[0];
            median[i] = v[v.length / 2];
        }
        for (int i = 0; i < 6; i++) {
            String ratio = i == 1
                    ? ratio(best[0], best[1], median[0], median[1])
                    : i == 3 || i == 4 ? ratio(best[2], best[i], median[2], median[i]) : "";
            System.out.printf(
                    Locale.ROOT,
                    "  %s %6.2f s %5.0f MiB/s / %6.2f s %5.0f MiB/s%s%n",
                    names[i],
                    best[i],
                    mb / best[i],
                    median[i],
                    mb / median[i],
                    ratio);
        }
        printCpu(results);
    }

    /** CPU seconds (user + sys) of the whole JVM or of the shell job's processes, per column, median. */
    private static void printCpu(List<double[]> results) {
        String[] names = {
            "backup tar|zstd",
            "backup berth",
            "restore zstd|tar",
            "restore berth verify+restore",
            "restore berth (verified)",
            "verify berth alone"
        };
        double[] least = new double[6];
        double[] median = new double[6];
        for (int i = 0; i < 6; i++) {
            final int k = 6 + i;
            double[] v = results.stream().mapToDouble(x -> x[k]).sorted().toArray();
            least[i] = v[0];
            median[i] = v[v.length / 2];
        }
        System.out.printf(Locale.ROOT, "%nCPU user+sys, least / median (steadier than wall time on a busy machine):%n");
        for (int i = 0; i < 6; i++) {
            int ref = i == 1 ? 0 : 2;
            String ratio = i == 1 || i == 3 || i == 4
                    ? String.format(
                            Locale.ROOT,
                            "   %.2fx / %.2fx the CPU of %s",
                            least[i] / least[ref],
                            median[i] / median[ref],
                            i == 1 ? "tar|zstd" : "zstd|tar")
                    : "";
            System.out.printf(Locale.ROOT, "  %-30s %6.2f s / %6.2f s%s%n", names[i], least[i], median[i], ratio);
        }
    }

    private static String ratio(double refBest, double best, double refMedian, double median) {
        return String.format(Locale.ROOT, "   speed vs tar: %.2fx / %.2fx", refBest / best, refMedian / median);
    }

    /** One round; odd rounds run Berth first, so neither side always inherits the other's leftovers. */
    private static double[] round(int r, Path data, Path out) throws Exception {
        Path tarOut = out.resolve("out.tar.zst");
        Path berthOut = out.resolve("out.berth");
        Path tx = out.resolve("restore-tar");
        Path bx = out.resolve("restore-berth");
        Path bvx = out.resolve("restore-berth-verified");
        Files.createDirectories(tx);
        // zstd does not fsync; Berth does, so the tar side syncs its file too
        Job tarC = () ->
                shell("tar -C '" + data + "' -cf - . | zstd -q -T0 -3 -o '" + tarOut + "' && sync '" + tarOut + "'");
        Job berthC = () -> berthBackup(data, berthOut);
        double[] cc = new double[2];
        double[] c = r % 2 == 0
                ? new double[] {timed(tarC, cc, 0), timed(berthC, cc, 1)}
                : swap(timed(berthC, cc, 1), timed(tarC, cc, 0));
        Job tarX = () -> shell("zstd -q -d -c '" + tarOut + "' | tar -C '" + tx + "' -xf -");
        Job berthVX = () -> BackupReader.restore(
                berthOut,
                ExpectedApp.of("bench"),
                RestoreSpec.nothing().withFiles(bx),
                ProgressListener.NONE,
                () -> false);
        double[] xc = new double[4];
        double[] x = r % 2 == 0
                ? new double[] {timed(tarX, xc, 0), timed(berthVX, xc, 1)}
                : swap(timed(berthVX, xc, 1), timed(tarX, xc, 0));
        double verify =
                timed(() -> BackupReader.verify(berthOut, ExpectedApp.ANY, ProgressListener.NONE, () -> false), xc, 3);
        VerifiedBackup vb = BackupReader.verify(berthOut, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        double berthX = timed(
                () -> BackupReader.restore(
                        vb, RestoreSpec.nothing().withFiles(bvx), ProgressListener.NONE, () -> false),
                xc,
                2);
        System.out.printf(
                Locale.ROOT,
                "round %d: backup tar|zstd %.2f s (%s), berth %.2f s (%s) | restore zstd|tar %.2f s, berth verify+restore"
                        + " %.2f s, berth verify alone %.2f s, berth restore of a verified backup %.2f s"
                        + " | CPU %.1f %.1f | %.1f %.1f %.1f %.1f s%n",
                r + 1,
                c[0],
                size(tarOut),
                c[1],
                size(berthOut),
                x[0],
                x[1],
                verify,
                berthX,
                cc[0],
                cc[1],
                xc[0],
                xc[1],
                xc[3],
                xc[2]);
        return new double[] {c[0], c[1], x[0], x[1], berthX, verify, cc[0], cc[1], xc[0], xc[1], xc[2], xc[3]};
    }

    private static double[] swap(double berth, double tar) {
        return new double[] {tar, berth};
    }

    private static void berthBackup(Path data, Path out) throws IOException {
        try (BackupWriter w = BackupWriter.open(
                out, BackupInfo.now("bench", "1", "bench", data.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", data, EntryFilter.ALL);
            w.finish();
        }
    }

    private interface Job {
        void run() throws Exception;
    }

    private static final com.sun.management.OperatingSystemMXBean OS = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** CPU seconds of the processes of shell jobs so far. */
    private static double childCpu;

    /** Wall seconds of {@code j}; its CPU seconds (this JVM's plus its shell's processes') go to {@code cpu[i]}. */
    private static double timed(Job j, double[] cpu, int i) throws Exception {
        double child = childCpu;
        long own = OS.getProcessCpuTime();
        long t = System.nanoTime();
        j.run();
        double wall = (System.nanoTime() - t) / 1e9;
        cpu[i] = (OS.getProcessCpuTime() - own) / 1e9 + (childCpu - child);
        return wall;
    }

    private static double timed(Job j) throws Exception {
        return timed(j, new double[1], 0);
    }

    /** Runs a shell pipeline, adding the CPU its processes used (bash's {@code time}) to {@link #childCpu}. */
    private static void shell(String script) throws IOException, InterruptedException {
        Path times = Files.createTempFile("berth-bench-cpu", ".txt");
        try {
            run("bash", "-c", "TIMEFORMAT='%3U %3S'; { time ( " + script + " ) ; } 2> '" + times + "'");
            String[] us = Files.readAllLines(times).getLast().trim().split(" ");
            childCpu += Double.parseDouble(us[0]) + Double.parseDouble(us[1]);
        } finally {
            Files.deleteIfExists(times);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    private static String size(Path p) throws IOException {
        return String.format(Locale.ROOT, "%.0f MiB", Files.size(p) / (double) MiB);
    }

    private static long du(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    /**
     * About 1 GiB: 40,000 small text files (~200 MiB, configs, logs, JSON) in 400 folders, 4 x 64
     * MiB of random bytes (media, encrypted blobs), 4 x 128 MiB of compressible log and JSON lines.
     */
    static void generate(Path data) throws IOException {
        String[] words = ("the quick brown fox jumps over lazy dog server request response user admin error warn info"
                        + " debug config value true false null id name email created updated status ok failed retry"
                        + " database table index query select insert update delete where from join order group limit")
                .split(" ");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int d = 0; d < 400; d++) {
            Path dir = data.resolve("small/d" + (d / 20) + "/s" + d);
            Files.createDirectories(dir);
            for (int f = 0; f < 100; f++) {
                int size = 512 + rnd.nextInt(9 * 1024);
                Files.write(
                        dir.resolve("f" + f + (f % 3 == 0 ? ".json" : f % 3 == 1 ? ".yml" : ".log")),
                        text(rnd, words, size));
            }
        }
        Files.createDirectories(data.resolve("random"));
        byte[] block = new byte[(int) MiB];
        Random r = new Random(11);
        for (int i = 0; i < 4; i++) {
            try (OutputStream out = Files.newOutputStream(data.resolve("random/blob" + i + ".bin"))) {
                for (int k = 0; k < 64; k++) {
                    r.nextBytes(block);
                    out.write(block);
                }
            }
        }
        Files.createDirectories(data.resolve("logs"));
        for (int i = 0; i < 4; i++) {
            try (OutputStream out = Files.newOutputStream(data.resolve("logs/app" + i + ".log"))) {
                for (int k = 0; k < 128; k++) {
                    out.write(text(rnd, words, (int) MiB));
                }
            }
        }
    }

    private static byte[] text(SplittableRandom rnd, String[] words, int size) {
        StringBuilder b = new StringBuilder(size + 100);
        long ts = 1_700_000_000_000L + rnd.nextInt(1_000_000);
        while (b.length() < size) {
            ts += rnd.nextInt(5000);
            b.append("2025-01-01T")
                    .append(ts % 86_400_000)
                    .append(" ")
                    .append(words[rnd.nextInt(words.length)].toUpperCase(Locale.ROOT))
                    .append(" {\"id\":")
                    .append(rnd.nextInt(100000))
                    .append(",\"msg\":\"");
            int n = 3 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                b.append(words[rnd.nextInt(words.length)]).append(' ');
            }
            b.append("\"}\n");
        }
        return b.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
