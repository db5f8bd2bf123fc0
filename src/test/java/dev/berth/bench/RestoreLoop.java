package dev.berth.bench;

import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.ProgressListener;
import dev.berth.backup.RestoreSpec;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Restores one archive (verify + restore in one pass) several times into a fresh folder, for a
 * profile of the restore alone: {@code java -XX:StartFlightRecording=... dev.berth.bench.RestoreLoop
 * ARCHIVE OUT_DIR [TIMES [DATA_DIR]]}; a missing ARCHIVE is made of DATA_DIR first. Prints wall
 * time and the process's CPU time per restore.
 */
public final class RestoreLoop {
    private RestoreLoop() {}

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int times = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(archive)) {
            try (BackupWriter w = BackupWriter.open(
                    archive, BackupInfo.now("bench", "1", "bench", args[3]), ProgressListener.NONE, () -> false)) {
                w.addDirectory("files", Path.of(args[3]), EntryFilter.ALL);
                w.finish();
            }
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < times; i++) {
            Path target = out.resolve("r" + i);
            long cpu = os.getProcessCpuTime();
            long t = System.nanoTime();
            BackupReader.restore(
                    archive,
                    ExpectedApp.ANY,
                    RestoreSpec.nothing().withFiles(target),
                    ProgressListener.NONE,
                    () -> false);
            System.out.printf(
                    Locale.ROOT,
                    "restore %d: %.2f s wall, %.2f s CPU%n",
                    i + 1,
                    (System.nanoTime() - t) / 1e9,
                    (os.getProcessCpuTime() - cpu) / 1e9);
            deleteTree(target);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
