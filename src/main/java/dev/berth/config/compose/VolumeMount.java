package dev.berth.config.compose;

/**
 * One mount of a service.
 *
 * @param type bind, named or anonymous volume, tmpfs...
 * @param source for a bind the absolute host path, for a volume the name of the top-level volume,
 *     empty for anonymous volumes and tmpfs
 * @param target the path inside the container
 * @param readOnly whether the mount is read-only
 * @param createHostPath for binds: whether a missing host path is created (true for short syntax)
 */
public record VolumeMount(MountType type, String source, String target, boolean readOnly, boolean createHostPath) {
    /** Whether this mounts a named volume (a {@code volume} with a source). */
    public boolean isNamedVolume() {
        return type == MountType.VOLUME && !source.isEmpty();
    }
}
