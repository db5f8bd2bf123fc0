package dev.berth.docker;

/**
 * A container port published on the host.
 *
 * @param hostIp the host address it listens on ({@code 0.0.0.0}, {@code ::}, {@code 127.0.0.1})
 * @param hostPort the host port
 * @param containerPort the port inside the container
 * @param protocol {@code tcp} or {@code udp}
 */
public record PublishedPort(String hostIp, int hostPort, int containerPort, String protocol) {

    /** Whether other machines can reach it: bound to every interface rather than loopback or one address. */
    public boolean onAllInterfaces() {
        return hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::");
    }

    /** {@code 0.0.0.0:5432->5432/tcp}, like {@code docker ps}. */
    public String describe() {
        String ip = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
        return ip + ":" + hostPort + "->" + containerPort + "/" + protocol;
    }
}
