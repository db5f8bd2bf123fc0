package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupReader;
import dev.berth.backup.DumpRecord;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.VerifiedBackup;
import dev.berth.cli.BerthCommand;
import dev.berth.engine.InstallRecord;
import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MySQL-family database backed up as a logical dump and restored from it, on the real engine
 * with a real MariaDB (Debian's mariadb-server in the official image's contract): an app with a
 * {@code mariadb} service and no manifest of its dumps is installed, gets rows, is upgraded with an
 * SQL migration run by the container's client, is backed up with
 * {@code berth backup} (the dump is taken as root, whose password stays in the container's
 * environment), and restored with {@code berth restore} into a new folder that loads the dump and
 * serves the same rows beside the original.
 */
class MariadbBackupIT {
    static final String PREFIX = "berth-it-mariadb-";
    static final String ROOT_PASSWORD = "root-" + DockerTestBed.randomHex(8);
    static final String APP_PASSWORD = "app-" + DockerTestBed.randomHex(8);

    @TempDir
    Path tmp;

    final Wiring wiring = new Wiring();
    final List<Path> installs = new ArrayList<>();

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void removeInstalls() {
        installs.forEach(TestInstalls::remove);
    }

    /**
     * A release of a small app: a MariaDB and a worker that waits for it; no dump in its manifest.
     * 1.1.0 adds a column with an SQL migration run in the database container.
     */
    Path release(String version) throws IOException {
        Path rel = tmp.resolve("release/" + version);
        Files.createDirectories(rel);
        String migrations = version.equals("1.0.0") ? "" : """
                migrations:
                  - {sql: {service: db, file: migrations/add-tag.sql}, needs: [db]}
                """;
        Files.writeString(rel.resolve("berth.yaml"), """
                app: mariadb-ledger
                version: "%s"
                stop: {order: [worker, db], grace: {db: 30s}}
                """.formatted(version) + migrations);
        Files.createDirectories(rel.resolve("migrations"));
        Files.writeString(rel.resolve("migrations/add-tag.sql"), """
                ALTER TABLE entries ADD COLUMN tag VARCHAR(20) NOT NULL DEFAULT 'new';
                UPDATE entries SET tag = 'migrated';
                """);
        Files.writeString(rel.resolve(".env.example"), """
                # Password of MariaDB's root account.
                DB_ROOT_PASSWORD=
                # Password of the app's account.
                DB_PASSWORD=
                # Where the worker keeps its files.
                DATA_DIR=./data
                """);
        Files.writeString(rel.resolve("docker-compose.yml"), """
                services:
                  db:
                    image: %1$s/%2$s
                    environment:
                      MARIADB_ROOT_PASSWORD: ${DB_ROOT_PASSWORD:?set DB_ROOT_PASSWORD}
                      MARIADB_DATABASE: ledger
                      MARIADB_USER: ledger
                      MARIADB_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}
                    volumes:
                      - db-data:/var/lib/mysql
                    healthcheck:
                      test: ["CMD", "mariadb-admin", "ping", "-h", "127.0.0.1", "--silent"]
                      interval: 2s
                      timeout: 5s
                      retries: 60
                  worker:
                    image: %1$s/%3$s
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
                    depends_on:
                      db:
                        condition: service_healthy
                    volumes:
                      - ${DATA_DIR:-./data}:/data
                volumes:
                  db-data:
                """.formatted(
                        DockerTestBed.REGISTRY, DockerTestBed.MARIADB, DockerTestBed.BUSYBOX));
        return rel;
    }

    /** The user's answers, in a 0600 file as a careful user keeps them. */
    Path answers() throws IOException {
        Path f = tmp.resolve("answers.env");
        Files.writeString(f, "DB_ROOT_PASSWORD=" + ROOT_PASSWORD + "\nDB_PASSWORD=" + APP_PASSWORD + "\n");
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    String sql(Path install, String user, String password, String statement) {
        String project = InstallRecord.read(install).orElseThrow().project();
        String id = Commands.run(
                        Duration.ofSeconds(30),
                        "docker",
                        "ps",
                        "-q",
                        "--filter",
                        "label=com.docker.compose.project=" + project,
                        "--filter",
                        "label=com.docker.compose.service=db")
                .orFail()
                .stdout()
                .strip();
        return Commands.run(
                        Duration.ofSeconds(60),
                        "docker",
                        "exec",
                        "-e",
                        "MYSQL_PWD=" + password,
                        id,
                        "mariadb",
                        "-u" + user,
                        "-N",
                        "-B",
                        "ledger",
                        "-e",
                        statement)
                .orFail()
                .stdout()
                .strip();
    }

    @Test
    void aMariadbIsDumpedAsRootAndARestoreIntoANewFolderLoadsTheDump() throws Exception {
        Path dir = tmp.resolve("ledger");
        installs.add(dir);
        String project = PREFIX + DockerTestBed.randomHex(4);
        assertThat(BerthCommand.execute(
                        wiring,
                        "install",
                        "--release",
                        release("1.0.0").toString(),
                        "--target",
                        dir.toString(),
                        "--project",
                        project,
                        "--answers",
                        answers().toString(),
                        "--yes"))
                .isZero();
        sql(dir, "ledger", APP_PASSWORD, "create table entries (id int primary key, body varchar(200))");
        for (int i = 0; i < 25; i++) {
            sql(dir, "ledger", APP_PASSWORD, "insert into entries values (" + i + ", 'entry ''" + i + "''')");
        }

        // The upgrade's SQL migration runs in the MariaDB container with its own client.
        assertThat(BerthCommand.execute(
                        wiring,
                        "upgrade",
                        "--install",
                        dir.toString(),
                        "--release",
                        release("1.1.0").toString(),
                        "--yes"))
                .isZero();
        assertThat(sql(dir, "ledger", APP_PASSWORD, "select distinct tag from entries"))
                .isEqualTo("migrated");

        String before = sql(dir, "ledger", APP_PASSWORD, "select id, body, tag from entries order by id");
        assertThat(before.lines()).hasSize(25);

        Path backups = tmp.resolve("backups");
        assertThat(BerthCommand.execute(
                        wiring, "backup", "--install", dir.toString(), "--out", backups.toString(), "--yes"))
                .isZero();
        Path archive;
        try (Stream<Path> s = Files.list(backups)) {
            archive = s.filter(p -> p.toString().endsWith(".berth")).findFirst().orElseThrow();
        }
        VerifiedBackup verified =
                BackupReader.verify(archive, ExpectedApp.of("mariadb-ledger"), (d, t, e) -> {}, () -> false);
        DumpRecord dump = verified.manifest().databases().stream()
                .filter(d -> d.service().equals("db"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no dump of db in " + verified.manifest().databases()));
        assertThat(dump.format()).isEqualTo("mysqldump-sql");
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        BackupReader.copyEntry(verified, dump.path(), text);
        String sqlDump = text.toString(StandardCharsets.UTF_8);
        assertThat(sqlDump)
                .as("taken as root: every database, the app's rows included")
                .contains("CREATE DATABASE")
                .contains("`ledger`")
                .contains("INSERT INTO `entries`")
                .contains("'entry \\'24\\''")
                .doesNotContain(ROOT_PASSWORD);

        // Restore into a new folder: a new project that loads the dump, beside the original.
        Path copy = tmp.resolve("copy");
        installs.add(copy);
        String copyProject = project + "-copy";
        assertThat(BerthCommand.execute(
                        wiring,
                        "restore",
                        "--backup",
                        archive.toString(),
                        "--target",
                        copy.toString(),
                        "--project",
                        copyProject,
                        "--yes"))
                .isZero();
        assertThat(InstallRecord.read(copy).orElseThrow().project()).isEqualTo(copyProject);
        assertThat(sql(copy, "ledger", APP_PASSWORD, "select id, body, tag from entries order by id"))
                .isEqualTo(before);
        // Two databases: a row written to the copy stays there.
        sql(copy, "ledger", APP_PASSWORD, "insert into entries (id, body) values (100, 'only in the copy')");
        assertThat(sql(dir, "ledger", APP_PASSWORD, "select count(*) from entries"))
                .isEqualTo("25");
        assertThat(sql(copy, "ledger", APP_PASSWORD, "select count(*) from entries"))
                .isEqualTo("26");
    }
}
