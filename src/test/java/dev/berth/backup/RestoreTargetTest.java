package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restore does to targets that already hold something, and where it puts each section. */
class RestoreTargetTest {
    @TempDir
    Path tmp;

    private VerifiedBackup backupOf(Path install, Path dataDir) throws Exception {
        Path archive = tmp.resolve("b/app.berth");
        try (BackupWriter w = BackupWriter.open(
                archive,
                BackupInfo.now("demo", "3.1", "demo", install.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", install, EntryFilter.only(List.of("docker-compose.yml", ".env", "config")));
            w.addMount(
                    new MountRecord(
                            "db",
                            dataDir.toString(),
                            install.relativize(dataDir).toString(),
                            "DB_DATA"),
                    EntryFilter.ALL);
            w.finish();
        }
        return BackupReader.verify(archive, ExpectedApp.of("demo"), ProgressListener.NONE, () -> false);
    }

    private Path install() throws Exception {
        Path install = tmp.resolve("install");
        Trees.write(install.resolve("docker-compose.yml"), "services: {}\n");
        Trees.write(install.resolve(".env"), "DB_DATA=./volumes/db\n");
        Trees.write(install.resolve("config/app.yml"), "a: 1\n");
        Trees.write(install.resolve("not-config.log"), "left out by the filter");
        Trees.write(install.resolve("volumes/db/pg/PG_VERSION"), "16\n");
        return install;
    }

    @Test
    void theFilterKeepsOnlyTheConfigFiles() throws Exception {
        Path install = install();
        VerifiedBackup vb = backupOf(install, install.resolve("volumes/db"));
        assertThat(vb.manifest().entries().stream().map(EntryRecord::path))
                .contains("files/docker-compose.yml", "files/.env", "files/config/app.yml", "data/db/pg/PG_VERSION")
                .doesNotContain("files/not-config.log", "files/volumes");
    }

    @Test
    void overwritesListsTheExistingFilesARestoreWouldReplace() throws Exception {
        Path install = install();
        VerifiedBackup vb = backupOf(install, install.resolve("volumes/db"));
        Path target = tmp.resolve("target");
        Trees.write(target.resolve(".env"), "changed since");
        Trees.write(target.resolve("config/other.yml"), "not in the backup");
        Trees.write(target.resolve("unrelated.txt"), "stays");
        RestoreSpec spec = RestoreSpec.nothing().withFiles(target);
        assertThat(BackupReader.overwrites(vb.manifest(), spec)).containsExactly(target.resolve(".env"));

        BackupReader.restore(vb, spec, ProgressListener.NONE, () -> false);
        assertThat(target.resolve(".env")).hasContent("DB_DATA=./volumes/db\n");
        assertThat(target.resolve("config/other.yml")).hasContent("not in the backup");
        assertThat(target.resolve("unrelated.txt")).hasContent("stays");
    }

    @Test
    void aFolderWhereTheBackupHasAFileRefusesTheRestoreBeforeWritingAnything() throws Exception {
        Path install = install();
        VerifiedBackup vb = backupOf(install, install.resolve("volumes/db"));
        Path target = tmp.resolve("target");
        Files.createDirectories(target.resolve(".env/inside"));
        Map<String, String> before = Trees.describe(target);
        assertThatThrownBy(() -> BackupReader.restore(
                        vb, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false))
                .isInstanceOfSatisfying(BackupException.class, e -> {
                    assertThat(e.kind()).isEqualTo(BackupException.Kind.TARGET_CONFLICT);
                    assertThat(e.getMessage()).contains(".env is a folder").contains("before writing anything");
                });
        assertThat(Trees.describe(target)).isEqualTo(before);
    }

    @Test
    void aSymlinkInTheTargetIsReplacedNeverWrittenThrough() throws Exception {
        Path install = install();
        VerifiedBackup vb = backupOf(install, install.resolve("volumes/db"));
        Path target = tmp.resolve("target");
        Path outside = tmp.resolve("outside");
        Trees.write(outside.resolve("app.yml"), "must not be touched");
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("config"), outside);
        Files.createSymbolicLink(target.resolve("docker-compose.yml"), outside.resolve("app.yml"));
        RestoreSpec spec = RestoreSpec.nothing().withFiles(target);
        assertThat(BackupReader.overwrites(vb.manifest(), spec))
                .containsExactly(target.resolve("config"), target.resolve("docker-compose.yml"));

        BackupReader.restore(vb, spec, ProgressListener.NONE, () -> false);
        assertThat(outside.resolve("app.yml")).hasContent("must not be touched");
        assertThat(Files.isSymbolicLink(target.resolve("config"))).isFalse();
        assertThat(target.resolve("config/app.yml")).hasContent("a: 1\n");
        assertThat(Files.isSymbolicLink(target.resolve("docker-compose.yml"))).isFalse();
    }

    @Test
    void aSymlinkOnTheWayToAnEntryWithoutItsOwnFolderEntryIsAConflict() throws Exception {
        Path archive = new Crafted().dir("files").file("files/sub/x.txt", "x").write(tmp.resolve("b/c.berth"), false);
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        Path target = tmp.resolve("target");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(outside);
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("sub"), outside);
        assertThatThrownBy(() -> BackupReader.restore(
                        vb, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.kind()).isEqualTo(BackupException.Kind.TARGET_CONFLICT));
        assertThat(Trees.listing(outside)).containsExactly("");
    }

    @Test
    void relocatedRestorePutsMountsInsideTheInstallUnderTheNewFolder() throws Exception {
        Path install = install();
        Path outsideData = tmp.resolve("srv-data");
        Trees.write(outsideData.resolve("blob"), "outside the install");
        Path archive = tmp.resolve("b/two-mounts.berth");
        try (BackupWriter w = BackupWriter.open(
                archive,
                BackupInfo.now("demo", "3.1", "demo", install.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", install, EntryFilter.only(List.of("docker-compose.yml", ".env")));
            w.addMount(
                    new MountRecord("db", install.resolve("volumes/db").toString(), "volumes/db", "DB_DATA"),
                    EntryFilter.ALL);
            w.addMount(new MountRecord("blobs", outsideData.toString(), null, "BLOB_DIR"), EntryFilter.ALL);
            w.finish();
        }
        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        Path newInstall = tmp.resolve("new-install");
        Path newBlobs = tmp.resolve("new-blobs");

        assertThatThrownBy(() -> RestoreSpec.relocated(vb.manifest(), newInstall, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blobs (" + outsideData + ")");

        RestoreSpec spec = RestoreSpec.relocated(vb.manifest(), newInstall, Map.of(outsideData, newBlobs));
        BackupReader.restore(vb, spec, ProgressListener.NONE, () -> false);
        assertThat(newInstall.resolve("volumes/db/pg/PG_VERSION")).hasContent("16\n");
        assertThat(newInstall.resolve(".env")).hasContent("DB_DATA=./volumes/db\n");
        assertThat(newBlobs.resolve("blob")).hasContent("outside the install");
    }

    @Test
    void volumesGoToTheirSinksAndDumpsToTheirFolderInOnePass() throws Exception {
        Path vol = tmp.resolve("vols/app_data/_data");
        Trees.write(vol.resolve("uploads/a.png"), "png bytes");
        Trees.write(vol.resolve("uploads/b.png"), "more png bytes");
        Files.createLink(vol.resolve("uploads/b-link.png"), vol.resolve("uploads/b.png"));
        Path vol2 = tmp.resolve("vols/cache/_data");
        Trees.write(vol2.resolve("c.bin"), "cache");
        byte[] bigDump = new byte[9 * 1024 * 1024 + 5]; // more than the in-memory spool holds
        new java.util.Random(3).nextBytes(bigDump);
        Path archive = tmp.resolve("b/vols.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1", "demo", "/srv/demo"), ProgressListener.NONE, () -> false)) {
            try (var t = TwoPhaseBackupTest.dockerStyleTar(vol)) {
                w.addVolume("app_data", t, 1);
            }
            try (var t = TwoPhaseBackupTest.gnuTar(vol2)) {
                w.addVolume("cache", t, 0);
            }
            w.addDatabaseDump("db", "dump", new java.io.ByteArrayInputStream(bigDump), -1);
            w.finish();
        }
        assertThat(Trees.listing(tmp.resolve("b"))).containsExactlyInAnyOrder("", "vols.berth", "vols.berth.json");

        VerifiedBackup vb = BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false);
        Map<String, ByteArrayOutputStream> sinks = new HashMap<>();
        Path dumps = tmp.resolve("dumps");
        RestoreSpec spec = RestoreSpec.nothing().withDatabases(dumps).withVolumes(name -> {
            if (name.equals("cache")) {
                return null; // skipped
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            sinks.put(name, b);
            return (OutputStream) b;
        });
        RestoreReport report = BackupReader.restore(vb, spec, ProgressListener.NONE, () -> false);
        assertThat(sinks).containsOnlyKeys("app_data");
        assertThat(Files.readAllBytes(dumps.resolve("db.dump"))).isEqualTo(bigDump);
        assertThat(Files.getPosixFilePermissions(dumps.resolve("db.dump")))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(report.bytes()).isEqualTo(bigDump.length + "png bytes".length() + "more png bytes".length());

        Path extracted = tmp.resolve("x");
        Files.createDirectories(extracted);
        Process p = new ProcessBuilder("tar", "-C", extracted.toString(), "--numeric-owner", "-xpf", "-").start();
        p.getOutputStream().write(sinks.get("app_data").toByteArray());
        p.getOutputStream().close();
        assertThat(p.waitFor()).isZero();
        assertThat(Trees.describe(extracted)).isEqualTo(Trees.describe(vol));
        assertThat(Files.getAttribute(extracted.resolve("uploads/b-link.png"), "unix:nlink", LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(2);
    }
}
