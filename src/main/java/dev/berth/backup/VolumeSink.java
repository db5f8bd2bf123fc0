package dev.berth.backup;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a restore sends each named volume: an uncompressed POSIX tar stream with names relative to
 * the volume's root ({@code ./} is the root itself), numeric owners only (empty user and group
 * names), hard links after the files they name. The engine pipes it into a helper container
 * ({@code tar -C /vol -xpf - --numeric-owner}) or Docker's archive API.
 */
@FunctionalInterface
public interface VolumeSink {
    /**
     * Called on the restoring thread the first time the archive reaches the volume. The restore
     * writes the volume's entries as it meets them (other volumes' entries may come in between),
     * then finishes the tar and closes the stream at the end of the pass.
     *
     * @return the stream to write to, or null to skip this volume
     */
    OutputStream open(String volumeName) throws IOException;
}
