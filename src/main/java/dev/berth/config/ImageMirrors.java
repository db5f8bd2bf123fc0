package dev.berth.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Rewrites image references to mirrors: rules {@code FROM=TO}, given with the repeatable {@code
 * --image-mirror} option or as a list in the settings. {@code FROM} is a registry ({@code
 * docker.io}, {@code ghcr.io}, {@code localhost:5000}) or a registry with a path prefix ({@code
 * docker.io/library}, {@code ghcr.io/openimsdk}); a first part without {@code .} or {@code :} is a
 * Docker Hub path ({@code mattermost} means {@code docker.io/mattermost}). {@code TO} is a registry
 * with an optional path. An image is compared by its normalised name ({@code postgres:15} is {@code
 * docker.io/library/postgres:15}); the rule with the longest matching {@code FROM} wins, matching
 * whole path parts only ({@code docker.io/lib} does not match {@code docker.io/library/...}); the
 * rest of the name, the tag and the digest are kept. Immutable and thread-safe.
 */
public final class ImageMirrors {

    /**
     * One rule.
     *
     * @param from the normalised prefix, e.g. {@code docker.io/library}
     * @param to what replaces it, e.g. {@code mirror.example.com:5000/hub}
     * @param written the rule as given
     */
    public record Rule(String from, String to, String written) {}

    /** No mirrors: every reference stays as it is. */
    public static final ImageMirrors NONE = new ImageMirrors(List.of());

    private final List<Rule> rules;

    private ImageMirrors(List<Rule> rules) {
        this.rules = rules.stream()
                .sorted(Comparator.comparingInt((Rule r) -> r.from().length()).reversed())
                .toList();
    }

    /**
     * Parses rules.
     *
     * @param rules each {@code FROM=TO}
     * @param origin where the rules come from, for messages ({@code --image-mirror}, {@code
     *     settings.json})
     * @throws ConfigException naming the bad rule and what a good one looks like; no rule is kept
     */
    public static ImageMirrors parse(List<String> rules, String origin) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rule(rules.get(i), origin, i + 1);
            for (Rule o : out) {
                if (o.from().equals(r.from())) {
                    throw new ConfigException(
                            origin,
                            0,
                            "image mirror rule " + (i + 1) + " \"" + r.written() + "\": " + r.from()
                                    + " is mirrored twice (also by \"" + o.written() + "\"); keep one rule per"
                                    + " source");
                }
            }
            out.add(r);
        }
        return new ImageMirrors(out);
    }

    private static Rule rule(String text, String origin, int number) {
        String t = text == null ? "" : text.strip();
        String example = "; write FROM=TO, e.g. docker.io=mirror.example.com:5000 or"
                + " ghcr.io/openimsdk=registry.example.com/openimsdk";
        int eq = t.indexOf('=');
        if (eq <= 0 || eq == t.length() - 1 || t.indexOf('=', eq + 1) >= 0) {
            throw new ConfigException(
                    origin, 0, "image mirror rule " + number + " \"" + t + "\" is not FROM=TO" + example);
        }
        String from = t.substring(0, eq).strip();
        String to = t.substring(eq + 1).strip();
        for (String part : List.of(from, to)) {
            String problem = problem(part);
            if (problem != null) {
                throw new ConfigException(
                        origin, 0, "image mirror rule " + number + " \"" + t + "\": " + problem + example);
            }
        }
        return new Rule(normalizePrefix(from), stripSlash(to), t);
    }

    private static String problem(String part) {
        if (part.contains("://")) {
            return "\"" + part + "\" has a scheme; give the registry without http:// or https://";
        }
        if (part.chars().anyMatch(Character::isWhitespace)) {
            return "\"" + part + "\" holds white space";
        }
        if (part.contains("@")) {
            return "\"" + part + "\" has a digest; mirror rules name registries and paths only";
        }
        String p = stripSlash(part);
        int slash = p.indexOf('/');
        String rest = slash < 0 ? "" : p.substring(slash + 1);
        if (rest.contains(":")) {
            return "\"" + part + "\" has a tag; mirror rules name registries and paths only";
        }
        if (p.isEmpty() || p.contains("//")) {
            return "\"" + part + "\" has an empty part";
        }
        return null;
    }

    private static String stripSlash(String s) {
        String r = s;
        while (r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    /** {@code docker.io}, {@code ghcr.io/x}, or a Docker Hub path ({@code mattermost} → {@code docker.io/mattermost}). */
    private static String normalizePrefix(String from) {
        String f = stripSlash(from);
        int slash = f.indexOf('/');
        String head = slash < 0 ? f : f.substring(0, slash);
        String rest = slash < 0 ? "" : f.substring(slash);
        if (!ImageReference.isRegistry(head)) {
            return ImageReference.DOCKER_HUB + "/" + f.toLowerCase(Locale.ROOT);
        }
        String host = head.toLowerCase(Locale.ROOT);
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = ImageReference.DOCKER_HUB;
        }
        return host + rest;
    }

    /** The rules, longest source first (the order they are tried in). */
    public List<Rule> rules() {
        return rules;
    }

    /** The rule that applies to an image, if any. */
    public Optional<Rule> ruleFor(ImageReference image) {
        String name = image.name();
        for (Rule r : rules) {
            if (name.equals(r.from()) || name.startsWith(r.from() + "/")) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The reference to pull instead: the mirror's name with the image's tag and digest, or the
     * reference unchanged when no rule applies.
     *
     * @throws IllegalArgumentException when the reference is not an image reference
     */
    public String rewrite(String reference) {
        ImageReference image = ImageReference.parse(reference);
        Optional<Rule> rule = ruleFor(image);
        if (rule.isEmpty()) {
            return reference;
        }
        String rest = image.name().substring(rule.get().from().length());
        return rule.get().to()
                + rest
                + image.tag().map(t -> ":" + t).orElse("")
                + image.digest().map(d -> "@" + d).orElse("");
    }
}
