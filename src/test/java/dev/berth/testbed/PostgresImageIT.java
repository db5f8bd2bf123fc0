package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code postgres:15} image honours the official image's documented contract, so real upstream
 * compose files run unchanged on the test bed.
 */
class PostgresImageIT {
    private static final Duration START = Duration.ofSeconds(60);
    private final DockerScope docker = new DockerScope();

    @TempDir
    Path tmp;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void removeContainers() {
        docker.close();
    }

    @Test
    void environmentCreatesUserAndDatabaseAndInitScriptsRunOnlyOnTheFirstStart() throws IOException {
        Path init = Files.createDirectory(tmp.resolve("init"), rwx("rwxr-xr-x"));
        write(init.resolve("10-schema.sql"), """
                CREATE TABLE notes (body text NOT NULL);
                CREATE TABLE init_runs (at timestamptz NOT NULL DEFAULT now());
                INSERT INTO notes VALUES ('sql');
                """, "rw-r--r--");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(init.resolve("20-more.sql.gz")))) {
            out.write("INSERT INTO notes VALUES ('gz');\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.setPosixFilePermissions(init.resolve("20-more.sql.gz"), PosixFilePermissions.fromString("rw-r--r--"));
        write(init.resolve("30-runs.sh"), """
                #!/bin/sh
                set -e
                psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$POSTGRES_DB" -c 'INSERT INTO init_runs DEFAULT VALUES'
                """, "rwxr-xr-x");
        write(init.resolve("40-sourced.sh"), """
                docker_process_sql -c "INSERT INTO notes VALUES ('sourced as '||current_user)"
                """, "rw-r--r--");
        write(init.resolve("50-readme.txt"), "not a script\n", "rw-r--r--");

        String c = docker.start(
                "-e",
                "POSTGRES_USER=alice",
                "-e",
                "POSTGRES_PASSWORD=pw-alice",
                "-e",
                "POSTGRES_DB=shop",
                "-v",
                init + ":/docker-entrypoint-initdb.d:ro",
                DockerTestBed.POSTGRES);
        docker.awaitPostgres(c, START);

        assertThat(docker.psql(c, "alice", "shop", "SELECT string_agg(body, ',' ORDER BY body) FROM notes"))
                .isEqualTo("gz,sourced as alice,sql");
        assertThat(docker.psql(c, "alice", "shop", "SELECT count(*) FROM init_runs"))
                .isEqualTo("1");
        assertThat(docker.psql(
                        c, "alice", "shop", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'shop'"))
                .isEqualTo("alice");
        assertThat(docker.psql(c, "alice", "shop", "SELECT rolsuper FROM pg_roles WHERE rolname = 'alice'"))
                .isEqualTo("t");
        assertThat(docker.logs(c))
                .contains("running /docker-entrypoint-initdb.d/10-schema.sql")
                .contains("running /docker-entrypoint-initdb.d/20-more.sql.gz")
                .contains("running /docker-entrypoint-initdb.d/30-runs.sh")
                .contains("sourcing /docker-entrypoint-initdb.d/40-sourced.sh")
                .contains("ignoring /docker-entrypoint-initdb.d/50-readme.txt")
                .contains("PostgreSQL init process complete; ready for start up.");

        docker.docker("restart", c);
        docker.awaitPostgres(c, START);
        assertThat(docker.psql(c, "alice", "shop", "SELECT count(*) FROM init_runs"))
                .as("init scripts run only on an empty data directory")
                .isEqualTo("1");
        assertThat(docker.logs(c)).contains("Skipping initialization");
    }

    @Test
    void remoteConnectionsNeedThePasswordWhichMayComeFromFiles() throws IOException {
        Path secrets = Files.createDirectory(tmp.resolve("secrets"), rwx("rwxr-xr-x"));
        write(secrets.resolve("user"), "bob\n", "rw-r--r--");
        write(secrets.resolve("password"), "pw-from-file", "rw-r--r--");
        String c = docker.start(
                "-e",
                "POSTGRES_USER_FILE=/run/secrets/user",
                "-e",
                "POSTGRES_PASSWORD_FILE=/run/secrets/password",
                "-v",
                secrets + ":/run/secrets:ro",
                DockerTestBed.POSTGRES);
        docker.awaitPostgres(c, START);
        String ip = docker.ip(c);

        ProcessResult right =
                remotePsql(ip, "bob", "bob", "pw-from-file", "SELECT current_user || '@' || current_database()");
        assertThat(right.orFail().stdout().strip()).isEqualTo("bob@bob");
        ProcessResult wrong = remotePsql(ip, "bob", "bob", "not-the-password", "SELECT 1");
        assertThat(wrong.succeeded()).isFalse();
        assertThat(wrong.output()).contains("password authentication failed for user \"bob\"");

        assertThat(docker.psql(c, "bob", "bob", "SHOW listen_addresses")).isEqualTo("*");
        assertThat(docker.psql(c, "bob", "bob", "SHOW password_encryption")).isEqualTo("scram-sha-256");
        assertThat(docker.docker("exec", c, "cat", "/var/lib/postgresql/data/pg_hba.conf")
                        .stdout())
                .contains("host all all all scram-sha-256");
    }

    @Test
    void initdbArgumentsAndTrustAuthenticationAreHonoured() {
        String c = docker.start(
                "-e",
                "POSTGRES_HOST_AUTH_METHOD=trust",
                "-e",
                "POSTGRES_INITDB_ARGS=--data-checksums --encoding=UTF8",
                DockerTestBed.POSTGRES);
        docker.awaitPostgres(c, START);

        assertThat(docker.psql(c, "postgres", "postgres", "SHOW data_checksums"))
                .isEqualTo("on");
        assertThat(remotePsql(docker.ip(c), "postgres", "postgres", "", "SELECT 'in without a password'")
                        .orFail()
                        .stdout())
                .contains("in without a password");
    }

    @Test
    void refusesToInitialiseWithoutAPassword() {
        String c = docker.start(DockerTestBed.POSTGRES);

        assertThat(docker.awaitExit(c, START)).isEqualTo(1);
        assertThat(docker.logs(c)).contains("superuser password is not specified");
    }

    @Test
    void dataDirBelongsToPostgresWithMode0700AndTheServerRunsAsPostgres() {
        String c = docker.start("-e", "POSTGRES_PASSWORD=pw", DockerTestBed.POSTGRES);
        docker.awaitPostgres(c, START);

        assertThat(docker.docker("exec", c, "stat", "-c", "%u:%g %a", "/var/lib/postgresql/data")
                        .stdout()
                        .strip())
                .isEqualTo("999:999 700");
        assertThat(docker.docker("exec", c, "id", "postgres").stdout())
                .startsWith("uid=999(postgres) gid=999(postgres)");
        assertThat(docker.docker("exec", c, "sh", "-c", "grep -E '^(Name|Uid):' /proc/1/status")
                        .stdout())
                .as("PID 1 is the server itself, as postgres, so it receives the stop signal")
                .containsPattern("Name:\\s+postgres")
                .containsPattern("Uid:\\s+999\\s+999");
    }

    @Test
    void sigtermShutsDownCleanlyAndTheNextStartNeedsNoRecovery() {
        String c = docker.start("-e", "POSTGRES_PASSWORD=pw", DockerTestBed.POSTGRES);
        docker.awaitPostgres(c, START);
        docker.psql(c, "postgres", "postgres", "CREATE TABLE kept AS SELECT 42 AS answer");

        docker.docker("kill", "--signal", "TERM", c);
        assertThat(docker.awaitExit(c, START)).isZero();
        String firstRun = docker.logs(c);
        assertThat(firstRun).contains("received smart shutdown request").contains("database system is shut down");

        docker.docker("start", c);
        docker.awaitPostgres(c, START);
        String secondRun = docker.logs(c).substring(firstRun.length());
        assertThat(secondRun)
                .contains("database system was shut down at")
                .doesNotContain("was interrupted")
                .doesNotContain("automatic recovery in progress")
                .doesNotContain("redo starts");
        assertThat(docker.psql(c, "postgres", "postgres", "SELECT answer FROM kept"))
                .isEqualTo("42");
    }

    @Test
    void imageConfigurationMatchesTheOfficialImage() {
        String config = docker.docker(
                        "image",
                        "inspect",
                        "--format",
                        "{{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.StopSignal}} {{json .Config.ExposedPorts}}"
                                + " {{json .Config.Volumes}}",
                        DockerTestBed.POSTGRES)
                .stdout()
                .strip();
        assertThat(config)
                .isEqualTo("[\"docker-entrypoint.sh\"] [\"postgres\"] SIGINT {\"5432/tcp\":{}}"
                        + " {\"/var/lib/postgresql/data\":{}}");
        String env = docker.docker("image", "inspect", "--format", "{{json .Config.Env}}", DockerTestBed.POSTGRES)
                .stdout();
        assertThat(env)
                .contains("PGDATA=/var/lib/postgresql/data")
                .contains("PG_MAJOR=15")
                .contains("LANG=en_US.utf8");
        ProcessResult tools = docker.docker(
                "run",
                "--rm",
                "--entrypoint",
                "sh",
                DockerTestBed.POSTGRES,
                "-c",
                "for t in pg_isready psql pg_dump pg_restore postgres initdb; do command -v $t; done"
                        + " && ls /docker-entrypoint-initdb.d");
        assertThat(tools.stdout().lines().toList()).hasSize(6);
    }

    private ProcessResult remotePsql(String ip, String user, String db, String password, String sql) {
        return docker.dockerResult(
                "run",
                "--rm",
                "-e",
                "PGPASSWORD=" + password,
                "-e",
                "PGCONNECT_TIMEOUT=5",
                "--entrypoint",
                "psql",
                DockerTestBed.POSTGRES,
                "-X",
                "-w",
                "-A",
                "-t",
                "-h",
                ip,
                "-U",
                user,
                "-d",
                db,
                "-c",
                sql);
    }

    private static void write(Path file, String content, String perms) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    }

    private static java.nio.file.attribute.FileAttribute<?> rwx(String perms) {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(perms));
    }
}
