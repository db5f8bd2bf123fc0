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

    /**
     * Whether {@code up --no-deps SERVICES} works when a named service waits for one left out
     * ({@code condition: service_healthy} or {@code service_completed_successfully}): v1 ignores
     * the one left out; v2 before 2.10 failed with "no such service" (docker/compose#9302, #9591).
     * Unknown versions count as new.
     */
    public boolean upSkipsDependenciesLeftOut() {
        if (generation == ComposeGeneration.V1) {
            return true;
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(version);
        if (!m.find()) {
            return true;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 2 || (major == 2 && minor >= 10);
    }

    /** {@code docker-compose 1.29.2} or {@code docker compose 2.24.5}. */
    public String describe() {
        return String.join(" ", command) + " " + version;
    }
}
