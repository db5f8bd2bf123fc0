package dev.berth.release;

import dev.berth.config.ConfigException;
import dev.berth.config.env.VariableSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A release's {@code berth.yaml}: what Berth cannot infer from the compose file and the env
 * template. Every section is optional; {@link #EMPTY} is the manifest of a release without one.
 * The schema is documented in {@code docs/manifest.md}; {@link ManifestParser} reads it.
 *
 * @param app the app's id, e.g. {@code ledger}
 * @param version the release's version; when empty, Berth takes it from the source's name
 * @param upgrade required upgrade stops
 * @param configVersion the config version the release needs in the install's files
 * @param env documentation and rules for the env variables, in manifest order
 * @param templates template → user file pairs and their moves across releases
 * @param configFiles globs of config files the user edits, merged 3-way on upgrade
 * @param compose the compose files and profiles of the app
 * @param migrations data migrations, in order
 * @param rollbackSafe whether the previous release runs on this release's migrated data, so a
 *     failed upgrade can go back without restoring the backup
 * @param stop stop order, grace periods and drains
 * @param start services to start first, in order; the rest start after them
 * @param health checks that the started app works
 * @param backup what backups leave out and which databases they dump
 * @param versionFrom how the running app reports its version
 * @param releaseNotes a file of the release shown before upgrading, relative to its root
 * @param origin where the manifest came from, for error messages
 */
public record Manifest(
        Optional<String> app,
        Optional<Version> version,
        UpgradeRules upgrade,
        Optional<ConfigVersionRule> configVersion,
        List<VariableSpec> env,
        List<TemplateSpec> templates,
        List<String> configFiles,
        ComposeSpec compose,
        List<Migration> migrations,
        boolean rollbackSafe,
        StopPolicy stop,
        List<String> start,
        List<HealthCheck> health,
        BackupSpec backup,
        Optional<VersionProbe> versionFrom,
        Optional<String> releaseNotes,
        Origin origin) {

    /** The manifest of a release that ships none: everything is inferred. */
    public static final Manifest EMPTY = empty(Origin.NONE);

    /** A manifest that says nothing, read from {@code origin} (an empty or blank file). */
    public static Manifest empty(Origin origin) {
        return new Manifest(
                Optional.empty(),
                Optional.empty(),
                UpgradeRules.NONE,
                Optional.empty(),
                List.of(),
                List.of(),
                List.of(),
                ComposeSpec.INFERRED,
                List.of(),
                false,
                StopPolicy.INFERRED,
                List.of(),
                List.of(),
                BackupSpec.NONE,
                Optional.empty(),
                Optional.empty(),
                origin);
    }

    public Manifest {
        env = List.copyOf(env);
        templates = List.copyOf(templates);
        configFiles = List.copyOf(configFiles);
        migrations = List.copyOf(migrations);
        start = List.copyOf(start);
        health = List.copyOf(health);
    }

    /**
     * Where a manifest was read from, and the line of each field, so that checks made later (a
     * service name the compose file does not have) can point at the manifest line.
     *
     * @param source the file as the user knows it, e.g. {@code ledger-2.0.tar.gz!/berth.yaml}
     * @param lines 1-based line of each field path ({@code stop.order[0]}, {@code env.DB_PASSWORD})
     */
    public record Origin(String source, Map<String, Integer> lines) {
        public static final Origin NONE = new Origin("berth.yaml", Map.of());

        public Origin {
            lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
        }

        /** The line of a field, or 0 when unknown. */
        public int line(String field) {
            return lines.getOrDefault(field, 0);
        }

        /**
         * An error about a field ({@code berth.yaml:12: stop.order[0]: <message>}) that a front end
         * can say in its language.
         *
         * @param facts what the message is made of, the field first
         * @param message the same in English, starting with the field
         */
        ConfigException error(ConfigException.Reason reason, List<String> facts, String message) {
            return new ConfigException(source, line(facts.getFirst()), reason, facts, message);
        }
    }

    /** The documentation of one variable, if the manifest has it. */
    public Optional<VariableSpec> variable(String name) {
        return env.stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The names of the variables whose values are secret and must be masked. */
    public Set<String> secretNames() {
        Set<String> names = new java.util.LinkedHashSet<>();
        env.stream().filter(VariableSpec::secret).forEach(v -> {
            names.add(v.name());
            names.addAll(v.renamedFrom());
        });
        return Collections.unmodifiableSet(names);
    }

    /**
     * Whether the previous release can run on data this release migrated: {@link #rollbackSafe},
     * or every migration is marked {@code safe_for_rollback}. A release without migrations is not
     * assumed safe, because images often migrate their database when they start.
     */
    public boolean previousVersionRunsOnMigratedData() {
        return rollbackSafe
                || (!migrations.isEmpty()
                        && migrations.stream().allMatch(m -> m.options().safeForRollback()));
    }

    /** The migrations that apply when upgrading from {@code installed}, in order. */
    public List<Migration> migrationsFrom(Version installed) {
        return migrations.stream()
                .filter(m -> m.options().from().map(r -> r.contains(installed)).orElse(true))
                .toList();
    }

    /**
     * Checks that every service the manifest names exists in the compose file.
     *
     * @throws ConfigException naming the manifest line of the first unknown service and the
     *     services the compose file has
     */
    public void checkServices(Set<String> services) {
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < stop.order().size(); i++) {
            named.put("stop.order[" + i + "]", stop.order().get(i));
        }
        stop.grace().keySet().forEach(s -> named.put("stop.grace." + s, s));
        stop.drain().keySet().forEach(s -> named.put("stop.drain." + s, s));
        for (int i = 0; i < start.size(); i++) {
            named.put("start[" + i + "]", start.get(i));
        }
        for (int i = 0; i < migrations.size(); i++) {
            named.put("migrations[" + i + "]", migrations.get(i).service());
            List<String> needs = migrations.get(i).options().needs();
            for (int j = 0; j < needs.size(); j++) {
                named.put("migrations[" + i + "].needs[" + j + "]", needs.get(j));
            }
        }
        for (int i = 0; i < health.size(); i++) {
            String service = switch (health.get(i)) {
                case HealthCheck.ServiceHealthy h -> h.service();
                case HealthCheck.Log l -> l.service();
                case HealthCheck.Exec e -> e.service();
                case HealthCheck.Http h -> null;
            };
            if (service != null) {
                named.put("health[" + i + "]", service);
            }
        }
        for (int i = 0; i < backup.databases().size(); i++) {
            named.put("backup.databases[" + i + "]", backup.databases().get(i).service());
        }
        if (versionFrom.orElse(null) instanceof VersionProbe.Exec e) {
            named.put("version_from.exec", e.service());
        }
        List<String> known = new ArrayList<>(services);
        Collections.sort(known);
        for (var e : named.entrySet()) {
            if (!services.contains(e.getValue())) {
                String names = String.join(", ", known);
                Optional<String> guess = Suggestions.closest(e.getValue(), known);
                String hint = guess.map(s -> "did you mean \"" + s + "\"? ").orElse("");
                String message = e.getKey() + ": the compose file has no service \"" + e.getValue() + "\"; " + hint
                        + "its services are " + names + ".";
                throw guess.isPresent()
                        ? origin.error(
                                ConfigException.Reason.MANIFEST_NO_SERVICE_GUESS,
                                List.of(e.getKey(), e.getValue(), guess.get(), names),
                                message)
                        : origin.error(
                                ConfigException.Reason.MANIFEST_NO_SERVICE,
                                List.of(e.getKey(), e.getValue(), names),
                                message);
            }
        }
    }
}
