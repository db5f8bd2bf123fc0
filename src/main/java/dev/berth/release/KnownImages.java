package dev.berth.release;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Berth infers from an image name when a manifest says nothing: which images are databases
 * (dumped on backup, stopped last with a longer grace period, started first).
 */
public final class KnownImages {
    private static final Set<String> DATA_STORES = Set.of(
            "postgres",
            "postgis",
            "timescaledb",
            "pgvector",
            "mysql",
            "mariadb",
            "percona",
            "percona-server",
            "mongo",
            "mongodb",
            "mongodb-community-server",
            "redis",
            "valkey",
            "keydb",
            "memcached",
            "elasticsearch",
            "opensearch",
            "clickhouse-server",
            "cassandra",
            "etcd",
            "zookeeper",
            "kafka",
            "rabbitmq",
            "minio",
            "influxdb",
            "qdrant",
            "weaviate",
            "milvus",
            "couchdb",
            "neo4j");

    private KnownImages() {}

    /**
     * The repository's last path part without registry, tag or digest: {@code postgres} for
     * {@code docker.io/library/postgres:15-alpine}, {@code mongodb-community-server} for
     * {@code mongodb/mongodb-community-server:7.0-ubi8}.
     */
    public static String baseName(String image) {
        String s = image.strip().toLowerCase(Locale.ROOT);
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            s = s.substring(0, colon);
        }
        return s.substring(slash + 1);
    }

    /** The tag of an image reference, if it has one ({@code 15-alpine}); digests are no tags. */
    public static Optional<String> tag(String image) {
        String s = image.strip();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        return colon > slash && colon < s.length() - 1 ? Optional.of(s.substring(colon + 1)) : Optional.empty();
    }

    /** The database engine an image runs, for the engines Berth can dump. */
    public static Optional<DatabaseType> databaseType(String image) {
        String base = baseName(image);
        return switch (base) {
            case "postgres", "postgis", "timescaledb", "pgvector" -> Optional.of(DatabaseType.POSTGRES);
            case "mysql", "percona", "percona-server" -> Optional.of(DatabaseType.MYSQL);
            case "mariadb" -> Optional.of(DatabaseType.MARIADB);
            case "mongo", "mongodb", "mongodb-community-server" -> Optional.of(DatabaseType.MONGODB);
            default -> Optional.empty();
        };
    }

    /** Whether the image keeps state that suffers from a hard kill: databases, queues, search. */
    public static boolean isDataStore(String image) {
        return DATA_STORES.contains(baseName(image));
    }
}
