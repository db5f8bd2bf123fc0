package dev.berth.docker;

import java.util.List;

/**
 * No Docker engine answered. The message lists every place that was tried, why each failed and
 * what to do, like Testcontainers' {@code DockerClientProviderStrategy}.
 */
public final class DockerUnreachableException extends DockerException {
    private final List<ConnectionAttempt> attempts;

    public DockerUnreachableException(List<ConnectionAttempt> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** Every place tried, in order. */
    public List<ConnectionAttempt> attempts() {
        return attempts;
    }

    static String message(List<ConnectionAttempt> attempts) {
        StringBuilder sb = new StringBuilder("Docker is not reachable; nothing was changed. Places tried:");
        for (ConnectionAttempt a : attempts) {
            sb.append("\n  - ").append(a.endpoint().describe()).append(": ").append(a.detail());
        }
        boolean explicitFailed = attempts.stream()
                .anyMatch(a -> a.endpoint().binding() == DockerEndpoint.Binding.EXPLICIT
                        && a.outcome() != ConnectionAttempt.Outcome.ANSWERED);
        boolean permission =
                attempts.stream().anyMatch(a -> a.outcome() == ConnectionAttempt.Outcome.PERMISSION_DENIED);
        boolean otherAnswers =
                attempts.stream().anyMatch(a -> a.outcome() == ConnectionAttempt.Outcome.ANSWERED_NOT_USED);
        sb.append("\nWhat to do:");
        if (explicitFailed) {
            ConnectionAttempt first = attempts.stream()
                    .filter(a -> a.endpoint().binding() == DockerEndpoint.Binding.EXPLICIT)
                    .findFirst()
                    .orElseThrow();
            String what = first.endpoint().origin().equals("DOCKER_HOST")
                    ? "DOCKER_HOST is set, so Berth uses only that engine"
                    : first.endpoint().origin() + " is chosen explicitly (DOCKER_CONTEXT), so Berth uses only it";
            sb.append("\n  - ").append(what).append(": start that engine, or ");
            sb.append(
                    otherAnswers
                            ? "unset it to use the engine that answers elsewhere."
                            : "unset it to let Berth look in the usual places.");
        }
        if (permission) {
            sb.append("\n  - Your user may not use the Docker socket: add it to the docker group"
                    + " (sudo usermod -aG docker $USER), then log out and in again (or run: newgrp docker).");
        }
        sb.append("\n  - Start Docker: open Docker Desktop (macOS, Windows, Linux desktop), or on Linux run"
                + " 'sudo systemctl start docker' (or 'sudo dockerd' where there is no systemd), then retry.");
        sb.append("\n  - Docker installed somewhere else? Set DOCKER_HOST (unix://, tcp:// or npipe://) or select"
                + " a context with 'docker context use NAME'.");
        return sb.toString();
    }
}
