package dev.berth.docker.compose;

import java.util.List;

/**
 * A compose implementation found on this machine.
 *
 * @param generation v1 or v2
 * @param command the program and its leading words: {@code [docker, compose]} or {@code [docker-compose]}
 * @param version its version, e.g. {@code 1.29.2} or {@code 2.24.5}
 */
public record ComposeTool(ComposeGeneration generation, List<String> command, String version) {
    public ComposeTool {
        command = List.copyOf(command);
    }

    /** {@code docker-compose 1.29.2} or {@code docker compose 2.24.5}. */
    public String describe() {
        return String.join(" ", command) + " " + version;
    }
}
