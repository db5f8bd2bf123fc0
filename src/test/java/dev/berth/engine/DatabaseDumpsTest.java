package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dump, load and SQL scripts' choices (which account, which client, which database), run by a
 * real {@code sh} with stand-in clients that print how they were called: the branches a real
 * MariaDB in {@code MariadbBackupIT} does not take (no root password, no client at all, PostgreSQL
 * found first).
 */
class DatabaseDumpsTest {
    @TempDir
    Path tmp;

    /** Stand-in clients in a folder of their own: each prints its name, arguments and MYSQL_PWD. */
    Path tools(String... names) throws IOException {
        Path bin = tmp.resolve("bin-" + String.join("-", names));
        Files.createDirectories(bin);
        for (String n : names) {
            Path f = bin.resolve(n);
            Files.writeString(f, "#!/bin/sh\necho \"" + n + " $* pw=${MYSQL_PWD:-}\"\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** Runs a script as the container would: {@code sh -c}, with this environment and PATH. */
    static Result sh(String script, Path bin, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        // The stand-ins, then only what the shell itself needs (seq, sleep), never a real client.
        pb.environment().put("PATH", bin + ":/usr/bin/nonexistent");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return new Result(p.waitFor(), out);
    }

    record Result(int code, String out) {}

    static final PlanStep.DatabaseDump MARIADB = UpgradePlanner.defaultDump("db", "mariadb");

    @Test
    void withARootPasswordMysqlIsDumpedAsRootWithEveryDatabaseAndThePasswordOnlyInTheEnvironment() throws Exception {
        var tool = DatabaseDumps.forType(MARIADB).orElseThrow();
        Result r = sh(tool.dumpScript(), tools("mariadb-dump"), Map.of("MARIADB_ROOT_PASSWORD", "s3cret"));

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .startsWith("mariadb-dump -uroot --all-databases --routines --events --single-transaction")
                .endsWith("pw=s3cret");
        assertThat(tool.dumpScript()).doesNotContain("s3cret");
        assertThat(tool.format()).isEqualTo("mysqldump-sql");
    }

    @Test
    void withoutARootPasswordTheAppsUserDumpsItsOwnDatabaseWithMysqldumpWhenThatIsTheOnlyTool() throws Exception {
        Map<String, String> env = Map.of("MYSQL_USER", "app", "MYSQL_PASSWORD", "apppw", "MYSQL_DATABASE", "appdb");
        Result r = sh(DatabaseDumps.forType(MARIADB).orElseThrow().dumpScript(), tools("mysqldump"), env);

        assertThat(r.code()).isZero();
        assertThat(r.out())
                .startsWith("mysqldump -uapp --databases appdb --single-transaction")
                .endsWith("pw=apppw");
    }

    @Test
    void theManifestsVariableNamesComeBeforeTheImagesOwn() throws Exception {
        var dump = new PlanStep.DatabaseDump("db", "mysql", "APP_DB_USER", "APP_DB_NAME");
        Map<String, String> env = new HashMap<>(Map.of("APP_DB_USER", "mine", "APP_DB_NAME", "minedb"));
        env.put("MYSQL_USER", "other");
        env.put("MYSQL_PASSWORD", "pw");
        Result r = sh(DatabaseDumps.forType(dump).orElseThrow().dumpScript(), tools("mysqldump"), env);

        assertThat(r.out()).startsWith("mysqldump -umine --databases minedb");
    }

    @Test
    void aContainerWithoutADumpToolExitsWith127WhichTheBackupTreatsAsNoDump() throws Exception {
        for (PlanStep.DatabaseDump d : List.of(MARIADB, UpgradePlanner.defaultDump("db", "postgres"))) {
            Result r = sh(DatabaseDumps.forType(d).orElseThrow().dumpScript(), tools("true"), Map.of());
            assertThat(r.code()).as(d.type()).isEqualTo(DatabaseDumps.NO_TOOL);
        }
    }

    @Test
    void aLoadWaitsForTheServerThenFeedsTheDumpAsTheSameAccount() throws Exception {
        var tool = DatabaseDumps.forType(MARIADB).orElseThrow();
        Result r = sh(
                tool.loadScript(),
                tools("mariadb", "mariadb-admin", "seq", "sleep"),
                Map.of("MYSQL_ROOT_PASSWORD", "rootpw"));

        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("mariadb -uroot pw=rootpw");
    }

    @Test
    void anSqlMigrationWithoutATypeUsesPsqlWhenTheContainerHasItElseTheMysqlClient() throws Exception {
        var q = new PlanStep.Migration.Sql("db", "m.sql", "", "", "");
        Result pg = sh(DatabaseDumps.sqlScript(q), tools("psql", "mariadb"), Map.of("POSTGRES_USER", "pgu"));
        assertThat(pg.out()).startsWith("psql -v ON_ERROR_STOP=1 -U pgu -d pgu");

        Result my = sh(
                DatabaseDumps.sqlScript(q),
                tools("mariadb"),
                Map.of("MARIADB_ROOT_PASSWORD", "r", "MARIADB_DATABASE", "ledger"));
        assertThat(my.out()).isEqualTo("mariadb -uroot --database=ledger pw=r");
    }

    @Test
    void anOlderJournalsSqlMigrationReadsBackAsPostgresOrWhicheverClientIsThere() throws Exception {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode)
                Journal.JSON.valueToTree(new PlanStep.Migration.Sql("db", "m.sql", "", "", ""));
        node.remove(List.of("type", "userEnv", "databaseEnv"));
        var back = Journal.JSON.treeToValue(node, PlanStep.Migration.Sql.class);
        assertThat(back).isEqualTo(new PlanStep.Migration.Sql("db", "m.sql", "", "", ""));
    }
}
