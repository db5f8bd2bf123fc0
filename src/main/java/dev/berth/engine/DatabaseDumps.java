package dev.berth.engine;

import java.util.Optional;

/**
 * How each kind of database is dumped and loaded inside its own container, with the tools and the
 * credentials its official image provides. Scripts run with {@code sh -c}; they read passwords
 * from the container's environment (never from Berth's command line, so they appear in no process
 * list, log or journal) and exit 127 when the container has no dump tool, which the backup treats
 * as "no dump" (the database's files are copied with it stopped) rather than a failure.
 */
final class DatabaseDumps {
    /** The exit code of a shell that did not find a command. */
    static final int NO_TOOL = 127;

    private DatabaseDumps() {}

    /** One kind of dump: the format recorded in the backup, and the scripts that make and load it. */
    record Tool(String format, String dumpScript, String loadScript) {}

    /** The tool for a database type ({@code postgres}, {@code mysql}, {@code mariadb}), if Berth has one. */
    static Optional<Tool> forType(PlanStep.DatabaseDump d) {
        return switch (d.type()) {
            case "postgres" -> Optional.of(postgres(d));
            case "mysql", "mariadb" -> Optional.of(mysql(d));
            default -> Optional.empty();
        };
    }

    /** The tool that loads a dump of this format, if Berth has one. */
    static Optional<Tool> forFormat(String format, PlanStep.DatabaseDump d) {
        return forType(d).filter(t -> t.format().equals(format));
    }

    /**
     * The script that feeds an SQL file (on standard input) to the container's database, stopping at
     * the first error; with no type given, whichever client the container has.
     */
    static String sqlScript(PlanStep.Migration.Sql q) {
        String psql = "exec psql -v ON_ERROR_STOP=1 -U " + pgUser(q.userEnv()) + " -d "
                + pgDatabase(q.userEnv(), q.databaseEnv());
        String mysql = mysqlCredentials(q.userEnv(), q.databaseEnv())
                + "tool=$(command -v mariadb || command -v mysql) || exit " + NO_TOOL + "; "
                + "MYSQL_PWD=\"$pw\" exec \"$tool\" \"$who\" \"--database=$db\"";
        return switch (q.type()) {
            case "postgres" -> psql;
            case "mysql", "mariadb" -> mysql;
            default -> "if command -v psql >/dev/null; then " + psql + "; fi; " + mysql;
        };
    }

    private static String pgUser(String userEnv) {
        String u = userEnv.isBlank() ? "POSTGRES_USER" : userEnv;
        return "\"${" + u + ":-postgres}\"";
    }

    private static String pgDatabase(String userEnv, String databaseEnv) {
        String u = userEnv.isBlank() ? "POSTGRES_USER" : userEnv;
        String d = databaseEnv.isBlank() ? "POSTGRES_DB" : databaseEnv;
        return "\"${" + d + ":-${" + u + ":-postgres}}\"";
    }

    private static Tool postgres(PlanStep.DatabaseDump d) {
        String user = pgUser(d.userEnv());
        String db = pgDatabase(d.userEnv(), d.databaseEnv());
        return new Tool(
                "pg_dump-custom",
                "command -v pg_dump >/dev/null || exit " + NO_TOOL + "; exec pg_dump -U " + user + " -Fc " + db,
                "pg_restore -U " + user + " -d " + db + " --clean --if-exists --no-owner --single-transaction");
    }

    /**
     * Sets {@code pw} and {@code who} (root when the container has a root password or allows an
     * empty one, else the app's user), {@code what} (what a dump of that account covers) and {@code
     * db} (the app's database).
     */
    private static String mysqlCredentials(String userEnv, String databaseEnv) {
        String user = envChain(userEnv, "MARIADB_USER", "MYSQL_USER");
        String db = envChain(databaseEnv, "MARIADB_DATABASE", "MYSQL_DATABASE");
        return "db=\"" + db + "\"; "
                + "pw=\"${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}\"; "
                + "if [ -n \"$pw\" ] || [ -n \"${MARIADB_ALLOW_EMPTY_ROOT_PASSWORD:-${MYSQL_ALLOW_EMPTY_PASSWORD:-}}\" ];"
                + " then who=-uroot; what='--all-databases --routines --events';"
                + " else pw=\"${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}\"; who=\"-u" + user + "\";"
                + " what=\"--databases $db\"; fi; ";
    }

    /**
     * MySQL and MariaDB: as root (every database, with routines and events) when the container has
     * a root password or allows an empty one, else as the app's user (its database only). {@code
     * userEnv} and {@code databaseEnv} of the manifest come first, then the official images' names.
     */
    private static Tool mysql(PlanStep.DatabaseDump d) {
        String credentials = mysqlCredentials(d.userEnv(), d.databaseEnv());
        String dump = credentials
                + "tool=$(command -v mariadb-dump || command -v mysqldump) || exit " + NO_TOOL + "; "
                + "MYSQL_PWD=\"$pw\" exec \"$tool\" \"$who\" $what --single-transaction --triggers --hex-blob";
        // The server may still be starting when a restore loads the dump: wait until it answers.
        String load = credentials
                + "tool=$(command -v mariadb || command -v mysql) || exit " + NO_TOOL + "; "
                + "admin=$(command -v mariadb-admin || command -v mysqladmin); "
                + "for i in $(seq 120); do \"$admin\" ping --silent >/dev/null 2>&1 && break; sleep 0.5; done; "
                + "MYSQL_PWD=\"$pw\" exec \"$tool\" \"$who\"";
        return new Tool("mysqldump-sql", dump, load);
    }

    /** {@code ${A:-${B:-${C:-}}}}, skipping an empty first name. */
    private static String envChain(String first, String... then) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        if (first != null && !first.isBlank()) {
            open.append("${").append(first).append(":-");
            close.append('}');
        }
        for (String n : then) {
            open.append("${").append(n).append(":-");
            close.append('}');
        }
        return open.toString() + close;
    }
}
