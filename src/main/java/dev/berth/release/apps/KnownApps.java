package dev.berth.release.apps;

import dev.berth.config.ConfigException;
import dev.berth.config.ImageReference;
import dev.berth.release.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apps Berth knows, and recognising an install as one of them from its facts (images, compose
 * project name, file layout). Immutable and thread-safe.
 *
 * <p>Matching: each profile's image, project and file rules are tried; the match's confidence is
 * the strongest rule that matched. Among several profiles the highest confidence wins, then the
 * most rules matched, then the profile listed first.
 */
public final class KnownApps {

    /** The built-in profiles, in the order they are listed and tried. */
    public static final List<String> BUILT_IN = List.of(
            "openim-docker",
            "open-im-server",
            "dify",
            "mattermost",
            "concurrent",
            "jitsi",
            "netbox",
            "docker-mailserver",
            "mailcow",
            "outline",
            "plane",
            "documenso");

    /** Where the built-in profile files are, on the class path. */
    public static final String RESOURCE_FOLDER = "/dev/berth/release/apps/";

    private final List<Profile> profiles;

    private KnownApps(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    /** Known apps from these profiles, tried in this order. */
    public static KnownApps of(List<Profile> profiles) {
        return new KnownApps(profiles);
    }

    /**
     * The built-in profiles, read once from the class path.
     *
     * @throws ConfigException when a built-in profile is invalid (a build defect, caught by tests)
     */
    public static KnownApps builtIn() {
        return BuiltIn.APPS;
    }

    /** Read on first use; immutable, like a constant. */
    private static final class BuiltIn {
        static final KnownApps APPS = load();

        private static KnownApps load() {
            List<Profile> profiles = new ArrayList<>();
            for (String id : BUILT_IN) {
                profiles.add(ProfileParser.parse(resource(id), "apps/" + id + ".yaml"));
            }
            return new KnownApps(profiles);
        }
    }

    /** The text of a built-in profile file. */
    public static String resource(String id) {
        String path = RESOURCE_FOLDER + id + ".yaml";
        try (InputStream in = KnownApps.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The built-in profile " + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the built-in profile " + path, e);
        }
    }

    public List<Profile> profiles() {
        return profiles;
    }

    /** The profile with this id. */
    public Optional<Profile> profile(String id) {
        return profiles.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The best match for an install, if any profile matches. */
    public Optional<Match> match(InstallFacts facts) {
        List<Match> all = matches(facts);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** Every profile that matches, best first. */
    public List<Match> matches(InstallFacts facts) {
        List<ImageReference> images = facts.images().stream()
                .map(ImageReference::tryParse)
                .flatMap(Optional::stream)
                .toList();
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            Profile p = profiles.get(i);
            List<String> reasons = new ArrayList<>();
            Confidence best = null;
            for (Profile.ImageRule rule : p.match().images()) {
                for (ImageReference image : images) {
                    if (imageMatches(rule.pattern(), image)) {
                        reasons.add("image " + image.written());
                        best = max(best, rule.confidence());
                        break;
                    }
                }
            }
            for (Profile.ProjectRule rule : p.match().projects()) {
                if (facts.project().filter(n -> Glob.matches(rule.pattern(), n)).isPresent()) {
                    reasons.add("compose project " + facts.project().get());
                    best = max(best, rule.confidence());
                }
            }
            for (Profile.FileRule rule : p.match().files()) {
                if (rule.all().stream().allMatch(path -> hasPath(facts.paths(), path))) {
                    reasons.add("files " + String.join(", ", rule.all()));
                    best = max(best, rule.confidence());
                }
            }
            if (best != null) {
                scored.add(new Scored(new Match(p, best, reasons, version(p, facts, images)), reasons.size(), i));
            }
        }
        scored.sort(Comparator.comparing((Scored s) -> s.match().confidence())
                .reversed()
                .thenComparing(Comparator.comparingInt(Scored::rules).reversed())
                .thenComparingInt(Scored::order));
        return scored.stream().map(Scored::match).toList();
    }

    private record Scored(Match match, int rules, int order) {}

    private static Confidence max(Confidence a, Confidence b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /**
     * A pattern whose first part is a registry ({@code ghcr.io/mailcow/*}) matches the image's full
     * name; other patterns match its path on any registry ({@code jitsi/web} matches {@code
     * ghcr.io/jitsi/web} and {@code docker.io/jitsi/web}; {@code postgres} matches {@code
     * docker.io/library/postgres}).
     */
    static boolean imageMatches(String pattern, ImageReference image) {
        int slash = pattern.indexOf('/');
        String head = slash < 0 ? "" : pattern.substring(0, slash);
        if (head.contains(".") || head.contains(":")) {
            return Glob.matches(pattern, image.name());
        }
        return Glob.matches(pattern, image.path()) || Glob.matches(pattern, image.familiarPath());
    }

    private static boolean hasPath(List<String> paths, String pattern) {
        if (pattern.contains("*") || pattern.contains("?")) {
            return paths.stream().anyMatch(p -> Glob.matches(pattern, p));
        }
        String folder = pattern.endsWith("/") ? pattern : pattern + "/";
        return paths.stream().anyMatch(p -> p.equals(pattern) || p.startsWith(folder));
    }

    private static Optional<Version> version(Profile p, InstallFacts facts, List<ImageReference> images) {
        for (Profile.VersionSource source : p.version()) {
            // Several images may match (a test compose file runs :latest): the first that names a version wins.
            List<String> candidates = switch (source) {
                case Profile.VersionSource.Env e ->
                    Optional.ofNullable(facts.env().get(e.variable())).flatMap(v -> extract(v, e.pattern())).stream()
                            .toList();
                case Profile.VersionSource.ImageTag t ->
                    images.stream()
                            .filter(i -> imageMatches(t.image(), i))
                            .map(ImageReference::tag)
                            .flatMap(Optional::stream)
                            .map(tag -> extract(tag, t.pattern()))
                            .flatMap(Optional::stream)
                            .toList();
            };
            for (String raw : candidates) {
                Version v = Version.parse(raw.strip());
                if (!raw.isBlank() && v.hasNumbers()) {
                    return Optional.of(v);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> extract(String value, Optional<String> pattern) {
        if (pattern.isEmpty()) {
            return Optional.of(value);
        }
        Matcher m = Pattern.compile(pattern.get()).matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group());
    }
}
