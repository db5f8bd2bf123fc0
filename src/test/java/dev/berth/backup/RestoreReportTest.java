package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restore reports about owners it could not keep, and how it stops when cancelled. */
class RestoreReportTest {
    @TempDir
    Path tmp;

    @Test
    void ownersThatCannotBeKeptAreReportedWithACount() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file("files/a.txt", "a")
                .file("files/b.txt", "b")
                .write(tmp.resolve("b/owned.berth"), false);
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        // as if Berth ran as uid 1000: the archived owner (uid 0) cannot be given away
        Extractor asUser = new Extractor(
                vb,
                RestoreSpec.nothing().withFiles(tmp.resolve("t")),
                ProgressListener.NONE,
                () -> false,
                new Ownership(1000, 1000));
        RestoreReport r = asUser.run();
        assertThat(r.ownershipNotes())
                .containsExactly("3 entries belong to uid 0, gid 0 in the backup but now to you (uid 1000, gid 1000):"
                        + " only root may give files away. Restore as root to keep the owners.");
        assertThat(tmp.resolve("t/a.txt")).hasContent("a");
    }

    @Test
    void asRootArchivedOwnersAreKept() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src.resolve("app.db"), "rows");
        Files.setAttribute(src.resolve("app.db"), "unix:uid", 999, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(src.resolve("app.db"), "unix:gid", 998, LinkOption.NOFOLLOW_LINKS);
        Path archive = tmp.resolve("b/root.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        RestoreReport r = new Extractor(
                        vb,
                        RestoreSpec.nothing().withFiles(tmp.resolve("t")),
                        ProgressListener.NONE,
                        () -> false,
                        new Ownership(0, 0))
                .run();
        assertThat(r.ownershipNotes()).isEmpty();
        assertThat(Files.getAttribute(tmp.resolve("t/app.db"), "unix:uid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(999);
        assertThat(Files.getAttribute(tmp.resolve("t/app.db"), "unix:gid", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(998);
    }

    @Test
    void cancellingARestoreStopsAndSaysWhatIsPartial() throws Exception {
        Path src = tmp.resolve("src");
        Random rnd = new Random(9);
        for (int i = 0; i < 40; i++) {
            byte[] b = new byte[100_000];
            rnd.nextBytes(b);
            Files.createDirectories(src);
            Files.write(src.resolve("f" + i), b);
        }
        Path archive = tmp.resolve("b/c.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        AtomicInteger calls = new AtomicInteger();
        Path target = tmp.resolve("t");
        assertThatThrownBy(() -> BackupReader.restore(
                        vb,
                        RestoreSpec.nothing().withFiles(target),
                        (done, total, entry) -> calls.incrementAndGet(),
                        () -> calls.get() >= 5))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CANCELLED);
                    assertThat(e.getMessage()).contains("These targets hold a partial restore: " + target);
                });
        assertThat(Trees.listing(target).size()).isBetween(2, 10);
    }

    @Test
    void restoreProgressEndsAtTheContentSize() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file("files/a.txt", "12345")
                .file("files/b.txt", "1234567890")
                .write(tmp.resolve("b/p.berth"), false);
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        long[] last = new long[2];
        BackupReader.restore(
                vb,
                RestoreSpec.nothing().withFiles(tmp.resolve("t")),
                (done, total, entry) -> {
                    assertThat(done).isLessThanOrEqualTo(total);
                    last[0] = done;
                    last[1] = total;
                },
                () -> false);
        assertThat(last).containsExactly(15, 15);
    }
}
