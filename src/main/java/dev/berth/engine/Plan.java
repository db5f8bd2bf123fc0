package dev.berth.engine;

import java.util.List;
import java.util.Map;

/**
 * What a run will do, computed before anything changes and shown to the user. It records the
 * hash of every file it read; the run refuses to start when any of them changed since.
 *
 * @param kind what kind of run this is
 * @param install absolute path of the install folder
 * @param project the compose project name (kept across upgrades)
 * @param composeFiles the compose files, relative to the install, in merge order
 * @param envFiles the env files compose reads, relative to the install
 * @param profiles the active compose profiles
 * @param fromVersion the installed version ("" for an install)
 * @param toVersion the version after the run
 * @param release where the release came from (folder, archive, {@code repo#tag}), for people
 * @param steps the steps in order
 * @param checks the preflight checks and their results
 * @param fileHashes absolute path → sha256 of every input file the plan read ("" = absent)
 * @param warnings what the user should know before confirming (never holds a secret); a plan
 *     read from an older journal has them in English only
 * @param expectedDowntimeSeconds an estimate of how long the app will be down
 * @param dataRollback whether a rollback must bring the data back from the backup once the new
 *     version has started against it
 */
public record Plan(
        Kind kind,
        String install,
        String project,
        List<String> composeFiles,
        List<String> envFiles,
        List<String> profiles,
        String fromVersion,
        String toVersion,
        String release,
        List<PlanStep> steps,
        List<Check> checks,
        Map<String, String> fileHashes,
        List<Text> warnings,
        long expectedDowntimeSeconds,
        DataRollback dataRollback,
        List<Advice> advice) {

    public Plan {
        advice = advice == null ? List.of() : List.copyOf(advice); // absent in journals of older Berths
        composeFiles = List.copyOf(composeFiles);
        envFiles = List.copyOf(envFiles);
        profiles = List.copyOf(profiles);
        steps = List.copyOf(steps);
        checks = List.copyOf(checks);
        fileHashes = Map.copyOf(fileHashes);
        warnings = List.copyOf(warnings);
    }

    /** A plan without advice for the end of the run. */
    public Plan(
            Kind kind,
            String install,
            String project,
            List<String> composeFiles,
            List<String> envFiles,
            List<String> profiles,
            String fromVersion,
            String toVersion,
            String release,
            List<PlanStep> steps,
            List<Check> checks,
            Map<String, String> fileHashes,
            List<Text> warnings,
            long expectedDowntimeSeconds,
            DataRollback dataRollback) {
        this(
                kind,
                install,
                project,
                composeFiles,
                envFiles,
                profiles,
                fromVersion,
                toVersion,
                release,
                steps,
                checks,
                fileHashes,
                warnings,
                expectedDowntimeSeconds,
                dataRollback,
                List.of());
    }

    /**
     * What the app's people say to do once the run has ended (check the version, tell the users;
     * or, after a failure, how to repair): shown with the result, never run by Berth.
     */
    public record Advice(When when, String text) {
        /** Which ending the advice is for. */
        public enum When {
            /** The run succeeded. */
            SUCCEEDED,
            /** The run failed, was rolled back, or its rollback failed. */
            FAILED
        }
    }

    /** The kinds of run. */
    public enum Kind {
        INSTALL,
        UPGRADE,
        CONFIGURE,
        BACKUP,
        RESTORE
    }

    /** The engine's address of the install's compose project ({@code paths} maps the plan's strings to Paths). */
    public ContainerRuntime.Project composeProject(java.util.function.Function<String, java.nio.file.Path> paths) {
        java.nio.file.Path dir = paths.apply(install);
        return new ContainerRuntime.Project(
                project,
                dir,
                composeFiles.stream().map(dir::resolve).toList(),
                envFiles.stream().map(dir::resolve).toList(),
                profiles);
    }

    /** What a rollback does with data the new version may have changed. */
    public enum DataRollback {
        /** Restore data from the run's backup when the new version (or a migration) ran against it. */
        RESTORE_WHEN_STARTED,
        /** Keep the data: the manifest declares the old version runs against migrated data. */
        KEEP
    }

    /**
     * Whether the run starts from nothing at its target (an install, or a restore into a new
     * folder): a rollback then removes what the run made instead of bringing an old state back.
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean freshTarget() {
        return kind == Kind.INSTALL || (kind == Kind.RESTORE && fromVersion.isEmpty());
    }

    /** Whether a preflight check failed (the plan must not run). */
    public boolean refused() {
        return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
    }

    /**
     * A preflight check and its result.
     *
     * @param name a short name for the CLI's list ("version", "compose 2.0.0"); not translated
     */
    public record Check(String name, Status status, Text message) {
        /** A check whose message Berth only has in English (it came from a tool or another layer). */
        public Check(String name, Status status, String message) {
            this(name, status, Text.plain(message));
        }

        /** A check's result. */
        public enum Status {
            OK,
            WARN,
            FAIL
        }
    }
}
