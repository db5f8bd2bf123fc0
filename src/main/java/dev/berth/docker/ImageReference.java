package dev.berth.docker;

import java.util.Optional;

/**
 * An image reference split the way the engine's pull API wants it.
 *
 * @param repository {@code registry/path/name} (no tag, no digest)
 * @param tag the tag, when given
 * @param digest {@code sha256:...}, when given
 */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

    /** Parses {@code [registry[:port]/]path[:tag][@digest]}. */
    public static ImageReference parse(String reference) {
        String r = reference.strip();
        if (r.isEmpty()) {
            throw new IllegalArgumentException("empty image reference");
        }
        Optional<String> digest = Optional.empty();
        int at = r.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(r.substring(at + 1));
            r = r.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = r.lastIndexOf(':');
        if (colon > r.lastIndexOf('/')) {
            tag = Optional.of(r.substring(colon + 1));
            r = r.substring(0, colon);
        }
        return new ImageReference(r, tag, digest);
    }

    /** The tag, {@code latest} when neither tag nor digest is given (as {@code docker pull} does). */
    public Optional<String> effectiveTag() {
        return tag.isPresent() || digest.isPresent() ? tag : Optional.of("latest");
    }

    /** The repository without a registry host part ({@code library/postgres} stays as written). */
    public String path() {
        int slash = repository.indexOf('/');
        if (slash < 0) {
            return repository;
        }
        String first = repository.substring(0, slash);
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return registry ? repository.substring(slash + 1) : repository;
    }

    /** The last path element: {@code postgres} for {@code docker.io/library/postgres}. */
    public String name() {
        return repository.substring(repository.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return repository
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
    }
}
