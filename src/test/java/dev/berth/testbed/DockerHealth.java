package dev.berth.testbed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Docker's own health status, for tests that check it after a Berth run. Berth counts a service
 * healthy as soon as the container's own health command passes when Berth runs it (ADR 0015), so
 * Docker may still say {@code starting} until its next check, one health interval later: these
 * reads wait that out instead of racing it.
 */
public final class DockerHealth {
    /** Longer than any test image's health interval (the demo's is 2 s). */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    private DockerHealth() {}

    /** The container's health status once Docker is past {@code starting} (or after {@link #SETTLE}). */
    public static String of(String containerId) {
        return settled(() -> Commands.run(
                        Duration.ofSeconds(30),
                        List.of("docker", "inspect", "-f", "{{.State.Health.Status}}", containerId))
                .stdout()
                .strip());
    }

    /**
     * Reads {@code read} until what it returns no longer contains {@code starting}, for at most
     * {@link #SETTLE}; returns the last value read.
     */
    public static String settled(Supplier<String> read) {
        Instant end = Instant.now().plus(SETTLE);
        String last = read.get();
        while (last.contains("starting") && Instant.now().isBefore(end)) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            last = read.get();
        }
        return last;
    }
}
