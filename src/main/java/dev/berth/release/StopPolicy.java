package dev.berth.release;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code stop:} section: the order in which services stop, how long each may take to stop
 * before it is killed, and commands that drain a worker first.
 *
 * @param order services to stop first, in this order; the rest stop after them (data stores last)
 * @param grace per-service stop timeout ({@code docker compose stop -t})
 * @param drain per-service command run in the container before it is stopped
 */
public record StopPolicy(List<String> order, Map<String, Duration> grace, Map<String, Drain> drain) {

    /** Compose's own stop timeout. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    /** The stop timeout for known data store images when the manifest names none. */
    public static final Duration DATA_STORE_GRACE = Duration.ofSeconds(60);

    public static final StopPolicy INFERRED = new StopPolicy(List.of(), Map.of(), Map.of());

    public StopPolicy {
        order = List.copyOf(order);
        grace = Collections.unmodifiableMap(new LinkedHashMap<>(grace));
        drain = Collections.unmodifiableMap(new LinkedHashMap<>(drain));
    }

    /**
     * A command that makes a worker finish or hand back its jobs before it is stopped.
     *
     * @param command the command, exec form
     * @param timeout how long the drain may take; empty means the engine's default
     */
    public record Drain(List<String> command, Optional<Duration> timeout) {
        public Drain {
            command = List.copyOf(command);
        }
    }

    /**
     * The stop timeout of a service: the manifest's, else {@link #DATA_STORE_GRACE} for a known
     * data store image, else {@link #DEFAULT_GRACE}.
     */
    public Duration graceFor(String service, Optional<String> image) {
        Duration d = grace.get(service);
        if (d != null) {
            return d;
        }
        return image.filter(KnownImages::isDataStore).isPresent() ? DATA_STORE_GRACE : DEFAULT_GRACE;
    }
}
