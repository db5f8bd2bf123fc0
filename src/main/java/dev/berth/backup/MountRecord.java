package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A bind mount (DATA_DIR) stored under {@code data/<id>/}.
 *
 * @param id short name unique in the backup, {@code [A-Za-z0-9][A-Za-z0-9_.-]*}
 * @param source absolute path of the folder on the host at backup time
 * @param relative its path relative to the install folder when it lies inside it, else null
 * @param envVariable the {@code .env} variable that names it, when known, else null
 */
@JsonPropertyOrder({"id", "source", "relative", "envVariable"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MountRecord(String id, String source, String relative, String envVariable) {
    public MountRecord {
        ArchiveFormat.requireIdentifier("mount id", id);
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("mount " + id + " has no source path");
        }
    }
}
