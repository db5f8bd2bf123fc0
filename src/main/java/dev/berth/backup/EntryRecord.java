package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;

/**
 * One entry of a backup as the manifest records it.
 *
 * @param path archive path without a trailing slash, e.g. {@code data/db/pg/PG_VERSION}
 * @param size bytes of content (files only; 0 for the rest)
 * @param mode permission bits including setuid, setgid and sticky ({@code 07777})
 * @param mtime modification time, truncated to microseconds
 * @param sha256 hex SHA-256 of the content (files only, else null)
 * @param link symlink target as stored, or for a hard link the archive path of the file it names
 */
@JsonPropertyOrder({"path", "type", "size", "mode", "uid", "gid", "mtime", "sha256", "link"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryRecord(
        String path,
        EntryType type,
        long size,

        @JsonSerialize(using = ManifestJson.OctalSerializer.class)
        @JsonDeserialize(using = ManifestJson.OctalDeserializer.class)
        int mode,

        long uid,
        long gid,
        Instant mtime,
        String sha256,
        String link) {}
