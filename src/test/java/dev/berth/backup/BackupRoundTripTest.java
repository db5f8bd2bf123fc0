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
}
