package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phase 2 appends only what changed, records deletions, and a restore gives the phase-2 state. */
class TwoPhaseBackupTest {
    @TempDir
    Path tmp;

    private static final FileTime OLD = FileTime.from(Instant.parse("2024-05-06T07:08:09.123456Z"));

    private static BackupInfo info(Path install) {
        return BackupInfo.now("demo", "2.0", "demo", install.toString());
    }

    /** A tree whose timestamps lie well before the backup, as an app's files usually do. */
    private static void oldTree(Path root) throws IOException {
        Trees.write(root.resolve("unchanged.txt"), "stays the same");
        Trees.write(root.resolve("modified.txt"), "version 1");
        Trees.write(root.resolve("same-size.txt"), "AAAA");
        Trees.write(root.resolve("deleted.txt"), "goes away");
        Trees.write(root.resolve("gone-dir/inner.txt"), "whole folder goes away");
        Trees.write(root.resolve("becomes-dir"), "a file that turns into a folder");
        Trees.write(root.resolve("dir/nested.txt"), "nested");
        Files.createSymbolicLink(root.resolve("link"), Path.of("unchanged.txt"));
        try (var s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setLastModifiedTime(p, OLD);
                }
            }
        }
    }

    private static void changeBetweenPhases(Path root) throws IOException {
        Files.writeString(root.resolve("modified.txt"), "version 2, longer");
        // same size and mtime put back: only ctime tells
        Files.writeString(root.resolve("same-size.txt"), "BBBB");
        Files.setLastModifiedTime(root.resolve("same-size.txt"), OLD);
        Files.delete(root.resolve("deleted.txt"));
        Files.delete(root.resolve("gone-dir/inner.txt"));
        Files.delete(root.resolve("gone-dir"));
        Files.delete(root.resolve("becomes-dir"));
        Trees.write(root.resolve("becomes-dir/child.txt"), "now a folder");
        Trees.write(root.resolve("added.txt"), "new in phase 2");
        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("added.txt"));
    }

    @Test
    void phaseTwoAppendsOnlyChangesAndTheRestoreMatchesThePhaseTwoState() throws Exception {
        Path src = tmp.resolve("src");
        oldTree(src);
        Path archive = tmp.resolve("b/two-phase.berth");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(archive, info(src), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            changeBetweenPhases(src);
            w.beginPhase2();
            w.addDirectory("files", src, EntryFilter.ALL);
            r = w.finish();
        }
        Map<String, String> expected = Trees.describe(src);

        // root folder (mtime changed), modified, same-size, becomes-dir + child, added, link
        assertThat(r.phase2Entries()).isEqualTo(7);
        assertThat(r.phase2Deleted()).isEqualTo(3); // deleted.txt, gone-dir, gone-dir/inner.txt
        assertThat(r.manifest().deleted())
                .containsExactly("files/deleted.txt", "files/gone-dir", "files/gone-dir/inner.txt");

        Path target = tmp.resolve("restored");
        BackupReader.restore(
                archive,
                ExpectedApp.of("demo"),
                RestoreSpec.nothing().withFiles(target),
                ProgressListener.NONE,
                () -> false);
        assertThat(Trees.describe(target)).isEqualTo(expected);
        assertThat(target.resolve("deleted.txt")).doesNotExist();
    }

    @Test
    void aFileRewrittenInTheSameInstantIsCaughtByItsHash() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src.resolve("busy.db"), "page 1");
        Path archive = tmp.resolve("b/racy.berth");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(archive, info(src), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.beginPhase2();
            w.addDirectory("files", src, EntryFilter.ALL);
            r = w.finish();
        }
        // written just now: racy, so phase 2 re-hashed it and found it unchanged
        assertThat(r.phase2Entries()).isZero();
    }

    @Test
    void tarStreamsFromDockerAreComparedByHeaderAndHash() throws Exception {
        Path vol = tmp.resolve("vol/_data");
        oldTree(vol);
        Path archive = tmp.resolve("b/volume.berth");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(archive, info(tmp), ProgressListener.NONE, () -> false)) {
            try (InputStream tar = dockerStyleTar(vol)) {
                w.addVolume("demo_data", tar, 1);
            }
            changeBetweenPhases(vol);
            w.beginPhase2();
            try (InputStream tar = dockerStyleTar(vol)) {
                w.addVolume("demo_data", tar, 1);
            }
            r = w.finish();
        }
        // GNU tar --format=posix carries ctime, so even same-size.txt (same size and mtime) is caught
        assertThat(r.manifest().deleted())
                .containsExactly(
                        "volumes/demo_data/deleted.txt",
                        "volumes/demo_data/gone-dir",
                        "volumes/demo_data/gone-dir/inner.txt");
        assertThat(r.phase2Entries()).isEqualTo(7);

        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupReader.writeVolumeTar(vb, "demo_data", out, ProgressListener.NONE, () -> false);
        Path extracted = tmp.resolve("extracted");
        Files.createDirectories(extracted);
        Process p = new ProcessBuilder("tar", "-C", extracted.toString(), "--numeric-owner", "-xpf", "-").start();
        p.getOutputStream().write(out.toByteArray());
        p.getOutputStream().close();
        assertThat(p.waitFor())
                .as(new String(p.getErrorStream().readAllBytes()))
                .isZero();

        assertThat(Trees.describe(extracted)).isEqualTo(Trees.describe(vol));
    }

    /** What Docker's archive API returns for a folder: names start with the folder's own name. */
    static InputStream dockerStyleTar(Path dir) throws IOException {
        Process p = new ProcessBuilder(
                        "tar",
                        "--format=posix",
                        "-C",
                        dir.getParent().toString(),
                        "-cf",
                        "-",
                        dir.getFileName().toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        return p.getInputStream();
    }

    @Test
    void withoutCtimeInTheStreamRecentlyWrittenFilesAreRehashed() throws Exception {
        Path vol = tmp.resolve("vol2/_data");
        Trees.write(vol.resolve("fresh.txt"), "AAAA");
        Trees.write(vol.resolve("untouched.txt"), "same");
        Path archive = tmp.resolve("b/gnu.berth");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(archive, info(tmp), ProgressListener.NONE, () -> false)) {
            try (InputStream tar = gnuTar(vol)) {
                w.addVolume("v", tar, 0);
            }
            // same size, and GNU tar keeps whole seconds only: the header often looks unchanged
            Files.writeString(vol.resolve("fresh.txt"), "BBBB");
            w.beginPhase2();
            try (InputStream tar = gnuTar(vol)) {
                w.addVolume("v", tar, 0);
            }
            r = w.finish();
        }
        // both files are racy (written within 2 s of phase 1): re-hashed when their headers match;
        // only fresh.txt changed
        assertThat(r.phase2Entries()).isEqualTo(1);
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupReader.copyEntry(vb, "volumes/v/fresh.txt", out);
        assertThat(out.toString()).isEqualTo("BBBB");
    }

    /** GNU format: second-resolution mtime, no ctime, names starting with "./". */
    static InputStream gnuTar(Path dir) throws IOException {
        return new ProcessBuilder("tar", "--format=gnu", "-C", dir.toString(), "-cf", "-", ".")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start()
                .getInputStream();
    }

    @Test
    void aMountReadAsATarStreamAppendsOnlyChangesInPhaseTwo() throws Exception {
        // A server's data folder (or one Berth may not read) comes from a helper container's tar;
        // phase 2 must compare with phase 1's entries, not store the whole folder again.
        Path data = tmp.resolve("server/data");
        oldTree(data);
        MountRecord mount = new MountRecord("m1", data.toString(), "data", null);
        Path archive = tmp.resolve("b/mount-stream.berth");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(archive, info(tmp), ProgressListener.NONE, () -> false)) {
            w.recordMount(mount);
            try (InputStream tar = dockerStyleTar(data)) {
                w.addTarStream("data/m1", tar, 1);
            }
            Files.writeString(data.resolve("modified.txt"), "version 2, longer");
            w.beginPhase2();
            w.recordMount(mount);
            try (InputStream tar = dockerStyleTar(data)) {
                w.addTarStream("data/m1", tar, 1);
            }
            r = w.finish();
        }
        assertThat(r.phase2Entries()).isEqualTo(1);
        assertThat(r.phase2Deleted()).isZero();
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        assertThat(vb.manifest().mount("m1").orElseThrow()).isEqualTo(mount);
        Path restored = tmp.resolve("restored/data");
        BackupReader.restore(vb, RestoreSpec.nothing().withMount("m1", restored), ProgressListener.NONE, () -> false);
        assertThat(Trees.describe(restored)).isEqualTo(Trees.describe(data));
    }

    @Test
    void sourcesNotAddedAgainInPhaseTwoKeepTheirPhaseOneState() throws Exception {
        Path conf = tmp.resolve("conf");
        Trees.write(conf.resolve("a.yml"), "a: 1");
        Path data = tmp.resolve("data");
        Trees.write(data.resolve("db.bin"), "rows");
        Path archive = tmp.resolve("b/partial.berth");
        List<String> paths = new ArrayList<>();
        try (BackupWriter w = BackupWriter.open(archive, info(conf), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", conf, EntryFilter.ALL);
            w.addMount(new MountRecord("db", data.toString(), null, "DB_DIR"), EntryFilter.ALL);
            w.beginPhase2();
            Files.writeString(data.resolve("db.bin"), "rows and more rows");
            w.addMount(new MountRecord("db", data.toString(), null, "DB_DIR"), EntryFilter.ALL);
            w.addDatabaseDump("db", "sql", new java.io.ByteArrayInputStream("CREATE TABLE t;".getBytes()), -1);
            w.finish().manifest().entries().forEach(e -> paths.add(e.path()));
        }
        assertThat(paths).contains("files/a.yml", "data/db/db.bin", "databases/db.sql");
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        BackupReader.copyEntry(vb, "databases/db.sql", dump);
        assertThat(dump.toString()).isEqualTo("CREATE TABLE t;");
        Path newData = tmp.resolve("elsewhere/db");
        BackupReader.restore(vb, RestoreSpec.nothing().withMount("db", newData), ProgressListener.NONE, () -> false);
        assertThat(newData.resolve("db.bin")).hasContent("rows and more rows");
        assertThat(vb.manifest().mount("db").orElseThrow().envVariable()).isEqualTo("DB_DIR");
    }
}
