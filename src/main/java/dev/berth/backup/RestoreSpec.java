package dev.berth.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to restore where. Sections without a target are skipped. A restore writes the archived
 * paths and leaves other files in the targets alone (like {@code tar -x}); restore into a new or
 * empty folder to get exactly the backed-up state.
 *
 * @param files target of {@code files/} (the install folder), or null
 * @param mounts target folder per mount id ({@code data/<id>/}); ids not listed are skipped
 * @param databases folder that receives the dumps as {@code <service>.<format>} (0600), or null
 * @param volumes receives each volume as a tar stream, or null
 * @param mountStreams receives mounts not in {@code mounts} as tar streams (called with the mount
 *     id, in {@link VolumeSink}'s shape), for a helper container that writes them with their owners
 *     on the machine that holds them; or null
 */
public record RestoreSpec(
        Path files, Map<String, Path> mounts, Path databases, VolumeSink volumes, VolumeSink mountStreams) {
    public RestoreSpec {
        mounts = Map.copyOf(mounts);
    }

    /** Restores nothing; add targets with the {@code with...} methods. */
    public static RestoreSpec nothing() {
        return new RestoreSpec(null, Map.of(), null, null, null);
    }

    public RestoreSpec withFiles(Path target) {
        return new RestoreSpec(target, mounts, databases, volumes, mountStreams);
    }

    public RestoreSpec withMount(String id, Path target) {
        Map<String, Path> m = new HashMap<>(mounts);
        m.put(id, target);
        return new RestoreSpec(files, m, databases, volumes, mountStreams);
    }

    public RestoreSpec withDatabases(Path folder) {
        return new RestoreSpec(files, mounts, folder, volumes, mountStreams);
    }

    public RestoreSpec withVolumes(VolumeSink sink) {
        return new RestoreSpec(files, mounts, databases, sink, mountStreams);
    }

    /** Sends the mounts that have no folder in {@link #mounts()} to {@code sink} as tar streams. */
    public RestoreSpec withMountStreams(VolumeSink sink) {
        return new RestoreSpec(files, mounts, databases, volumes, sink);
    }

    /** Files and every mount back where they were backed up from. */
    public static RestoreSpec originalLocations(BackupManifest m) {
        RestoreSpec s = nothing().withFiles(Path.of(m.install()));
        for (MountRecord mount : m.mounts()) {
            s = s.withMount(mount.id(), Path.of(mount.source()));
        }
        return s;
    }

    /**
     * Files into {@code newInstall}; mounts that lay inside the old install go to the same
     * relative place in the new one; mounts outside it go where {@code movedMounts} (old source
     * path → new folder) says.
     *
     * @throws IllegalArgumentException naming every mount outside the install that has no new place
     */
    public static RestoreSpec relocated(BackupManifest m, Path newInstall, Map<Path, Path> movedMounts) {
        RestoreSpec s = nothing().withFiles(newInstall);
        List<String> missing = new ArrayList<>();
        for (MountRecord mount : m.mounts()) {
            Path moved = movedMounts.get(Path.of(mount.source()));
            if (moved != null) {
                s = s.withMount(mount.id(), moved);
            } else if (mount.relative() != null) {
                s = s.withMount(mount.id(), newInstall.resolve(mount.relative()));
            } else {
                missing.add(mount.id() + " (" + mount.source() + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                    "these mounts lie outside the install; say where they go: " + String.join(", ", missing));
        }
        return s;
    }
}
