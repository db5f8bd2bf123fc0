package dev.berth.backup;

import dev.berth.config.AtomicFiles;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes one {@code .berth} backup: a zstd-compressed POSIX tar with a {@link BackupManifest} as its
 * last entry, in two phases to cut downtime.
 *
 * <pre>{@code
 * try (BackupWriter w = BackupWriter.open(file, info, listener, cancel::isCancelled)) {
 *     w.addDirectory("files", installDir, configFilter);    // phase 1: the app still runs
 *     w.addMount(mount, EntryFilter.ALL);
 *     w.addVolume("app_data", dockerTar, 1);
 *     w.beginPhase2();                                      // the engine stopped the app
 *     w.addDirectory("files", installDir, configFilter);    // only changes are appended
 *     w.addMount(mount, EntryFilter.ALL);
 *     w.addVolume("app_data", dockerTar2, 1);
 *     w.addDatabaseDump("db", "sql", pgDump, -1);
 *     BackupResult r = w.finish();
 * }
 * }</pre>
 *
 * <p>The archive is created 0600 under a temporary name in the target folder and renamed only when
 * complete; on any failure or cancellation the partial archive is removed and a {@link
 * BackupException} says why (a full disk with an estimate of the space missing). Not thread-safe:
 * one thread calls all methods; the listener runs on that thread. The files of a folder are read
 * and hashed ahead on a thread of its own ({@link ReadAhead}); compression uses zstd's own worker
 * threads (see docs/adr/0011-one-pass-restore-and-backup-read-ahead.md).
 *
 * <p>In phase 2 each source added again is compared with phase 1: local files by size, mtime,
 * ctime, inode and mode (re-hashed when their mtime is too close to the phase-1 read to be
 * trusted); tar streams by their headers (spooled and re-hashed when unsure). Only changed entries
 * are appended; entries gone are recorded as deleted. Sources not added again keep their phase-1
 * state.
 */
public final class BackupWriter implements AutoCloseable {
    private static final int ZSTD_LEVEL = 3;
    private static final int BUFFER = 256 * 1024;
    private static final int TAR_BLOCK = 64 * 1024;
    private static final long PROGRESS_STEP = 8L * 1024 * 1024;
    /** Timestamps closer than this to the moment a file was read cannot prove it unchanged. */
    private static final long RACY_SECONDS = 2;

    private enum State {
        OPEN,
        FINISHED,
        FAILED
    }

    /**
     * What was stored for a path most recently, and how to tell whether it changed since: the
     * local {@code lstat}, or for tar streams the ctime when the stream carries one (GNU tar
     * {@code --format=posix} does, Docker's archive API does not).
     */
    private record Stored(EntryRecord rec, FileMeta local, Instant readStart, boolean dirty, Instant streamCtime) {}

    private final Path archive;
    private final Path temp;
    private final Path sidecar;
    private final BackupHeader header;
    private final ProgressListener listener;
    private final BooleanSupplier cancelled;
    private final ZstdFileOutput zstd;
    private final TarArchiveOutputStream tar;
    private final MessageDigest sha = Sha256.newDigest();
    private final byte[] buf = new byte[BUFFER];

    private final Map<String, Stored> stored = new HashMap<>();
    private final Set<String> inTar = new HashSet<>();
    private final Map<String, MountRecord> mounts = new LinkedHashMap<>();
    private final Map<String, VolumeRecord> volumes = new LinkedHashMap<>();
    private final Map<String, DumpRecord> dumps = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** Reads the files of the folder being stored, ahead of the tar writer. */
    private ReadAhead ahead;

    private State state = State.OPEN;
    private int phase = 1;
    private long done;
    private long total;
    private boolean totalUnknown;
    private long nextProgress;
    private int phase2Entries;
    private long phase2Bytes;
    private int phase2Deleted;

    private BackupWriter(
            Path archive,
            Path temp,
            BackupHeader header,
            ProgressListener listener,
            BooleanSupplier cancelled,
            FileChannel channel)
            throws IOException {
        this.archive = archive;
        this.temp = temp;
        this.sidecar = sidecarOf(archive);
        this.header = header;
        this.listener = listener;
        this.cancelled = cancelled;
        this.zstd = new ZstdFileOutput(
                channel, ZSTD_LEVEL, Math.max(1, Runtime.getRuntime().availableProcessors()));
        zstd.writeRaw(headerFrame(header));
        // 64 KiB blocks go straight to zstd (tar pads the end to a block with zeros; readers skip them)
        TarArchiveOutputStream t = new TarArchiveOutputStream(zstd, TAR_BLOCK);
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        t.setAddPaxHeadersForNonAsciiNames(true);
        this.tar = t;
    }

    /**
     * Starts a backup at {@code archive} (which must not exist; its folder is created). The file
     * is created 0600 under a temporary name and appears under its real name only when {@link
     * #finish()} succeeds.
     *
     * @param cancelled checked between entries and every few megabytes; when it returns true the
     *     next call throws {@link BackupException.Kind#CANCELLED} and the partial archive is removed
     * @throws BackupException when the archive exists already or cannot be created
     */
    public static BackupWriter open(Path archive, BackupInfo info, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        Path abs = archive.toAbsolutePath().normalize();
        if (!abs.getFileName().toString().endsWith(ArchiveFormat.EXTENSION)) {
            throw new IllegalArgumentException(
                    "a backup file name must end with " + ArchiveFormat.EXTENSION + ": " + abs);
        }
        Path dir = abs.getParent();
        Path temp = dir.resolve("." + abs.getFileName() + ".berth-tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        FileChannel ch = null;
        try {
            if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(
                        BackupException.Kind.IO,
                        BackupException.Reason.BACKUP_EXISTS,
                        List.of(abs.toString()),
                        "Backup not started: " + abs + " exists already; choose another name. Nothing was changed.",
                        null);
            }
            Files.createDirectories(dir);
            AtomicFiles.createPrivate(temp);
            ch = FileChannel.open(temp, StandardOpenOption.WRITE);
            return new BackupWriter(abs, temp, BackupHeader.of(info), listener, cancelled, ch);
        } catch (BackupException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.BACKUP_NOT_CREATED,
                    List.of(abs.toString(), String.valueOf(e.getMessage())),
                    "Backup not started: cannot create " + abs + " (" + e.getMessage() + "). Nothing was changed.",
                    e);
        }
    }

    /** The archive's final path. */
    public Path file() {
        return archive;
    }

    /**
     * Adds a local folder under {@code prefix} ({@code files}, {@code files/<sub>} or {@code
     * volumes/<name>}; use {@link #addMount} for {@code data/<id>}). Symlinks are stored as links
     * and never followed; hard links within the folder are stored once plus links; fifos, sockets
     * and devices are skipped with a warning. The folder itself may be a symlink (it is resolved).
     */
    public void addDirectory(String prefix, Path dir, EntryFilter filter) throws BackupException {
        guard(() -> {
            ArchiveFormat.Section s = checkPrefix(prefix);
            if (s.kind() == ArchiveFormat.Section.Kind.DATA && !mounts.containsKey(s.name())) {
                throw new IllegalArgumentException("add data/" + s.name() + " with addMount, which records the mount");
            }
            if (s.kind() == ArchiveFormat.Section.Kind.VOLUME) {
                volumes.putIfAbsent(s.name(), new VolumeRecord(s.name()));
            }
            storeDirectory(prefix, dir, filter);
        });
    }

    /** Adds a bind mount (DATA_DIR) under {@code data/<id>} and records it in the manifest. */
    public void addMount(MountRecord mount, EntryFilter filter) throws BackupException {
        addMount(mount, Path.of(mount.source()), filter);
    }

    /**
     * Adds a bind mount read from {@code source}, the mount's folder on the file system it lives on
     * (a server's through SFTP), under {@code data/<id>}, and records it in the manifest.
     */
    public void addMount(MountRecord mount, Path source, EntryFilter filter) throws BackupException {
        guard(() -> {
            MountRecord known = mounts.get(mount.id());
            if (known != null && !known.equals(mount)) {
                throw new IllegalArgumentException("mount " + mount.id() + " was added with another source: " + known);
            }
            mounts.put(mount.id(), mount);
            storeDirectory(ArchiveFormat.DATA + "/" + mount.id(), source, filter);
        });
    }

    /**
     * Records a bind mount in the manifest without reading its folder: its content follows as a
     * tar stream ({@link #addTarStream} under {@code data/<id>}) from a helper container on the
     * machine that holds it. In phase 2 nothing is forgotten here, so the stream's entries are
     * compared with phase 1's and only changes are appended.
     */
    public void recordMount(MountRecord mount) throws BackupException {
        guard(() -> {
            MountRecord known = mounts.get(mount.id());
            if (known != null && !known.equals(mount)) {
                throw new IllegalArgumentException("mount " + mount.id() + " was added with another source: " + known);
            }
            mounts.put(mount.id(), mount);
        });
    }

    /**
     * Adds a tar stream (from Docker's archive API or {@code tar -C DIR -cf - .} in a helper
     * container) under {@code prefix}. Leading {@code ./} is ignored; then {@code
     * stripComponents} leading path components are dropped (1 for Docker's archive API, whose
     * names start with the folder's own name). The stream is read to its end and not closed.
     */
    public void addTarStream(String prefix, InputStream tarStream, int stripComponents) throws BackupException {
        guard(() -> {
            ArchiveFormat.Section s = checkPrefix(prefix);
            if (s.kind() == ArchiveFormat.Section.Kind.DATA && !mounts.containsKey(s.name())) {
                throw new IllegalArgumentException("data/" + s.name() + " needs its mount recorded first (addMount)");
            }
            if (s.kind() == ArchiveFormat.Section.Kind.VOLUME) {
                volumes.putIfAbsent(s.name(), new VolumeRecord(s.name()));
            }
            storeTarStream(prefix, tarStream, stripComponents, null);
        });
    }

    /**
     * Phase 2 of a folder added as a tar stream, without streaming it whole again: which entries
     * of {@code listing} (the folder as a helper container lists it now) must be streamed again
     * for {@link #addTarStreamChanges}. Those are the ones phase 1 did not store, or stored with
     * another type, size, mode, owner or mtime; files whose mtime or ctime is too close to the
     * phase-1 read to prove them unchanged (re-hashed when they arrive); every symlink (its target
     * is only in the stream) and every name of a hard-linked file (which name the stream stores
     * as the file depends on which names it holds). Everything else would be skipped by {@link
     * #addTarStream} too.
     *
     * @return names relative to the folder ({@code ""} for the folder itself), in the order of a
     *     walk that sorts each folder's names, as Docker's archive API walks
     */
    public List<String> entriesToCopyAgain(String prefix, List<ListedEntry> listing) {
        if (phase != 2) {
            throw new IllegalStateException("entriesToCopyAgain is for phase 2; phase 1 copies everything");
        }
        List<String> out = new ArrayList<>();
        for (ListedEntry e : listing) {
            if (e.type() == null || e.type() == EntryType.HARDLINK) {
                continue; // the stream skips these with a warning; phase 1 warned already
            }
            Stored prev = stored.get(e.name().isEmpty() ? prefix : prefix + "/" + e.name());
            if (prev == null || prev.dirty() || copyAgain(prev, e)) {
                out.add(e.name());
            }
        }
        out.sort(BackupWriter::walkOrder);
        return out;
    }

    private boolean copyAgain(Stored prev, ListedEntry e) {
        EntryRecord r = prev.rec();
        if (e.type() == EntryType.SYMLINK || (e.type() == EntryType.FILE && e.links() > 1)) {
            return true;
        }
        if (r.type() != e.type()
                || (e.type() == EntryType.FILE && r.size() != e.size())
                || r.mode() != e.mode()
                || r.uid() != e.uid()
                || r.gid() != e.gid()) {
            return true;
        }
        // a tar header holds whole seconds (Docker's archive API), a PAX header may hold more
        if (!r.mtime().equals(e.mtime().truncatedTo(ChronoUnit.MICROS))
                && !r.mtime().equals(Instant.ofEpochSecond(e.mtime().getEpochSecond()))) {
            return true;
        }
        return e.type() == EntryType.FILE && racy(prev, FileTime.from(e.mtime()), FileTime.from(e.ctime()));
    }

    /** Compares paths component by component, as a walk that sorts each folder's names visits them. */
    static int walkOrder(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i) == '/' ? 0 : a.charAt(i);
            char y = b.charAt(i) == '/' ? 0 : b.charAt(i);
            if (x != y) {
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * Phase 2 of a folder added as a tar stream: adds {@code changes}, a tar stream of only the
     * entries {@link #entriesToCopyAgain} named (names as {@link #addTarStream} takes them, no
     * components stripped), compared with phase 1 as there, and records as deleted what phase 1
     * stored under {@code prefix} and {@code listing} no longer holds. The stream is read to its
     * end and not closed.
     *
     * @throws BackupException of kind SOURCE when the stream lacks an entry of {@code listing} that
     *     phase 1 did not store
     */
    public void addTarStreamChanges(String prefix, List<ListedEntry> listing, InputStream changes)
            throws BackupException {
        guard(() -> {
            if (phase != 2) {
                throw new IllegalStateException("addTarStreamChanges is for phase 2; phase 1 copies everything");
            }
            ArchiveFormat.Section s = checkPrefix(prefix);
            if (s.kind() == ArchiveFormat.Section.Kind.DATA && !mounts.containsKey(s.name())) {
                throw new IllegalArgumentException("data/" + s.name() + " needs its mount recorded first (addMount)");
            }
            if (s.kind() == ArchiveFormat.Section.Kind.VOLUME) {
                volumes.putIfAbsent(s.name(), new VolumeRecord(s.name()));
            }
            Set<String> present = new HashSet<>();
            for (ListedEntry e : listing) {
                if (e.type() != null && e.type() != EntryType.HARDLINK) {
                    present.add(e.name().isEmpty() ? prefix : prefix + "/" + e.name());
                }
            }
            storeTarStream(prefix, changes, 0, present);
            for (String p : present) {
                if (!stored.containsKey(p)) {
                    throw new BackupException(
                            BackupException.Kind.SOURCE,
                            BackupException.Reason.HELPER_DID_NOT_COPY,
                            List.of(ArchiveFormat.printable(p)),
                            "Backup failed: the helper container listed " + ArchiveFormat.printable(p)
                                    + " but did not copy it.",
                            null);
                }
            }
        });
    }

    /** Whether {@link #beginPhase2()} was called. */
    public boolean inPhase2() {
        return phase == 2;
    }

    /** Adds a named volume's tar stream under {@code volumes/<name>} (see {@link #addTarStream}). */
    public void addVolume(String volumeName, InputStream tarStream, int stripComponents) throws BackupException {
        VolumeRecord v = new VolumeRecord(volumeName);
        addTarStream(ArchiveFormat.VOLUMES + "/" + v.name(), tarStream, stripComponents);
    }

    /**
     * Adds one file from a stream, e.g. {@code files/.env} or a dump. With {@code size} &lt; 0 the
     * stream is spooled first (memory, then a private file beside the archive), since tar needs
     * the size up front. Stored 0600. Adding the same path again supersedes it.
     *
     * @throws BackupException of kind SOURCE when the stream is shorter or longer than {@code size}
     */
    public void addStream(String path, InputStream in, long size) throws BackupException {
        guard(() -> {
            String p = ArchiveFormat.checkName(path);
            ArchiveFormat.Section s = ArchiveFormat.sectionOf(p);
            if (s == null || s.isRoot() || s.kind() == ArchiveFormat.Section.Kind.VOLUME) {
                throw new IllegalArgumentException("a stream goes to files/... or databases/...: " + path);
            }
            if (s.kind() == ArchiveFormat.Section.Kind.DATA && !mounts.containsKey(s.name())) {
                throw new IllegalArgumentException("data/" + s.name() + " needs its mount recorded first (addMount)");
            }
            storeStream(p, in, size);
        });
    }

    /** Adds a logical dump as {@code databases/<service>.<format>} and records it (see {@link #addStream}). */
    public void addDatabaseDump(String service, String format, InputStream in, long size) throws BackupException {
        DumpRecord d = DumpRecord.of(service, format);
        guard(() -> {
            dumps.put(d.path(), d);
            storeStream(d.path(), in, size);
        });
    }

    /**
     * Ends phase 1. Sources added from now on are compared with what phase 1 stored and only
     * changes are appended. Call it after the engine stopped the app.
     */
    public void beginPhase2() throws BackupException {
        guard(() -> {
            if (phase == 2) {
                throw new IllegalStateException("phase 2 has begun already");
            }
            phase = 2;
        });
    }

    /**
     * Forces what reached the archive file so far to disk, so that {@link #finish()} has only the
     * rest to sync. Call it at the end of phase 1, while the app still runs.
     */
    public void syncSoFar() throws BackupException {
        guard(zstd::force);
    }

    /**
     * Writes the manifest as the last entry, closes the stream, writes the sidecar and renames the
     * archive into place.
     */
    public BackupResult finish() throws BackupException {
        List<EntryRecord> entries = new ArrayList<>();
        BackupManifest[] manifest = new BackupManifest[1];
        guard(() -> {
            stored.values().forEach(st -> entries.add(st.rec()));
            entries.sort((a, b) -> a.path().compareTo(b.path()));
            List<String> deleted = new ArrayList<>();
            for (String p : inTar) {
                if (!stored.containsKey(p)) {
                    deleted.add(p);
                }
            }
            deleted.sort(null);
            BackupManifest m = BackupManifest.of(
                    header,
                    List.copyOf(mounts.values()),
                    List.copyOf(volumes.values()),
                    List.copyOf(dumps.values()),
                    deleted,
                    entries);
            for (String problem : EntrySafety.problems(m)) {
                warnings.add("A restore will refuse this backup: " + problem + ".");
            }
            byte[] json = ManifestJson.write(m);
            TarArchiveEntry e = new TarArchiveEntry(ArchiveFormat.MANIFEST, TarConstants.LF_NORMAL);
            e.setSize(json.length);
            e.setMode(0100600);
            e.setUserName("");
            e.setGroupName("");
            e.setLastModifiedTime(FileTime.from(header.created()));
            tar.putArchiveEntry(e);
            tar.write(json);
            tar.closeArchiveEntry();
            tar.finish();
            tar.close(); // closes zstd and the channel, which is forced to disk first
            if (Files.exists(archive, LinkOption.NOFOLLOW_LINKS)) {
                throw new BackupException(
                        BackupException.Kind.IO,
                        BackupException.Reason.ARCHIVE_APPEARED,
                        List.of(archive.toString()),
                        "Backup failed: " + archive + " appeared while the backup ran.",
                        null);
            }
            AtomicFiles.write(sidecar, json, AtomicFiles.PRIVATE);
            try {
                AtomicFiles.move(temp, archive);
            } catch (IOException moveFailed) {
                Files.deleteIfExists(sidecar);
                throw moveFailed;
            }
            manifest[0] = m;
        });
        state = State.FINISHED;
        listener.progress(done, totalUnknown ? 0 : Math.max(total, done), ArchiveFormat.MANIFEST);
        return new BackupResult(
                archive,
                sidecar,
                manifest[0],
                zstd.written(),
                manifest[0].contentBytes(),
                phase2Entries,
                phase2Bytes,
                phase2Deleted,
                warnings);
    }

    /** Removes the partial archive unless {@link #finish()} succeeded. */
    @Override
    public void close() throws BackupException {
        if (state == State.OPEN) {
            state = State.FAILED;
            BackupException e = new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.PARTIAL_NOT_REMOVED,
                    List.of(temp.toString()),
                    "The partial archive " + temp + " could not be removed.",
                    null);
            if (!abort(e)) {
                throw e;
            }
        }
    }

    static Path sidecarOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ArchiveFormat.SIDECAR_SUFFIX);
    }

    // ---------------------------------------------------------------------------------------------

    private interface Action {
        void run() throws IOException;
    }

    private void guard(Action a) throws BackupException {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "the backup writer is " + state.name().toLowerCase() + "; open a new one");
        }
        try {
            a.run();
        } catch (IOException | RuntimeException | Error e) {
            state = State.FAILED;
            long estimate = -1;
            if (isDiskFull(e)) {
                try {
                    estimate = zstd.estimateFinalSize(totalUnknown ? 0 : total - done);
                } catch (RuntimeException unavailable) {
                    e.addSuppressed(unavailable);
                }
            }
            Exception cleanup = new Exception("cleanup");
            abort(cleanup);
            BackupException be = translate(e, estimate);
            for (Throwable t : cleanup.getSuppressed()) {
                be.addSuppressed(t);
            }
            throw be;
        }
    }

    /**
     * Closes everything and removes the partial archive; errors on the way are attached to {@code
     * primary}. Returns whether the partial archive is gone.
     */
    private boolean abort(Exception primary) {
        try {
            zstd.abort();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(temp);
            return true;
        } catch (IOException e) {
            primary.addSuppressed(e);
            return false;
        }
    }

    private BackupException translate(Throwable e, long estimatedSize) {
        if (e instanceof BackupException be) {
            if (be.kind() == BackupException.Kind.CANCELLED || be.kind() == BackupException.Kind.DISK_FULL) {
                return be;
            }
            return new BackupException(
                    be.kind(),
                    BackupException.Reason.BACKUP_FAILED_REMOVED,
                    List.of(be.getMessage()),
                    be.getMessage() + removedNote(),
                    be);
        }
        if (isDiskFull(e)) {
            return diskFull(e, estimatedSize);
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.BACKUP_FAILED,
                    List.of(String.valueOf(e.getMessage())),
                    "Backup failed: " + e.getMessage() + "." + removedNote(),
                    e);
        }
        return new BackupException(
                BackupException.Kind.IO,
                BackupException.Reason.BACKUP_WRITE_FAILED,
                List.of(archive.getFileName().toString(), e.toString()),
                "Backup failed while writing " + archive.getFileName() + ": " + e + "." + removedNote(),
                e);
    }

    private static String removedNote() {
        return " The partial archive was removed; nothing else changed.";
    }

    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null
                    && (m.contains("No space left on device")
                            || m.contains("not enough space on the disk")
                            || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

    /** Called after the partial archive was removed, so the free space is what the next try has. */
    private BackupException diskFull(Throwable cause, long estimatedSize) {
        Path dir = archive.getParent();
        long free = -1;
        try {
            free = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        String need;
        BackupException.Reason reason;
        List<String> facts;
        if (estimatedSize > 0 && free >= 0 && !totalUnknown) {
            long missing = Math.max(1, (estimatedSize - free + 999_999) / 1_000_000);
            need = "needs about " + missing + " MB more";
            reason = BackupException.Reason.BACKUP_DISK_FULL_MISSING;
            facts = List.of(String.valueOf(dir), String.valueOf(missing));
        } else if (free >= 0) {
            need = "more than the " + Math.max(1, free / 1_000_000) + " MB free there";
            reason = BackupException.Reason.BACKUP_DISK_FULL_FREE;
            facts = List.of(String.valueOf(dir), String.valueOf(Math.max(1, free / 1_000_000)));
        } else {
            need = "free some space there";
            reason = BackupException.Reason.BACKUP_DISK_FULL;
            facts = List.of(String.valueOf(dir));
        }
        return new BackupException(
                BackupException.Kind.DISK_FULL,
                reason,
                facts,
                "Backup failed: the disk holding " + dir + " is full (" + need + ")." + removedNote(),
                cause);
    }

    private void checkCancelled() throws BackupException {
        if (cancelled.getAsBoolean()) {
            throw new BackupException(
                    BackupException.Kind.CANCELLED,
                    BackupException.Reason.BACKUP_CANCELLED,
                    List.of(),
                    "Backup cancelled." + removedNote(),
                    null);
        }
    }

    private void progress(String entry) {
        listener.progress(done, totalUnknown ? 0 : total, entry);
    }

    private void advance(long n, String entry) throws BackupException {
        done += n;
        if (done >= nextProgress) {
            nextProgress = done + PROGRESS_STEP;
            checkCancelled();
            progress(entry);
        }
    }

    private ArchiveFormat.Section checkPrefix(String prefix) throws BackupException {
        String p = ArchiveFormat.checkName(prefix);
        ArchiveFormat.Section s = ArchiveFormat.sectionOf(p);
        if (s == null || s.kind() == ArchiveFormat.Section.Kind.DATABASE || !p.equals(prefix)) {
            throw new IllegalArgumentException(
                    "prefix must be files, files/<folder>, data/<mount-id> or volumes/<volume>, not " + prefix);
        }
        return s;
    }

    private static Instant micros(FileTime t) {
        return t.toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    private void record(EntryRecord rec, FileMeta local, Instant readStart, boolean dirty) {
        record(rec, local, readStart, dirty, null);
    }

    private void record(EntryRecord rec, FileMeta local, Instant readStart, boolean dirty, Instant streamCtime) {
        stored.put(rec.path(), new Stored(rec, local, readStart, dirty, streamCtime));
        inTar.add(rec.path());
        if (phase == 2) {
            phase2Entries++;
            phase2Bytes += rec.type() == EntryType.FILE ? rec.size() : 0;
        }
    }

    private void forgetMissing(String prefix, Set<String> seen) {
        if (phase != 2) {
            return;
        }
        String under = prefix + "/";
        stored.keySet().removeIf(p -> {
            boolean gone = (p.equals(prefix) || p.startsWith(under)) && !seen.contains(p);
            if (gone) {
                phase2Deleted++;
            }
            return gone;
        });
    }

    private boolean racy(Stored prev, FileTime mtime, FileTime ctime) {
        Instant limit = prev.readStart().minusSeconds(RACY_SECONDS);
        return !mtime.toInstant().isBefore(limit)
                || (ctime != null && !ctime.toInstant().isBefore(limit));
    }

    // --- local folders ---------------------------------------------------------------------------

    private record Item(String rel, Path path, FileMeta meta) {}

    private void storeDirectory(String prefix, Path dir, EntryFilter filter) throws IOException {
        Path root;
        FileMeta rootMeta;
        try {
            root = dir.toRealPath();
            rootMeta = FileMeta.read(root);
        } catch (NoSuchFileException e) {
            throw new BackupException(
                    BackupException.Kind.SOURCE,
                    BackupException.Reason.SOURCE_FOLDER_MISSING,
                    List.of(String.valueOf(dir)),
                    "Backup failed: the folder " + dir + " does not exist.",
                    e);
        }
        if (rootMeta.kind() != FileMeta.Kind.DIRECTORY) {
            throw new BackupException(
                    BackupException.Kind.SOURCE,
                    BackupException.Reason.SOURCE_NOT_A_FOLDER,
                    List.of(String.valueOf(dir)),
                    "Backup failed: " + dir + " is not a folder.",
                    null);
        }
        List<Item> items = new ArrayList<>();
        items.add(new Item("", root, rootMeta));
        scan(root, "", filter, items);
        Set<String> seen = new HashSet<>();
        Map<Long, Map<Long, String>> firstNames = new HashMap<>();
        long pending = 0;
        List<Item> work = new ArrayList<>(items.size());
        for (Item it : items) {
            String path = it.rel().isEmpty() ? prefix : prefix + "/" + it.rel();
            seen.add(path);
            if (phase == 1 || changed(path, it)) {
                work.add(it);
                if (it.meta().kind() == FileMeta.Kind.FILE) {
                    pending += it.meta().size();
                }
            } else if (it.meta().kind() == FileMeta.Kind.FILE && it.meta().nlink() > 1) {
                // unchanged hard-linked file: later names of it may still need a link entry
                firstNames
                        .computeIfAbsent(it.meta().dev(), k -> new HashMap<>())
                        .putIfAbsent(it.meta().ino(), path);
            }
        }
        total += pending;
        List<ReadAhead.Job> reads = dataReads(prefix, work, firstNames);
        try (ReadAhead ra = reads.isEmpty() ? null : new ReadAhead(reads)) {
            ahead = ra;
            for (Item it : work) {
                checkCancelled();
                String path = it.rel().isEmpty() ? prefix : prefix + "/" + it.rel();
                storeItem(prefix, path, it, firstNames);
            }
        } finally {
            ahead = null;
        }
        forgetMissing(prefix, seen);
        progress(prefix);
    }

    /**
     * The files of {@code work} whose data {@link #storeItem} stores, in its order: every file but
     * the later names of a hard-linked one (the same decisions on a copy of {@code firstNames}).
     */
    private static List<ReadAhead.Job> dataReads(
            String prefix, List<Item> work, Map<Long, Map<Long, String>> firstNames) {
        Map<Long, Map<Long, String>> names = new HashMap<>();
        firstNames.forEach((dev, byIno) -> names.put(dev, new HashMap<>(byIno)));
        List<ReadAhead.Job> reads = new ArrayList<>();
        for (Item it : work) {
            FileMeta m = it.meta();
            if (m.kind() != FileMeta.Kind.FILE) {
                continue;
            }
            if (m.nlink() > 1) {
                String path = it.rel().isEmpty() ? prefix : prefix + "/" + it.rel();
                Map<Long, String> byIno = names.computeIfAbsent(m.dev(), k -> new HashMap<>());
                String first = byIno.get(m.ino());
                if (first != null && !first.equals(path)) {
                    continue;
                }
                byIno.put(m.ino(), path);
            }
            reads.add(new ReadAhead.Job(it.path(), m));
        }
        return reads;
    }

    private void scan(Path dir, String rel, EntryFilter filter, List<Item> out) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path c : ds) {
                children.add(c);
            }
        } catch (AccessDeniedException e) {
            throw new BackupException(
                    BackupException.Kind.SOURCE,
                    BackupException.Reason.SOURCE_FOLDER_DENIED,
                    List.of(String.valueOf(dir)),
                    "Backup failed: Berth may not read the folder " + dir
                            + " (permission denied); the engine must copy it through Docker.",
                    e);
        } catch (NoSuchFileException e) {
            return; // removed while the app runs (phase 1); phase 2 sees the final state
        }
        String[] names = new String[children.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = children.get(i).getFileName().toString();
        }
        Integer[] order = new Integer[names.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
        for (int i : order) {
            Path child = children.get(i);
            if (isOwnFile(child)) {
                warnings.add("Skipped " + child + ": it is this backup being written. Keep backups outside the"
                        + " folders you back up.");
                continue;
            }
            String crel = rel.isEmpty() ? names[i] : rel + "/" + names[i];
            FileMeta m;
            try {
                m = FileMeta.read(child);
            } catch (NoSuchFileException e) {
                continue; // deleted between listing and stat while the app runs
            }
            EntryType type = switch (m.kind()) {
                case DIRECTORY -> EntryType.DIRECTORY;
                case SYMLINK -> EntryType.SYMLINK;
                case FILE -> EntryType.FILE;
                case FIFO, SOCKET, DEVICE -> null;
            };
            if (type == null) {
                if (filter.include(crel, EntryType.FILE)) {
                    warnings.add("Skipped " + child + ": a " + m.kind().name().toLowerCase()
                            + " cannot be backed up (the app recreates it).");
                }
                continue;
            }
            if (!filter.include(crel, type)) {
                continue;
            }
            out.add(new Item(crel, child, m));
            if (type == EntryType.DIRECTORY) {
                scan(child, crel, filter, out);
            }
        }
    }

    /** The temporary archive or a spool file of this writer, when the backup folder is being backed up. */
    private boolean isOwnFile(Path p) {
        String name = p.getFileName().toString();
        return p.equals(temp) || (p.getParent().equals(archive.getParent()) && name.startsWith(Spool.PREFIX));
    }

    private boolean changed(String path, Item it) throws IOException {
        Stored prev = stored.get(path);
        if (prev == null
                || prev.dirty()
                || prev.local() == null
                || !prev.local().sameAs(it.meta())) {
            return true;
        }
        if (it.meta().kind() == FileMeta.Kind.FILE
                && prev.rec().type() == EntryType.FILE
                && racy(prev, it.meta().mtime(), it.meta().ctime())) {
            try {
                return !Sha256.ofFile(it.path(), buf).equals(prev.rec().sha256());
            } catch (NoSuchFileException e) {
                return true;
            }
        }
        return false;
    }

    private void storeItem(String prefix, String path, Item it, Map<Long, Map<Long, String>> firstNames)
            throws IOException {
        FileMeta m = it.meta();
        switch (m.kind()) {
            case DIRECTORY -> {
                Instant mt = micros(m.mtime());
                putEntry(path, EntryType.DIRECTORY, 0, m.mode(), m.uid(), m.gid(), mt, null);
                record(
                        new EntryRecord(path, EntryType.DIRECTORY, 0, m.mode(), m.uid(), m.gid(), mt, null, null),
                        m,
                        Instant.now(),
                        false);
            }
            case SYMLINK -> {
                String target;
                try {
                    target = Files.readSymbolicLink(it.path()).toString();
                } catch (NoSuchFileException e) {
                    return;
                }
                Instant mt = micros(m.mtime());
                putEntry(path, EntryType.SYMLINK, 0, 0777, m.uid(), m.gid(), mt, target);
                record(
                        new EntryRecord(path, EntryType.SYMLINK, 0, 0777, m.uid(), m.gid(), mt, null, target),
                        m,
                        Instant.now(),
                        false);
            }
            case FILE -> {
                if (m.nlink() > 1) {
                    Map<Long, String> byIno = firstNames.computeIfAbsent(m.dev(), k -> new HashMap<>());
                    String first = byIno.get(m.ino());
                    if (first != null && !first.equals(path)) {
                        Instant mt = micros(m.mtime());
                        putEntry(path, EntryType.HARDLINK, 0, m.mode(), m.uid(), m.gid(), mt, first);
                        record(
                                new EntryRecord(
                                        path, EntryType.HARDLINK, 0, m.mode(), m.uid(), m.gid(), mt, null, first),
                                m,
                                Instant.now(),
                                false);
                        return;
                    }
                    byIno.put(m.ino(), path);
                }
                storeLocalFile(path, it);
            }
            case FIFO, SOCKET, DEVICE -> throw new IllegalStateException("scan keeps only folders, files and links");
        }
    }

    private void storeLocalFile(String path, Item it) throws IOException {
        FileMeta m = it.meta();
        ReadAhead.Msg first = ahead.next();
        if (first instanceof ReadAhead.Gone) {
            return; // gone while the app runs; phase 2 records the final state
        }
        if (first instanceof ReadAhead.Failed(IOException error)) {
            if (error instanceof AccessDeniedException) {
                throw new BackupException(
                        BackupException.Kind.SOURCE,
                        BackupException.Reason.SOURCE_DENIED,
                        List.of(String.valueOf(it.path())),
                        "Backup failed: Berth may not read " + it.path()
                                + " (permission denied); the engine must copy it through Docker.",
                        error);
            }
            throw error;
        }
        Instant mt = micros(m.mtime());
        long size = m.size();
        putEntry(path, EntryType.FILE, size, m.mode(), m.uid(), m.gid(), mt, null);
        ReadAhead.Msg msg = first;
        while (msg instanceof ReadAhead.Chunk c) {
            tar.write(c.data(), c.offset(), c.length());
            ahead.release(c);
            advance(c.length(), path);
            msg = ahead.next();
        }
        if (msg instanceof ReadAhead.Whole(ReadAhead.Chunk c, ReadAhead.End end)) {
            tar.write(c.data(), c.offset(), c.length());
            ahead.release(c);
            advance(c.length(), path);
            msg = end;
        }
        switch (msg) {
            case ReadAhead.End end -> {
                tar.closeArchiveEntry();
                record(
                        new EntryRecord(path, EntryType.FILE, size, m.mode(), m.uid(), m.gid(), mt, end.sha256(), null),
                        m,
                        end.readStart(),
                        end.dirty());
            }
            case ReadAhead.Failed(IOException error) -> throw error;
            case ReadAhead.Gone g -> throw new IllegalStateException("the reader lost " + it.path());
            case ReadAhead.Chunk c -> throw new IllegalStateException("unreachable");
            case ReadAhead.Whole w -> throw new IllegalStateException("unreachable");
        }
    }

    private void putEntry(
            String path, EntryType type, long size, int mode, long uid, long gid, Instant mtime, String link)
            throws IOException {
        TarArchiveEntry e = switch (type) {
            case DIRECTORY -> new TarArchiveEntry(path + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(path, TarConstants.LF_NORMAL);
            case SYMLINK -> new TarArchiveEntry(path, TarConstants.LF_SYMLINK);
            case HARDLINK -> new TarArchiveEntry(path, TarConstants.LF_LINK);
        };
        int typeBits = switch (type) {
            case DIRECTORY -> 0040000;
            case SYMLINK -> 0120000;
            case FILE, HARDLINK -> 0100000;
        };
        e.setMode(typeBits | mode);
        e.setUserId(uid);
        e.setGroupId(gid);
        e.setUserName("");
        e.setGroupName("");
        // whole seconds fit the ustar header; sub-second times would cost a PAX header per entry.
        // The manifest keeps microseconds, and a restore takes the time from there.
        e.setLastModifiedTime(FileTime.from(mtime.getEpochSecond(), java.util.concurrent.TimeUnit.SECONDS));
        if (link != null) {
            e.setLinkName(link);
        }
        if (type == EntryType.FILE) {
            e.setSize(size);
        }
        tar.putArchiveEntry(e);
        if (type != EntryType.FILE) {
            tar.closeArchiveEntry();
        }
        progress(path);
    }

    // --- tar streams -----------------------------------------------------------------------------

    /**
     * {@code alsoPresent}: null for a whole folder's stream; for a stream of changes only, the
     * paths under {@code prefix} that are not in it but not gone either. A file of such a stream
     * was sent because its listing looked changed (a ctime the header does not carry), so one with
     * an unchanged header is re-hashed, never trusted.
     */
    private void storeTarStream(String prefix, InputStream source, int strip, Set<String> alsoPresent)
            throws IOException {
        if (strip < 0) {
            throw new IllegalArgumentException("stripComponents must be 0 or more");
        }
        Instant callStart = Instant.now();
        Set<String> seen = new HashSet<>();
        boolean unknownBefore = totalUnknown;
        totalUnknown = true;
        TarArchiveInputStream in = new TarArchiveInputStream(new FilterInputStream(source) {
            @Override
            public void close() {
                // the caller owns the source stream
            }
        });
        try {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                checkCancelled();
                String rel = strip(e.getName(), strip, prefix);
                if (rel == null) {
                    continue;
                }
                String path = rel.isEmpty() ? prefix : prefix + "/" + rel;
                EntryType type;
                if (e.isDirectory()) {
                    type = EntryType.DIRECTORY;
                } else if (e.isSymbolicLink()) {
                    type = EntryType.SYMLINK;
                } else if (e.isLink()) {
                    type = EntryType.HARDLINK;
                } else if (e.isFile()) {
                    type = EntryType.FILE;
                } else {
                    warnings.add("Skipped " + path + " from the stream: a "
                            + (e.isFIFO()
                                    ? "fifo"
                                    : e.isCharacterDevice() || e.isBlockDevice() ? "device" : "special entry")
                            + " cannot be backed up.");
                    continue;
                }
                if (rel.isEmpty() && type != EntryType.DIRECTORY) {
                    throw new BackupException(
                            BackupException.Kind.SOURCE,
                            BackupException.Reason.STREAM_NOT_A_FOLDER,
                            List.of(String.valueOf(prefix), String.valueOf(type)),
                            "Backup failed: the stream for " + prefix + " holds a " + type
                                    + " where its folder should be.",
                            null);
                }
                int mode = e.getMode() & 07777;
                long uid = e.getLongUserId();
                long gid = e.getLongGroupId();
                Instant mt = e.getLastModifiedTime() == null
                        ? Instant.EPOCH
                        : e.getLastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS);
                String link = null;
                if (type == EntryType.SYMLINK) {
                    link = e.getLinkName();
                    mode = 0777;
                } else if (type == EntryType.HARDLINK) {
                    String target = strip(e.getLinkName(), strip, prefix);
                    if (target == null || target.isEmpty()) {
                        warnings.add("Skipped hard link " + path + ": it names \"" + e.getLinkName()
                                + "\", outside the folder backed up.");
                        continue;
                    }
                    link = prefix + "/" + target;
                }
                long size = type == EntryType.FILE ? (e.isSparse() ? e.getRealSize() : e.getSize()) : 0;
                Instant ctime = e.getStatusChangeTime() == null
                        ? null
                        : e.getStatusChangeTime().toInstant();
                seen.add(path);
                Stored prev = stored.get(path);
                if (phase == 2 && prev != null && !prev.dirty()) {
                    EntryRecord r = prev.rec();
                    boolean sameHeader = r.type() == type
                            && r.size() == size
                            && r.mode() == mode
                            && r.uid() == uid
                            && r.gid() == gid
                            && r.mtime().equals(mt)
                            && java.util.Objects.equals(r.link(), link)
                            && (ctime == null || prev.streamCtime() == null || ctime.equals(prev.streamCtime()));
                    if (sameHeader && type != EntryType.FILE) {
                        continue;
                    }
                    if (sameHeader
                            && alsoPresent == null
                            && !racy(prev, FileTime.from(mt), ctime == null ? null : FileTime.from(ctime))) {
                        continue;
                    }
                    if (sameHeader) {
                        try (Spool spool = new Spool(archive.getParent())) {
                            sha.reset();
                            copyInto(in, size, path, spool);
                            if (HexFormat.of().formatHex(sha.digest()).equals(r.sha256())) {
                                continue;
                            }
                            try (InputStream again = spool.open()) {
                                storeFileData(path, again, size, mode, uid, gid, mt, callStart, ctime);
                            }
                        }
                        continue;
                    }
                }
                if (type == EntryType.FILE) {
                    storeFileData(path, in, size, mode, uid, gid, mt, callStart, ctime);
                } else {
                    putEntry(path, type, 0, mode, uid, gid, mt, link);
                    record(
                            new EntryRecord(path, type, 0, mode, uid, gid, mt, null, link),
                            null,
                            callStart,
                            false,
                            ctime);
                }
            }
        } finally {
            totalUnknown = unknownBefore;
        }
        if (alsoPresent != null) {
            seen.addAll(alsoPresent);
        }
        forgetMissing(prefix, seen);
        progress(prefix);
    }

    /** The name relative to the source root, "" for the root itself, or null to skip it. */
    private static String strip(String raw, int strip, String prefix) throws BackupException {
        String n = raw;
        while (n.startsWith("./")) {
            n = n.substring(2);
        }
        while (n.startsWith("/")) {
            n = n.substring(1);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.equals(".")) {
            return strip == 0 ? "" : null;
        }
        String problem = ArchiveFormat.nameProblem(n);
        if (problem != null) {
            throw new BackupException(
                    BackupException.Kind.SOURCE,
                    BackupException.Reason.STREAM_BAD_NAME,
                    List.of(String.valueOf(prefix), ArchiveFormat.printable(raw), problem),
                    "Backup failed: the stream for " + prefix + " holds an entry \"" + ArchiveFormat.printable(raw)
                            + "\" that " + problem + ".",
                    null);
        }
        String[] parts = n.split("/");
        if (parts.length < strip) {
            return null;
        }
        return String.join("/", Arrays.asList(parts).subList(strip, parts.length));
    }

    private void copyInto(InputStream in, long size, String path, Spool spool) throws IOException {
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new BackupException(
                        BackupException.Kind.SOURCE,
                        BackupException.Reason.STREAM_ENDED,
                        List.of(String.valueOf(path), String.valueOf(remaining)),
                        "Backup failed: the stream ended inside " + path + " (" + remaining + " bytes missing).",
                        null);
            }
            sha.update(buf, 0, n);
            spool.write(buf, 0, n);
            remaining -= n;
        }
    }

    private void storeFileData(
            String path,
            InputStream in,
            long size,
            int mode,
            long uid,
            long gid,
            Instant mt,
            Instant readStart,
            Instant streamCtime)
            throws IOException {
        sha.reset();
        putEntry(path, EntryType.FILE, size, mode, uid, gid, mt, null);
        long remaining = size;
        while (remaining > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, remaining));
            if (n < 0) {
                throw new BackupException(
                        BackupException.Kind.SOURCE,
                        BackupException.Reason.STREAM_ENDED_OF,
                        List.of(String.valueOf(path), String.valueOf(remaining), String.valueOf(size)),
                        "Backup failed: the stream ended inside " + path + " (" + remaining + " of " + size
                                + " bytes missing).",
                        null);
            }
            sha.update(buf, 0, n);
            tar.write(buf, 0, n);
            remaining -= n;
            advance(n, path);
        }
        tar.closeArchiveEntry();
        record(
                new EntryRecord(
                        path,
                        EntryType.FILE,
                        size,
                        mode,
                        uid,
                        gid,
                        mt,
                        HexFormat.of().formatHex(sha.digest()),
                        null),
                null,
                readStart,
                false);
    }

    // --- single streams --------------------------------------------------------------------------

    private void storeStream(String path, InputStream in, long size) throws IOException {
        checkCancelled();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (size >= 0) {
            total += size;
            storeFileData(path, in, size, 0600, 0, 0, now, now, null);
            if (in.read() >= 0) {
                throw new BackupException(
                        BackupException.Kind.SOURCE,
                        BackupException.Reason.STREAM_TOO_LONG,
                        List.of(String.valueOf(path), String.valueOf(size)),
                        "Backup failed: the stream for " + path + " is longer than the " + size + " bytes announced.",
                        null);
            }
        } else {
            boolean unknownBefore = totalUnknown;
            totalUnknown = true;
            try (Spool spool = new Spool(archive.getParent())) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    spool.write(buf, 0, n);
                    checkCancelled();
                }
                totalUnknown = unknownBefore;
                total += spool.size();
                try (InputStream again = spool.open()) {
                    storeFileData(path, again, spool.size(), 0600, 0, 0, now, now, null);
                }
            } finally {
                totalUnknown = unknownBefore;
            }
        }
    }

    // --- header frame and output -----------------------------------------------------------------

    private static byte[] headerFrame(BackupHeader header) {
        byte[] json = ManifestJson.write(header);
        ByteBuffer b = ByteBuffer.allocate(8 + json.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(ArchiveFormat.HEADER_MAGIC).putInt(json.length).put(json);
        return b.array();
    }
}
