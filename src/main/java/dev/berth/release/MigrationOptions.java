package dev.berth.release;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What every migration has besides its action.
 *
 * @param phase before the new version starts (default) or after
 * @param safeForRollback whether the previous release still runs on data this migration changed,
 *     so a failed upgrade can roll back without restoring the backup
 * @param from run only when upgrading from a version in this range (e.g. {@code <0.4}); empty
 *     means on every upgrade to this release, so the migration must be idempotent
 * @param timeout how long it may take before Berth gives up; empty means the engine's default
 * @param description what it does, shown in the plan
 * @param needs services that must run (and be healthy) when a {@link MigrationPhase#BEFORE_START}
 *     migration runs; the engine starts them first, e.g. an API whose own start adds the columns
 *     an SQL migration then fills. An exec migration's own service is always needed.
 */
public record MigrationOptions(
        MigrationPhase phase,
        boolean safeForRollback,
        Optional<VersionRange> from,
        Optional<Duration> timeout,
        Optional<String> description,
        List<String> needs) {

    public static final MigrationOptions DEFAULT = new MigrationOptions(
            MigrationPhase.BEFORE_START, false, Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    public MigrationOptions {
        needs = List.copyOf(needs);
    }
}
