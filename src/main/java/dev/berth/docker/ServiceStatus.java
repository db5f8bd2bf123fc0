package dev.berth.docker;

import java.time.Instant;
import java.util.Optional;

/**
 * One container of a compose service, inspected.
 *
 * @param service the compose service
 * @param containerName the container name
 * @param containerId the container id
 * @param state the state
 * @param health the healthcheck status; {@link Health#NONE} when there is no healthcheck
 * @param exitCode the last exit code (0 while it never exited)
 * @param restartCount how often the engine restarted it under its restart policy
 * @param startedAt when it last started
 * @param lastHealthOutput the output of the last healthcheck, when there is one
 */
public record ServiceStatus(
        String service,
        String containerName,
        String containerId,
        ContainerState state,
        Health health,
        int exitCode,
        int restartCount,
        Optional<Instant> startedAt,
        Optional<String> lastHealthOutput) {

    /** {@code running (healthy)}, {@code exited (1), 3 restarts}, ... for messages. */
    public String describe() {
        StringBuilder sb = new StringBuilder(state.word());
        if (state == ContainerState.EXITED || state == ContainerState.DEAD) {
            sb.append(" (exit code ").append(exitCode).append(')');
        } else if (health != Health.NONE) {
            sb.append(" (").append(health.word()).append(')');
        }
        if (restartCount > 0) {
            sb.append(", ").append(restartCount).append(restartCount == 1 ? " restart" : " restarts");
        }
        return sb.toString();
    }
}
