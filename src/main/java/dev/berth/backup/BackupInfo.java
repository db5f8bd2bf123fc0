package dev.berth.backup;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What a backup is of, given by the engine when it opens a {@link BackupWriter}.
 *
 * @param app the application id (e.g. {@code mattermost}); restores refuse other apps' backups
 * @param version the app version that was running
 * @param project the compose project name
 * @param install absolute path of the install folder
 * @param created when the backup started
 * @param host the host name the backup was made on
 */
public record BackupInfo(String app, String version, String project, String install, Instant created, String host) {
    public BackupInfo {
        ArchiveFormat.requireIdentifier("app", app);
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("version is required");
        }
        if (project == null || project.isBlank()) {
            throw new IllegalArgumentException("project is required");
        }
        if (install == null || install.isBlank()) {
            throw new IllegalArgumentException("install path is required");
        }
        created = created.truncatedTo(ChronoUnit.MILLIS);
    }

    /** Info stamped with the current time and this machine's host name. */
    public static BackupInfo now(String app, String version, String project, String install) {
        return new BackupInfo(app, version, project, install, Instant.now(), hostName());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
