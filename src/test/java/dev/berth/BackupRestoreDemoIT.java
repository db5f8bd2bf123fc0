package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupCatalog;
import dev.berth.backup.BackupListing;
import dev.berth.backup.BackupReader;
import dev.berth.backup.ExpectedApp;
import dev.berth.config.env.EnvParser;
import dev.berth.engine.BackupPlanner;
import dev.berth.engine.Cancellation;
import dev.berth.engine.Engine;
import dev.berth.engine.FileHashes;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.InstallPlanner;
import dev.berth.engine.InstallRecord;
import dev.berth.engine.Plan;
import dev.berth.engine.RestorePlanner;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunReport;
import dev.berth.engine.RunStatus;
import dev.berth.release.Release;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore on the real Docker engine with the demo app: a consistent backup while it
 * runs, a restore into a new folder that runs beside the original with the same data, a restore
 * in place that brings deleted records back, and damaged archives refused with nothing touched.
 */
class BackupRestoreDemoIT {
    static final String PREFIX = "berth-it-backup-";

    @TempDir
    Path tmp;

    final List<Path> installs = new ArrayList<>();
    final List<String> projects = new ArrayList<>();
    final Wiring wiring = new Wiring();
    Engine engine;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void removeInstalls() {
        installs.forEach(TestInstalls::remove);
        for (String p : projects) {
            ContainerFiles.deleteTree(wiring.backupDir(p));
            TestInstalls.removeProject(p);
        }
    }

    Engine engine() {
        if (engine == null) {
            // The engine the CLI builds: its runtime, backups, paths and run lock.
            engine = wiring.engine();
        }
        return engine;
    }

    Path install(Path target) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        installs.add(target);
        String project = PREFIX + DockerTestBed.randomHex(4);
        projects.add(project);
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release r = loader.load(
                    ReleaseSource.parse(EngineDemoIT.RELEASES.resolve("1.0.0").toString()));
            var planned = engine().planInstall(
                            r,
                            target,
                            new InstallPlanner.Options(
                                    Map.of(
                                            "DB_PASSWORD",
                                            EngineDemoIT.SECRET,
                                            "WEB_PORT",
                                            String.valueOf(port),
                                            "APP_TITLE",
                                            "Ledger of the backup IT"),
                                    project,
                                    true));
            assertThat(planned.plan().refused())
                    .as(planned.plan().checks().toString())
                    .isFalse();
            RunReport rep = engine().run(planned.plan(), e -> {}, Cancellation.none());
            assertThat(rep.status()).as(rep.message()).isEqualTo(RunStatus.SUCCEEDED);
        }
        return target;
    }

    Path backup(Path dir, Path backups, List<RunEvent> events) {
        var planned = engine().planBackup(engine().inspect(dir), new BackupPlanner.Options(backups, Optional.empty()));
        assertThat(planned.plan().refused())
                .as(planned.plan().checks().toString())
                .isFalse();
        assertThat(planned.plan().checks())
                .filteredOn(c -> c.name().equals("consistency"))
                .extracting(Plan.Check::message)
                .singleElement()
                .asString()
                .contains("web stop for a moment")
                .contains("db (postgres) is dumped");
        RunReport r = engine().run(planned.plan(), events::add, Cancellation.none());
        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.SUCCEEDED);
        return planned.plan().steps().stream()
                .filter(s -> s instanceof dev.berth.engine.PlanStep.Backup)
                .map(s -> Path.of(((dev.berth.engine.PlanStep.Backup) s).archive()))
                .findFirst()
                .orElseThrow();
    }

    static List<String> records(Path dir) {
        return EngineDemoIT.psql(dir, "select body from records order by id")
                .lines()
                .toList();
    }

    @Test
    void aRestoreIntoANewFolderRunsBesideTheOriginalWithTheSameData() throws Exception {
        Path dir = install(tmp.resolve("orig-" + DockerTestBed.randomHex(3)));
        for (int i = 0; i < 12; i++) {
            EngineDemoIT.http(dir, "POST", "/records", "kept record " + i);
        }
        List<String> before = records(dir);
        List<String> filesBefore = EngineDemoIT.dataFiles(dir);
        Path backups = tmp.resolve("backups");
        List<RunEvent> events = new CopyOnWriteArrayList<>();

        Path archive = backup(dir, backups, events);

        assertThat(Files.getPosixFilePermissions(archive)).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);
        assertThat(BackupReader.verify(archive, ExpectedApp.of("berth-demo"), (d, t, e) -> {}, () -> false)
                        .manifest()
                        .databases())
                .as("the database is in the archive as a pg_dump")
                .singleElement()
                .satisfies(d -> assertThat(d.service()).isEqualTo("db"));
        assertThat(new BackupCatalog(backups).list())
                .extracting(BackupListing::file)
                .contains(archive);
        assertThat(records(dir)).as("the app serves again after the backup").isEqualTo(before);
        assertThat(events)
                .filteredOn(e -> e instanceof RunEvent.StepStarted s && s.step().equals("stop-app"))
                .isNotEmpty();

        Path copy = tmp.resolve("copy-" + DockerTestBed.randomHex(3));
        installs.add(copy);
        String copyProject = PREFIX + DockerTestBed.randomHex(4) + "-copy";
        projects.add(copyProject);
        RestorePlanner.Result planned = engine().planRestore(
                        archive,
                        copy,
                        new RestorePlanner.Options(
                                Optional.of(copyProject), OptionalInt.empty(), Map.of(), tmp.resolve("safety")));
        assertThat(planned.plan().refused())
                .as(planned.plan().checks().toString())
                .isFalse();
        assertThat(planned.overwritten()).isEmpty();
        RunReport restored = engine().run(planned.plan(), e -> {}, Cancellation.none());
        assertThat(restored.status()).as(restored.message()).isEqualTo(RunStatus.SUCCEEDED);

        var origEnv = EnvParser.parse(dir.resolve(".env")).values();
        var copyEnv = EnvParser.parse(copy.resolve(".env")).values();
        assertThat(copyEnv.get("WEB_PORT")).isNotEqualTo(origEnv.get("WEB_PORT"));
        assertThat(copyEnv).containsEntry("DB_PASSWORD", EngineDemoIT.SECRET);
        assertThat(InstallRecord.read(copy).orElseThrow().project()).isEqualTo(copyProject);
        // Both serve, side by side, the same records and files.
        assertThat(EngineDemoIT.http(dir, "GET", "/health", "")).isNotBlank();
        assertThat(EngineDemoIT.http(copy, "GET", "/version", "")).contains("Ledger of the backup IT");
        assertThat(records(copy)).isEqualTo(before);
        assertThat(EngineDemoIT.dataFiles(copy)).isEqualTo(filesBefore);
        for (String body : List.of("kept record 0", "kept record 11")) {
            assertThat(EngineDemoIT.http(copy, "GET", "/records", "")).contains(body);
        }
        assertThat(EngineDemoIT.http(copy, "GET", "/records", ""))
                .isEqualTo(EngineDemoIT.http(dir, "GET", "/records", ""));
        // They are two installs: a record written to the copy stays in the copy.
        EngineDemoIT.http(copy, "POST", "/records", "only in the copy");
        assertThat(records(copy)).hasSize(13);
        assertThat(records(dir)).isEqualTo(before);
        assertThat(EngineDemoIT.dataFiles(dir)).isEqualTo(filesBefore);

        // The same backup restores into a scratch project, runs healthy, and is removed again.
        Path scratch = tmp.resolve("scratch-" + DockerTestBed.randomHex(3));
        String scratchProject = PREFIX + DockerTestBed.randomHex(4) + "-test";
        projects.add(scratchProject);
        RunReport test = engine().testRestore(archive, scratch, scratchProject, e -> {}, Cancellation.none());
        assertThat(test.status()).as(test.message()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(scratch).doesNotExist();
        assertThat(TestInstalls.volumes(scratchProject))
                .as("the test restore left no volume behind")
                .isEmpty();
    }

    @Test
    void aRestoreInPlaceBringsDeletedRecordsBackAndDamagedArchivesAreRefusedUntouched() throws Exception {
        Path dir = install(tmp.resolve("ledger-" + DockerTestBed.randomHex(3)));
        for (int i = 0; i < 8; i++) {
            EngineDemoIT.http(dir, "POST", "/records", "precious " + i);
        }
        List<String> before = records(dir);
        List<String> filesBefore = EngineDemoIT.dataFiles(dir);
        Path backups = tmp.resolve("backups");
        // Through the command line, as a user would.
        int code = dev.berth.cli.BerthCommand.execute(
                wiring, "backup", "--install", dir.toString(), "--out", backups.toString(), "--yes");
        assertThat(code).isZero();
        Path archive;
        try (Stream<Path> s = Files.list(backups)) {
            archive = s.filter(p -> p.toString().endsWith(".berth")).findFirst().orElseThrow();
        }

        // Damaged copies are refused before anything is touched.
        String envHash = FileHashes.sha256(dir.resolve(".env"));
        String containers = containerIds(dir);
        Path tampered = tmp.resolve("tampered.berth");
        Files.copy(archive, tampered);
        try (RandomAccessFile f = new RandomAccessFile(tampered.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        Path truncated = tmp.resolve("truncated.berth");
        byte[] all = Files.readAllBytes(archive);
        Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 4096));
        for (Path bad : List.of(tampered, truncated)) {
            // A verify that hangs on damage is a failure, not a stuck build.
            RestorePlanner.Result r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofMinutes(3),
                    () -> engine().planRestore(
                                    bad,
                                    dir,
                                    new RestorePlanner.Options(
                                            Optional.empty(), OptionalInt.empty(), Map.of(), backups)));
            assertThat(r.plan().refused()).as(bad.getFileName().toString()).isTrue();
            assertThat(r.plan().steps()).isEmpty();
            assertThat(dev.berth.cli.BerthCommand.execute(wiring, "restore", "--backup", bad.toString(), "--yes"))
                    .as("berth restore refuses " + bad.getFileName())
                    .isEqualTo(3);
        }
        assertThat(FileHashes.sha256(dir.resolve(".env"))).isEqualTo(envHash);
        assertThat(containerIds(dir)).as("nothing was stopped or recreated").isEqualTo(containers);
        assertThat(records(dir)).isEqualTo(before);

        // Lose records and files, add one the backup does not know; the restore brings the backup's state back.
        EngineDemoIT.psql(dir, "delete from records where body <> 'precious 0'");
        try (Stream<Path> s = Files.list(dir.resolve("data"))) {
            for (Path p : s.toList()) {
                ContainerFiles.deleteTree(p);
            }
        }
        EngineDemoIT.http(dir, "POST", "/records", "written after the backup");
        assertThat(records(dir)).hasSize(2);

        int restored = dev.berth.cli.BerthCommand.execute(wiring, "restore", "--backup", archive.toString(), "--yes");

        assertThat(restored).isZero();
        assertThat(records(dir)).isEqualTo(before);
        assertThat(EngineDemoIT.dataFiles(dir)).isEqualTo(filesBefore);
        assertThat(EngineDemoIT.http(dir, "GET", "/records", "")).contains("precious 7");
        assertThat(EnvParser.parse(dir.resolve(".env")).values()).containsEntry("DB_PASSWORD", EngineDemoIT.SECRET);
        assertThat(InstallHistory.read(dir))
                .extracting(InstallHistory.Entry::kind)
                .contains("restore");
        try (Stream<Path> s = Files.list(
                wiring.backupDir(InstallRecord.read(dir).orElseThrow().project()))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .as("the state before the restore was backed up first")
                    .anyMatch(n -> n.contains("-before-restore-") && n.endsWith(".berth"));
        }
    }

    static String containerIds(Path dir) {
        String project = InstallRecord.read(dir).orElseThrow().project();
        return Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-q",
                        "--no-trunc",
                        "--filter",
                        "label=com.docker.compose.project=" + project)
                .orFail()
                .stdout()
                .lines()
                .sorted()
                .toList()
                .toString();
    }
}
