package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every archive that is damaged, lying or unsafe is refused, and the target folder stays as it was. */
class BackupRefusalTest {
    @TempDir
    Path tmp;

    Path target;
    Map<String, String> targetBefore;

    @BeforeEach
    void targetWithOneFile() throws Exception {
        target = tmp.resolve("target");
        Trees.write(target.resolve("keep.txt"), "existing content");
        targetBefore = Trees.describe(target);
    }

    private Path goodArchive() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = tmp.resolve("b/good.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    private BackupException refused(Path archive, ExpectedApp expected) throws Exception {
        Throwable t = null;
        try {
            BackupReader.restore(
                    archive,
                    expected,
                    RestoreSpec.nothing().withFiles(target).withDatabases(tmp.resolve("dumps")),
                    ProgressListener.NONE,
                    () -> false);
        } catch (BackupException e) {
            t = e;
        }
        assertThat(t).as("restore of " + archive + " must be refused").isInstanceOf(BackupException.class);
        assertThat(Trees.describe(target)).as("target folder after the refusal").isEqualTo(targetBefore);
        assertThat(tmp.resolve("dumps")).doesNotExist();
        BackupException e = (BackupException) t;
        assertThat(e.isRefusal()).as(e.getMessage()).isTrue();
        return e;
    }

    @Test
    void aCorruptByteInTheMiddleIsRefusedAsDamaged() throws Exception {
        Path archive = goodArchive();
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT);
        assertThat(e.getMessage()).contains("is damaged").contains("use another backup");
    }

    @Test
    void aTruncatedArchiveIsRefusedAsIncomplete() throws Exception {
        Path archive = goodArchive();
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() * 6 / 10);
        }
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.TRUNCATED);
        assertThat(e.getMessage()).contains("is incomplete");
    }

    @Test
    void anArchiveCutJustBeforeItsLastBytesIsRefused() throws Exception {
        Path archive = goodArchive();
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() - 3);
        }
        assertThat(refused(archive, ExpectedApp.ANY).kind()).isEqualTo(BackupException.Kind.TRUNCATED);
    }

    @Test
    void aSidecarThatDisagreesWithTheArchiveIsRefused() throws Exception {
        Path archive = goodArchive();
        Path sidecar = BackupWriter.sidecarOf(archive);
        Files.writeString(sidecar, Files.readString(sidecar).replace("\"version\":\"1.0\"", "\"version\":\"9.9\""));
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.SIDECAR_MISMATCH);
        assertThat(e.getMessage())
                .contains("does not match the manifest inside")
                .contains("delete the sidecar");
    }

    @Test
    void anEntryWhoseContentDoesNotMatchItsHashIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file("files/app.conf", "tampered content")
                .editManifest(l -> replaceSha(l, "files/app.conf", Crafted.sha("original".getBytes())))
                .write(tmp.resolve("b/tampered.berth"), true);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.TAMPERED);
        assertThat(e.getMessage()).contains("files/app.conf").contains("SHA-256 differs");
    }

    @Test
    void anEntryTheManifestDoesNotListIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file("files/a", "a")
                .file("files/smuggled", "b")
                .editManifest(l -> l.stream()
                        .filter(r -> !r.path().equals("files/smuggled"))
                        .toList())
                .write(tmp.resolve("b/smuggled.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.TAMPERED);
        assertThat(e.getMessage()).contains("files/smuggled");
    }

    @Test
    void aDotDotEntryIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file("files/../../escaped.txt", "x")
                .write(tmp.resolve("b/dotdot.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("..");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anAbsoluteEntryIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .file(tmp.resolve("absolute.txt").toString(), "x")
                .write(tmp.resolve("b/absolute.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("absolute path");
        assertThat(tmp.resolve("absolute.txt")).doesNotExist();
    }

    @Test
    void aSymlinkPointingOutsideIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .symlink("files/etc", "../../../etc")
                .write(tmp.resolve("b/symlink.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("points outside");
    }

    @Test
    void anAbsoluteSymlinkIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .symlink("files/passwd", "/etc/passwd")
                .write(tmp.resolve("b/abs-symlink.berth"), false);
        assertThat(refused(archive, ExpectedApp.ANY).kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
    }

    @Test
    void aSymlinkThatEscapesThroughAnotherSymlinkIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .dir("files/a")
                .symlink("files/a/up", "..")
                .symlink("files/a/out", "up/../x")
                .write(tmp.resolve("b/chained.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("files/a/out");
    }

    @Test
    void anEntryBelowASymlinkIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .symlink("files/sub", ".")
                .file("files/sub/x", "written through a link")
                .write(tmp.resolve("b/below-link.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("lies below");
    }

    @Test
    void aHardLinkToOutsideIsRefused() throws Exception {
        Path archive = new Crafted()
                .dir("files")
                .hardlink("files/shadow", "../../etc/shadow")
                .write(tmp.resolve("b/hardlink.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("hard link");
    }

    @Test
    void aHardLinkIntoAnotherSectionIsRefused() throws Exception {
        Path archive = new Crafted()
                .mount("db", "/srv/db")
                .dir("files")
                .dir("data/db")
                .file("data/db/secret", "s")
                .hardlink("files/copy", "data/db/secret")
                .write(tmp.resolve("b/cross.berth"), false);
        assertThat(refused(archive, ExpectedApp.ANY).kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
    }

    @Test
    void aDeviceEntryIsRefused() throws Exception {
        Path archive = new Crafted().dir("files").device("files/null").write(tmp.resolve("b/device.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("device file");
    }

    @Test
    void aFifoEntryIsRefused() throws Exception {
        Path archive = new Crafted().dir("files").fifo("files/pipe").write(tmp.resolve("b/fifo.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.UNSAFE_ENTRY);
        assertThat(e.getMessage()).contains("fifo");
    }

    @Test
    void anArchiveFromANewerFormatAsksToUpdateBerth() throws Exception {
        Path archive = new Crafted().formatVersion(2).dir("files").write(tmp.resolve("b/newer.berth"), false);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isEqualTo(BackupException.Kind.NEWER_FORMAT);
        assertThat(e.getMessage()).contains("made by a newer Berth").contains("Update Berth to restore it");
    }

    @Test
    void anotherAppsBackupIsRefusedWhenTheCallerSaysWhichAppItExpects() throws Exception {
        Path archive = new Crafted().app("nextcloud").dir("files").write(tmp.resolve("b/other.berth"), true);
        BackupException e = refused(archive, ExpectedApp.of("mattermost"));
        assertThat(e.kind()).isEqualTo(BackupException.Kind.OTHER_APP);
        assertThat(e.getMessage()).contains("is of nextcloud, not of mattermost");
        assertThat(BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false)
                        .manifest()
                        .app())
                .isEqualTo("nextcloud");
    }

    @Test
    void aFileThatIsNotABackupIsRefused() throws Exception {
        Path notBackup = tmp.resolve("b/random.berth");
        Trees.write(notBackup, "just some text that is long enough");
        assertThat(refused(notBackup, ExpectedApp.ANY).kind()).isEqualTo(BackupException.Kind.NOT_A_BACKUP);
    }

    @Test
    void entriesAppendedAfterTheManifestAreRefused() throws Exception {
        Path archive = goodArchive();
        // a second zstd frame holding more tar data: zstd decodes frames one after another
        Path extra = tmp.resolve("extra.tar.zst");
        Path extraDir = tmp.resolve("extra");
        Trees.write(extraDir.resolve("files/late.txt"), "appended");
        Process p = new ProcessBuilder(
                        "sh", "-c", "tar -C '" + extraDir + "' -cf - files/late.txt | zstd -q -c > '" + extra + "'")
                .start();
        assertThat(p.waitFor()).isZero();
        Files.write(archive, Files.readAllBytes(extra), java.nio.file.StandardOpenOption.APPEND);
        BackupException e = refused(archive, ExpectedApp.ANY);
        assertThat(e.kind()).isIn(BackupException.Kind.TAMPERED, BackupException.Kind.CORRUPT);
    }

    private static List<EntryRecord> replaceSha(List<EntryRecord> l, String path, String sha) {
        List<EntryRecord> out = new ArrayList<>();
        for (EntryRecord r : l) {
            out.add(
                    r.path().equals(path)
                            ? new EntryRecord(
                                    r.path(), r.type(), r.size(), r.mode(), r.uid(), r.gid(), r.mtime(), sha, r.link())
                            : r);
        }
        return out;
    }
}
