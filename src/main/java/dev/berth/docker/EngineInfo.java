package dev.berth.docker;

import java.util.List;

/**
 * The engine Berth is connected to.
 *
 * @param endpoint where it answered
 * @param serverVersion the engine version, e.g. {@code 20.10.24+dfsg1}
 * @param apiVersion the highest API version it speaks, e.g. {@code 1.41}
 * @param minApiVersion the lowest API version it accepts
 * @param os the engine's operating system ({@code linux}, {@code windows})
 * @param arch the engine's architecture
 * @param earlierAttempts places tried before this one that did not answer (for the log)
 */
public record EngineInfo(
        DockerEndpoint endpoint,
        String serverVersion,
        String apiVersion,
        String minApiVersion,
        String os,
        String arch,
        List<ConnectionAttempt> earlierAttempts) {

    public EngineInfo {
        earlierAttempts = List.copyOf(earlierAttempts);
    }

    /** Whether the engine speaks API {@code major.minor} or newer, for gating features. */
    public boolean supportsApi(int major, int minor) {
        return compareVersions(apiVersion, major + "." + minor) >= 0;
    }

    /** Compares dotted numeric versions ({@code 1.41} &lt; {@code 1.42} &lt; {@code 1.100}). */
    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(part(x, i), part(y, i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int part(String[] parts, int i) {
        if (i >= parts.length) {
            return 0;
        }
        String digits = parts[i].replaceAll("[^0-9].*$", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }
}
