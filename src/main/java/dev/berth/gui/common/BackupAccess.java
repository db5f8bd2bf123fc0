package dev.berth.gui.common;

import dev.berth.backup.BackupListing;
import dev.berth.engine.UpgradePlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the screens need from the backup side: listing, inspecting and restoring backups, and
 * planning a backup of an install. {@code Main} wires the implementation over {@code
 * dev.berth.backup} ({@link dev.berth.backup.BackupCatalog}, {@code BackupReader.readSidecar} and
 * {@code verify}) and the engine. Every
 * method blocks and is called on a worker thread, never on the FX thread. Nothing here may hold a
 * secret value.
 */
public interface BackupAccess {

    /** No backup side in this build: listing and planning say so; there is no estimate. */
    BackupAccess NONE = new BackupAccess() {
        @Override
        public List<BackupListing> list() throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public Details details(Path archive) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public RestorePlan planRestore(Path archive, Path target) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public UpgradePlanner.Result planBackup(Path install) throws NotAvailableException {
            throw new NotAvailableException();
        }

        @Override
        public Optional<Estimate> estimate(Path install) {
            return Optional.empty();
        }
    };

    /**
     * The backups in the backup folder of the settings (and any other folder the implementation
     * knows): {@code new BackupCatalog(folder).list()}. Damaged ones are listed with their problem.
     */
    List<BackupListing> list() throws Exception;

    /** What one backup holds, read from its manifest without restoring anything. */
    Details details(Path archive) throws Exception;

    /**
     * Plans the restore of {@code archive} into {@code target} (the install it was made of, or a
     * new folder). A plan that must be refused carries a failed check, as engine plans do.
     */
    RestorePlan planRestore(Path archive, Path target) throws Exception;

    /** Plans a backup of the install in {@code install}, to the backup folder of the settings. */
    UpgradePlanner.Result planBackup(Path install) throws Exception;

    /** How big and how long a backup of the install would be; empty when not known. */
    Optional<Estimate> estimate(Path install) throws Exception;

    /**
     * What a backup holds.
     *
     * @param host the machine it was made on
     * @param berthVersion the Berth that made it
     * @param parts its parts: the install's files, volumes, bind-mounted folders, database dumps
     */
    record Details(BackupListing backup, String host, String berthVersion, List<Part> parts) {
        public Details {
            parts = List.copyOf(parts);
        }
    }

    /** One part of a backup and its size in bytes (-1 when unknown). */
    record Part(PartKind kind, String name, long bytes) {}

    /** The kinds of backup part. */
    enum PartKind {
        FILES,
        VOLUME,
        FOLDER,
        DATABASE
    }

    /**
     * A restore, planned.
     *
     * @param overwritten what the restore replaces at the target, for people (files, folders,
     *     volumes); empty for a new folder
     */
    record RestorePlan(UpgradePlanner.Result result, List<String> overwritten) {
        public RestorePlan {
            overwritten = List.copyOf(overwritten);
        }
    }

    /** How big a backup would be and how long it would take. */
    record Estimate(long bytes, Duration time) {}

    /** The backup side is not part of this build. */
    final class NotAvailableException extends Exception {
        public NotAvailableException() {
            super("Backups are not part of this build of Berth yet; nothing was changed.");
        }
    }
}
