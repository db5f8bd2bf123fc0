package dev.berth.docker;

import java.util.Optional;

/**
 * A mount of a container.
 *
 * @param type bind, volume, tmpfs, ...
 * @param volumeName the full Docker volume name ({@code myapp_dbdata}) for volumes
 * @param source the host path for binds (as the engine sees it); a volume's mount point otherwise
 * @param destination the path inside the container
 * @param access read-write or read-only
 */
public record MountPoint(Type type, Optional<String> volumeName, String source, String destination, Access access) {

    /** Mount types. */
    public enum Type {
        BIND,
        VOLUME,
        TMPFS,
        NPIPE,
        OTHER;

        static Type parse(String word, boolean hasName) {
            if (word == null || word.isEmpty()) {
                return hasName ? VOLUME : BIND;
            }
            return switch (word) {
                case "bind" -> BIND;
                case "volume" -> VOLUME;
                case "tmpfs" -> TMPFS;
                case "npipe" -> NPIPE;
                default -> OTHER;
            };
        }
    }

    /** Whether the container may write. */
    public enum Access {
        READ_WRITE,
        READ_ONLY
    }
}
