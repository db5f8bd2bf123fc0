package dev.berth.release;

import java.util.List;
import java.util.Optional;

/** One step that changes the app's data during an upgrade, in manifest order. */
public sealed interface Migration {

    /** The service the migration runs in or against. */
    String service();

    MigrationOptions options();

    /**
     * Where a command's standard input comes from and its standard output goes: files in the
     * upgrade's work folder (kept with the upgrade's backup until the upgrade is confirmed), so
     * that a dump written by one migration is loaded by a later one (concurrent's {@code ccadmin
     * dump_legacy ... > entities.json} then {@code ccadmin load entities < entities.json}).
     *
     * @param stdinFrom a work file fed to the command's standard input
     * @param stdoutTo a work file the command's standard output is written to
     */
    record Streams(Optional<String> stdinFrom, Optional<String> stdoutTo) {
        /** Standard input empty, standard output to the log. */
        public static final Streams NONE = new Streams(Optional.empty(), Optional.empty());
    }

    /**
     * A one-shot container of a service ({@code docker compose run --rm SERVICE [COMMAND]}); its
     * dependencies start as compose starts them.
     *
     * @param command the command, or empty for the service's own command
     */
    record Run(String service, List<String> command, Streams streams, MigrationOptions options) implements Migration {
        public Run {
            command = List.copyOf(command);
        }

        public Run(String service, List<String> command, MigrationOptions options) {
            this(service, command, Streams.NONE, options);
        }
    }

    /** A command in the running container of a service ({@code docker compose exec -T}). */
    record Exec(String service, List<String> command, Streams streams, MigrationOptions options) implements Migration {
        public Exec {
            command = List.copyOf(command);
        }

        public Exec(String service, List<String> command, MigrationOptions options) {
            this(service, command, Streams.NONE, options);
        }
    }

    /**
     * An SQL file of the release fed to the database client inside the service's container.
     *
     * @param file path relative to the release root
     * @param database the engine; empty means inferred from the service's image or a backup entry
     * @param userEnv the container variable holding the user name (e.g. {@code POSTGRES_USER})
     * @param databaseEnv the container variable holding the database name
     */
    record Sql(
            String service,
            String file,
            Optional<DatabaseType> database,
            Optional<String> userEnv,
            Optional<String> databaseEnv,
            MigrationOptions options)
            implements Migration {}

    /**
     * Moves a data folder of the install aside, so that the service starts on an empty one and a
     * later migration loads the data back (the "full reload" pattern). The engine stops every
     * service first (the folder must not be in use), renames the folder within its parent and keeps
     * it until the upgrade is confirmed; a rollback puts it back.
     *
     * @param service the service that mounts the folder (a bind mount)
     * @param path the folder, relative to the install folder, e.g. {@code _composeData/db}
     */
    record SetAside(String service, String path, MigrationOptions options) implements Migration {}
}
