package dev.berth.backup;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished backup.
 *
 * @param file the {@code .berth} archive
 * @param sidecar the manifest copy beside it ({@code <file>.json})
 * @param archiveBytes size of the archive on disk
 * @param contentBytes bytes of file content in the final state
 * @param phase2Entries entries appended in phase 2 (changed or new since phase 1)
 * @param phase2Bytes content bytes appended in phase 2
 * @param phase2Deleted entries found gone in phase 2
 * @param warnings things skipped or worth knowing (a fifo skipped, a symlink pointing outside)
 */
public record BackupResult(
        Path file,
        Path sidecar,
        BackupManifest manifest,
        long archiveBytes,
        long contentBytes,
        int phase2Entries,
        long phase2Bytes,
        int phase2Deleted,
        List<String> warnings) {
    public BackupResult {
        warnings = List.copyOf(warnings);
    }
}
