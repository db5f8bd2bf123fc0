package dev.berth.release;

import java.util.List;

/**
 * How the running app reports its version, so Berth can confirm an upgrade took effect and learn
 * the version of an install it did not make. The first group of {@code regex} (or the whole match)
 * is the version.
 */
public sealed interface VersionProbe {

    /** Finds a version such as {@code 1.2.3}, {@code v3.8.3}, {@code 2.0.0-rc1}. */
    String DEFAULT_REGEX = "v?(\\d+(?:\\.\\d+)+(?:-[0-9A-Za-z.]+)?)";

    String regex();

    /** The body of an HTTP GET from the host, e.g. {@code http://127.0.0.1:${PORT}/api/version}. */
    record Http(String url, String regex) implements VersionProbe {}

    /** The output of a command in the running container of a service. */
    record Exec(String service, List<String> command, String regex) implements VersionProbe {
        public Exec {
            command = List.copyOf(command);
        }
    }
}
