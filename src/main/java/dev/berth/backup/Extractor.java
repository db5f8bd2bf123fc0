package dev.berth.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/** One restore pass over a verified archive: writes the final state of each routed entry. */
final class Extractor {
    private static final int BUFFER = 256 * 1024;
    private static final long PROGRESS_STEP = 8L * 1024 * 1024;

    private final VerifiedBackup backup;
    private final RestoreSpec spec;
    private final ProgressListener listener;
    private final BooleanSupplier cancelled;
    private final Ownership ownership;
    private final Map<Path, FolderTarget> folders = new LinkedHashMap<>();
    private final Map<String, VolumeOut> volumes = new LinkedHashMap<>();
    private final Set<String> skippedVolumes = new HashSet<>();
    private final byte[] buf = new byte[BUFFER];
    private final MessageDigest md = Sha256.newDigest();
    private long entries;
    private long done;
    private long total;
    private long nextProgress;
    private String current = "";

    Extractor(VerifiedBackup backup, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled) {
        this(backup, spec, listener, cancelled, new Ownership());
    }

    Extractor(
            VerifiedBackup backup,
            RestoreSpec spec,
            ProgressListener listener,
            BooleanSupplier cancelled,
            Ownership ownership) {
        this.backup = backup;
        this.spec = spec;
        this.listener = listener;
        this.cancelled = cancelled;
        this.ownership = ownership;
    }

    RestoreReport run() throws BackupException {
        backup.requireUnchanged();
        BackupManifest m = backup.manifest();
        TargetCheck.Result check = TargetCheck.run(m, spec);
        if (!check.conflicts().isEmpty()) {
            throw conflicts(check.conflicts());
        }
        Map<String, EntryRecord> byPath = m.entriesByPath();
        for (EntryRecord e : m.entries()) {
            if (e.type() == EntryType.FILE && routed(ArchiveFormat.sectionOf(e.path()))) {
                total += e.size();
            }
        }
        boolean ok = false;
        try (ArchiveInput in = ArchiveInput.open(backup.file())) {
            InputStream data = in.entryStream();
            for (TarArchiveEntry e = in.next(); e != null; e = in.next()) {
                if (e.getName().equals(ArchiveFormat.MANIFEST)) {
                    break;
                }
                String path = ArchiveFormat.checkName(e.getName());
                Integer wanted = backup.finalOrdinal(path);
                if (wanted == null || wanted != in.ordinal()) {
                    continue; // superseded in phase 2, or deleted
                }
                EntryRecord rec = byPath.get(path);
                if (ArchiveInput.typeOf(e) != rec.type()) {
                    throw BackupReader.tampered(backup.file(), path + " changed after the backup was verified");
                }
                ArchiveFormat.Section s = ArchiveFormat.sectionOf(path);
                if (!routed(s)) {
                    continue;
                }
                if (cancelled.getAsBoolean()) {
                    throw said(
                            BackupException.Kind.CANCELLED,
                            BackupException.Reason.RESTORE_CANCELLED_AFTER,
                            BackupException.Reason.RESTORE_CANCELLED_AFTER_PARTIAL,
                            List.of(String.valueOf(entries)),
                            "Restore cancelled after " + entries + " entries.",
                            null);
                }
                current = path;
                md.reset();
                if (s.kind() == ArchiveFormat.Section.Kind.VOLUME
                        || (s.kind() == ArchiveFormat.Section.Kind.DATA
                                && !spec.mounts().containsKey(s.name()))) {
                    VolumeOut v = volume(s);
                    if (v == null) {
                        continue;
                    }
                    v.write(rec, s.rel(), data, buf, md, this::advance);
                } else {
                    TargetCheck.Place place = TargetCheck.place(spec, s);
                    folder(place.root()).write(rec, place.rel(), data, buf, md, this::advance);
                }
                if (rec.type() == EntryType.FILE
                        && !HexFormat.of().formatHex(md.digest()).equals(rec.sha256())) {
                    throw BackupReader.tampered(backup.file(), path + " changed after the backup was verified");
                }
                entries++;
                listener.progress(done, total, path);
            }
            List<FolderTarget> ordered = new ArrayList<>(folders.values());
            ordered.sort(Comparator.comparing((FolderTarget f) -> f.root().getNameCount())
                    .reversed());
            for (FolderTarget f : ordered) {
                f.finish();
            }
            for (VolumeOut v : volumes.values()) {
                v.finish();
            }
            ok = true;
        } catch (BackupException e) {
            if (e.kind() == BackupException.Kind.CANCELLED || e.kind() == BackupException.Kind.TARGET_CONFLICT) {
                throw e;
            }
            throw said(
                    e.kind(),
                    BackupException.Reason.RESTORE_FAILED,
                    BackupException.Reason.RESTORE_FAILED_PARTIAL,
                    List.of(e.getMessage()),
                    e.getMessage(),
                    e);
        } catch (IOException | RuntimeException e) {
            if (BackupWriter.isDiskFull(e)) {
                long missing = Math.max(1, (total - done + 999_999) / 1_000_000);
                throw said(
                        BackupException.Kind.DISK_FULL,
                        BackupException.Reason.RESTORE_DISK_FULL,
                        BackupException.Reason.RESTORE_DISK_FULL_PARTIAL,
                        List.of(String.valueOf(current), String.valueOf(missing)),
                        "Restore failed: the disk is full while writing " + current + " (needs about " + missing
                                + " MB more).",
                        e);
            }
            throw said(
                    BackupException.Kind.IO,
                    BackupException.Reason.RESTORE_WRITE_FAILED,
                    BackupException.Reason.RESTORE_WRITE_FAILED_PARTIAL,
                    List.of(String.valueOf(current), e.toString()),
                    "Restore failed while writing " + current + ": " + e + ".",
                    e);
        } finally {
            if (!ok) {
                for (VolumeOut v : volumes.values()) {
                    try {
                        v.abandon();
                    } catch (IOException e) {
                        // the restore already failed; the volume stream is broken either way
                    }
                }
            }
        }
        listener.progress(total, total, ArchiveFormat.MANIFEST);
        return new RestoreReport(entries, done, ownership.notes());
    }

    static BackupException conflicts(List<String> conflicts) {
        String shown = String.join("; ", conflicts.subList(0, Math.min(3, conflicts.size())));
        if (conflicts.size() > 3) {
            return new BackupException(
                    BackupException.Kind.TARGET_CONFLICT,
                    BackupException.Reason.TARGET_CONFLICTS_MORE,
                    List.of(shown, String.valueOf(conflicts.size() - 3)),
                    "Restore refused before writing anything: " + shown + " (and " + (conflicts.size() - 3)
                            + " more). Move these away or restore into an empty folder.",
                    null);
        }
        return new BackupException(
                BackupException.Kind.TARGET_CONFLICT,
                BackupException.Reason.TARGET_CONFLICTS,
                List.of(shown),
                "Restore refused before writing anything: " + shown
                        + ". Move these away or restore into an empty folder.",
                null);
    }

    private void advance(long n) throws BackupException {
        done += n;
        if (done >= nextProgress) {
            nextProgress = done + PROGRESS_STEP;
            listener.progress(done, total, current);
            if (cancelled.getAsBoolean()) {
                throw said(
                        BackupException.Kind.CANCELLED,
                        BackupException.Reason.RESTORE_CANCELLED_INSIDE,
                        BackupException.Reason.RESTORE_CANCELLED_INSIDE_PARTIAL,
                        List.of(String.valueOf(current)),
                        "Restore cancelled inside " + current + ".",
                        null);
            }
        }
    }

    private boolean routed(ArchiveFormat.Section s) {
        if (s == null) {
            return false;
        }
        return switch (s.kind()) {
            case FILES -> spec.files() != null;
            case DATA ->
                spec.mounts().containsKey(s.name())
                        || (spec.mountStreams() != null && !skippedVolumes.contains(streamKey(s)));
            case DATABASE -> spec.databases() != null;
            case VOLUME -> spec.volumes() != null && !skippedVolumes.contains(streamKey(s));
        };
    }

    private FolderTarget folder(Path root) {
        return folders.computeIfAbsent(root, r -> new FolderTarget(r, ownership));
    }

    /** Volumes by name, mounts streamed as tar by {@code data/<id>}. */
    private static String streamKey(ArchiveFormat.Section s) {
        return s.kind() == ArchiveFormat.Section.Kind.VOLUME ? s.name() : ArchiveFormat.DATA + "/" + s.name();
    }

    private VolumeOut volume(ArchiveFormat.Section s) throws IOException {
        String key = streamKey(s);
        VolumeOut v = volumes.get(key);
        if (v == null) {
            if (skippedVolumes.contains(key)) {
                return null;
            }
            OutputStream out = s.kind() == ArchiveFormat.Section.Kind.VOLUME
                    ? spec.volumes().open(s.name())
                    : spec.mountStreams().open(s.name());
            if (out == null) {
                skippedVolumes.add(key);
                return null;
            }
            v = new VolumeOut(out);
            volumes.put(key, v);
        }
        return v;
    }

    /**
     * {@code what} and then what was written: {@code nothing} with {@code facts} when nothing was,
     * else {@code partial} with the targets as one more fact.
     */
    private BackupException said(
            BackupException.Kind kind,
            BackupException.Reason nothing,
            BackupException.Reason partial,
            List<String> facts,
            String what,
            Throwable cause) {
        List<String> where = new ArrayList<>();
        folders.keySet().forEach(p -> where.add(p.toString()));
        volumes.keySet().forEach(v -> where.add(v.startsWith(ArchiveFormat.DATA + "/") ? v : "volume " + v));
        if (where.isEmpty()) {
            return new BackupException(kind, nothing, facts, what + " Nothing was written.", cause);
        }
        String targets = String.join(", ", where);
        List<String> all = new ArrayList<>(facts);
        all.add(targets);
        return new BackupException(
                kind,
                partial,
                all,
                what + " These targets hold a partial restore: " + targets
                        + ". Restore again (into an empty folder) once the cause is fixed.",
                cause);
    }
}
