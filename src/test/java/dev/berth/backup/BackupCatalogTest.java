package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
    @TempDir
    Path tmp;

    private static Instant day(int d) {
        return Instant.parse("2026-03-%02dT10:00:00Z".formatted(d));
    }

    private Path backup(String dir, String name, String install, int day) throws Exception {
        return TestBackups.write(tmp.resolve(dir).resolve(name), "demo", "1." + day, "demo", install, day(day));
    }

    @Test
    void listingReadsSidecarsOrHeadersNewestFirstAcrossInstallFolders() throws Exception {
        backup("backups/a", "one.berth", "/srv/a", 1);
        Path two = backup("backups/b", "two.berth", "/srv/b", 3);
        Path three = backup("backups", "three.berth", "/srv/a", 2);
        Files.delete(BackupWriter.sidecarOf(three)); // listing falls back to the archive's header
        Trees.write(tmp.resolve("backups/a/.one.berth.berth-tmp-1234"), "a backup being written");

        List<BackupListing> l = new BackupCatalog(tmp.resolve("backups")).list();
        assertThat(l)
                .extracting(x -> x.file().getFileName().toString())
                .containsExactly("two.berth", "three.berth", "one.berth");
        BackupListing first = l.getFirst();
        assertThat(first.file()).isEqualTo(two.toAbsolutePath());
        assertThat(first.app()).isEqualTo("demo");
        assertThat(first.version()).isEqualTo("1.3");
        assertThat(first.install()).isEqualTo("/srv/b");
        assertThat(first.created()).isEqualTo(day(3));
        assertThat(first.size()).isEqualTo(Files.size(two));
        assertThat(first.verified()).isFalse();
        assertThat(l.get(1).version()).isEqualTo("1.2");
    }

    @Test
    void aMissingFolderHasNoBackups() throws Exception {
        assertThat(new BackupCatalog(tmp.resolve("nope")).list()).isEmpty();
    }

    @Test
    void anUnreadableBackupIsListedWithItsProblem() throws Exception {
        Trees.write(tmp.resolve("backups/broken.berth"), "not a backup at all");
        BackupListing l = new BackupCatalog(tmp.resolve("backups")).list().getFirst();
        assertThat(l.problem()).contains("is not a Berth backup");
        assertThat(l.app()).isNull();
    }

    @Test
    void theVerifiedMarkHoldsUntilTheFileChanges() throws Exception {
        Path b = backup("backups", "x.berth", "/srv/a", 1);
        Files.delete(BackupWriter.sidecarOf(b));
        TestBackups.markVerified(b);
        assertThat(BackupCatalog.isVerified(b)).isTrue();
        assertThat(BackupWriter.sidecarOf(b))
                .as("markVerified rewrites a missing sidecar")
                .exists();
        assertThat(new BackupCatalog(tmp.resolve("backups")).list().getFirst().verified())
                .isTrue();

        Files.write(b, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertThat(BackupCatalog.isVerified(b)).isFalse();
    }

    @Test
    void retentionKeepsTheLastNPerInstallAndTheNewestVerifiedOne() throws Exception {
        Path a1 = backup("backups/a", "a1.berth", "/srv/a", 1);
        backup("backups/a", "a2.berth", "/srv/a", 2);
        Path a3 = backup("backups/a", "a3.berth", "/srv/a", 3);
        backup("backups/a", "a4.berth", "/srv/a", 4);
        backup("backups/a", "a5.berth", "/srv/a", 5);
        Path b1 = backup("backups/b", "b1.berth", "/srv/b", 1);
        backup("backups/b", "b2.berth", "/srv/b", 2);
        TestBackups.markVerified(a1);
        TestBackups.markVerified(a3);
        BackupCatalog catalog = new BackupCatalog(tmp.resolve("backups"));

        List<BackupListing> plan = catalog.retentionPlan(2);
        // install a keeps a5, a4 (newest two) and a3 (newest verified); a1 is verified but older
        assertThat(plan)
                .extracting(x -> x.file().getFileName().toString())
                .containsExactlyInAnyOrder("a2.berth", "a1.berth");

        assertThat(catalog.applyRetention(2)).hasSize(2);
        assertThat(a1).doesNotExist();
        assertThat(BackupWriter.sidecarOf(a1)).doesNotExist();
        assertThat(BackupCatalog.markOf(a1)).doesNotExist();
        assertThat(a3).exists();
        assertThat(b1).exists();
        assertThat(catalog.list()).hasSize(5);
    }

    @Test
    void theNewestBackupIsKeptEvenWithKeepOne() throws Exception {
        backup("backups", "old.berth", "/srv/a", 1);
        backup("backups", "new.berth", "/srv/a", 2);
        assertThat(new BackupCatalog(tmp.resolve("backups")).retentionPlan(1))
                .extracting(x -> x.file().getFileName().toString())
                .containsExactly("old.berth");
    }

    @Test
    void leftoversOfInterruptedBackupsAreRemovedOnceIdle() throws Exception {
        Path backups = tmp.resolve("backups");
        Path stale = backups.resolve("a/.x.berth.berth-tmp-0123abcd");
        Path spool = backups.resolve("a/.berth-spool-4567");
        Path running = backups.resolve("a/.y.berth.berth-tmp-89ef");
        Path kept = backup("backups/a", "z.berth", "/srv/a", 1);
        for (Path p : List.of(stale, spool, running)) {
            Trees.write(p, "partial");
        }
        java.nio.file.attribute.FileTime old =
                java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(7200));
        Files.setLastModifiedTime(stale, old);
        Files.setLastModifiedTime(spool, old);
        Files.setLastModifiedTime(kept, old);

        assertThat(new BackupCatalog(backups).removeAbandoned(java.time.Duration.ofHours(1)))
                .containsExactlyInAnyOrder(stale, spool);
        assertThat(running).exists();
        assertThat(kept).exists();
    }

    @Test
    void aBackupOfTheFolderThatHoldsItSkipsItself() throws Exception {
        Path src = tmp.resolve("install");
        Trees.write(src.resolve("docker-compose.yml"), "services: {}");
        BackupResult r;
        try (BackupWriter w = BackupWriter.open(
                src.resolve("backups/self.berth"),
                BackupInfo.now("demo", "1", "demo", src.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            r = w.finish();
        }
        assertThat(r.manifest().entries())
                .extracting(EntryRecord::path)
                .containsExactly("files", "files/backups", "files/docker-compose.yml");
        assertThat(r.warnings()).anySatisfy(s -> assertThat(s).contains("it is this backup being written"));
    }

    @Test
    void fileNamesCarryAppVersionAndUtcTime() {
        BackupInfo info = new BackupInfo("mattermost", "10.5.2+ent", "mm", "/srv/mm", day(7), "h");
        assertThat(BackupCatalog.fileName(info)).isEqualTo("mattermost-10.5.2_ent-20260307-100000.berth");
    }

    @Test
    void theDefaultFolderComesFromTheSettingsElseTheDataFolder() {
        AppDirs linux = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", "/home/u"));
        assertThat(BackupFolders.defaultRoot(linux, Settings.DEFAULTS))
                .isEqualTo(Path.of("/home/u/.local/share/berth/backups"));
        AppDirs xdg = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", "/home/u", "XDG_DATA_HOME", "/data/u"));
        assertThat(BackupFolders.defaultRoot(xdg, Settings.DEFAULTS)).isEqualTo(Path.of("/data/u/berth/backups"));
        AppDirs mac = new AppDirs(AppDirs.Os.MACOS, Map.of("HOME", "/Users/u"));
        assertThat(BackupFolders.defaultRoot(mac, Settings.DEFAULTS))
                .isEqualTo(Path.of("/Users/u/Library/Application Support/Berth/backups"));
        Settings custom = new Settings(
                Settings.DEFAULTS.dockerHost(),
                "/mnt/nas/berth",
                Settings.DEFAULTS.backupsToKeep(),
                Settings.DEFAULTS.language(),
                Settings.DEFAULTS.theme(),
                Settings.DEFAULTS.scanFolders(),
                Settings.DEFAULTS.imageMirrors());
        assertThat(BackupFolders.defaultRoot(linux, custom)).isEqualTo(Path.of("/mnt/nas/berth"));
        assertThat(BackupFolders.forInstall(Path.of("/b"), "mm-1")).isEqualTo(Path.of("/b/mm-1"));
    }
}
