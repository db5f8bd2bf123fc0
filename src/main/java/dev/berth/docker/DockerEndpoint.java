package dev.berth.docker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One place where a Docker engine may listen.
 *
 * @param origin where the address came from, as the user knows it ({@code DOCKER_HOST}, {@code
 *     Docker context "colima"}, {@code default socket}, ...)
 * @param address the engine address: {@code unix:///...}, {@code tcp://host:port}, {@code
 *     npipe:////./pipe/...} (or an unsupported one such as {@code ssh://}, reported as such)
 * @param binding whether Berth may move on to the next place when this one does not answer
 * @param tlsCertDir folder with {@code ca.pem}, {@code cert.pem}, {@code key.pem} for TLS
 * @param problem why this place cannot be used at all, found before trying it (an unreadable
 *     context, an unsupported scheme)
 */
public record DockerEndpoint(
        String origin, String address, Binding binding, Optional<Path> tlsCertDir, Optional<String> problem) {

    /** Whether a failed endpoint lets Berth fall back to the next one. */
    public enum Binding {
        /**
         * Chosen explicitly ({@code DOCKER_HOST}, {@code DOCKER_CONTEXT}): when it does not answer
         * Berth stops rather than silently using another engine with other installs.
         */
        EXPLICIT,
        /** Tried in order; the next one is tried when it does not answer. */
        FALLBACK
    }

    static DockerEndpoint of(String origin, String address, Binding binding) {
        return new DockerEndpoint(origin, address, binding, Optional.empty(), Optional.empty());
    }

    /** {@code origin: address}, or just the address when the origin says nothing more. */
    public String describe() {
        return origin.equals(address) ? address : origin + " (" + address + ")";
    }
}
