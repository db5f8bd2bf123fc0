package dev.berth.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manifest of a backup: written last inside the archive (the authority) and beside it as
 * {@code <name>.berth.json} (a cache for listing that verify cross-checks).
 *
 * @param entries every entry of the final (phase-2) state, sorted by path
 * @param deleted paths stored in phase 1 that were gone in phase 2; restore skips them
 */
@JsonPropertyOrder({
    "format",
    "formatVersion",
    "app",
    "version",
    "project",
    "install",
    "created",
    "berthVersion",
    "host",
    "mounts",
    "volumes",
    "databases",
    "deleted",
    "entries"
})
public record BackupManifest(
        String format,
        int formatVersion,
        String app,
        String version,
        String project,
        String install,
        Instant created,
        String berthVersion,
        String host,
        List<MountRecord> mounts,
        List<VolumeRecord> volumes,
        List<DumpRecord> databases,
        List<String> deleted,
        List<EntryRecord> entries) {

    public BackupManifest {
        mounts = List.copyOf(mounts == null ? List.of() : mounts);
        volumes = List.copyOf(volumes == null ? List.of() : volumes);
        databases = List.copyOf(databases == null ? List.of() : databases);
        deleted = List.copyOf(deleted == null ? List.of() : deleted);
        entries = List.copyOf(entries == null ? List.of() : entries);
    }

    static BackupManifest of(
            BackupHeader h,
            List<MountRecord> mounts,
            List<VolumeRecord> volumes,
            List<DumpRecord> databases,
            List<String> deleted,
            List<EntryRecord> entries) {
        return new BackupManifest(
                h.format(),
                h.formatVersion(),
                h.app(),
                h.version(),
                h.project(),
                h.install(),
                h.created(),
                h.berthVersion(),
                h.host(),
                mounts,
                volumes,
                databases,
                deleted,
                entries);
    }

    /** The header fields of this manifest. */
    @JsonIgnore
    public BackupHeader header() {
        return new BackupHeader(format, formatVersion, app, version, project, install, created, berthVersion, host);
    }

    /** The entries keyed by path, in manifest order. */
    @JsonIgnore
    public Map<String, EntryRecord> entriesByPath() {
        Map<String, EntryRecord> m = new LinkedHashMap<>();
        for (EntryRecord e : entries) {
            m.put(e.path(), e);
        }
        return m;
    }

    @JsonIgnore
    public Optional<MountRecord> mount(String id) {
        return mounts.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** Bytes of file content in the final state. */
    @JsonIgnore
    public long contentBytes() {
        return entries.stream()
                .filter(e -> e.type() == EntryType.FILE)
                .mapToLong(EntryRecord::size)
                .sum();
    }
}
