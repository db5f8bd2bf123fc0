package dev.berth.docker.scan;

import dev.berth.docker.MountPoint;
import java.nio.file.Path;

/**
 * A bind mount of one service.
 *
 * @param source the host path, absolute
 * @param service the service that mounts it
 * @param target the path in the container
 * @param access read-write or read-only
 * @param kind what it holds
 */
public record BindMount(Path source, String service, String target, MountPoint.Access access, Kind kind) {
    /** What a bind mount holds. */
    public enum Kind {
        /** The install's data: back it up, move it on restore. */
        DATA,
        /** A file shipped with the release next to the compose file ({@code ./config/app.yaml}). */
        RELEASE_FILE,
        /** A host system path ({@code /etc/localtime}, {@code /proc}): neither data nor release. */
        SYSTEM,
        /** The Docker socket: the container controls the engine. */
        DOCKER_SOCKET
    }
}
