package dev.berth.config.compose;

/**
 * One entry of a service's {@code depends_on}.
 *
 * @param condition {@code service_started}, {@code service_healthy} or {@code
 *     service_completed_successfully}
 * @param required whether a missing dependency is an error
 * @param restart whether the service restarts when the dependency is updated
 */
public record Dependency(String condition, boolean required, boolean restart) {}
