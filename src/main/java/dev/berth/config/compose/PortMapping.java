package dev.berth.config.compose;

/**
 * One published or exposed port of a service, in compose's long form. A short entry with a port
 * range ({@code 8000-8002:8000-8002}) becomes one mapping per container port, as in compose.
 *
 * @param hostIp the host address it binds to; empty for all addresses
 * @param published the host port, a range ({@code 8000-8010}) or empty when the engine picks one
 * @param target the container port
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 * @param mode {@code ingress} or {@code host}
 */
public record PortMapping(String hostIp, String published, int target, String protocol, String mode) {
    /** The host port as a number, or -1 when none or a range is published. */
    public int publishedPort() {
        try {
            return published.isEmpty() ? -1 : Integer.parseInt(published);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
