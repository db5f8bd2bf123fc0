package dev.berth.release;

import java.util.Locale;
import java.util.Optional;

/** A database engine Berth knows how to dump, restore and feed SQL to. */
public enum DatabaseType {
    POSTGRES("postgres"),
    MYSQL("mysql"),
    MARIADB("mariadb"),
    MONGODB("mongodb");

    private final String id;

    DatabaseType(String id) {
        this.id = id;
    }

    /** The name used in {@code berth.yaml}. */
    public String id() {
        return id;
    }

    /** Reads a manifest name; common spellings ({@code postgresql}, {@code mongo}) are accepted. */
    public static Optional<DatabaseType> fromId(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "postgres", "postgresql", "pg" -> Optional.of(POSTGRES);
            case "mysql" -> Optional.of(MYSQL);
            case "mariadb" -> Optional.of(MARIADB);
            case "mongodb", "mongo" -> Optional.of(MONGODB);
            default -> Optional.empty();
        };
    }
}
