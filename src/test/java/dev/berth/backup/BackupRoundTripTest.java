package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupRoundTripTest {
    @TempDir
    Path tmp;

    private static BackupInfo info(Path install) {
        return BackupInfo.now("demo", "1.2.3", "demo", install.toString());
    }

    @Test
    void restoredTreeIsByteIdenticalWithModesOwnersAndTimes() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Map<String, String> before = Trees.describe(src);
        Path archive = tmp.resolve("backups/demo.berth");
        BackupResult result;
        try (BackupWriter w = BackupWriter.open(archive, info(src), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.beginPhase2();
            w.addDirectory("files", src, EntryFilter.ALL);
            result = w.finish();
        }
        assertThat(result.phase2Entries()).isZero();
        assertThat(Files.size(archive)).isLessThan(4L * 1024 * 1024 + 200_000);

        Path target = tmp.resolve("restored");
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.of("demo"), ProgressListener.NONE, () -> false);
        RestoreReport report =
                BackupReader.restore(vb, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false);

        assertThat(Trees.describe(target)).isEqualTo(before);
        assertThat(report.ownershipNotes()).isEmpty();
        assertThat(Trees.allocatedBytes(target.resolve("sparse.img"))).isLessThan(1024 * 1024);
    }

    @Test
    void filesAroundTheBufferSizesAndManySmallFilesRoundTripThroughBothRestores() throws Exception {
        // small files packed many to a read-ahead batch (more than one batch of messages), files on
        // and around its 256 KiB buffer size, empty ones, and data that spans the decoder's 1 MiB buffers
        Path src = tmp.resolve("src");
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        int chunk = ReadAhead.CHUNK;
        int[] edges = {0, 1, chunk - 1, chunk, chunk + 1, 3 * chunk + 5, 2 * 1024 * 1024 + 3};
        Map<String, String> sha = new java.util.HashMap<>();
        for (int i = 0; i < 700; i++) {
            int size = i % 100 == 0 ? edges[(i / 100) % edges.length] : r.nextInt(9000);
            byte[] data = new byte[size];
            r.nextBytes(data);
            String rel = "d" + (i / 50) + "/f" + i;
            Files.createDirectories(src.resolve(rel).getParent());
            Files.write(src.resolve(rel), data);
            sha.put(
                    "files/" + rel,
                    java.util.HexFormat.of().formatHex(Sha256.newDigest().digest(data)));
        }
        Map<String, String> before = Trees.describe(src);
        Path archive = tmp.resolve("backups/many.berth");
        BackupResult result;
        try (BackupWriter w = BackupWriter.open(archive, info(src), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            result = w.finish();
        }
        for (EntryRecord e : result.manifest().entries()) {
            if (e.type() == EntryType.FILE) {
                assertThat(e.sha256()).as(e.path()).isEqualTo(sha.get(e.path()));
            }
        }

        Path onePass = tmp.resolve("one-pass");
        BackupReader.restore(
                archive,
                ExpectedApp.of("demo"),
                RestoreSpec.nothing().withFiles(onePass),
                ProgressListener.NONE,
                () -> false);
        assertThat(Trees.describe(onePass)).isEqualTo(before);

        Path verified = tmp.resolve("verified");
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.of("demo"), ProgressListener.NONE, () -> false);
        BackupReader.restore(vb, RestoreSpec.nothing().withFiles(verified), ProgressListener.NONE, () -> false);
        assertThat(Trees.describe(verified)).isEqualTo(before);
    }
}
