package dev.berth.gui.home;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One installed app as Home lists it.
 *
 * @param project the compose project name, unique on a Docker host
 * @param app the app's name as the user knows it ("Nextcloud")
 * @param version the installed version; empty when unknown
 * @param state whether its containers run
 * @param health what the containers' health checks say
 * @param installDir the install's folder (its compose files); the upgrade, configure and restore
 *     screens work on it
 * @param dataDir the folder holding the app's data ({@code DATA_DIR} or the compose folder)
 * @param diskUseBytes bytes used by the data folder and volumes; -1 when not measured yet
 * @param lastBackup when the last backup finished, if any
 * @param warnings things the user should know, already in their language
 * @param host the server it is on ({@code user@host:port} of the settings' servers); empty for
 *     this computer. The paths of a server's install are paths of that server (SFTP)
 */
public record InstallRow(
        String project,
        String app,
        String version,
        RunState state,
        Health health,
        Path installDir,
        Path dataDir,
        long diskUseBytes,
        Optional<Instant> lastBackup,
        List<String> warnings,
        String host) {

    /** Whether the app's containers run. */
    public enum RunState {
        RUNNING,
        PARTLY_RUNNING,
        STOPPED,
        UNKNOWN
    }

    /** The containers' health checks, worst first. */
    public enum Health {
        UNHEALTHY,
        STARTING,
        HEALTHY,
        /** The app defines no health checks. */
        NONE
    }

    public InstallRow {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(installDir, "installDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(lastBackup, "lastBackup");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(host, "host");
    }

    /** An install on this computer. */
    public InstallRow(
            String project,
            String app,
            String version,
            RunState state,
            Health health,
            Path installDir,
            Path dataDir,
            long diskUseBytes,
            Optional<Instant> lastBackup,
            List<String> warnings) {
        this(project, app, version, state, health, installDir, dataDir, diskUseBytes, lastBackup, warnings, "");
    }

    /** Whether it is on this computer. */
    public boolean isLocal() {
        return host.isEmpty();
    }

    /** This row with the disk use {@code bytes} (-1: not measured). */
    public InstallRow withDiskUse(long bytes) {
        return new InstallRow(
                project, app, version, state, health, installDir, dataDir, bytes, lastBackup, warnings, host);
    }

    /** This row on the server {@code server}. */
    public InstallRow onHost(String server) {
        return new InstallRow(
                project, app, version, state, health, installDir, dataDir, diskUseBytes, lastBackup, warnings, server);
    }
}
