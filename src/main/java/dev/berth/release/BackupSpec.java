package dev.berth.release;

import java.util.List;
import java.util.Optional;

/**
 * The {@code backup:} section: what a backup leaves out and which databases it dumps with their own
 * tools (a consistent dump instead of copying live database files).
 *
 * @param exclude paths (relative to the install folder or a volume's root, {@code /} at the end for
 *     a folder, {@code *} globs) left out of backups: caches, logs
 * @param databases databases to dump
 */
public record BackupSpec(List<String> exclude, List<BackupSpec.Database> databases) {

    public static final BackupSpec NONE = new BackupSpec(List.of(), List.of());

    public BackupSpec {
        exclude = List.copyOf(exclude);
        databases = List.copyOf(databases);
    }

    /**
     * A database to dump.
     *
     * @param service the compose service running it
     * @param type the engine
     * @param userEnv the container variable with the user name, e.g. {@code POSTGRES_USER}
     * @param databaseEnv the container variable with the database name, e.g. {@code POSTGRES_DB}
     * @param passwordEnv the container variable with the password, when the client needs it
     */
    public record Database(
            String service,
            DatabaseType type,
            Optional<String> userEnv,
            Optional<String> databaseEnv,
            Optional<String> passwordEnv) {}
}
