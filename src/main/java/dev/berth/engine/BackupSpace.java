package dev.berth.engine;

import dev.berth.backup.BackupManifest;
import dev.berth.backup.EntryRecord;
import dev.berth.backup.EntryType;
import dev.berth.config.compose.ComposeLoader;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The free-space preflight of a backup and a restore: an estimate of what the run writes and a
 * look at the free space where it goes, made while planning so that a run that cannot fit is
 * refused before anything stops. The backup still fails cleanly when the disk fills while it
 * writes (something else may use the space after the plan); this check only keeps the likely case
 * from stopping the app for nothing.
 *
 * <p>The estimate is the uncompressed size (Berth cannot know how well the data compresses) of
 * what the backup copies: the install's files, its data folders (walked on this computer) and its
 * named volumes (as the engine sizes them, {@code /system/df}), plus {@link #MARGIN_PERCENT}% and
 * {@link #MARGIN_BYTES} for the archive's own structure, the database dumps and the sidecar
 * manifest.
 */
public final class BackupSpace {
    /** Added to every estimate: the dumps, the archive's headers and manifest, the file system's blocks. */
    static final long MARGIN_BYTES = 16L << 20;
    /** Added to every estimate, in percent of it. */
    static final int MARGIN_PERCENT = 10;

    /** What to do besides freeing space, for a backup (an upgrade's too). */
    static final Text BACKUP_ADVICE = Text.of(Text.Key.SPACE_ADVICE_BACKUP);

    /** What to do besides freeing space, for a restore. */
    static final Text RESTORE_ADVICE = Text.of(Text.Key.SPACE_ADVICE_RESTORE);

    /** What a space check is about: its name at the start of a sentence and inside one. */
    public enum Written {
        BACKUP(Text.Key.SPACE_BACKUP, Text.Key.SPACE_BACKUP_IN),
        UPGRADE_BACKUP(Text.Key.SPACE_UPGRADE_BACKUP, Text.Key.SPACE_UPGRADE_BACKUP_IN),
        SAFETY(Text.Key.SPACE_SAFETY, Text.Key.SPACE_SAFETY_IN),
        SAFETY_AND_RESTORE(Text.Key.SPACE_SAFETY_AND_RESTORE, Text.Key.SPACE_SAFETY_AND_RESTORE_IN),
        RESTORE(Text.Key.SPACE_RESTORE, Text.Key.SPACE_RESTORE_IN);

        private final Text.Key first;
        private final Text.Key inside;

        Written(Text.Key first, Text.Key inside) {
            this.first = first;
            this.inside = inside;
        }
    }

    private BackupSpace() {}

    /**
     * What a backup of an install will write, uncompressed.
     *
     * @param files bytes of the install's own files (without its data folders)
     * @param dataFolders bytes of the data folders Berth could walk
     * @param volumes bytes of the named volumes the engine sized
     * @param unmeasured what could not be sized (an unreadable data folder, a volume the engine
     *     did not size), for the message
     */
    public record Estimate(long files, long dataFolders, long volumes, List<Text> unmeasured) {
        public Estimate {
            unmeasured = List.copyOf(unmeasured);
        }

        /** What is measured, with the margin. */
        public long needed() {
            long sum = files + dataFolders + volumes;
            return sum + sum * MARGIN_PERCENT / 100 + MARGIN_BYTES;
        }

        Text parts() {
            String margin = String.valueOf(MARGIN_PERCENT);
            return unmeasured.isEmpty()
                    ? Text.of(
                            Text.Key.SPACE_PARTS,
                            Text.bytes(files),
                            Text.bytes(dataFolders),
                            Text.bytes(volumes),
                            margin,
                            Text.bytes(MARGIN_BYTES))
                    : Text.of(
                            Text.Key.SPACE_PARTS_UNMEASURED,
                            Text.bytes(files),
                            Text.bytes(dataFolders),
                            Text.bytes(volumes),
                            margin,
                            Text.bytes(MARGIN_BYTES),
                            unmeasured);
        }
    }

    /**
     * Estimates a backup of {@code install} (a compose project Berth knows) the way {@link
     * ArchiveBackupSteps} takes it: the same files filter, the same data folders, the same volumes.
     */
    public static Estimate estimate(
            ContainerRuntime runtime, ComposeLoader loader, ContainerRuntime.Project project, Path install) {
        List<Text> unmeasured = new ArrayList<>();
        List<ArchiveBackupSteps.DataMount> mounts =
                new ArchiveBackupSteps(runtime, project, loader, "").dataMounts(install);
        List<String> exclude = mounts.stream()
                .map(ArchiveBackupSteps.DataMount::relative)
                .filter(r -> !r.isEmpty())
                .toList();
        var filter = ArchiveBackupSteps.filesFilter(exclude);
        long files = walk(install, (rel, dir) -> filter.include(rel, dir ? EntryType.DIRECTORY : EntryType.FILE))
                .orElseGet(() -> {
                    unmeasured.add(Text.plain(install.toString()));
                    return 0L;
                });
        long data = 0;
        for (ArchiveBackupSteps.DataMount m : mounts) {
            if (!Files.isDirectory(m.source())) {
                continue;
            }
            Optional<Long> size = m.source().getFileSystem() == FileSystems.getDefault()
                    ? walk(m.source(), (rel, dir) -> true)
                    : Optional.empty();
            if (size.isPresent()) {
                data += size.get();
            } else {
                unmeasured.add(
                        Text.of(Text.Key.SPACE_UNREADABLE_HERE, m.source().toString()));
            }
        }
        long volumes = 0;
        List<String> names = runtime.volumes(project);
        Map<String, Long> sizes = names.isEmpty() ? Map.of() : runtime.volumeSizes();
        for (String v : names) {
            Long s = sizes.get(v);
            if (s == null) {
                unmeasured.add(Text.of(Text.Key.SPACE_VOLUME, v));
            } else {
                volumes += s;
            }
        }
        return new Estimate(files, data, volumes, unmeasured);
    }

    /** The bytes of content a backup holds for the install's files and data folders (what a restore writes there). */
    public static long restoredBytes(BackupManifest manifest) {
        return manifest.entries().stream()
                .filter(e -> e.type() == EntryType.FILE)
                .filter(e -> e.path().startsWith("files/") || e.path().startsWith("data/"))
                .mapToLong(EntryRecord::size)
                .sum();
    }

    /**
     * The space checks of a restore into {@code target}: the restored files and data folders there
     * and, for a same-place restore, the safety backup of what is there now in {@code safetyDir};
     * one check when both are on the same file system. Volumes go to the engine's own storage,
     * whose free space Berth cannot see from here; they are not checked.
     */
    public static List<Plan.Check> restoreChecks(
            BackupManifest manifest, Path target, Optional<Estimate> safety, Path safetyDir) {
        long restored = restoredBytes(manifest);
        long restoredNeeded = restored + restored * MARGIN_PERCENT / 100 + MARGIN_BYTES;
        Text restoredHow = Text.of(
                Text.Key.SPACE_RESTORED_PARTS,
                Text.bytes(restored),
                String.valueOf(MARGIN_PERCENT),
                Text.bytes(MARGIN_BYTES));
        if (safety.isEmpty()) {
            return List.of(check("space", Written.RESTORE, restoredNeeded, restoredHow, target, RESTORE_ADVICE));
        }
        Estimate s = safety.get();
        if (sameStore(target, safetyDir)) {
            return List.of(check(
                    "space",
                    Written.SAFETY_AND_RESTORE,
                    s.needed() + restoredNeeded,
                    Text.of(Text.Key.SPACE_SAFETY_AND_RESTORE_PARTS, s.parts(), restoredHow),
                    target,
                    BACKUP_ADVICE));
        }
        return List.of(
                check("space", Written.SAFETY, s.needed(), s.parts(), safetyDir, BACKUP_ADVICE),
                check("space", Written.RESTORE, restoredNeeded, restoredHow, target, RESTORE_ADVICE));
    }

    /**
     * A preflight check: FAIL when {@code needed} bytes do not fit in the free space of the file
     * system that holds {@code folder} (or would hold it: the nearest folder that exists); OK with
     * both numbers otherwise, or when the free space cannot be read (a file system that does not
     * say).
     *
     * @param name the check's name ("space")
     * @param what what is written
     * @param how how {@code needed} was estimated, for people
     * @param advice what the user can do besides freeing space there (to follow "or")
     */
    public static Plan.Check check(String name, Written what, long needed, Text how, Path folder, Text advice) {
        Optional<FileStore> store = storeOf(folder);
        Text first = Text.of(what.first);
        if (store.isEmpty()) {
            return new Plan.Check(
                    name,
                    Plan.Check.Status.OK,
                    Text.of(Text.Key.SPACE_NOT_CHECKED, first, Text.bytes(needed), how, folder.toString()));
        }
        long free;
        try {
            free = store.get().getUsableSpace();
        } catch (IOException | UnsupportedOperationException e) {
            return new Plan.Check(
                    name,
                    Plan.Check.Status.OK,
                    Text.of(
                            Text.Key.SPACE_NOT_CHECKED_ERROR,
                            first,
                            Text.bytes(needed),
                            how,
                            folder.toString(),
                            String.valueOf(e.getMessage())));
        }
        if (free < needed) {
            return new Plan.Check(
                    name,
                    Plan.Check.Status.FAIL,
                    Text.of(
                            Text.Key.SPACE_NOT_ENOUGH,
                            Text.of(what.inside),
                            Text.bytes(needed),
                            how,
                            folder.toString(),
                            store.get().name(),
                            Text.bytes(free),
                            Text.bytes(needed - free),
                            advice));
        }
        return new Plan.Check(
                name,
                Plan.Check.Status.OK,
                Text.of(Text.Key.SPACE_ENOUGH, first, Text.bytes(needed), folder.toString(), Text.bytes(free)));
    }

    /** The file store of {@code folder}, or of its nearest ancestor that exists. */
    static Optional<FileStore> storeOf(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.getFileStore(p));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Whether two folders (existing or not) are on the same file system. */
    static boolean sameStore(Path a, Path b) {
        Optional<FileStore> x = storeOf(a);
        Optional<FileStore> y = storeOf(b);
        return x.isPresent() && y.isPresent() && x.get().equals(y.get());
    }

    /** Which entries a walk counts: path relative to the root ('/'-separated), and whether it is a folder. */
    private interface Include {
        boolean include(String relative, boolean directory);
    }

    /** Sums the sizes of regular files under {@code root}; empty when the root cannot be read at all. */
    private static Optional<Long> walk(Path root, Include include) {
        if (!Files.isReadable(root) || !Files.isExecutable(root)) {
            return Optional.empty();
        }
        long[] sum = {0};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.equals(root)) {
                        return FileVisitResult.CONTINUE;
                    }
                    return include.include(relative(root, dir), true)
                            ? FileVisitResult.CONTINUE
                            : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && include.include(relative(root, file), false)) {
                        sum[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    // A file that vanished or cannot be read: the backup goes through the helper
                    // for it or skips it; it does not change the estimate's order of magnitude.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(sum[0]);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    /** Bytes for people in English: "1.5 GB", "820 KB", "12 bytes" ({@link Text#bytes}). */
    static String human(long bytes) {
        return Text.bytes(bytes).english();
    }
}
