package dev.berth.release.apps;

import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser.Annotation;
import dev.berth.release.ManifestParser.Verification;
import dev.berth.release.Version;
import dev.berth.release.VersionRange;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built-in profile of a known app: how to recognise an install of it, and a {@code berth.yaml}
 * overlay with what its upgrade guides and its releases show (stops, env docs and renames,
 * templates and their moves, stop order, backups, health checks), in a base part and per-version
 * sections. Every rule cites where it comes from ({@link #annotations()}). Read by {@link
 * ProfileParser} from {@code src/main/resources/dev/berth/release/apps/<id>.yaml}; documented in
 * {@code docs/manifest.md}, "Built-in profiles".
 *
 * @param id the profile's id, e.g. {@code mattermost}
 * @param name the app's name for people, e.g. {@code Mattermost}
 * @param repository where the app's compose files live, e.g. {@code github.com/mattermost/docker}
 * @param verified {@link Verification#NOT_VERIFIED} when no release of the app was available to
 *     check the rules against (Dify, concurrent: only their guides)
 * @param summary what the profile is based on
 * @param match how to recognise an install
 * @param version where an install's version is read, first that gives one
 * @param services for each service name the rules use, the names other installs give it
 * @param envRules what happens to the user's values beyond the template merge
 * @param explanations what the wizard tells the user, and when
 * @param base the overlay for every version
 * @param releases overlays for ranges of versions, applied in order over the base
 * @param annotations the citations of every rule, by field path within the profile file
 * @param resource the profile file, for messages
 */
public record Profile(
        String id,
        String name,
        String repository,
        Verification verified,
        String summary,
        MatchRules match,
        List<VersionSource> version,
        Map<String, List<String>> services,
        EnvRules envRules,
        List<Explanation> explanations,
        Manifest base,
        List<ReleaseSection> releases,
        List<Annotation> annotations,
        String resource) {

    public Profile {
        version = List.copyOf(version);
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
        explanations = List.copyOf(explanations);
        releases = List.copyOf(releases);
        annotations = List.copyOf(annotations);
    }

    /**
     * How to recognise an install.
     *
     * @param images image patterns ({@code mattermost/mattermost-team-edition}, {@code
     *     makeplane/plane-*}); a pattern whose first part is a registry ({@code ghcr.io/mailcow/*})
     *     matches the full name, others the path on any registry
     * @param projects compose project name patterns
     * @param files file layouts: all the paths of one entry present in the install
     */
    public record MatchRules(List<ImageRule> images, List<ProjectRule> projects, List<FileRule> files) {
        public MatchRules {
            images = List.copyOf(images);
            projects = List.copyOf(projects);
            files = List.copyOf(files);
        }
    }

    /** An image pattern and how sure a match makes Berth. */
    public record ImageRule(String pattern, Confidence confidence) {}

    /** A compose project name pattern and how sure a match makes Berth. */
    public record ProjectRule(String pattern, Confidence confidence) {}

    /**
     * Paths (files or folders, relative to the install, {@code *} allowed) that must all be present.
     */
    public record FileRule(List<String> all, Confidence confidence) {
        public FileRule {
            all = List.copyOf(all);
        }
    }

    /** Where an install's version is read. */
    public sealed interface VersionSource {
        /**
         * A variable of the install's env ({@code MATTERMOST_IMAGE_TAG}).
         *
         * @param pattern a regex whose first group is the version; empty means the whole value
         */
        record Env(String variable, Optional<String> pattern) implements VersionSource {}

        /**
         * The tag of the first image matching a pattern.
         *
         * @param pattern a regex whose first group is the version; empty means the whole tag
         */
        record ImageTag(String image, Optional<String> pattern) implements VersionSource {}
    }

    /**
     * What happens to the user's env values beyond {@link dev.berth.config.env.EnvMerge}.
     *
     * @param preserve variable patterns whose value the user had stays, even when the template's
     *     default changed (a data folder, an address, a password)
     * @param followRelease variable patterns that name the release's images or version: they take
     *     the new template's value (or go back to the compose default when the template only has
     *     them commented out), so that an upgrade runs the new images
     * @param refuse values that must not be used
     * @param notRenamed pairs that look like renames but are not, with the reason
     */
    public record EnvRules(
            List<VariableRule> preserve,
            List<VariableRule> followRelease,
            List<Refusal> refuse,
            List<NotRenamed> notRenamed) {
        public static final EnvRules NONE = new EnvRules(List.of(), List.of(), List.of(), List.of());

        public EnvRules {
            preserve = List.copyOf(preserve);
            followRelease = List.copyOf(followRelease);
            refuse = List.copyOf(refuse);
            notRenamed = List.copyOf(notRenamed);
        }
    }

    /**
     * Variable name patterns ({@code *} allowed), for the target versions in {@code versions}.
     *
     * @param versions the target versions the rule applies to; empty means every version
     */
    public record VariableRule(List<String> variables, Optional<VersionRange> versions) {
        public VariableRule {
            variables = List.copyOf(variables);
        }

        /** Whether the rule covers this variable when upgrading to {@code target}. */
        public boolean covers(String variable, Version target) {
            return versions.map(r -> r.contains(target)).orElse(true)
                    && variables.stream().anyMatch(p -> Glob.matches(p, variable));
        }
    }

    /**
     * Values of a variable that must not be used, with what to do instead.
     *
     * @param values refused values, compared without surrounding blanks, case-insensitively
     * @param message what to do, shown as is (it never contains the value)
     * @param versions the target versions the refusal applies to; empty means every version
     */
    public record Refusal(String variable, List<String> values, String message, Optional<VersionRange> versions) {
        public Refusal {
            values = List.copyOf(values);
        }
    }

    /** A pair of names that looks like a rename but is not. */
    public record NotRenamed(String from, String to, String reason) {}

    /** When the wizard shows an explanation. */
    public enum Moment {
        /** Before the upgrade starts: what to prepare, who to tell. */
        BEFORE_UPGRADE,
        /** After the new version runs: what to check, who to tell. */
        AFTER_UPGRADE,
        /** When the upgrade failed or was rolled back. */
        ON_FAILURE
    }

    /**
     * Something the wizard tells the user.
     *
     * @param id a stable id, for tests and translations
     * @param versions the target versions it applies to; empty means every one
     * @param from the installed versions it applies to; empty means every one
     */
    public record Explanation(
            String id, Moment when, String text, Optional<VersionRange> versions, Optional<VersionRange> from) {

        /** Whether it applies to an upgrade from {@code installed} to {@code target}. */
        public boolean appliesTo(Version installed, Version target) {
            return versions.map(r -> r.contains(target)).orElse(true)
                    && from.map(r -> r.contains(installed)).orElse(true);
        }
    }

    /** An overlay for the target versions in a range. */
    public record ReleaseSection(VersionRange versions, Manifest manifest) {}

    /**
     * The profile's manifest for one target version: the base, then every release section whose
     * range holds the version, in file order, each laid over the previous ({@link
     * Profiles#overlay}).
     */
    public Manifest manifestFor(Version target) {
        Manifest m = base;
        for (ReleaseSection s : releases) {
            if (s.versions().contains(target)) {
                m = Profiles.overlay(m, s.manifest());
            }
        }
        return m;
    }

    /** The explanations for an upgrade from {@code installed} to {@code target}, in file order. */
    public List<Explanation> explanationsFor(Version installed, Version target) {
        return explanations.stream().filter(e -> e.appliesTo(installed, target)).toList();
    }

    /** The explanation with this id, if the profile has it. */
    public Optional<Explanation> explanation(String explanationId) {
        return explanations.stream().filter(e -> e.id().equals(explanationId)).findFirst();
    }

    @Override
    public String toString() {
        return "Profile[" + id + "]";
    }
}
