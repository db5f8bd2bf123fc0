package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.time.Instant;

/**
 * One backup as listings show it, read from its sidecar (or its header when the sidecar is
 * missing) without decompressing anything.
 *
 * @param install the install folder the backup was made of
 * @param size bytes of the archive file
 * @param verified whether a verify passed on this very file (size and mtime unchanged since)
 * @param problem why the backup could not be read, or null; the other fields are then null
 * @param failure the problem as the failure it was, when it was one (a front end says it in its
 *     language), or null
 */
@JsonPropertyOrder({"file", "app", "version", "project", "install", "created", "size", "verified", "problem"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupListing(
        Path file,
        String app,
        String version,
        String project,
        String install,
        Instant created,
        long size,
        boolean verified,
        String problem,
        @JsonIgnore BackupException failure) {

    /** A listing whose problem, if any, is only known in English. */
    public BackupListing(
            Path file,
            String app,
            String version,
            String project,
            String install,
            Instant created,
            long size,
            boolean verified,
            String problem) {
        this(file, app, version, project, install, created, size, verified, problem, null);
    }
}
