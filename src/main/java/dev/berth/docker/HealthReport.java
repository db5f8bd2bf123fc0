package dev.berth.docker;

import java.time.Duration;
import java.util.List;

/**
 * The services Berth waited for, all healthy (or running steadily when they have no healthcheck,
 * or exited with code 0 when they are one-shot jobs).
 *
 * @param containers their containers as last inspected
 * @param waited how long the wait took
 */
public record HealthReport(List<ServiceStatus> containers, Duration waited) {
    public HealthReport {
        containers = List.copyOf(containers);
    }
}
