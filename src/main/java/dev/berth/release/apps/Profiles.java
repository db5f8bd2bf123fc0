package dev.berth.release.apps;

import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvLine;
import dev.berth.config.env.EnvMerge;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import dev.berth.release.BackupSpec;
import dev.berth.release.ComposeSpec;
import dev.berth.release.HealthCheck;
import dev.berth.release.Manifest;
import dev.berth.release.Migration;
import dev.berth.release.MigrationOptions;
import dev.berth.release.Release;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.StopPolicy;
import dev.berth.release.TemplateSpec;
import dev.berth.release.Version;
import dev.berth.release.VersionProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * How a built-in profile and a release's own manifest combine, and what a profile's env rules do
 * to a merged env file. Stateless; every method is pure.
 *
 * <p>Precedence ({@link #effectiveManifest}): the release's {@code berth.yaml} (a vendor's or the
 * user's) wins over the built-in profile <b>field by field</b>; a field the release leaves out (an
 * empty list, no value) comes from the profile. Env variables are merged one by one ({@link
 * #overlay}). The same overlay lays a profile's release sections over its base.
 */
public final class Profiles {
    private Profiles() {}

    /**
     * The manifest Berth plans an upgrade to {@code target} with.
     *
     * @param fromRelease the {@code berth.yaml} the target release ships, if any
     * @param builtIn the built-in profile of the app, if the install was recognised
     * @param target the version being upgraded to (or installed)
     */
    public static Manifest effectiveManifest(
            Optional<Manifest> fromRelease, Optional<Profile> builtIn, Version target) {
        Manifest profile = builtIn.map(p -> p.manifestFor(target)).orElse(Manifest.EMPTY);
        return fromRelease.map(r -> overlay(profile, r)).orElse(profile);
    }

    /**
     * A catalog whose releases are planned with their effective manifests, so that a profile's
     * stops and migrations apply to releases that ship no {@code berth.yaml}. Shares the catalog's
     * loader.
     */
    public static ReleaseCatalog catalog(ReleaseCatalog releases, Optional<Profile> builtIn) {
        if (builtIn.isEmpty()) {
            return releases;
        }
        return releases.withManifests((e, m) -> Optional.of(effectiveManifest(m, builtIn, e.version())));
    }

    /** The release with its effective manifest, for {@link dev.berth.release.UpgradePath#compute}. */
    public static Release target(Release release, Optional<Profile> builtIn) {
        if (builtIn.isEmpty()) {
            return release;
        }
        return new Release(
                release.source(),
                release.root(),
                release.version(),
                release.versionOrigin(),
                Optional.of(effectiveManifest(release.manifest(), builtIn, release.version())),
                release.files(),
                release.imageArchives());
    }

    /**
     * Lays {@code over} on {@code base}, field by field: a field {@code over} gives (a value, a
     * non-empty list) replaces {@code base}'s, with these exceptions:
     *
     * <ul>
     *   <li>{@code env}: per variable. A variable in both is merged field by field ({@code over}'s
     *       description, type with its choices, example, deprecation and generate when given;
     *       {@code secret} and {@code required} if either says so; {@code renamed_from} of both).
     *       A variable of {@code base} that {@code over} renames away is dropped; a {@code
     *       renamed_from} naming a variable that stays is dropped.
     *   <li>{@code templates}: per user file; {@code over}'s pair for a file replaces {@code
     *       base}'s.
     *   <li>{@code stop.grace}, {@code stop.drain}, {@code backup.databases}: per service.
     *   <li>{@code backup.exclude}: both lists.
     *   <li>{@code migrations} and {@code rollback_safe} go together: {@code over}'s when it has
     *       migrations or says {@code rollback_safe: true}.
     * </ul>
     */
    public static Manifest overlay(Manifest base, Manifest over) {
        List<VariableSpec> env = env(base.env(), over.env());
        Map<String, TemplateSpec> templates = new LinkedHashMap<>();
        base.templates().forEach(t -> templates.put(t.file(), t));
        over.templates().forEach(t -> templates.put(t.file(), t));
        boolean overMigrations = !over.migrations().isEmpty() || over.rollbackSafe();
        Map<String, Duration> grace = new LinkedHashMap<>(base.stop().grace());
        grace.putAll(over.stop().grace());
        Map<String, StopPolicy.Drain> drain = new LinkedHashMap<>(base.stop().drain());
        drain.putAll(over.stop().drain());
        Set<String> exclude = new LinkedHashSet<>(base.backup().exclude());
        exclude.addAll(over.backup().exclude());
        Map<String, BackupSpec.Database> databases = new LinkedHashMap<>();
        base.backup().databases().forEach(d -> databases.put(d.service(), d));
        over.backup().databases().forEach(d -> databases.put(d.service(), d));
        Map<String, Integer> lines = new LinkedHashMap<>(base.origin().lines());
        lines.putAll(over.origin().lines());
        String source = over.origin().lines().isEmpty()
                ? base.origin().source()
                : base.origin().lines().isEmpty()
                        ? over.origin().source()
                        : over.origin().source() + " (over " + base.origin().source() + ")";
        return new Manifest(
                over.app().or(base::app),
                over.version().or(base::version),
                over.upgrade().stops().isEmpty() ? base.upgrade() : over.upgrade(),
                over.configVersion().or(base::configVersion),
                env,
                List.copyOf(templates.values()),
                over.configFiles().isEmpty() ? base.configFiles() : over.configFiles(),
                new ComposeSpec(
                        first(over.compose().files(), base.compose().files()),
                        first(over.compose().profiles(), base.compose().profiles()),
                        first(over.compose().envFiles(), base.compose().envFiles())),
                overMigrations ? over.migrations() : base.migrations(),
                overMigrations ? over.rollbackSafe() : base.rollbackSafe(),
                new StopPolicy(first(over.stop().order(), base.stop().order()), grace, drain),
                first(over.start(), base.start()),
                first(over.health(), base.health()),
                new BackupSpec(List.copyOf(exclude), List.copyOf(databases.values())),
                over.versionFrom().or(base::versionFrom),
                over.releaseNotes().or(base::releaseNotes),
                new Manifest.Origin(source, lines));
    }

    private static <T> List<T> first(List<T> preferred, List<T> fallback) {
        return preferred.isEmpty() ? fallback : preferred;
    }

    private static List<VariableSpec> env(List<VariableSpec> base, List<VariableSpec> over) {
        Map<String, VariableSpec> overByName = new LinkedHashMap<>();
        over.forEach(v -> overByName.put(v.name(), v));
        Set<String> renamedAway = new LinkedHashSet<>();
        over.forEach(v -> renamedAway.addAll(v.renamedFrom()));
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        for (VariableSpec b : base) {
            VariableSpec o = overByName.get(b.name());
            if (o != null) {
                out.put(b.name(), merge(b, o));
            } else if (!renamedAway.contains(b.name())) {
                out.put(b.name(), b);
            }
        }
        for (VariableSpec o : over) {
            out.putIfAbsent(o.name(), o);
        }
        List<VariableSpec> result = new ArrayList<>();
        for (VariableSpec v : out.values()) {
            List<String> renamed =
                    v.renamedFrom().stream().filter(r -> !out.containsKey(r)).toList();
            result.add(renamed.equals(v.renamedFrom()) ? v : withRenamedFrom(v, renamed));
        }
        return result;
    }

    private static VariableSpec merge(VariableSpec b, VariableSpec o) {
        Set<String> renamed = new LinkedHashSet<>(o.renamedFrom());
        renamed.addAll(b.renamedFrom());
        boolean overTyped = o.type() != VariableType.STRING;
        return new VariableSpec(
                b.name(),
                o.description().isEmpty() ? b.description() : o.description(),
                overTyped ? o.type() : b.type(),
                b.secret() || o.secret(),
                b.required() || o.required(),
                o.example().or(b::example),
                List.copyOf(renamed),
                o.deprecated().or(b::deprecated),
                o.generate().isPresent() ? o.generate() : b.generate(),
                overTyped ? o.choices() : b.choices());
    }

    private static VariableSpec withRenamedFrom(VariableSpec v, List<String> renamed) {
        return new VariableSpec(
                v.name(),
                v.description(),
                v.type(),
                v.secret(),
                v.required(),
                v.example(),
                renamed,
                v.deprecated(),
                v.generate(),
                v.choices());
    }

    /** The manifest's variables by name, for {@link dev.berth.config.env.EnvMerge#merge}. */
    public static Map<String, VariableSpec> specs(Manifest m) {
        Map<String, VariableSpec> out = new LinkedHashMap<>();
        m.env().forEach(v -> out.put(v.name(), v));
        return out;
    }

    // ---- services -----------------------------------------------------------------------

    /**
     * The manifest with the profile's service names changed to the names the install's compose
     * file uses, where the profile knows them as aliases (Picasoft's Mattermost calls {@code
     * postgres} {@code mattermost-db}). Names the compose file has stay as they are; unknown names
     * are left for {@link Manifest#checkServices} to report.
     */
    public static Manifest forServices(Manifest m, Profile profile, Set<String> composeServices) {
        Map<String, String> rename = new LinkedHashMap<>();
        profile.services().forEach((name, aliases) -> {
            if (!composeServices.contains(name)) {
                aliases.stream().filter(composeServices::contains).findFirst().ifPresent(a -> rename.put(name, a));
            }
        });
        if (rename.isEmpty()) {
            return m;
        }
        UnaryOperator<String> r = s -> rename.getOrDefault(s, s);
        List<Migration> migrations = new ArrayList<>();
        for (Migration x : m.migrations()) {
            MigrationOptions o = x.options();
            MigrationOptions ro = new MigrationOptions(
                    o.phase(),
                    o.safeForRollback(),
                    o.from(),
                    o.timeout(),
                    o.description(),
                    o.needs().stream().map(r).toList());
            migrations.add(
                    switch (x) {
                        case Migration.Run run ->
                            new Migration.Run(r.apply(run.service()), run.command(), run.streams(), ro);
                        case Migration.Exec e -> new Migration.Exec(r.apply(e.service()), e.command(), e.streams(), ro);
                        case Migration.Sql q ->
                            new Migration.Sql(
                                    r.apply(q.service()), q.file(), q.database(), q.userEnv(), q.databaseEnv(), ro);
                        case Migration.SetAside a -> new Migration.SetAside(r.apply(a.service()), a.path(), ro);
                    });
        }
        Map<String, Duration> grace = new LinkedHashMap<>();
        m.stop().grace().forEach((k, v) -> grace.put(r.apply(k), v));
        Map<String, StopPolicy.Drain> drain = new LinkedHashMap<>();
        m.stop().drain().forEach((k, v) -> drain.put(r.apply(k), v));
        List<HealthCheck> health = m.health().stream()
                .map(h -> (HealthCheck)
                        switch (h) {
                            case HealthCheck.ServiceHealthy s ->
                                new HealthCheck.ServiceHealthy(r.apply(s.service()), s.timeout());
                            case HealthCheck.Log l ->
                                new HealthCheck.Log(r.apply(l.service()), l.pattern(), l.failPattern(), l.timeout());
                            case HealthCheck.Exec e ->
                                new HealthCheck.Exec(r.apply(e.service()), e.command(), e.timeout());
                            case HealthCheck.Http x -> x;
                        })
                .toList();
        List<BackupSpec.Database> databases = m.backup().databases().stream()
                .map(d -> new BackupSpec.Database(
                        r.apply(d.service()), d.type(), d.userEnv(), d.databaseEnv(), d.passwordEnv()))
                .toList();
        Optional<VersionProbe> probe = m.versionFrom().map(p -> switch (p) {
            case VersionProbe.Exec e -> new VersionProbe.Exec(r.apply(e.service()), e.command(), e.regex());
            case VersionProbe.Http h -> h;
        });
        return new Manifest(
                m.app(),
                m.version(),
                m.upgrade(),
                m.configVersion(),
                m.env(),
                m.templates(),
                m.configFiles(),
                m.compose(),
                migrations,
                m.rollbackSafe(),
                new StopPolicy(m.stop().order().stream().map(r).toList(), grace, drain),
                m.start().stream().map(r).toList(),
                health,
                new BackupSpec(m.backup().exclude(), databases),
                probe,
                m.releaseNotes(),
                m.origin());
    }

    // ---- env rules ----------------------------------------------------------------------

    /** What a profile's env rules changed in a merged file. */
    public enum AdjustmentKind {
        /** A preserved variable got the user's value back after the template's default changed. */
        KEPT_USER_VALUE,
        /** A release variable took the new template's value. */
        TOOK_RELEASE_VALUE,
        /** A release variable the template only has commented out was commented out, so compose's default applies. */
        BACK_TO_COMPOSE_DEFAULT
    }

    /**
     * One change, with a message (English) that never holds a secret value.
     *
     * @param about what the message names besides the variable: the target version for {@code
     *     TOOK_RELEASE_VALUE} and {@code BACK_TO_COMPOSE_DEFAULT}, the app's name for {@code
     *     KEPT_USER_VALUE}
     */
    public record Adjustment(String variable, AdjustmentKind kind, String message, String about) {}

    /** A value a profile refuses, with what to do. */
    public record Problem(String variable, String message) {}

    /**
     * A merged env file after the profile's env rules.
     *
     * @param merge what {@link EnvMerge} did (renames, kept values, conflicts)
     * @param merged the file to write
     * @param adjustments what the profile's rules changed besides the merge
     * @param problems values the profile refuses; the upgrade must not go on with them
     */
    public record EnvOutcome(
            EnvMerge.Result merge, EnvFile merged, List<Adjustment> adjustments, List<Problem> problems) {
        public EnvOutcome {
            adjustments = List.copyOf(adjustments);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Merges the user's env file into the new release's template ({@link EnvMerge}) with a
     * profile's env rules around it:
     *
     * <ol>
     *   <li>release variables ({@code follow_release}) the template has, active or commented out,
     *       are taken out of the user's file first, so that the template's line (its value, or its
     *       comment with compose's default taking over) is what the merge writes;
     *   <li>the merge runs with the effective manifest's variables (their renames);
     *   <li>variables to preserve that the merge moved to a new default get the user's value back;
     *   <li>refused values left in the result are reported.
     * </ol>
     *
     * Merging the result again with the same template changes nothing.
     *
     * @param profile the app's built-in profile, if any; without one this is {@link EnvMerge} alone
     * @param effective the manifest of the target release ({@link #effectiveManifest})
     * @param target the version being upgraded to
     * @param current the user's file
     * @param template the new release's template
     * @param base the old release's template, when known
     * @param mergedSource the merged file's name, for messages
     */
    public static EnvOutcome mergeEnv(
            Optional<Profile> profile,
            Manifest effective,
            Version target,
            EnvFile current,
            EnvFile template,
            Optional<EnvFile> base,
            String mergedSource) {
        Profile.EnvRules rules = profile.map(Profile::envRules).orElse(Profile.EnvRules.NONE);
        String app = profile.map(Profile::name).orElse("the app");
        List<Adjustment> adjustments = new ArrayList<>();
        EnvFile user = current;
        Set<String> commentedInTemplate = new LinkedHashSet<>();
        template.commentedOut().forEach(c -> commentedInTemplate.add(c.key()));
        for (EnvLine.Assignment mine : lastAssignments(current)) {
            String key = mine.key();
            if (rules.followRelease().stream().noneMatch(r -> r.covers(key, target))) {
                continue;
            }
            Optional<EnvLine.Assignment> release = template.assignment(key);
            if (release.isPresent()) {
                user = user.without(key);
                if (!release.get().rawValue().equals(mine.rawValue())) {
                    adjustments.add(new Adjustment(
                            key,
                            AdjustmentKind.TOOK_RELEASE_VALUE,
                            key + " names the release's images: it takes the value of the " + target
                                    + " template, so that the upgrade runs the new version.",
                            String.valueOf(target)));
                }
            } else if (commentedInTemplate.contains(key)) {
                user = user.without(key);
                adjustments.add(new Adjustment(
                        key,
                        AdjustmentKind.BACK_TO_COMPOSE_DEFAULT,
                        key + " pinned the images of the old version; it is left unset, as in the " + target
                                + " template, so that its compose file's default applies.",
                        String.valueOf(target)));
            }
        }
        EnvMerge.Result merge = EnvMerge.merge(user, template, base, specs(effective), mergedSource);
        EnvFile out = merge.merged();
        for (EnvLine.Assignment mine : lastAssignments(current)) {
            String key = mine.key();
            boolean preserve = rules.preserve().stream().anyMatch(r -> r.covers(key, target));
            boolean follow = rules.followRelease().stream().anyMatch(r -> r.covers(key, target));
            Optional<EnvLine.Assignment> now = out.assignment(key);
            if (preserve && !follow && now.isPresent() && !now.get().rawValue().equals(mine.rawValue())) {
                out = out.withRawValue(key, mine.rawValue());
                adjustments.add(new Adjustment(
                        key,
                        AdjustmentKind.KEPT_USER_VALUE,
                        key + " keeps your value: the new template changed its default, but " + app
                                + " needs the value your install runs with.",
                        app));
            }
        }
        List<Problem> problems = new ArrayList<>();
        Map<String, String> values = out.values();
        for (Profile.Refusal refusal : rules.refuse()) {
            if (refusal.versions().filter(r -> !r.contains(target)).isPresent()) {
                continue;
            }
            String v = values.get(refusal.variable());
            if (v != null
                    && refusal.values().stream()
                            .anyMatch(x -> x.strip()
                                    .toLowerCase(Locale.ROOT)
                                    .equals(v.strip().toLowerCase(Locale.ROOT)))) {
                problems.add(new Problem(refusal.variable(), refusal.message()));
            }
        }
        return new EnvOutcome(merge, out, adjustments, problems);
    }

    /**
     * The values a profile refuses in an env file as it is (an install being checked, a file the
     * user edits), for the target version.
     */
    public static List<Problem> refused(Profile profile, Version target, EnvFile file) {
        EnvFile none = EnvFile.empty(file.source());
        return mergeEnv(Optional.of(profile), Manifest.EMPTY, target, file, none, Optional.empty(), file.source())
                .problems();
    }

    private static List<EnvLine.Assignment> lastAssignments(EnvFile f) {
        Map<String, EnvLine.Assignment> last = new LinkedHashMap<>();
        f.assignments().forEach(a -> last.put(a.key(), a));
        return List.copyOf(last.values());
    }

    /**
     * Variables the manifest marks required that have no value in the file.
     *
     * @param missing required, empty and not generated: the user must give a value
     * @param generated required or not, empty, with {@code generate}: Berth fills in a random secret
     */
    public record Unset(List<String> missing, List<String> generated) {
        public Unset {
            missing = List.copyOf(missing);
            generated = List.copyOf(generated);
        }
    }

    /** The required variables of {@code m} without a value in {@code file}, and those Berth generates. */
    public static Unset unset(Manifest m, EnvFile file) {
        Map<String, String> values = file.values();
        List<String> missing = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        for (VariableSpec v : m.env()) {
            String value = values.getOrDefault(v.name(), "");
            if (!value.isBlank() || (!v.required() && !file.isSet(v.name()))) {
                continue;
            }
            if (v.generate().isPresent()) {
                generated.add(v.name());
            } else if (v.required()) {
                missing.add(v.name());
            }
        }
        return new Unset(missing, generated);
    }
}
