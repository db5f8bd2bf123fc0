package dev.berth.docker.scan;

import java.util.Optional;

/**
 * The release version of an install, as far as Berth can tell.
 *
 * @param version the version
 * @param source where it comes from
 * @param detail how it was found, for the user
 */
public record VersionGuess(Optional<String> version, Source source, String detail) {
    /** Where a version comes from. */
    public enum Source {
        /** {@code version:} of the {@code berth.yaml} manifest in the working dir. */
        MANIFEST,
        /** The tag the install's images have in common. */
        IMAGE_TAGS,
        /** No clue. */
        NONE
    }

    public static VersionGuess none(String detail) {
        return new VersionGuess(Optional.empty(), Source.NONE, detail);
    }
}
