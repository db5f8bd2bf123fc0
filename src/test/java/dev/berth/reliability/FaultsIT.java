package dev.berth.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.SecretGrep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Faults caused for real on one install of the demo app, driven by Berth's own CLI in a child
 * process: a migration that fails, one that hangs past its timeout (while a second Berth process
 * tries the same install), a new version that turns unhealthy, one that crash-loops, a full disk
 * under the backup folder, an unreachable registry. Each must end with 1.0.0 serving every record,
 * every DATA_DIR file and every {@code .env} value it had. The last test upgrades the same install
 * for real and greps everything Berth printed or wrote, in every test, for the database password.
 *
 * <p>The broken releases are copies of the demo's 1.1.0 with their compose file or manifest
 * edited, so no image is built: the faults come from the containers' commands and healthchecks.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FaultsIT {
    static Path work;
    static BerthDemo demo;
    static DockerSocketProxy proxy;

    @BeforeAll
    static void installOnce() throws IOException {
        DockerTestBed.require();
        work = Files.createTempDirectory("berth-soak-faults-");
        // Berth reaches Docker through a socket the daemon-down test can take away.
        proxy = new DockerSocketProxy(work.resolve("docker.sock"), Path.of("/var/run/docker.sock"));
        Docker viaProxy = new Docker(Map.of("DOCKER_HOST", proxy.dockerHost()));
        // Images come from the test registry, so an upgrade really pulls (the daemon-down-during-pull case).
        RegistryImages.publish(Docker.MAIN, "1.0.0", "1.1.0", "2.0.0");
        demo = BerthDemo.installed(
                viaProxy, Catalog.of(work.resolve("base"), "1.0.0").release("1.0.0"), RegistryImages.answers());
        demo.writeRecords(3);
    }

    @AfterAll
    static void cleanUp() {
        if (proxy != null) {
            proxy.up();
        }
        if (demo != null) {
            demo.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        RegistryImages.forget(Docker.MAIN, "1.0.0", "1.1.0", "2.0.0");
        ContainerFiles.deleteTree(work);
    }

    /** A catalog of 1.0.0 and a 1.1.0 broken by {@code breaks}. */
    private static Path broken(String name, java.util.function.Consumer<Catalog> breaks) {
        Catalog c = Catalog.of(work.resolve(name), "1.0.0", "1.1.0");
        breaks.accept(c);
        return c.release("1.1.0");
    }

    /** Soak only: EngineDemoIT proves the same in every CI run (a migration that fails after changing the schema). */
    @Test
    @Order(1)
    @EnabledIfSystemProperty(named = "berth.soak", matches = "true")
    void aMigrationThatFailsRollsBackToTheOldVersionWithItsData() {
        Path release = broken(
                "fails",
                c -> c.edit(
                        "1.1.0",
                        "docker-compose.yml",
                        s -> s.replace(
                                "    command: [\"migrate\"]",
                                "    command: [\"sh\", \"-c\", \"echo the migration breaks >&2; exit 3\"]")));
        BerthDemo.Snapshot before = demo.snapshot();

        BerthCli.Result r = demo.upgrade(release);

        assertRolledBack(r, before, "exited with code 3");
        CrashLedger.record("migration fails", "rolled back, 1.0.0 serves, data intact");
    }

    @Test
    @Order(2)
    void aMigrationThatHangsIsStoppedAtItsTimeoutAndASecondBerthIsToldWhoHoldsTheLock() throws Exception {
        Path release = broken(
                "hangs",
                c -> c.edit(
                                "1.1.0",
                                "docker-compose.yml",
                                s -> s.replace(
                                        "    command: [\"migrate\"]",
                                        "    command: [\"sh\", \"-c\", \"echo the migration hangs; exec sleep 600\"]"))
                        .edit(
                                "1.1.0",
                                "berth.yaml",
                                s -> s.replace("  - {run: migrate}", "  - {run: migrate, timeout: 20s}")));
        BerthDemo.Snapshot before = demo.snapshot();

        Process first = demo.startUpgrade(release, "hang");
        awaitStepRunning("migrate-1", first, Duration.ofMinutes(3));
        BerthCli.Result second = demo.rollback(Map.of());
        assertThat(first.waitFor(4, TimeUnit.MINUTES)).as("the hung run ends").isTrue();

        assertThat(second.exit()).as(second.describe()).isEqualTo(3);
        assertThat(second.status()).isEqualTo("refused");
        assertThat(second.resultMessage())
                .contains("Another Berth process is working on " + demo.dir)
                .contains("pid " + first.pid())
                .contains("upgrade to 1.1.0")
                .contains("Nothing was changed");
        BerthCli.Result r = finished(first, "hang");
        assertRolledBack(r, before, "ran longer than 20 s and was stopped");
        assertThat(Docker.MAIN.lines(
                        "ps",
                        "-aq",
                        "--filter",
                        "label=com.docker.compose.project=" + demo.project,
                        "--filter",
                        "label=com.docker.compose.oneoff=True"))
                .as("the hung migration's container is gone")
                .isEmpty();
        CrashLedger.record("migration hangs past its timeout", "stopped, rolled back, 1.0.0 serves");
        CrashLedger.record("second Berth on the same install", "refused, names pid and run");
    }

    @Test
    @Order(3)
    void aNewVersionThatTurnsUnhealthyRollsBack() {
        Path release = broken(
                "unhealthy",
                c -> c.edit(
                        "1.1.0",
                        "docker-compose.yml",
                        s -> s.replace(
                                        "      test: [\"CMD\", \"perl\", \"/app/healthcheck.pl\"]",
                                        "      test: [\"CMD\", \"false\"]")
                                .replace(
                                        "      retries: 30\n      start_period: 5s",
                                        "      retries: 2\n      start_period: 1s")));
        BerthDemo.Snapshot before = demo.snapshot();

        BerthCli.Result r = demo.upgrade(release);

        assertRolledBack(r, before, "web");
        assertThat(r.resultMessage()).containsIgnoringCase("unhealthy");
        CrashLedger.record("new version never healthy", "rolled back, 1.0.0 serves, data intact");
    }

    /** Soak only: the same health wait as the unhealthy case, another verdict (HealthWaiterTest covers it). */
    @Test
    @Order(4)
    @EnabledIfSystemProperty(named = "berth.soak", matches = "true")
    void aNewVersionThatCrashLoopsRollsBack() {
        Path release = broken(
                "crash-loop",
                c -> c.edit(
                        "1.1.0",
                        "docker-compose.yml",
                        s -> s.replace(
                                "    ports:\n      - \"127.0.0.1:${WEB_PORT:-8080}:8080\"",
                                "    command: [\"sh\", \"-c\", \"echo web crashes >&2; exit 1\"]\n"
                                        + "    ports:\n      - \"127.0.0.1:${WEB_PORT:-8080}:8080\"")));
        BerthDemo.Snapshot before = demo.snapshot();

        BerthCli.Result r = demo.upgrade(release);

        assertRolledBack(r, before, "web");
        assertThat(r.resultMessage()).containsAnyOf("keeps restarting", "exited");
        CrashLedger.record("new version crash-loops", "rolled back, 1.0.0 serves, data intact");
    }

    @Test
    @Order(5)
    void aBackupOrRestoreThatCannotFitIsRefusedBeforeAnythingStops() throws Exception {
        Path release = Catalog.of(work.resolve("space"), "1.0.0", "1.1.0").release("1.1.0");
        Path backups = demo.backupDir();
        Path smallTarget = work.resolve("small-target");
        Files.createDirectories(smallTarget);
        if (demo.backups().isEmpty()) {
            BerthCli.Result made = demo.cli.run("backup", "--install", demo.dir.toString(), "--yes", "--json-events");
            assertThat(made.exit()).as(made.describe()).isZero();
        }
        Path saved = setBackupsAside(backups);
        Path someBackup = lastBackup(saved);
        Commands.run(Duration.ofSeconds(30), "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", backups.toString())
                .orFail();
        Commands.run(Duration.ofSeconds(30), "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", smallTarget.toString())
                .orFail();
        try {
            String webBefore = webContainer();
            BerthDemo.Snapshot snap = demo.snapshot();

            BerthCli.Result upgrade = demo.upgrade(release);
            BerthCli.Result backup = demo.cli.run("backup", "--install", demo.dir.toString(), "--yes", "--json-events");
            Path copy = smallTarget.resolve("copy");
            BerthCli.Result restore = demo.cli.run(
                    "restore",
                    "--backup",
                    someBackup.toString(),
                    "--target",
                    copy.toString(),
                    "--project",
                    demo.project + "-copy",
                    "--yes",
                    "--json-events");

            for (BerthCli.Result r : List.of(upgrade, backup)) {
                assertThat(r.exit()).as(r.describe()).isEqualTo(3);
                assertThat(r.resultMessage())
                        .contains("Not enough free space")
                        .containsPattern("needs about [0-9.]+ MB \\(the install's files ")
                        .contains(backups + " (on tmpfs) has ")
                        .contains("Nothing was changed and nothing was stopped")
                        .contains("choose another backup folder");
            }
            CrashLedger.record("preflight message of the upgrade", upgrade.resultMessage());
            CrashLedger.record("preflight message of the restore", restore.resultMessage());
            assertThat(restore.exit()).as(restore.describe()).isEqualTo(3);
            assertThat(restore.resultMessage())
                    .contains("Not enough free space: the restore needs about")
                    .contains(copy + " (on tmpfs) has ")
                    .contains("berth restore --target DIR");
            try (Stream<Path> left = Files.list(backups)) {
                assertThat(left.toList())
                        .as("nothing written to the backup folder")
                        .isEmpty();
            }
            assertThat(copy).as("the restore target was not created").doesNotExist();
            assertThat(webContainer())
                    .as("the web container was never stopped or recreated")
                    .isEqualTo(webBefore);
            assertThat(snap.differencesInData(demo.snapshot())).isEmpty();
            assertThat(demo.journal()).isEmpty();
            demo.writeRecords(1);
        } finally {
            Commands.run(Duration.ofSeconds(30), "umount", smallTarget.toString())
                    .orFail();
            Commands.run(Duration.ofSeconds(30), "umount", backups.toString()).orFail();
            putBackupsBack(saved, backups);
        }
        CrashLedger.record(
                "backup, upgrade and restore that cannot fit (256 KiB tmpfs)", "refused by the preflight, exit 3");
    }

    /**
     * The preflight passes (a 256 MiB tmpfs), then the disk fills while Berth is held at the start
     * of the backup: the write itself must fail cleanly.
     */
    @Test
    @Order(6)
    void aDiskThatFillsAfterThePreflightStopsTheBackupAndLeavesNoPartialArchive() throws Exception {
        Path release = Catalog.of(work.resolve("disk"), "1.0.0", "1.1.0").release("1.1.0");
        Path backups = demo.backupDir();
        List<String> before = demo.backups().stream().map(Path::toString).toList();
        Path saved = setBackupsAside(backups);
        Commands.run(Duration.ofSeconds(30), "mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", backups.toString())
                .orFail();
        Path filler = backups.resolve(".filler");
        try {
            String webBefore = webContainer();
            BerthDemo.Snapshot snap = demo.snapshot();
            Path hold = work.resolve("disk-hold");
            Process p = demo.startUpgrade(
                    release, "disk", Map.of("BERTH_CRASH_AT", "backup-hot:before", "BERTH_HOLD_FILE", hold.toString()));
            awaitHold(hold, p, Duration.ofMinutes(3));
            // Leave 256 KiB: less than the archive's first blocks.
            long free = Files.getFileStore(backups).getUsableSpace();
            Commands.run(Duration.ofSeconds(60), "fallocate", "-l", Long.toString(free - 256 * 1024), filler.toString())
                    .orFail();
            Files.delete(hold);
            assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
            BerthCli.Result r = finished(p, "disk");

            assertThat(r.exit()).as(r.describe()).isEqualTo(1);
            assertThat(r.resultMessage())
                    .contains("is full")
                    .contains("The partial archive was removed")
                    .contains("Nothing was changed")
                    .contains("1.0.0 still runs");
            try (Stream<Path> left = Files.list(backups)) {
                assertThat(left.filter(f -> !f.equals(filler)).toList())
                        .as("partial archive removed")
                        .isEmpty();
            }
            assertThat(webContainer())
                    .as("the web container was never stopped or recreated")
                    .isEqualTo(webBefore);
            assertThat(snap.differencesInData(demo.snapshot())).isEmpty();
            assertThat(demo.journal()).isEmpty();
            demo.writeRecords(1);
        } finally {
            Files.deleteIfExists(filler);
            Commands.run(Duration.ofSeconds(30), "umount", backups.toString()).orFail();
            putBackupsBack(saved, backups);
        }
        assertThat(demo.backups().stream().map(Path::toString).toList()).isEqualTo(before);
        CrashLedger.record(
                "disk filled after the preflight, while writing the backup",
                "failed cleanly, no partial archive, app untouched");
    }

    /** Moves the install's backups out of the way (a tmpfs is about to cover their folder). */
    private static Path setBackupsAside(Path backups) throws IOException {
        Files.createDirectories(backups);
        Path saved = Files.createTempDirectory(work, "saved-backups-");
        for (Path b : demo.backups()) {
            Files.move(b, saved.resolve(b.getFileName()));
        }
        return saved;
    }

    private static void putBackupsBack(Path saved, Path backups) throws IOException {
        try (Stream<Path> s = Files.list(saved)) {
            for (Path b : s.toList()) {
                Files.move(b, backups.resolve(b.getFileName()));
            }
        }
    }

    /** The newest {@code .berth} archive in a folder (the runs before this one made some). */
    private static Path lastBackup(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".berth"))
                    .max(java.util.Comparator.comparing(Path::getFileName))
                    .orElseThrow(() -> new AssertionError("no backup in " + folder));
        }
    }

    @Test
    @Order(7)
    void anUnreachableRegistryStopsTheRunBeforeTheAppIsTouched() {
        Path release = broken(
                "no-registry",
                c -> c.edit(
                        "1.1.0",
                        "docker-compose.yml",
                        s -> s.replace("${BERTH_DEMO_REGISTRY:-}berth-demo/", "127.0.0.1:9/berth-demo/")));
        String webBefore = webContainer();
        BerthDemo.Snapshot snap = demo.snapshot();

        BerthCli.Result r = demo.upgrade(release);

        assertThat(r.exit()).as(r.describe()).isIn(1, 3);
        assertThat(r.resultMessage()).contains("127.0.0.1:9/berth-demo/").contains("Nothing was changed");
        assertThat(webContainer())
                .as("the web container was never stopped or recreated")
                .isEqualTo(webBefore);
        assertThat(snap.differencesInData(demo.snapshot())).isEmpty();
        assertThat(demo.journal()).isEmpty();
        CrashLedger.record("registry unreachable", "stopped before the app was touched");
    }

    @Test
    @Order(8)
    void theDockerDaemonGoingAwayWhileTheAppStopsFailsClearlyAndRollbackFinishesOnceItIsBack() throws Exception {
        Path release = Catalog.of(work.resolve("daemon"), "1.0.0", "1.1.0").release("1.1.0");
        BerthDemo.Snapshot before = demo.snapshot();

        // Held at the start of stop-app (deterministic: a one-service stop takes well under a second).
        BerthCli.Result r = upgradeWithDockerCutAt(release, "daemon", "stop-app:before", Duration.ofMinutes(3));

        assertThat(r.exit()).as(r.describe()).isEqualTo(4);
        assertThat(r.status()).isEqualTo("rollback-failed");
        assertThat(r.resultMessage())
                .contains("The automatic rollback failed too")
                .contains("berth rollback --install " + demo.dir);
        assertThat(demo.journal())
                .hasValueSatisfying(j -> assertThat(j.path("state").asText()).isEqualTo("ROLLBACK_FAILED"));

        BerthCli.Result back = demo.rollback(Map.of());
        assertThat(back.exit()).as(back.describe()).isEqualTo(1);
        assertThat(back.status()).isEqualTo("rolled-back");
        demo.awaitServing(Duration.ofSeconds(60));
        BerthDemo.Snapshot now = demo.snapshot();
        assertThat(now.version()).isEqualTo("1.0.0");
        assertThat(before.differencesInData(now)).isEmpty();
        assertThat(demo.journal()).isEmpty();
        demo.writeRecords(1);
        CrashLedger.record(
                "Docker daemon gone during stop (socket proxy)", "exit 4 with manual steps; rollback later ok");
    }

    /**
     * Docker goes away while the new images are pulled (held after the first pulled image): the app
     * was never touched, so whatever the run says, 1.0.0 must still serve with its data, and once
     * Docker is back nothing is left unfinished.
     */
    @Test
    @Order(9)
    void theDockerDaemonGoingAwayDuringThePullLeavesTheOldVersionServing() throws Exception {
        Path release = Catalog.of(work.resolve("daemon-pull"), "1.0.0", "1.1.0").release("1.1.0");
        RegistryImages.forget(Docker.MAIN, "1.1.0");
        BerthDemo.Snapshot before = demo.snapshot();
        String webBefore = webContainer();

        BerthCli.Result r = upgradeWithDockerCutAt(release, "daemon-pull", "pull:middle", Duration.ofMinutes(3));

        assertThat(r.exit()).as(r.describe()).isIn(1, 4);
        assertThat(r.resultMessage())
                .as(r.describe())
                .containsAnyOf("the connection to Docker broke", "Docker is not reachable")
                .doesNotContain("check the image name");
        if (demo.journal().isPresent()) {
            assertThat(r.exit()).isEqualTo(4);
            BerthCli.Result back = demo.rollback(Map.of());
            assertThat(back.exit()).as(back.describe()).isEqualTo(1);
        }
        assertThat(webContainer())
                .as("the web container was never stopped or recreated")
                .isEqualTo(webBefore);
        demo.awaitServing(Duration.ofSeconds(60));
        BerthDemo.Snapshot now = demo.snapshot();
        assertThat(now.version()).isEqualTo("1.0.0");
        assertThat(before.differencesInData(now)).isEmpty();
        assertThat(demo.journal()).isEmpty();
        demo.writeRecords(1);
        CrashLedger.record(
                "Docker daemon gone during the pull (socket proxy)",
                "exit " + r.exit() + ", app never touched, 1.0.0 serves");
    }

    /**
     * Docker goes away when the new version is about to start (app stopped, files applied, data
     * migrated): the automatic rollback cannot run either, says so (exit 4), and {@code berth
     * rollback} brings 1.0.0 back with its data once Docker is back. Soak only: CI has the same
     * path (a failed rollback finished later) with Docker gone during the stop.
     */
    @Test
    @Order(10)
    @EnabledIfSystemProperty(named = "berth.soak", matches = "true")
    void theDockerDaemonGoingAwayWhenTheNewVersionStartsIsRolledBackOnceItIsBack() throws Exception {
        Path release =
                Catalog.of(work.resolve("daemon-start"), "1.0.0", "1.1.0").release("1.1.0");
        BerthDemo.Snapshot before = demo.snapshot();

        BerthCli.Result r = upgradeWithDockerCutAt(release, "daemon-start", "start:before", Duration.ofMinutes(4));

        assertThat(r.exit()).as(r.describe()).isEqualTo(4);
        assertThat(r.status()).isEqualTo("rollback-failed");
        assertThat(r.resultMessage()).contains("berth rollback --install " + demo.dir);
        BerthCli.Result back = demo.rollback(Map.of());
        assertThat(back.exit()).as(back.describe()).isEqualTo(1);
        assertThat(back.status()).isEqualTo("rolled-back");
        demo.awaitServing(Duration.ofSeconds(60));
        BerthDemo.Snapshot now = demo.snapshot();
        assertThat(now.version()).isEqualTo("1.0.0");
        assertThat(before.differencesInData(now)).isEmpty();
        assertThat(demo.journal()).isEmpty();
        demo.writeRecords(1);
        CrashLedger.record(
                "Docker daemon gone when the new version starts (socket proxy)",
                "exit 4 with manual steps; rollback later ok, data intact");
    }

    /**
     * A truncated backup, a tampered one and one of another app, through {@code berth restore}:
     * refused (exit 3) before anything is written; the install and the target stay as they were.
     */
    @Test
    @Order(11)
    void damagedOrForeignBackupsAreRefusedByRestoreBeforeAnythingIsTouched() throws Exception {
        if (demo.backups().stream().noneMatch(b -> b.toString().endsWith(".berth"))) {
            BerthCli.Result made = demo.cli.run("backup", "--install", demo.dir.toString(), "--yes", "--json-events");
            assertThat(made.exit()).as(made.describe()).isZero();
        }
        Path good = lastBackup(demo.backupDir());
        byte[] bytes = Files.readAllBytes(good);
        Path bad = work.resolve("bad-backups");
        Files.createDirectories(bad);
        Path truncated = bad.resolve("truncated.berth");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Path tampered = bad.resolve("tampered.berth");
        byte[] t = bytes.clone();
        for (int i = t.length / 3; i < t.length / 3 + 64; i++) {
            t[i] ^= 0x5a;
        }
        Files.write(tampered, t);
        String webBefore = webContainer();
        BerthDemo.Snapshot snap = demo.snapshot();
        String installBefore = treeHash(demo.dir);

        for (Path archive : List.of(truncated, tampered)) {
            Path target = work.resolve("restore-of-" + archive.getFileName());
            BerthCli.Result r = demo.cli.run(
                    "restore",
                    "--backup",
                    archive.toString(),
                    "--target",
                    target.toString(),
                    "--project",
                    demo.project + "-bad",
                    "--yes",
                    "--json-events");
            assertThat(r.exit()).as(r.describe()).isEqualTo(3);
            assertThat(r.resultMessage()).contains(archive.toString()).contains("Nothing was restored");
            assertThat(target).as("nothing written").doesNotExist();
            if (archive.equals(tampered)) {
                // and onto the install itself (its files are compared below)
                BerthCli.Result inPlace =
                        demo.cli.run("restore", "--backup", archive.toString(), "--yes", "--json-events");
                assertThat(inPlace.exit()).as(inPlace.describe()).isEqualTo(3);
            }
        }
        // Another app's folder: the same backup onto an install record of another app.
        Path other = work.resolve("other-app");
        Files.createDirectories(other.resolve(".berth"));
        Files.writeString(other.resolve("docker-compose.yml"), "services:\n  x:\n    image: busybox\n");
        new dev.berth.engine.InstallRecord(
                        "some-other", List.of("docker-compose.yml"), List.of(), List.of(), "some-other-app", "")
                .write(other);
        String otherBefore = treeHash(other);
        BerthCli.Result foreign = demo.cli.run(
                "restore", "--backup", good.toString(), "--target", other.toString(), "--yes", "--json-events");
        assertThat(foreign.exit()).as(foreign.describe()).isEqualTo(3);
        assertThat(foreign.resultMessage()).contains("holds some-other-app, but the backup is of");
        assertThat(treeHash(other)).isEqualTo(otherBefore);

        assertThat(treeHash(demo.dir)).as("the install's files").isEqualTo(installBefore);
        assertThat(webContainer()).isEqualTo(webBefore);
        assertThat(snap.differencesInData(demo.snapshot())).isEmpty();
        assertThat(demo.journal()).isEmpty();
        CrashLedger.record("truncated, tampered, other app's backup through berth restore", "refused, exit 3");
    }

    /** Paths and md5 of every file below a folder (what must not change). */
    private static String treeHash(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted().toList()) {
                if (f.startsWith(dir.resolve("data")) || f.startsWith(dir.resolve(".berth/runs"))) {
                    continue; // the app's own files (uid 999), finished runs' journals
                }
                sb.append(dir.relativize(f));
                if (Files.isRegularFile(f)) {
                    sb.append(' ')
                            .append(java.util.HexFormat.of()
                                    .formatHex(java.security.MessageDigest.getInstance("MD5")
                                            .digest(Files.readAllBytes(f))));
                }
                sb.append('\n');
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    /**
     * Soak only (the engine's stall limit is 60 s): the registry stalls behind a TCP proxy that
     * accepts connections and never answers (the daemon has the layers and manifests of these images
     * already, so it needs only a few hundred bytes: with 200 KB and with 1.5 KB of budget the pull
     * finished). The pull must fail with a clear message, from Berth's stall limit or the daemon's
     * own registry timeout, before the app is touched.
     */
    @Test
    @Order(12)
    @EnabledIfSystemProperty(named = "berth.soak", matches = "true")
    void aPullThatStallsFailsClearlyAndLeavesTheOldVersionServing() throws Exception {
        try (dev.berth.docker.StallingProxy stall = new dev.berth.docker.StallingProxy(5000, 0)) {
            String via = "127.0.0.1:" + stall.port();
            Path release = broken(
                    "stall",
                    c -> c.edit(
                            "1.1.0",
                            "docker-compose.yml",
                            s -> s.replace(
                                    "${BERTH_DEMO_REGISTRY:-}berth-demo/",
                                    RegistryImages.PREFIX.replace(DockerTestBed.REGISTRY, via) + "berth-demo/")));
            String webBefore = webContainer();
            BerthDemo.Snapshot before = demo.snapshot();

            BerthCli.Result r = demo.upgrade(release);

            assertThat(r.exit()).as(r.describe()).isIn(1, 3);
            CrashLedger.record("stalled pull message", r.resultMessage());
            assertThat(r.resultMessage())
                    .containsAnyOf("stalled: no new data for", "imeout", "deadline exceeded")
                    .contains("Nothing was changed");
            assertThat(webContainer())
                    .as("the web container was never stopped or recreated")
                    .isEqualTo(webBefore);
            assertThat(before.differencesInData(demo.snapshot())).isEmpty();
            assertThat(demo.servedVersion()).hasValue("1.0.0");
            assertThat(demo.journal()).isEmpty();
            CrashLedger.record("pull stalls (TCP proxy stops forwarding)", "failed with 'stalled', app untouched");
        }
    }

    @Test
    @Order(20)
    void aFullUpgradePrintsAndWritesNoSecretAndKeepsBackupsPrivate() throws Exception {
        Path release =
                Catalog.of(work.resolve("good"), "1.0.0", "1.1.0", "2.0.0").release("2.0.0");
        BerthCli.Result plan = demo.plan(release);
        assertThat(plan.exit()).as(plan.describe()).isZero();
        BerthCli.Result r = demo.upgrade(release);
        assertThat(r.exit()).as(r.describe()).isZero();
        demo.awaitServing(Duration.ofSeconds(60));
        assertThat(demo.servedVersion()).hasValue("2.0.0");

        // A restore into a new folder with a secret given on the command line (secret by its name).
        String token = "tok-" + DockerTestBed.randomHex(12);
        String copyProject = demo.project + "-copy";
        Path copy = demo.root.resolve("restored-copy");
        try {
            BerthCli.Result restore = demo.cli.run(
                    "restore",
                    "--backup",
                    lastBackup(demo.backupDir()).toString(),
                    "--target",
                    copy.toString(),
                    "--project",
                    copyProject,
                    "--set",
                    "API_TOKEN=" + token,
                    "--yes",
                    "--json-events");
            assertThat(restore.exit()).as(restore.describe()).isZero();
            assertThat(dev.berth.config.env.EnvParser.parse(copy.resolve(".env"))
                            .values())
                    .containsEntry("API_TOKEN", token);
        } finally {
            Docker.MAIN.removeProject(copyProject);
        }

        String secret = demo.dbPassword;
        assertThat(demo.envValues()).containsEntry("DB_PASSWORD", secret);
        List<String> leaks = new ArrayList<>(SecretGrep.lines(BerthCli.OUTPUTS, List.of(secret, token)));
        assertThat(BerthCli.OUTPUTS)
                .as("outputs of every Berth run in this class")
                .hasSizeGreaterThanOrEqualTo(14);
        SecretGrep.Result grep = SecretGrep.files(
                demo.root,
                List.of(secret, token),
                f -> f.equals(demo.answersFile())
                        || f.startsWith(demo.dir.resolve("data"))
                        || f.startsWith(copy.resolve("data"))); // the test's own answers; the app's records
        leaks.addAll(grep.leaks());
        assertThat(grep.filesChecked())
                .as("files of the install, its journal, runs and backups")
                .isGreaterThan(20);
        assertThat(leaks)
                .as("the secret may only be in .env files that are 0600 (and inside the 0600 backups)")
                .isEmpty();
        CrashLedger.record("secret grep over all outputs and files", "not found");
    }

    private static void assertRolledBack(BerthCli.Result r, BerthDemo.Snapshot before, String cause) {
        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.status()).as(r.describe()).isEqualTo("rolled-back");
        assertThat(r.resultMessage()).contains(cause).contains("1.0.0 runs again");
        demo.awaitServing(Duration.ofSeconds(60));
        BerthDemo.Snapshot now = demo.snapshot();
        assertThat(now.version()).isEqualTo("1.0.0");
        assertThat(before.differencesInData(now)).isEmpty();
        assertThat(demo.journal()).as("no unfinished run").isEmpty();
        demo.writeRecords(1);
    }

    /** Waits until the child holds at its hold point (it must still live). */
    /**
     * Upgrades the demo to {@code release}, holds the run at {@code crashAt}, cuts Docker off (the
     * socket proxy goes down), lets the run go on without it, and brings Docker back once Berth has
     * ended (within 5 minutes).
     */
    private BerthCli.Result upgradeWithDockerCutAt(Path release, String name, String crashAt, Duration holdTimeout)
            throws Exception {
        Path hold = work.resolve(name + "-hold");
        Process p =
                demo.startUpgrade(release, name, Map.of("BERTH_CRASH_AT", crashAt, "BERTH_HOLD_FILE", hold.toString()));
        awaitHold(hold, p, holdTimeout);
        proxy.down();
        Files.delete(hold);
        boolean ended;
        try {
            ended = p.waitFor(5, TimeUnit.MINUTES);
        } finally {
            proxy.up();
        }
        assertThat(ended).as("Berth ends while Docker is away").isTrue();
        return finished(p, name);
    }

    private static void awaitHold(Path hold, Process p, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (!Files.exists(hold)) {
            if (!p.isAlive()) {
                throw new AssertionError("Berth ended (exit " + p.exitValue() + ") before its hold point");
            }
            if (Instant.now().isAfter(end)) {
                throw new AssertionError("Berth did not reach its hold point within " + timeout);
            }
            BerthDemo.sleep(100);
        }
    }

    /** Waits until the journal shows the step running (the child must still live). */
    private static void awaitStepRunning(String step, Process p, Duration timeout) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            boolean running = demo.journal()
                    .map(j -> {
                        for (JsonNode s : j.path("steps")) {
                            if (s.path("id").asText().equals(step)
                                    && s.path("state").asText().equals("RUNNING")) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .orElse(false);
            if (running) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("Berth ended (exit " + p.exitValue() + ") before " + step + " ran");
            }
            BerthDemo.sleep(300);
        }
        throw new AssertionError(step + " did not start within " + timeout);
    }

    /** The result of a run started with {@link BerthDemo#startUpgrade}. */
    private static BerthCli.Result finished(Process p, String name) throws IOException {
        String out = Files.readString(demo.root.resolve(name + ".out"));
        String err = Files.readString(demo.root.resolve(name + ".err"));
        BerthCli.OUTPUTS.add(out);
        BerthCli.OUTPUTS.add(err);
        return new BerthCli.Result(new dev.berth.testbed.ProcessResult(
                List.of("berth", "upgrade"), p.exitValue(), out, err, Duration.ZERO));
    }

    /** The id and start time of the web container (changes when it is stopped or recreated). */
    private static String webContainer() {
        String id = webId();
        return id + " "
                + Docker.MAIN
                        .run("inspect", "-f", "{{.State.StartedAt}}", id)
                        .stdout()
                        .strip();
    }

    private static String webId() {
        return Docker.MAIN
                .lines(
                        "ps",
                        "-aq",
                        "--filter",
                        "label=com.docker.compose.project=" + demo.project,
                        "--filter",
                        "label=com.docker.compose.service=web")
                .getFirst();
    }
}
