package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSpaceTest {
    @TempDir
    Path tmp;

    final ComposeLoader loader = new ComposeLoader();

    /** The demo 1.1.0 as an install, with a data folder and a run's own state that a backup leaves out. */
    Install demo() throws Exception {
        Path dir = tmp.resolve("demo");
        UpgradePlannerTest.copy(UpgradePlannerTest.RELEASES.resolve("1.1.0"), dir);
        UpgradePlannerTest.copy(UpgradePlannerTest.RELEASES.resolve("1.1.0"), Install.pristineDir(dir));
        Files.writeString(
                dir.resolve(".env"),
                Files.readString(dir.resolve(".env.example")).replace("DB_PASSWORD=", "DB_PASSWORD=pw-0123456789"));
        InstallHistory.append(dir, new InstallHistory.Entry("1.1.0", "install", Instant.now(), "r0", "demo"));
        Files.createDirectories(dir.resolve("data"));
        Files.write(dir.resolve("data/upload.bin"), new byte[300_000]);
        Files.createDirectories(dir.resolve(".berth/runs"));
        Files.write(dir.resolve(".berth/runs/old-run.json"), new byte[500_000]);
        return new InstallInspector(loader).inspect(dir);
    }

    @Test
    void theEstimateCountsFilesDataFoldersAndVolumesTheWayTheBackupTakesThem() throws Exception {
        Install install = demo();
        FakeRuntime runtime = new FakeRuntime() {
            @Override
            public List<String> volumes(Project project) {
                return List.of("demo_pgdata", "demo_cache");
            }

            @Override
            public Map<String, Long> volumeSizes() {
                return Map.of("demo_pgdata", 40_000_000L, "other_volume", 9_000_000_000L);
            }
        };

        BackupSpace.Estimate e = BackupSpace.estimate(runtime, loader, install.project(), install.dir());

        assertThat(e.dataFolders()).as("DATA_DIR=./data").isEqualTo(300_000);
        assertThat(e.files())
                .as("the install's files without the data folder and without .berth/runs")
                .isPositive()
                .isLessThan(300_000);
        assertThat(e.volumes())
                .as("only the project's volumes the engine sized")
                .isEqualTo(40_000_000);
        assertThat(e.unmeasured()).extracting(Text::english).containsExactly("volume demo_cache");
        long sum = e.files() + e.dataFolders() + e.volumes();
        assertThat(e.needed()).isEqualTo(sum + sum / 10 + (16L << 20));
    }

    @Test
    void aBackupThatCannotFitIsRefusedAtPlanTimeWithWhatItNeedsAndWhatIsFree() throws Exception {
        Install install = demo();
        FakeRuntime runtime = new FakeRuntime() {
            @Override
            public List<String> volumes(Project project) {
                return List.of("demo_pgdata");
            }

            @Override
            public Map<String, Long> volumeSizes() {
                return Map.of("demo_pgdata", Long.MAX_VALUE / 4); // larger than any disk
            }
        };
        Path folder = tmp.resolve("backups");

        var r = new Engine(runtime, loader, p -> null, "test", CrashPoints.none()).planBackup(install, folder);

        assertThat(r.plan().refused()).isTrue();
        assertThat(r.plan().checks())
                .filteredOn(c -> c.name().equals("space"))
                .singleElement()
                .satisfies(c -> assertThat(c.message().english())
                        .startsWith("Not enough free space: the backup needs about ")
                        .contains("volumes ")
                        .contains(folder + " (on ")
                        .contains("Nothing was changed and nothing was stopped")
                        .contains("berth backup --out DIR"));
        assertThat(folder).as("nothing written").doesNotExist();
    }

    @Test
    void bytesAreShownAsPeopleReadThem() {
        assertThat(BackupSpace.human(12)).isEqualTo("12 bytes");
        assertThat(BackupSpace.human(256 * 1024)).isEqualTo("256 KB");
        assertThat(BackupSpace.human(1536L << 20)).isEqualTo("1.5 GB");
    }
}
