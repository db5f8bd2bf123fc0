package dev.berth.backup;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * A restore of an archive not verified yet in one pass over it: each entry is written into a
 * staging folder beside its target while it is hashed, and the staged trees are moved into place
 * (renames on the same file system) only when the whole archive verified. A refused archive leaves
 * the targets as they were; the staging folders are removed. Used for folder targets only, when
 * every target is a plain folder (or missing) on the same file system as its parent; a target that
 * lies inside another (a data folder inside the install) is staged inside the outer one's staging
 * folder and moves with it. Otherwise {@link BackupReader} verifies first and restores in a second
 * pass. See docs/adr/0011-one-pass-restore-and-backup-read-ahead.md.
 *
 * <p>{@link #stage} and {@link #moveIntoPlace} are separate so that the engine can set the current
 * files aside in between, once the archive is known to be sound.
 */
final class StagedRestore implements StagedBackup.Moves {
    private static final String STAGING = ".berth-restore-";

    /** One target folder and its staging folder beside it. */
    private static final class Stage {
        final Path root;
        final Path staging;
        final FolderTarget target;
        /** Type of what this pass wrote at each path, to replace it cleanly when the path comes again. */
        final Map<String, EntryType> written = new HashMap<>();
        /** The record each path was written with (the sidecar's when it matched the tar header). */
        final Map<String, EntryRecord> applied = new HashMap<>();

        Exception failure;
        String failedAt;

        Stage(Path root, Ownership ownership) {
            this.root = root;
            this.staging = root.resolveSibling("." + root.getFileName() + STAGING
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            this.target = new FolderTarget(staging, ownership);
        }
    }

    private final Path file;
    private final ExpectedApp expected;
    private final RestoreSpec spec;
    private final ProgressListener listener;
    private final BooleanSupplier cancelled;
    private final Ownership ownership = new Ownership();
    private final Map<Path, Stage> stages = new LinkedHashMap<>();
    /** Each target's outermost target (itself unless it lies inside another) and its path there. */
    private final Map<Path, Route> routes = new HashMap<>();

    /** The sidecar (a cache), read on a thread of its own while the pass starts. */
    private CompletableFuture<Sidecar> sidecar;
    /** The sidecar's records by path once it is read; entries written before use their tar header's. */
    private Map<String, EntryRecord> hints;

    private BackupManifest manifest;
    private long entries;
    private long bytes;
    private boolean moved;

    /** The sidecar's bytes and what they parse to; both null when it is missing or broken. */
    private record Sidecar(byte[] json, BackupManifest manifest) {
        static Sidecar read(Path archive) {
            try {
                byte[] json = Files.readAllBytes(BackupWriter.sidecarOf(archive));
                return new Sidecar(json, ManifestJson.readManifest(json, archive.toString()));
            } catch (IOException | RuntimeException e) {
                return new Sidecar(null, null); // only a cache here; the pass reports a broken one
            }
        }
    }

    private record Route(Path outer, String prefix) {
        String rel(String rel) {
            return prefix.isEmpty() ? rel : rel.isEmpty() ? prefix : prefix + "/" + rel;
        }
    }

    private StagedRestore(
            Path file, ExpectedApp expected, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled) {
        this.file = file;
        this.expected = expected;
        this.spec = spec;
        this.listener = listener;
        this.cancelled = cancelled;
        List<Path> roots = roots(spec);
        for (Path r : roots) {
            Path outer = r;
            for (Path o : roots) {
                if (r.startsWith(o) && o.getNameCount() < outer.getNameCount()) {
                    outer = o;
                }
            }
            routes.put(r, new Route(outer, outer.relativize(r).toString().replace('\\', '/')));
        }
    }

    /**
     * Whether {@code spec} can be restored in one pass: folders only (no volume or mount streams),
     * each outermost target missing or a real folder on its parent's file system, in a parent Berth
     * may write to (for the staging folder); a target inside another one only through real folders
     * on that same file system (the staged tree moves into it by renames).
     */
    static boolean applicable(RestoreSpec spec) {
        if (spec.volumes() != null || spec.mountStreams() != null) {
            return false;
        }
        List<Path> roots = roots(spec);
        for (Path a : roots) {
            Path outer = a;
            for (Path b : roots) {
                if (a.startsWith(b) && b.getNameCount() < outer.getNameCount()) {
                    outer = b;
                }
            }
            if (outer != a) {
                if (!nestedOk(outer, a)) {
                    return false;
                }
                continue;
            }
            Path parent = a.getParent();
            if (parent == null || a.getFileName() == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
                return false; // the staging folder goes beside the target
            }
            try {
                FileMeta m = FileMeta.read(a);
                if (m.kind() != FileMeta.Kind.DIRECTORY) {
                    return false; // a file or symlink there: the two-pass restore reports or follows it as before
                }
                Object parentDev = Files.getAttribute(parent, "unix:dev");
                if (!(parentDev instanceof Long d) || d != m.dev()) {
                    return false; // a mount point: renames from beside it would cross file systems
                }
            } catch (NoSuchFileException e) {
                // created by the restore
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return false;
            }
        }
        return true;
    }

    /** Removes {@code .<name>.berth-restore-<hex>} beside every outermost target of {@code spec}. */
    static List<Path> removeLeftovers(RestoreSpec spec) throws IOException {
        List<Path> removed = new ArrayList<>();
        List<Path> roots = roots(spec);
        for (Path r : roots) {
            if (roots.stream().anyMatch(o -> r.startsWith(o) && o.getNameCount() < r.getNameCount())) {
                continue; // staged inside its outer target's staging folder
            }
            Path parent = r.getParent();
            if (parent == null || r.getFileName() == null || !Files.isDirectory(parent)) {
                continue;
            }
            String prefix = "." + r.getFileName() + STAGING;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                for (Path p : ds) {
                    String n = p.getFileName().toString();
                    if (n.startsWith(prefix)
                            && n.length() > prefix.length()
                            && n.substring(prefix.length()).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        FolderTarget.deleteTree(p);
                        removed.add(p);
                    }
                }
            }
        }
        return removed;
    }

    /** Every existing folder from {@code outer} down to {@code inner} is a real folder on {@code outer}'s file system. */
    private static boolean nestedOk(Path outer, Path inner) {
        try {
            Path parent = outer.getParent();
            Object dev = parent == null ? null : Files.getAttribute(parent, "unix:dev");
            if (!(dev instanceof Long d)) {
                return false;
            }
            Path p = outer;
            for (Path part : outer.relativize(inner)) {
                FileMeta m;
                try {
                    m = FileMeta.read(p);
                } catch (NoSuchFileException e) {
                    return true; // created by the restore from here on
                }
                if (m.kind() != FileMeta.Kind.DIRECTORY || m.dev() != d) {
                    return false;
                }
                p = p.resolve(part);
            }
            try {
                FileMeta m = FileMeta.read(p);
                return m.kind() == FileMeta.Kind.DIRECTORY && m.dev() == d;
            } catch (NoSuchFileException e) {
                return true;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static List<Path> roots(RestoreSpec spec) {
        List<Path> roots = new ArrayList<>();
        if (spec.files() != null) {
            roots.add(spec.files().toAbsolutePath().normalize());
        }
        spec.mounts().values().forEach(p -> roots.add(p.toAbsolutePath().normalize()));
        if (spec.databases() != null) {
            roots.add(spec.databases().toAbsolutePath().normalize());
        }
        return roots;
    }

    static RestoreReport run(
            Path file, ExpectedApp expected, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        try (StagedBackup staged = stage(file, expected, spec, listener, cancelled)) {
            return staged.moveIntoPlace();
        }
    }

    /** Verifies the archive in one pass while writing it into the staging folders; moves nothing. */
    static StagedBackup stage(
            Path file, ExpectedApp expected, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        StagedRestore r = new StagedRestore(file, expected, spec, listener, cancelled);
        return new StagedBackup(r.stage(), r);
    }

    private VerifiedBackup stage() throws BackupException {
        // Parsing a large sidecar takes a while (≈ 0.2 s for 40,000 entries); it must not hold up the
        // pass. Entries written before it is there get the manifest's records in prepare().
        sidecar = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("berth-sidecar").start(() -> sidecar.complete(Sidecar.read(file)));
        VerifiedBackup vb;
        try {
            vb = BackupReader.verify(file, expected, listener, cancelled, new BackupReader.EntrySink() {
                @Override
                public void entry(EntryRecord rec, EntryData data) throws BackupException {
                    StagedRestore.this.entry(rec, data);
                }

                @Override
                public BackupManifest parsed(byte[] manifestJson) {
                    Sidecar sc = sidecar.join();
                    return Arrays.equals(sc.json(), manifestJson) ? sc.manifest() : null;
                }
            });
        } catch (BackupException e) {
            removeStaging(e);
            if (e.kind() == BackupException.Kind.CANCELLED) {
                throw new BackupException(
                        BackupException.Kind.CANCELLED,
                        BackupException.Reason.RESTORE_CANCELLED,
                        List.of(),
                        "Restore cancelled; nothing was changed.",
                        e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            removeStaging(e);
            throw e;
        }
        try {
            prepare(vb.manifest());
            return vb;
        } catch (BackupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            BackupException be = new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.RESTORE_FINISH_FAILED,
                    List.of(e.toString()),
                    "Restore failed while finishing the staged files: " + e + ". Nothing was changed.",
                    e);
            removeStaging(be);
            throw be;
        }
    }

    /** Writes one entry into its staging folder; own errors are kept, stream errors go up. */
    private void entry(EntryRecord rec, EntryData data) throws BackupException {
        ArchiveFormat.Section s = ArchiveFormat.sectionOf(rec.path());
        TargetCheck.Place place = s == null ? null : TargetCheck.place(spec, s);
        if (place == null
                || (s.kind() == ArchiveFormat.Section.Kind.DATA
                        && !spec.mounts().containsKey(s.name()))) {
            return; // not restored: the pass only hashes it
        }
        Route route = routes.get(place.root());
        Stage st = stages.computeIfAbsent(route.outer(), r -> new Stage(r, ownership));
        if (st.failure != null) {
            return;
        }
        if (hints == null && sidecar.isDone()) {
            BackupManifest m = sidecar.join().manifest();
            hints = m == null ? Map.of() : m.entriesByPath();
        }
        EntryRecord hint = hints == null ? null : hints.get(rec.path());
        EntryRecord use = hint != null && sameHeader(hint, rec) ? hint : rec;
        boolean[] streamFailed = {false};
        EntryData guarded = () -> {
            try {
                return data.next();
            } catch (BackupException | RuntimeException e) {
                streamFailed[0] = true;
                throw e;
            }
        };
        String rel = route.rel(place.rel());
        try {
            EntryType before = st.written.put(rel, rec.type());
            if (before != null && !(before == EntryType.DIRECTORY && rec.type() == EntryType.DIRECTORY)) {
                st.target.forget(rel);
            }
            st.target.write(use, rel, guarded);
            st.applied.put(rel, use);
        } catch (IOException | RuntimeException e) {
            if (streamFailed[0] && e instanceof BackupException be) {
                throw be;
            }
            if (streamFailed[0]) {
                throw new BackupException(
                        BackupException.Kind.IO,
                        BackupException.Reason.READING_FAILED,
                        List.of(String.valueOf(file), e.toString()),
                        "Reading the backup " + file + " failed: " + e,
                        e);
            }
            st.failure = e;
            st.failedAt = rec.path();
        }
    }

    /** Same as the tar header can tell (whole seconds of mtime, no hash). */
    private static boolean sameHeader(EntryRecord hint, EntryRecord header) {
        return hint.type() == header.type()
                && hint.size() == header.size()
                && hint.mode() == header.mode()
                && hint.uid() == header.uid()
                && hint.gid() == header.gid()
                && Objects.equals(hint.link(), header.link())
                && hint.mtime() != null
                && hint.mtime().getEpochSecond() == header.mtime().getEpochSecond();
    }

    /** Staged-side work once the manifest is known: deletions, the manifest's metadata, hard links. */
    private void prepare(BackupManifest m) throws IOException {
        for (Stage st : stages.values()) {
            if (st.failure != null) {
                BackupException be = stagingFailed(st);
                removeStaging(be);
                throw be;
            }
        }
        for (String d : m.deleted()) {
            Routed r = routed(d);
            if (r != null && r.stage().written.remove(r.rel()) != null) {
                r.stage().target.forget(r.rel());
            }
        }
        for (EntryRecord e : m.entries()) {
            Routed r = routed(e.path());
            if (r == null) {
                continue;
            }
            EntryRecord applied = r.stage().applied.get(r.rel());
            if (e.type() == EntryType.DIRECTORY) {
                r.stage().target.updateDirectory(r.rel(), e);
            } else if (applied != null && e.type() != EntryType.HARDLINK && sameButTime(applied, e)) {
                if (!Objects.equals(applied.mtime(), e.mtime())) {
                    // written with its tar header's whole seconds, before the sidecar was read
                    FolderTarget.setTime(r.stage().target.resolve(r.rel()), e);
                }
            } else {
                r.stage().target.reapply(r.rel(), e);
            }
            entries++;
            bytes += e.type() == EntryType.FILE ? e.size() : 0;
        }
        for (Stage st : stages.values()) {
            st.target.finishLinks();
        }
        if (cancelled.getAsBoolean()) {
            BackupException be = new BackupException(
                    BackupException.Kind.CANCELLED,
                    BackupException.Reason.RESTORE_CANCELLED,
                    List.of(),
                    "Restore cancelled; nothing was changed.",
                    null);
            removeStaging(be);
            throw be;
        }
        manifest = m;
    }

    @Override
    public RestoreReport moveIntoPlace() throws BackupException {
        if (moved || manifest == null) {
            throw new IllegalStateException("this staged restore was moved into place or discarded already");
        }
        moved = true;
        TargetCheck.Result check;
        try {
            check = TargetCheck.run(manifest, spec);
        } catch (BackupException | RuntimeException e) {
            removeStaging(e);
            throw e;
        }
        if (!check.conflicts().isEmpty()) {
            BackupException be = Extractor.conflicts(check.conflicts());
            removeStaging(be);
            throw be;
        }
        List<Path> done = new ArrayList<>();
        Stage current = null;
        try {
            for (Stage st : stages.values()) {
                current = st;
                if (!Files.exists(st.staging, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                done.add(st.root);
                if (Files.exists(st.root, LinkOption.NOFOLLOW_LINKS)) {
                    merge(st.staging, st.root);
                    Files.delete(st.staging);
                } else {
                    Files.move(st.staging, st.root, StandardCopyOption.ATOMIC_MOVE);
                }
                // folders get their mode last, at their final place: a read-only one could not be emptied
                Stage s = st;
                st.target.finishDirectories(
                        p -> s.root.resolve(s.staging.relativize(p).toString()), FolderTarget.Freshness.UNKNOWN);
            }
        } catch (IOException | RuntimeException e) {
            String targets = String.join(", ", done.stream().map(Path::toString).toList());
            BackupException be = new BackupException(
                    BackupWriter.isDiskFull(e) ? BackupException.Kind.DISK_FULL : BackupException.Kind.IO,
                    current == null
                            ? BackupException.Reason.RESTORE_MOVE_FAILED_IN_PLACE
                            : BackupException.Reason.RESTORE_MOVE_FAILED,
                    current == null
                            ? List.of(e.toString(), targets)
                            : List.of(String.valueOf(current.root), e.toString(), targets),
                    "Restore failed while moving the verified files into " + (current == null ? "place" : current.root)
                            + ": " + e + ". These targets hold a partial restore: "
                            + targets
                            + ". Restore again (into an empty folder) once the cause is fixed.",
                    e);
            removeStaging(be);
            throw be;
        }
        return new RestoreReport(entries, bytes, ownership.notes());
    }

    @Override
    public void discard() throws BackupException {
        if (moved) {
            return;
        }
        moved = true;
        BackupException be = new BackupException(
                BackupException.Kind.IO,
                BackupException.Reason.STAGING_NOT_REMOVED,
                List.of(String.valueOf(stages.keySet())),
                "Removing the staged restore beside " + stages.keySet() + " failed.",
                null);
        removeStaging(be);
        if (be.getSuppressed().length > 0) {
            throw be;
        }
    }

    private record Routed(Stage stage, String rel) {}

    private Routed routed(String path) {
        ArchiveFormat.Section s = ArchiveFormat.sectionOf(path);
        TargetCheck.Place place = s == null ? null : TargetCheck.place(spec, s);
        if (place == null) {
            return null;
        }
        Route route = routes.get(place.root());
        Stage st = route == null ? null : stages.get(route.outer());
        return st == null ? null : new Routed(st, route.rel(place.rel()));
    }

    private static boolean sameButTime(EntryRecord a, EntryRecord b) {
        return a.type() == b.type()
                && a.mode() == b.mode()
                && a.uid() == b.uid()
                && a.gid() == b.gid()
                && Objects.equals(a.link(), b.link());
    }

    /**
     * Moves the staged tree {@code from} into the existing folder {@code to}: what is missing there
     * moves as a whole (one rename), folders on both sides are merged, files and symlinks replace
     * what is there (the target check ruled out a folder where the backup has a file).
     */
    private static void merge(Path from, Path to) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(from)) {
            ds.forEach(children::add);
        }
        for (Path c : children) {
            Path t = to.resolve(c.getFileName().toString());
            FileMeta cm = FileMeta.read(c);
            Optional<FileMeta> tm = metaOf(t);
            if (tm.isPresent() && tm.get().kind() == FileMeta.Kind.DIRECTORY) {
                if (cm.kind() != FileMeta.Kind.DIRECTORY) {
                    throw new BackupException(
                            BackupException.Kind.TARGET_CONFLICT,
                            BackupException.Reason.BECAME_A_FOLDER,
                            List.of(String.valueOf(t)),
                            t + " became a folder during the restore; move it away and restore again.",
                            null);
                }
                merge(c, t);
                Files.delete(c);
                continue;
            }
            if (tm.isPresent() && cm.kind() == FileMeta.Kind.DIRECTORY) {
                Files.delete(t); // a file or symlink where the backup has a folder
            }
            Files.move(c, t, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Optional<FileMeta> metaOf(Path p) throws IOException {
        try {
            return Optional.of(FileMeta.read(p));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private BackupException stagingFailed(Stage st) {
        Exception e = st.failure;
        if (e instanceof BackupException be && be.kind() == BackupException.Kind.TARGET_CONFLICT) {
            return new BackupException(
                    BackupException.Kind.TARGET_CONFLICT,
                    BackupException.Reason.REFUSED_BEFORE_WRITING,
                    List.of(be.getMessage()),
                    "Restore refused before writing anything: " + be.getMessage(),
                    be);
        }
        if (BackupWriter.isDiskFull(e)) {
            return new BackupException(
                    BackupException.Kind.DISK_FULL,
                    BackupException.Reason.RESTORE_DISK_FULL_STAGED,
                    List.of(String.valueOf(st.root.getParent()), String.valueOf(st.failedAt)),
                    "Restore failed: the disk holding " + st.root.getParent() + " is full (at " + st.failedAt
                            + "). Nothing was changed: the restore is staged beside its target and was removed.",
                    e);
        }
        return new BackupException(
                BackupException.Kind.IO,
                BackupException.Reason.RESTORE_STAGE_FAILED,
                List.of(String.valueOf(st.failedAt), String.valueOf(st.staging), String.valueOf(e)),
                "Restore failed while writing " + st.failedAt + " into " + st.staging + ": " + e
                        + ". Nothing was changed: the staged files were removed.",
                e);
    }

    /** Removes every staging folder; errors on the way are attached to {@code primary}. */
    private void removeStaging(Throwable primary) {
        for (Stage st : stages.values()) {
            try {
                FolderTarget.deleteTree(st.staging);
            } catch (IOException | RuntimeException e) {
                primary.addSuppressed(e);
            }
        }
    }
}
