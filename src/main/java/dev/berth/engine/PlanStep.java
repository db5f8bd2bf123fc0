package dev.berth.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One typed step of a {@link Plan}. Steps are data: the plan is shown before it runs ({@code berth
 * plan --json}), stored in the journal, and read back for resume and rollback. The {@link
 * StepExecutor} gives them effect. Every step is written so that running it again after a crash
 * in its middle is safe, and so is undoing it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = PlanStep.LoadImages.class, name = "load-images"),
    @JsonSubTypes.Type(value = PlanStep.BuildImages.class, name = "build-images"),
    @JsonSubTypes.Type(value = PlanStep.PullImages.class, name = "pull-images"),
    @JsonSubTypes.Type(value = PlanStep.PinImages.class, name = "pin-images"),
    @JsonSubTypes.Type(value = PlanStep.Backup.class, name = "backup"),
    @JsonSubTypes.Type(value = PlanStep.StopServices.class, name = "stop"),
    @JsonSubTypes.Type(value = PlanStep.ApplyFiles.class, name = "apply-files"),
    @JsonSubTypes.Type(value = PlanStep.Migrate.class, name = "migrate"),
    @JsonSubTypes.Type(value = PlanStep.StartServices.class, name = "start"),
    @JsonSubTypes.Type(value = PlanStep.Verify.class, name = "verify"),
    @JsonSubTypes.Type(value = PlanStep.RestoreData.class, name = "restore-data"),
    @JsonSubTypes.Type(value = PlanStep.RecordHistory.class, name = "record-history"),
    @JsonSubTypes.Type(value = PlanStep.RemoveImages.class, name = "remove-images"),
})
public sealed interface PlanStep {
    /** Unique within its plan, stable (used by the journal, crash points and events). */
    String id();

    /** What the step does, for people, in any language ({@link Text}); never holds a secret. */
    Text title();

    /** Whether the app is down while this step runs (it counts toward the expected downtime). */
    default boolean duringDowntime() {
        return false;
    }

    /** Loads image archives shipped with the release ({@code docker load}) before anything stops. */
    record LoadImages(String id, Text title, List<String> archives) implements PlanStep {
        public LoadImages {
            archives = List.copyOf(archives);
        }
    }

    /**
     * Builds the images of services with {@code build:} before anything stops, from {@code
     * directory} (relative to the install: the staged copy of the new release's files) with the
     * compose files {@code composeFiles} (relative to it; empty = the install's, as in plans of
     * older Berths).
     */
    record BuildImages(String id, Text title, String directory, List<String> services, List<String> composeFiles)
            implements PlanStep {
        public BuildImages {
            services = List.copyOf(services);
            composeFiles = composeFiles == null ? List.of() : List.copyOf(composeFiles);
        }

        /** A build with the install's compose file names. */
        public BuildImages(String id, Text title, String directory, List<String> services) {
            this(id, title, directory, services, List.of());
        }
    }

    /** Pulls the new images while the old version still serves. */
    record PullImages(String id, Text title, List<String> images) implements PlanStep {
        public PullImages {
            images = List.copyOf(images);
        }
    }

    /**
     * Records the image ids the running services use (and tags them {@code berth-rollback/...}) so
     * that a rollback brings back exactly the old images, even when a tag such as {@code latest}
     * moved.
     */
    record PinImages(String id, Text title, List<String> services) implements PlanStep {
        public PinImages {
            services = List.copyOf(services);
        }
    }

    /**
     * Backs up the install. {@link Stage#HOT} copies everything while the app runs; {@link
     * Stage#FINAL} runs after the app services stopped: database dumps while the databases still
     * run, then the changed files.
     */
    record Backup(String id, Text title, Stage stage, String archive, List<DatabaseDump> databases)
            implements PlanStep {
        public Backup {
            databases = List.copyOf(databases);
        }

        @Override
        public boolean duringDowntime() {
            return stage == Stage.FINAL;
        }

        /** The two phases of a backup. */
        public enum Stage {
            HOT,
            FINAL
        }
    }

    /** A logical database dump taken inside the database's container. */
    record DatabaseDump(String service, String type, String userEnv, String databaseEnv) {}

    /** Stops services in the given order, each with its grace period; an optional drain command runs first. */
    record StopServices(String id, Text title, List<String> services, long graceSeconds, List<String> drain)
            implements PlanStep {
        public StopServices {
            services = List.copyOf(services);
            drain = List.copyOf(drain);
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }
    }

    /**
     * Swaps in the new files (compose files, {@code .env}, config files), staged beforehand in the
     * run's folder; the old ones are kept there for rollback.
     *
     * @param files path relative to the install → sha256 of the new content ("" = delete the file)
     * @param composeFiles the compose files compose reads once the step is done, when the release
     *     renamed or moved them (relative to the install, in merge order); empty = unchanged. The
     *     steps after it address the project with these, an undo goes back to the ones before.
     */
    record ApplyFiles(String id, Text title, String staging, Map<String, String> files, List<String> composeFiles)
            implements PlanStep {
        public ApplyFiles {
            files = Map.copyOf(files);
            // absent in the journals of older Berths: they never renamed a compose file
            composeFiles = composeFiles == null ? List.of() : List.copyOf(composeFiles);
        }

        /** An apply that keeps the compose file names. */
        public ApplyFiles(String id, Text title, String staging, Map<String, String> files) {
            this(id, title, staging, files, List.of());
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }
    }

    /**
     * A migration from the release's manifest. {@code timeoutSeconds} is how long it may run before
     * Berth stops it and rolls back (0 = {@link #DEFAULT_MIGRATION_TIMEOUT_SECONDS}).
     */
    record Migrate(String id, Text title, Migration migration, boolean safeForRollback, long timeoutSeconds)
            implements PlanStep {
        /** A hung migration must not hold the app down forever: the limit when the manifest sets none. */
        public static final long DEFAULT_MIGRATION_TIMEOUT_SECONDS = 30 * 60;

        public Migrate(String id, Text title, Migration migration, boolean safeForRollback) {
            this(id, title, migration, safeForRollback, 0);
        }

        /** The limit that applies. */
        public java.time.Duration timeout() {
            return java.time.Duration.ofSeconds(
                    timeoutSeconds > 0 ? timeoutSeconds : DEFAULT_MIGRATION_TIMEOUT_SECONDS);
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }
    }

    /** A migration's action. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Migration.Run.class, name = "run"),
        @JsonSubTypes.Type(value = Migration.Exec.class, name = "exec"),
        @JsonSubTypes.Type(value = Migration.Sql.class, name = "sql"),
        @JsonSubTypes.Type(value = Migration.SetAside.class, name = "set-aside"),
    })
    sealed interface Migration {
        /**
         * A one-shot container of a service ({@code compose run --rm}). {@code stdinFrom} and
         * {@code stdoutTo} name work files of the run ("" = none): a dump written by one migration
         * and read back by a later one. {@code dependencies} says whether compose starts the
         * services it depends on, or an earlier step did ({@code run --no-deps}).
         */
        record Run(
                String service,
                List<String> command,
                String stdinFrom,
                String stdoutTo,
                ContainerRuntime.Dependencies dependencies)
                implements Migration {
            public Run {
                command = List.copyOf(command);
                // absent in the journals of older Berths, which let compose start them
                dependencies = dependencies == null ? ContainerRuntime.Dependencies.START : dependencies;
            }

            /** A run that lets compose start what the service depends on. */
            public Run(String service, List<String> command, String stdinFrom, String stdoutTo) {
                this(service, command, stdinFrom, stdoutTo, ContainerRuntime.Dependencies.START);
            }
        }

        /** A command inside a running service's container, with optional work files as for {@link Run}. */
        record Exec(String service, List<String> command, String stdinFrom, String stdoutTo) implements Migration {
            public Exec {
                command = List.copyOf(command);
            }
        }

        /**
         * Moves a bind-mounted data folder of the install aside (the "full reload" pattern), so the
         * service starts on an empty one; a rollback puts it back.
         */
        record SetAside(String service, String path) implements Migration {}

        /**
         * An SQL file of the release run inside the database container, with the container's own
         * client and credentials. {@code type} is {@code postgres}, {@code mysql} or {@code mariadb},
         * or empty to use whichever client the container has; empty variable names mean the
         * official image's.
         */
        record Sql(String service, String file, String type, String userEnv, String databaseEnv) implements Migration {
            public Sql {
                // absent in the journals of older Berths
                type = type == null ? "" : type;
                userEnv = userEnv == null ? "" : userEnv;
                databaseEnv = databaseEnv == null ? "" : databaseEnv;
            }
        }
    }

    /**
     * Starts services ({@code up -d}); an empty list starts all. With {@code dependencies} {@link
     * ContainerRuntime.Dependencies#SKIP} only the services named ({@code --no-deps}): the long-running
     * ones after Berth ran their one-shot migration job itself.
     */
    record StartServices(String id, Text title, List<String> services, ContainerRuntime.Dependencies dependencies)
            implements PlanStep {
        public StartServices {
            services = List.copyOf(services);
            // absent in the journals of older Berths
            dependencies = dependencies == null ? ContainerRuntime.Dependencies.START : dependencies;
        }

        /** Starts the services and what they depend on. */
        public StartServices(String id, Text title, List<String> services) {
            this(id, title, services, ContainerRuntime.Dependencies.START);
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }
    }

    /** Checks that the app works: service health, HTTP probes, log patterns, the running version. */
    record Verify(String id, Text title, List<HealthProbe> probes, long timeoutSeconds) implements PlanStep {
        public Verify {
            probes = List.copyOf(probes);
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }
    }

    /** A health probe. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = HealthProbe.ServiceHealthy.class, name = "service"),
        @JsonSubTypes.Type(value = HealthProbe.Http.class, name = "http"),
        @JsonSubTypes.Type(value = HealthProbe.Log.class, name = "log"),
        @JsonSubTypes.Type(value = HealthProbe.ImagesRunning.class, name = "images"),
    })
    sealed interface HealthProbe {
        /** The service is healthy per its healthcheck, or running without restarts when it has none. */
        record ServiceHealthy(String service) implements HealthProbe {}

        /** An HTTP GET answers with the expected status. */
        record Http(String url, int expect) implements HealthProbe {}

        /** The service's log shows {@code pattern} and not {@code failPattern} (either may be empty). */
        record Log(String service, String pattern, String failPattern) implements HealthProbe {}

        /** The containers run the images of the new release (service → image reference). */
        record ImagesRunning(Map<String, String> images) implements HealthProbe {
            public ImagesRunning {
                images = Map.copyOf(images);
            }
        }
    }

    /**
     * Restores files, bind-mounted data and named volumes from a backup archive, and puts the
     * database dumps in the run's work folder for the load steps that follow. What was at the
     * targets is set aside in the run's folder first, so the step can be undone.
     */
    record RestoreData(String id, Text title, String archive, RestoreScope scope, Placement placement)
            implements PlanStep {
        /** A restore to the places the backup was made from. */
        public RestoreData(String id, Text title, String archive, RestoreScope scope) {
            this(id, title, archive, scope, Placement.ORIGINAL);
        }

        @Override
        public boolean duringDowntime() {
            return true;
        }

        /**
         * Where the parts of the backup go.
         *
         * @param newFolder whether the target is a new folder (an undo removes what the restore
         *     made) rather than the install the backup was made of (an undo puts the old state back)
         * @param project the compose project name written to the install record ("" = as archived)
         * @param mounts mount id → absolute folder it is restored to (missing = where it was backed up from)
         * @param volumes archived volume name → Docker volume it is restored into (missing = the same name)
         * @param volumeLabels Docker volume → its compose volume key, for volumes the restore creates
         * @param env variable → value set in the install's {@code .env} after the files are restored
         *     (new ports, moved data folders, values given with {@code --set}); never a secret
         * @param secretsFile a 0600 env file below the target's {@code .berth/staging/} whose values
         *     are set as well ("" = none): secret values given with {@code --set} wait there, so the
         *     plan, its events and the journal never hold them
         */
        public record Placement(
                boolean newFolder,
                String project,
                Map<String, String> mounts,
                Map<String, String> volumes,
                Map<String, String> volumeLabels,
                Map<String, String> env,
                String secretsFile) {
            public static final Placement ORIGINAL = new Placement(false, "", Map.of(), Map.of(), Map.of(), Map.of());

            public Placement {
                mounts = Map.copyOf(mounts);
                volumes = Map.copyOf(volumes);
                volumeLabels = Map.copyOf(volumeLabels);
                env = Map.copyOf(env);
                java.util.Objects.requireNonNull(secretsFile, "secretsFile");
            }

            /** A placement without secret values. */
            public Placement(
                    boolean newFolder,
                    String project,
                    Map<String, String> mounts,
                    Map<String, String> volumes,
                    Map<String, String> volumeLabels,
                    Map<String, String> env) {
                this(newFolder, project, mounts, volumes, volumeLabels, env, "");
            }
        }

        /** What a restore brings back. */
        public enum RestoreScope {
            DATA,
            FILES_AND_DATA
        }
    }

    /** Appends the new version to the install's history ({@code .berth/history.json}). */
    record RecordHistory(String id, Text title, String version) implements PlanStep {}

    /** Removes old images, only after success and only when the user asked. */
    record RemoveImages(String id, Text title, List<String> images) implements PlanStep {
        public RemoveImages {
            images = List.copyOf(images);
        }
    }
}
