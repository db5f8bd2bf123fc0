package dev.berth.config.compose;

/** The kind of a service mount ({@code volumes:} entry), as compose names it. */
public enum MountType {
    BIND,
    VOLUME,
    TMPFS,
    NPIPE,
    CLUSTER,
    IMAGE;

    static MountType of(String type) {
        return switch (type) {
            case "bind" -> BIND;
            case "tmpfs" -> TMPFS;
            case "npipe" -> NPIPE;
            case "cluster" -> CLUSTER;
            case "image" -> IMAGE;
            default -> VOLUME;
        };
    }
}
