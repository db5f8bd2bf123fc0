package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass restore of an archive not verified before: staged beside the target, moved in when sound. */
class StagedRestoreTest {
    @TempDir
    Path tmp;

    private Path backupOf(Path src) throws Exception {
        Path archive = tmp.resolve("b/app.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRestoreIntoAMissingFolderGivesTheSameTreeAsTheSource() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = backupOf(src);
        Path target = tmp.resolve("t/app");
        Files.createDirectories(target.getParent());
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withFiles(target)))
                .isTrue();

        BackupReader.restore(
                archive, ExpectedApp.ANY, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false);

        assertThat(Trees.describe(target)).isEqualTo(Trees.describe(src));
        assertThat(names(target.getParent())).containsExactly("app");
    }

    @Test
    void aRestoreIntoAFolderThatHoldsFilesMergesAndReplaces() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Trees.write(src.resolve("conf/app.yaml"), "from the backup\n");
        Path archive = backupOf(src);
        Path target = tmp.resolve("t");
        Trees.write(target.resolve("keep.txt"), "not in the backup\n");
        Trees.write(target.resolve("conf/app.yaml"), "older\n");
        Trees.write(target.resolve("conf/local.yaml"), "also kept\n");

        BackupReader.restore(
                archive, ExpectedApp.ANY, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false);

        assertThat(Files.readString(target.resolve("conf/app.yaml"))).isEqualTo("from the backup\n");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("not in the backup\n");
        assertThat(Files.readString(target.resolve("conf/local.yaml"))).isEqualTo("also kept\n");
        Map<String, String> restored = new TreeMap<>(Trees.describe(target));
        restored.keySet().removeAll(List.of("keep.txt", "conf/local.yaml"));
        Map<String, String> expected = new TreeMap<>(Trees.describe(src));
        // the merged folders get the backup's mode, owner and time too
        assertThat(restored).isEqualTo(expected);
        assertThat(names(tmp)).allMatch(n -> !n.contains("berth-restore"));
    }

    @Test
    void aDamagedArchiveLeavesTheTargetAndItsFolderAsTheyWere() throws Exception {
        Path src = tmp.resolve("src");
        for (int i = 0; i < 40; i++) {
            Trees.write(src.resolve("d" + (i % 4) + "/f" + i), ("content " + i + "\n").repeat(5000));
        }
        Path archive = backupOf(src);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() * 3 / 4;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        Path parent = tmp.resolve("apps");
        Path target = parent.resolve("app");
        Trees.write(target.resolve("keep.txt"), "existing\n");
        Map<String, String> before = Trees.describe(parent);

        assertThatThrownBy(() -> BackupReader.restore(
                        archive,
                        ExpectedApp.ANY,
                        RestoreSpec.nothing().withFiles(target),
                        ProgressListener.NONE,
                        () -> false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.isRefusal()).as(e.getMessage()).isTrue());

        assertThat(names(parent)).containsExactly("app");
        assertThat(Trees.describe(target)).isEqualTo(Map.copyOf(subtree(before, "app")));
    }

    @Test
    void targetsOnAnotherFileSystemOrBehindASymlinkAreRestoredInTwoPasses() throws Exception {
        Path install = tmp.resolve("install");
        Files.createDirectories(install.resolve("real"));
        Files.createSymbolicLink(install.resolve("linked"), Path.of("real"));
        assertThat(StagedRestore.applicable(
                        RestoreSpec.nothing().withFiles(install).withMount("m1", install.resolve("linked/data"))))
                .isFalse();
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withFiles(Path.of("/proc/self"))))
                .isFalse();
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withVolumes(name -> null)))
                .isFalse();
    }

    /** The engine's layout: a data folder and the dumps' folder inside the install, one outside. */
    private Path installBackup(Path install, Path outside) throws Exception {
        Trees.makeRichTree(install);
        Trees.write(install.resolve("data/uploads/a.txt"), "an upload\n");
        Trees.write(install.resolve("data/db/base.dat"), "rows\n".repeat(1000));
        Trees.write(outside.resolve("media/cover.png"), "not really a png\n");
        Path archive = tmp.resolve("b/app.berth");
        try (BackupWriter w = BackupWriter.open(
                archive,
                BackupInfo.now("demo", "1.0", "demo", install.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", install, EntryFilter.excluding(List.of("data")));
            w.addMount(
                    new MountRecord("m1", install.resolve("data").toString(), "data", "DATA_DIR"),
                    install.resolve("data"),
                    EntryFilter.ALL);
            w.addMount(new MountRecord("m2", outside.toString(), "", "MEDIA_DIR"), outside, EntryFilter.ALL);
            w.addDatabaseDump("db", "pg_dump-custom", new java.io.ByteArrayInputStream("dump".getBytes()), 4);
            w.finish();
        }
        return archive;
    }

    @Test
    void dataFoldersInsideTheInstallAreStagedInsideItsStagingFolderAndRestoredInOnePass() throws Exception {
        Path src = tmp.resolve("src/app");
        Path srcOutside = tmp.resolve("src/media");
        Path archive = installBackup(src, srcOutside);
        Path install = tmp.resolve("apps/app");
        Path outside = tmp.resolve("apps/media");
        Path dumps = install.resolve(".berth/runs/r1/work");
        Files.createDirectories(dumps);
        Trees.write(install.resolve("data/uploads/old.txt"), "kept: the restore merges\n");
        RestoreSpec spec = RestoreSpec.nothing()
                .withFiles(install)
                .withMount("m1", install.resolve("data"))
                .withMount("m2", outside)
                .withDatabases(dumps);
        assertThat(BackupReader.canStage(spec)).isTrue();

        try (StagedBackup staged =
                BackupReader.stage(archive, ExpectedApp.ANY, spec, ProgressListener.NONE, () -> false)) {
            // verified and staged, nothing moved yet: the targets are as they were
            assertThat(staged.backup().manifest().mounts()).hasSize(2);
            assertThat(install.resolve("docker-compose.yml")).doesNotExist();
            assertThat(outside).doesNotExist();
            assertThat(names(tmp.resolve("apps")))
                    .anyMatch(n -> n.startsWith(".app.berth-restore-"))
                    .anyMatch(n -> n.startsWith(".media.berth-restore-"))
                    .hasSize(3);
            staged.moveIntoPlace();
        }

        Map<String, String> restored = new TreeMap<>(Trees.describe(install));
        restored.keySet().removeIf(k -> k.startsWith("data") || k.startsWith(".berth") || k.equals("."));
        Map<String, String> expected = new TreeMap<>(Trees.describe(src));
        expected.keySet().removeIf(k -> k.startsWith("data") || k.equals("."));
        assertThat(restored).isEqualTo(expected);
        assertThat(Files.readString(install.resolve("data/uploads/a.txt"))).isEqualTo("an upload\n");
        assertThat(Files.readString(install.resolve("data/uploads/old.txt"))).startsWith("kept");
        assertThat(Files.readString(install.resolve("data/db/base.dat"))).hasSize(5000);
        assertThat(Trees.describe(outside)).isEqualTo(Trees.describe(srcOutside));
        assertThat(Files.readString(dumps.resolve("db.pg_dump-custom"))).isEqualTo("dump");
        assertThat(names(tmp.resolve("apps"))).containsExactly("app", "media");
    }

    @Test
    void aDamagedArchiveWithNestedTargetsChangesNothingAndLeavesNoStagingFolder() throws Exception {
        Path archive = installBackup(tmp.resolve("src/app"), tmp.resolve("src/media"));
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() * 2 / 3;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        Path apps = tmp.resolve("apps");
        Path install = apps.resolve("app");
        Trees.write(install.resolve("docker-compose.yml"), "services: {}\n");
        Trees.write(install.resolve("data/uploads/old.txt"), "current\n");
        Trees.write(apps.resolve("media/x"), "current\n");
        Map<String, String> before = new TreeMap<>(Trees.describe(apps));
        before.remove("."); // the parent's own mtime: the staging folders came and went in it
        RestoreSpec spec = RestoreSpec.nothing()
                .withFiles(install)
                .withMount("m1", install.resolve("data"))
                .withMount("m2", apps.resolve("media"));

        assertThatThrownBy(() -> BackupReader.stage(archive, ExpectedApp.ANY, spec, ProgressListener.NONE, () -> false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.isRefusal()).as(e.getMessage()).isTrue());

        Map<String, String> after = new TreeMap<>(Trees.describe(apps));
        after.remove(".");
        assertThat(after).isEqualTo(before);
        assertThat(names(apps)).containsExactly("app", "media");
    }

    @Test
    void closingAStagedRestoreWithoutMovingItRemovesTheStagingFolders() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = backupOf(src);
        Path target = tmp.resolve("t/app");
        Files.createDirectories(target.getParent());

        try (StagedBackup staged = BackupReader.stage(
                archive,
                ExpectedApp.ANY,
                RestoreSpec.nothing().withFiles(target),
                ProgressListener.NONE,
                () -> false)) {
            assertThat(names(target.getParent())).singleElement().asString().startsWith(".app.berth-restore-");
        }

        assertThat(names(target.getParent())).isEmpty();
    }

    @Test
    void leftoversOfAnInterruptedStagingAreFoundByTheirTargetsName() throws Exception {
        Path parent = tmp.resolve("apps");
        Files.createDirectories(parent.resolve(".app.berth-restore-3f2a9c/conf"));
        Files.createDirectories(parent.resolve(".app.berth-restore-not-hex"));
        Files.createDirectories(parent.resolve(".other.berth-restore-3f2a9c"));
        Files.createDirectories(parent.resolve("app/data"));

        List<Path> removed = BackupReader.removeLeftoverStaging(
                RestoreSpec.nothing().withFiles(parent.resolve("app")).withMount("m1", parent.resolve("app/data")));

        assertThat(removed).containsExactly(parent.resolve(".app.berth-restore-3f2a9c"));
        assertThat(names(parent)).containsExactly(".app.berth-restore-not-hex", ".other.berth-restore-3f2a9c", "app");
    }

    private static Map<String, String> subtree(Map<String, String> all, String root) {
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.equals(root)) {
                out.put(".", v);
            } else if (k.startsWith(root + "/")) {
                out.put(k.substring(root.length() + 1), v);
            }
        });
        return out;
    }
}
