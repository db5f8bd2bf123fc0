package dev.berth.backup;

/** A named Docker volume stored under {@code volumes/<name>/}. */
public record VolumeRecord(String name) {
    public VolumeRecord {
        ArchiveFormat.requireIdentifier("volume name", name);
    }
}
