package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.MountRecord;
import dev.berth.backup.ProgressListener;
import dev.berth.config.compose.ComposeLoader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestorePlannerTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final RestorePlanner planner = new RestorePlanner(runtime, new ComposeLoader());

    /** An install whose port and outside data folder come from .env, backed up with Berth's writer. */
    private Path backup(int port) throws IOException {
        Path install = tmp.resolve("app");
        Path data = tmp.resolve("outside-data");
        Files.createDirectories(install);
        Files.createDirectories(data);
        Files.writeString(data.resolve("upload.txt"), "a user's file\n");
        Files.writeString(install.resolve("docker-compose.yml"), """
                services:
                  web:
                    image: example/web:1.0
                    ports:
                      - "127.0.0.1:${WEB_PORT}:8080"
                    volumes:
                      - ${DATA_DIR}:/data
                """);
        Files.writeString(install.resolve(".env"), "WEB_PORT=" + port + "\nDATA_DIR=" + data + "\n");
        new InstallRecord(
                        "shop",
                        java.util.List.of("docker-compose.yml"),
                        java.util.List.of(".env"),
                        java.util.List.of(),
                        "shop-app",
                        "")
                .write(install);
        Path archive = tmp.resolve("backups").resolve("shop.berth");
        try (BackupWriter w = BackupWriter.open(
                archive,
                BackupInfo.now("shop-app", "1.0", "shop", install.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", install, ArchiveBackupSteps.filesFilter(java.util.List.of()));
            w.addMount(new MountRecord("m1", data.toString(), "", "DATA_DIR"), EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    private RestorePlanner.Options options(OptionalInt offset) {
        return new RestorePlanner.Options(Optional.of("shop-copy"), offset, Map.of(), tmp.resolve("safety"));
    }

    @Test
    void aNewFolderGetsItsOwnProjectPortAndDataFolder() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
            Path archive = backup(port);
            Path target = tmp.resolve("copy");

            RestorePlanner.Result r = planner.plan(archive, target, options(OptionalInt.empty()));

            assertThat(r.plan().refused()).as(r.plan().checks().toString()).isFalse();
            assertThat(r.plan().kind()).isEqualTo(Plan.Kind.RESTORE);
            assertThat(r.plan().freshTarget()).isTrue();
            assertThat(r.plan().project()).isEqualTo("shop-copy");
            assertThat(r.plan().fileHashes()).containsKey(archive.toString());
            PlanStep.RestoreData restore =
                    (PlanStep.RestoreData) r.plan().steps().getFirst();
            assertThat(restore.placement().newFolder()).isTrue();
            assertThat(restore.placement().project()).isEqualTo("shop-copy");
            assertThat(restore.placement().mounts())
                    .containsEntry("m1", target.resolve("outside-data").toString());
            assertThat(restore.placement().env())
                    .containsEntry("DATA_DIR", target.resolve("outside-data").toString())
                    .containsKey("WEB_PORT");
            assertThat(Integer.parseInt(restore.placement().env().get("WEB_PORT")))
                    .as("the port the original holds is not taken again")
                    .isNotEqualTo(port);
            assertThat(r.plan().steps())
                    .extracting(PlanStep::id)
                    .containsExactly("restore", "start", "verify", "record");
            assertThat(r.plan().steps().get(2))
                    .isInstanceOfSatisfying(
                            PlanStep.Verify.class,
                            v -> assertThat(v.probes()).contains(new PlanStep.HealthProbe.ServiceHealthy("web")));
        }
    }

    @Test
    void aSecretGivenWithSetIsKeptOutOfThePlanInAPrivateFile() throws Exception {
        Path archive = backup(45678);
        Path target = tmp.resolve("copy");
        String secret = "s3cret-" + Long.toHexString(System.nanoTime());

        RestorePlanner.Result r = planner.plan(
                archive,
                target,
                new RestorePlanner.Options(
                        Optional.of("shop-copy"),
                        OptionalInt.of(100),
                        Map.of("API_TOKEN", secret, "GREETING", "hello"),
                        tmp.resolve("safety")));

        assertThat(r.plan().refused()).as(r.plan().checks().toString()).isFalse();
        PlanStep.RestoreData restore = (PlanStep.RestoreData) r.plan().steps().getFirst();
        assertThat(restore.placement().env()).containsEntry("GREETING", "hello").doesNotContainKey("API_TOKEN");
        assertThat(Journal.JSON.writeValueAsString(r.plan()))
                .as("the plan as the journal and the events hold it")
                .doesNotContain(secret);
        Path kept = Path.of(restore.placement().secretsFile());
        assertThat(kept).startsWith(target.resolve(".berth/staging")).hasFileName(".env");
        assertThat(Files.readString(kept)).contains("API_TOKEN=" + secret);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                .isEqualTo("rw-------");
    }

    @Test
    void aRestoreThatCannotFitIsRefusedWithWhatItNeedsAndWhatIsFree() throws Exception {
        Path archive = backup(45679);
        // More content than any disk of the test machine has free: a sparse file of 1 PB is refused by
        // most file systems, so the "needed" side is raised through the margin instead: the check itself.
        Plan.Check c = BackupSpace.check(
                "space",
                BackupSpace.Written.RESTORE,
                Long.MAX_VALUE / 4,
                Text.plain("a test"),
                tmp.resolve("copy"),
                Text.plain("try elsewhere"));
        assertThat(c.status()).isEqualTo(Plan.Check.Status.FAIL);
        assertThat(c.message().english())
                .startsWith("Not enough free space: the restore needs about ")
                .contains(tmp.resolve("copy").toString())
                .contains(" free. Nothing was changed and nothing was stopped. Free at least ")
                .endsWith("or try elsewhere.");
        RestorePlanner.Result r = planner.plan(archive, tmp.resolve("copy"), options(OptionalInt.of(100)));
        assertThat(r.plan().checks())
                .filteredOn(k -> k.name().equals("space"))
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.status()).isEqualTo(Plan.Check.Status.OK);
                    assertThat(k.message().english())
                            .startsWith("The restore needs about 16.0 MB; ")
                            .contains(" free.");
                });
    }

    @Test
    void aPortOffsetMovesEveryPublishedPortByThatMuch() throws Exception {
        Path archive = backup(41000);
        RestorePlanner.Result r = planner.plan(archive, tmp.resolve("copy"), options(OptionalInt.of(100)));
        assertThat(r.plan().refused()).as(r.plan().checks().toString()).isFalse();
        PlanStep.RestoreData restore = (PlanStep.RestoreData) r.plan().steps().getFirst();
        assertThat(restore.placement().env()).containsEntry("WEB_PORT", "41100");
    }

    @Test
    void aTamperedArchiveIsRefusedBeforeAnythingIsAskedOrCreated() throws Exception {
        Path archive = backup(41000);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x20);
        }
        Path target = tmp.resolve("copy");

        RestorePlanner.Result r = planner.plan(archive, target, options(OptionalInt.empty()));

        assertThat(r.plan().refused()).isTrue();
        assertThat(r.plan().steps()).isEmpty();
        assertThat(r.plan().checks())
                .filteredOn(c -> c.status() == Plan.Check.Status.FAIL)
                .extracting(Plan.Check::name)
                .containsExactly("archive");
        assertThat(target).doesNotExist();
        assertThat(runtime.calls).isEmpty();
    }

    @Test
    void theProjectOfTheOriginalIsRefusedForANewFolder() throws Exception {
        Path archive = backup(41000);
        RestorePlanner.Result r = planner.plan(
                archive,
                tmp.resolve("copy"),
                new RestorePlanner.Options(Optional.of("shop"), OptionalInt.empty(), Map.of(), tmp.resolve("s")));
        assertThat(r.plan().refused()).isTrue();
        assertThat(r.plan().checks())
                .filteredOn(c -> c.status() == Plan.Check.Status.FAIL)
                .extracting(Plan.Check::message)
                .singleElement()
                .asString()
                .contains("--project");
    }

    @Test
    void aNonEmptyFolderThatIsNoInstallIsRefused() throws Exception {
        Path archive = backup(41000);
        Path target = tmp.resolve("busy");
        Files.createDirectories(target);
        Files.writeString(target.resolve("notes.txt"), "mine");
        RestorePlanner.Result r = planner.plan(archive, target, options(OptionalInt.empty()));
        assertThat(r.plan().refused()).isTrue();
        assertThat(Files.readString(target.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void theInstallItWasMadeOfIsRestoredInPlaceAfterASafetyBackup() throws Exception {
        Path archive = backup(41000);
        RestorePlanner.Result r = planner.plan(archive, tmp.resolve("app"), options(OptionalInt.empty()));
        assertThat(r.plan().refused()).as(r.plan().checks().toString()).isFalse();
        assertThat(r.plan().freshTarget()).isFalse();
        assertThat(r.plan().project()).isEqualTo("shop");
        assertThat(r.plan().steps())
                .extracting(PlanStep::id)
                .containsExactly("backup-hot", "backup-final", "restore", "start", "verify", "record");
        assertThat(r.overwritten()).anyMatch(o -> o.contains("set aside first"));
        PlanStep.RestoreData restore = (PlanStep.RestoreData) r.plan().steps().get(2);
        assertThat(restore.placement().newFolder()).isFalse();
    }
}
