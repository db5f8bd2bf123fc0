package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * The small header at the start of every {@code .berth} file (a zstd skippable frame, so {@code
 * zstd -d} ignores it). Lets Berth list a backup and refuse another app's or a newer format's
 * archive without decompressing anything. The manifest inside the archive repeats these fields and
 * stays the authority.
 */
@JsonPropertyOrder({"format", "formatVersion", "app", "version", "project", "install", "created", "berthVersion", "host"
})
public record BackupHeader(
        String format,
        int formatVersion,
        String app,
        String version,
        String project,
        String install,
        Instant created,
        String berthVersion,
        String host) {

    static BackupHeader of(BackupInfo info) {
        return new BackupHeader(
                ArchiveFormat.FORMAT_NAME,
                ArchiveFormat.FORMAT_VERSION,
                info.app(),
                info.version(),
                info.project(),
                info.install(),
                info.created(),
                ArchiveFormat.berthVersion(),
                info.host());
    }
}
