package dev.berth.docker;

import java.util.List;

/**
 * An image in the engine's store.
 *
 * @param id {@code sha256:...}
 * @param repoTags {@code repo:tag} names pointing at it
 * @param repoDigests {@code repo@sha256:...} registry digests (empty for images never pushed or pulled)
 * @param size bytes
 */
public record ImageInfo(String id, List<String> repoTags, List<String> repoDigests, long size) {
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        repoDigests = List.copyOf(repoDigests);
    }
}
