package dev.berth.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference as Docker reads it ({@code distribution/reference}): {@code [registry/]path
 * [:tag][@digest]}. The first part of the name is a registry when it holds a {@code .} or a {@code
 * :}, is {@code localhost}, or has upper-case letters; otherwise the image is on Docker Hub ({@code
 * docker.io}), where a one-part path is an official image under {@code library/}. {@code
 * index.docker.io} is Docker Hub's old name.
 *
 * @param registry the registry host (with port), {@code docker.io} for Docker Hub
 * @param path the repository path, {@code library/postgres} for official images
 * @param tag the tag, if written
 * @param digest the digest ({@code sha256:...}), if written
 * @param written the reference as it was written
 */
public record ImageReference(
        String registry, String path, Optional<String> tag, Optional<String> digest, String written) {

    /** Docker Hub's registry name in normalised references. */
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException when the text is not an image reference (an uninterpolated
     *     {@code ${VAR}}, upper-case letters in the path, an empty part), with what is wrong
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an image reference is empty");
        }
        String s = text.strip();
        if (s.contains("$")) {
            throw new IllegalArgumentException(
                    "\"" + s + "\" still holds a variable reference; resolve the compose file's variables first");
        }
        if (s.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("\"" + s + "\" holds white space; an image reference has none");
        }
        Optional<String> digest = Optional.empty();
        int at = s.indexOf('@');
        if (at >= 0) {
            String d = s.substring(at + 1);
            if (!DIGEST.matcher(d).matches()) {
                throw new IllegalArgumentException("\"" + s + "\" has an invalid digest \"" + d
                        + "\"; a digest looks like sha256:<64 hex digits>");
            }
            digest = Optional.of(d);
            s = s.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int slash = s.lastIndexOf('/');
        int colon = s.lastIndexOf(':');
        if (colon > slash) {
            String t = s.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("\"" + text.strip() + "\" has an invalid tag \"" + t + "\"");
            }
            tag = Optional.of(t);
            s = s.substring(0, colon);
        }
        String registry;
        String path;
        int first = s.indexOf('/');
        String head = first < 0 ? "" : s.substring(0, first);
        if (first >= 0 && isRegistry(head)) {
            if (!HOST.matcher(head).matches()) {
                throw new IllegalArgumentException("\"" + text.strip() + "\" has an invalid registry \"" + head + "\"");
            }
            registry = head.toLowerCase(Locale.ROOT);
            path = s.substring(first + 1);
        } else {
            registry = DOCKER_HUB;
            path = s;
        }
        if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("\"" + text.strip() + "\" has an invalid name part \"" + component
                        + "\"; names are lower-case letters, digits and . _ - between them");
            }
        }
        return new ImageReference(registry, path, tag, digest, text.strip());
    }

    /** Parses a reference, or empty when the text is not one. */
    public static Optional<ImageReference> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the first part of a name is a registry host rather than a Docker Hub user. */
    static boolean isRegistry(String head) {
        return head.contains(".")
                || head.contains(":")
                || head.equals("localhost")
                || !head.toLowerCase(Locale.ROOT).equals(head);
    }

    /** The name with its registry: {@code docker.io/library/postgres}. */
    public String name() {
        return registry + "/" + path;
    }

    /** The full normalised reference: {@code docker.io/library/postgres:15@sha256:...}. */
    public String normalized() {
        return name()
                + tag.map(t -> ":" + t).orElse("")
                + digest.map(d -> "@" + d).orElse("");
    }

    /**
     * The path as people name images on Docker Hub: {@code postgres} for {@code
     * docker.io/library/postgres}, else the path.
     */
    public String familiarPath() {
        return registry.equals(DOCKER_HUB) && path.startsWith("library/") ? path.substring("library/".length()) : path;
    }

    @Override
    public String toString() {
        return written;
    }
}
