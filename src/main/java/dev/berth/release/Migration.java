package dev.berth.release;

import java.util.List;
import java.util.Optional;

/** One step that changes the app's data during an upgrade, in manifest order. */
public sealed interface Migration {

    /** The service the migration runs in or against. */
    String service();

    MigrationOptions options();

    /**
     * A one-shot container of a service ({@code docker compose run --rm SERVICE [COMMAND]}); its
     * dependencies start as compose starts them.
     *
     * @param command the command, or empty for the service's own command
     */
    record Run(String service, List<String> command, MigrationOptions options) implements Migration {
        public Run {
            command = List.copyOf(command);
        }
    }

    /** A command in the running container of a service ({@code docker compose exec -T}). */
    record Exec(String service, List<String> command, MigrationOptions options) implements Migration {
        public Exec {
            command = List.copyOf(command);
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
}
