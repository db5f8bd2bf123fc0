package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures while writing leave nothing behind and say what happened; progress and modes are right. */
class BackupWriterFailureTest {
    @TempDir
    Path tmp;

    private static BackupInfo info() {
        return BackupInfo.now("demo", "1", "demo", "/srv/demo");
    }

    private Path randomTree(int files, int size) throws IOException {
        Path src = tmp.resolve("src");
        Random r = new Random(5);
        for (int i = 0; i < files; i++) {
            byte[] b = new byte[size];
            r.nextBytes(b);
            Path f = src.resolve("d" + (i % 3) + "/f" + i + ".bin");
            Files.createDirectories(f.getParent());
            Files.write(f, b);
        }
        return src;
    }

    /** Mounts a 2 MiB tmpfs: a real full disk. Needs root, as in CI; fails (never skips) otherwise. */
    private Path smallDisk() throws Exception {
        Path mnt = tmp.resolve("small-disk");
        Files.createDirectories(mnt);
        if (!Trees.isRoot()) {
            fail("The disk-full tests mount a 2 MiB tmpfs, which needs root (CI runs as root). Run the tests as root,"
                    + " e.g. sudo bash .ci/run.");
        }
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            fail("Cannot mount a tmpfs for the disk-full test (" + out.trim() + "); the test needs root with"
                    + " CAP_SYS_ADMIN, as CI has.");
        }
        return mnt;
    }

    private static void unmount(Path mnt) throws Exception {
        new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskRemovesThePartialArchiveAndSaysHowMuchIsMissing() throws Exception {
        Path src = randomTree(8, 1024 * 1024);
        Path mnt = smallDisk();
        try {
            assertThatThrownBy(() -> {
                        try (BackupWriter w = BackupWriter.open(
                                mnt.resolve("app.berth"), info(), ProgressListener.NONE, () -> false)) {
                            w.addDirectory("files", src, EntryFilter.ALL);
                            w.finish();
                        }
                    })
                    .isInstanceOfSatisfying(BackupException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackupException.Kind.DISK_FULL);
                        Matcher m = Pattern.compile("Backup failed: the disk holding " + Pattern.quote(mnt.toString())
                                        + " is full \\(needs about (\\d+) MB more\\)\\. The partial archive was removed;"
                                        + " nothing else changed\\.")
                                .matcher(e.getMessage());
                        assertThat(m.matches()).as(e.getMessage()).isTrue();
                        // 8 MiB of random data does not compress: about 6 MB more than the 2 MiB disk
                        assertThat(Integer.parseInt(m.group(1))).isBetween(4, 10);
                    });
            assertThat(Trees.listing(mnt)).containsExactly("");
        } finally {
            unmount(mnt);
        }
    }

    @Test
    void aFullDiskDuringARestoreSaysWhatIsPartial() throws Exception {
        Path src = randomTree(4, 1024 * 1024);
        Path archive = tmp.resolve("b/app.berth");
        try (BackupWriter w = BackupWriter.open(archive, info(), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        Path mnt = smallDisk();
        try {
            assertThatThrownBy(() -> BackupReader.restore(
                            vb,
                            RestoreSpec.nothing().withFiles(mnt.resolve("app")),
                            ProgressListener.NONE,
                            () -> false))
                    .isInstanceOfSatisfying(BackupException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BackupException.Kind.DISK_FULL);
                        assertThat(e.getMessage())
                                .startsWith("Restore failed: the disk is full")
                                .contains("These targets hold a partial restore: " + mnt.resolve("app"));
                    });
        } finally {
            unmount(mnt);
        }
    }

    @Test
    void cancellingRemovesThePartialArchive() throws Exception {
        Path src = randomTree(30, 64 * 1024);
        Path dir = tmp.resolve("b");
        AtomicBoolean cancel = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (BackupWriter w = BackupWriter.open(
                            dir.resolve("app.berth"),
                            info(),
                            (done, total, entry) -> {
                                seen.add(entry);
                                if (seen.size() == 5) {
                                    cancel.set(true);
                                }
                            },
                            cancel::get)) {
                        w.addDirectory("files", src, EntryFilter.ALL);
                        w.finish();
                    }
                })
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.CANCELLED);
                    assertThat(e.getMessage())
                            .isEqualTo("Backup cancelled. The partial archive was removed; nothing else changed.");
                });
        assertThat(Trees.listing(dir)).containsExactly("");
        assertThat(seen.size()).isLessThan(10);
    }

    @Test
    void progressCountsContentBytesUpToTheTotalOfThePreScan() throws Exception {
        Path src = randomTree(12, 100_000);
        List<long[]> calls = new ArrayList<>();
        try (BackupWriter w = BackupWriter.open(
                tmp.resolve("b/app.berth"),
                info(),
                (done, total, entry) -> calls.add(new long[] {done, total}),
                () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        assertThat(calls).isNotEmpty();
        long last = 0;
        for (long[] c : calls) {
            assertThat(c[0]).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(c[1]);
            assertThat(c[1]).isEqualTo(1_200_000);
            last = c[0];
        }
        assertThat(calls.getLast()).containsExactly(1_200_000, 1_200_000);
    }

    @Test
    void aStreamOfUnknownLengthMakesTheTotalIndeterminateWhileItIsRead() throws Exception {
        List<long[]> calls = new ArrayList<>();
        try (BackupWriter w = BackupWriter.open(
                tmp.resolve("b/app.berth"),
                info(),
                (done, total, entry) -> calls.add(new long[] {done, total}),
                () -> false)) {
            w.addDatabaseDump("db", "sql", new ByteArrayInputStream(new byte[20_000_000]), -1);
            w.finish();
        }
        assertThat(calls.getLast()).containsExactly(20_000_000, 20_000_000);
    }

    @Test
    void theArchiveIsPrivateFromItsFirstByteAndTheSidecarToo() throws Exception {
        Path src = randomTree(20, 200_000);
        Path dir = tmp.resolve("b");
        List<String> modes = new ArrayList<>();
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(
                dir.resolve("app.berth"),
                info(),
                (done, total, entry) -> {
                    try (Stream<Path> s = Files.list(dir)) {
                        for (Path p : s.toList()) {
                            modes.add(p.getFileName() + " "
                                    + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                },
                () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            r = w.finish();
        }
        assertThat(modes).allSatisfy(m -> assertThat(m).endsWith(" rw-------"));
        assertThat(modes).anySatisfy(m -> assertThat(m).startsWith(".app.berth.berth-tmp-"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(r.sidecar())))
                .isEqualTo("rw-------");
        assertThat(Trees.listing(dir)).containsExactlyInAnyOrder("", "app.berth", "app.berth.json");
    }

    @Test
    void anExistingArchiveIsNeverOverwritten() throws Exception {
        Path existing = tmp.resolve("b/app.berth");
        Trees.write(existing, "an older backup");
        assertThatThrownBy(() -> BackupWriter.open(existing, info(), ProgressListener.NONE, () -> false))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("exists already");
        assertThat(existing).hasContent("an older backup");
    }

    @Test
    void aStreamShorterThanAnnouncedFailsTheBackup() throws Exception {
        Path dir = tmp.resolve("b");
        assertThatThrownBy(() -> {
                    try (BackupWriter w =
                            BackupWriter.open(dir.resolve("app.berth"), info(), ProgressListener.NONE, () -> false)) {
                        w.addStream("files/.env", new ByteArrayInputStream("A=1\n".getBytes()), 100);
                    }
                })
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.SOURCE);
                    assertThat(e.getMessage())
                            .contains("96 of 100 bytes missing")
                            .endsWith("nothing else changed.");
                });
        assertThat(Trees.listing(dir)).containsExactly("");
    }

    @Test
    void aMissingSourceFolderFailsTheBackup() throws Exception {
        assertThatThrownBy(() -> {
                    try (BackupWriter w =
                            BackupWriter.open(tmp.resolve("b/app.berth"), info(), ProgressListener.NONE, () -> false)) {
                        w.addDirectory("files", tmp.resolve("nope"), EntryFilter.ALL);
                    }
                })
                .isInstanceOfSatisfying(
                        BackupException.class, e -> assertThat(e.getMessage()).contains("does not exist"));
    }

    @Test
    void fifosAreSkippedAndEscapingSymlinksAreReportedWhenTheBackupIsWritten() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src.resolve("a.txt"), "a");
        Process p = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).start();
        assertThat(p.waitFor()).isZero();
        Files.createSymbolicLink(src.resolve("etc"), Path.of("/etc"));
        BackupResult r;
        try (BackupWriter w =
                BackupWriter.open(tmp.resolve("b/app.berth"), info(), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            r = w.finish();
        }
        assertThat(r.warnings())
                .anySatisfy(s -> assertThat(s).contains("pipe").contains("fifo cannot be backed up"))
                .anySatisfy(s -> assertThat(s).contains("A restore will refuse this backup: symlink \"files/etc\""));
    }
}
