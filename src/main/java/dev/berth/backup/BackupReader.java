package dev.berth.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Reads {@code .berth} backups: header, sidecar, verify, restore into folders and volume tar
 * streams, and the list of files a restore would replace. All methods block and run on the
 * caller's thread; listeners are called on it.
 *
 * <p>Safety: {@link #verify} reads the whole archive and refuses it (a {@link BackupException}
 * whose {@link BackupException#isRefusal()} is true) when it is truncated or damaged, when any
 * entry disagrees with the manifest or the sidecar, when an entry could escape its target ({@code
 * ..}, absolute names, symlinks or hard links leading outside, devices, fifos), when it is another
 * app's or a newer format's. A restore starts only from a {@link VerifiedBackup}, so a refused
 * archive writes nothing.
 */
public final class BackupReader {
    private static final int BUFFER = 256 * 1024;

    private BackupReader() {}

    /**
     * The header at the start of the file, read without decompressing anything.
     *
     * @throws BackupException NOT_A_BACKUP when the file has no Berth header, NEWER_FORMAT when a
     *     newer Berth wrote it
     */
    public static BackupHeader readHeader(Path file) throws BackupException {
        byte[] json;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && ch.read(head) >= 0) {
                // fill
            }
            head.flip();
            if (head.remaining() < 8) {
                throw notABackup(file, "it is too short");
            }
            int magic = head.getInt();
            int length = head.getInt();
            if (magic == 0xFD2FB528) {
                throw notABackup(file, "it is a plain zstd file without Berth's header");
            }
            if ((magic & 0xFFFFFFF0) != 0x184D2A50 || length < 2 || length > ArchiveFormat.MAX_HEADER_BYTES) {
                throw notABackup(file, "it does not start with Berth's header");
            }
            ByteBuffer body = ByteBuffer.allocate(length);
            while (body.hasRemaining() && ch.read(body) >= 0) {
                // fill
            }
            if (body.hasRemaining()) {
                throw new BackupException(
                        BackupException.Kind.TRUNCATED,
                        BackupException.Reason.TRUNCATED,
                        List.of(file.toString()),
                        "The backup " + file + " is incomplete: it ends inside its header. Use another backup.",
                        null);
            }
            json = body.array();
        } catch (BackupException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.NOT_FOUND,
                    List.of(file.toString()),
                    "The backup " + file + " does not exist.",
                    e);
        } catch (AccessDeniedException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.ACCESS_DENIED,
                    List.of(file.toString()),
                    "Berth may not read the backup " + file + ".",
                    e);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.UNREADABLE,
                    List.of(file.toString(), e.toString()),
                    "Cannot read the backup " + file + ": " + e,
                    e);
        }
        BackupHeader h = ManifestJson.readHeader(json, file.toString());
        if (!ArchiveFormat.FORMAT_NAME.equals(h.format())) {
            throw notABackup(file, "its header names the format '" + h.format() + "'");
        }
        if (h.formatVersion() > ArchiveFormat.FORMAT_VERSION) {
            throw newerFormat(file, h.formatVersion(), h.berthVersion());
        }
        return h;
    }

    /** The sidecar manifest beside the archive, if there is one (not verified; a cache). */
    public static Optional<BackupManifest> readSidecar(Path archive) throws BackupException {
        Path sc = BackupWriter.sidecarOf(archive);
        try {
            return Optional.of(ManifestJson.readManifest(Files.readAllBytes(sc), sc.toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.FILE_UNREADABLE,
                    List.of(sc.toString(), e.toString()),
                    "Cannot read " + sc + ": " + e,
                    e);
        }
    }

    /**
     * Reads the whole archive and checks every entry against the manifest, the manifest against
     * the header and the sidecar, and every entry for safety. Writes nothing.
     *
     * @param listener gets compressed bytes read of the archive's size
     * @return the handle to restore from without verifying again
     * @throws BackupException a refusal ({@link BackupException#isRefusal()}) naming what is wrong,
     *     CANCELLED, or IO when the file cannot be read
     */
    public static VerifiedBackup verify(
            Path file, ExpectedApp expected, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        return verify(file, expected, listener, cancelled, null);
    }

    /**
     * Receives every entry of a verify pass as it is read (before the manifest is known), so a
     * restore can write into a staging folder while it verifies.
     */
    interface EntrySink {
        /**
         * Takes one entry whose tar header says {@code rec} (no hash yet). For a file, may read
         * {@code data}; the pass hashes every piece and reads what is left. Errors of its own (a
         * full disk) are kept for later: it must not throw them, only the data's errors.
         */
        void entry(EntryRecord rec, EntryData data) throws BackupException;

        /**
         * The manifest parsed from exactly these bytes, when the sink parsed them already (the
         * sidecar, byte-identical), else null.
         */
        default BackupManifest parsed(byte[] manifestJson) {
            return null;
        }
    }

    static VerifiedBackup verify(
            Path file, ExpectedApp expected, ProgressListener listener, BooleanSupplier cancelled, EntrySink sink)
            throws BackupException {
        VerifiedBackup.Fingerprint before = fingerprint(file);
        BackupHeader header = readHeader(file);
        if (!expected.accepts(header.app())) {
            throw otherApp(file, header.app(), expected.app());
        }
        Map<String, Seen> seen = new HashMap<>();
        byte[] manifestJson = null;
        // file entries whose Seen still waits for its digest: path -> the hasher's number
        Map<String, Integer> pendingSha = new HashMap<>();
        try (ArchiveInput in = ArchiveInput.open(file);
                HashPipe hashes = new HashPipe(in::recycle)) {
            // file data is hashed from the decoder's own buffers: they go to the hasher when read
            in.onBufferLeft(hashes::release);
            long[] counted = {0};
            EntryData pieces = () -> {
                ByteBuffer s = in.nextSlice();
                if (s == null) {
                    return null;
                }
                hashes.add(s);
                counted[0] += s.remaining();
                return s.duplicate();
            };
            EntryData none = () -> null;
            for (TarArchiveEntry e = in.next(); e != null; e = in.next()) {
                if (cancelled.getAsBoolean()) {
                    throw new BackupException(
                            BackupException.Kind.CANCELLED,
                            BackupException.Reason.VERIFY_CANCELLED,
                            List.of(),
                            "Verify cancelled; nothing was changed.",
                            null);
                }
                if (manifestJson != null) {
                    throw tampered(
                            file,
                            "it holds entries after its manifest (\"" + ArchiveFormat.printable(e.getName())
                                    + "\"); someone appended to it");
                }
                if (!e.isCheckSumOK()) {
                    throw new BackupException(
                            BackupException.Kind.CORRUPT,
                            BackupException.Reason.TAR_HEADER_CHECKSUM,
                            List.of(file.toString(), String.valueOf(in.ordinal())),
                            "The backup " + file + " is damaged: the tar header of entry " + in.ordinal()
                                    + " has a wrong checksum. Nothing was restored from it; use another backup.",
                            null);
                }
                EntryType type = ArchiveInput.typeOf(e);
                if (e.getName().equals(ArchiveFormat.MANIFEST) && type == EntryType.FILE) {
                    manifestJson = in.readAll(e.getSize());
                    continue;
                }
                String path = ArchiveFormat.checkName(e.getName());
                if (ArchiveFormat.sectionOf(path) == null) {
                    throw BackupException.unsafe(
                            "entry \"" + ArchiveFormat.printable(path) + "\" lies outside every section of a backup");
                }
                String sha = null;
                long size = 0;
                String link = type == EntryType.SYMLINK || type == EntryType.HARDLINK ? e.getLinkName() : null;
                Instant mtime = e.getLastModifiedTime() == null
                        ? Instant.EPOCH
                        : e.getLastModifiedTime().toInstant().truncatedTo(ChronoUnit.MICROS);
                int mode = e.getMode() & 07777;
                counted[0] = 0;
                if (sink != null) {
                    long declared = type == EntryType.FILE ? ArchiveInput.sizeOf(e) : 0;
                    sink.entry(
                            new EntryRecord(
                                    path,
                                    type,
                                    declared,
                                    mode,
                                    e.getLongUserId(),
                                    e.getLongGroupId(),
                                    mtime,
                                    null,
                                    link),
                            type == EntryType.FILE ? pieces : none);
                }
                if (type == EntryType.FILE) {
                    while (pieces.next() != null) {
                        // hashed and counted by pieces
                    }
                    size = counted[0];
                    if (size != ArchiveInput.sizeOf(e)) {
                        throw in.truncated(null);
                    }
                    pendingSha.put(path, hashes.end());
                } else {
                    pendingSha.remove(path);
                }
                seen.put(
                        path,
                        new Seen(
                                in.ordinal(),
                                new EntryRecord(
                                        path,
                                        type,
                                        size,
                                        mode,
                                        e.getLongUserId(),
                                        e.getLongGroupId(),
                                        mtime,
                                        sha,
                                        link)));
                listener.progress(in.compressedBytesRead(), before.size(), path);
            }
            if (manifestJson != null) {
                in.requireEnd();
            }
            if (manifestJson == null) {
                throw new BackupException(
                        BackupException.Kind.TRUNCATED,
                        BackupException.Reason.TRUNCATED,
                        List.of(file.toString()),
                        "The backup " + file + " is incomplete: it ends before its manifest (cut off while it was"
                                + " written or copied). Nothing was restored from it; use another backup.",
                        null);
            }
            String[] digests = hashes.finish();
            for (Map.Entry<String, Integer> p : pendingSha.entrySet()) {
                Seen s = seen.get(p.getKey());
                EntryRecord r = s.rec();
                seen.put(
                        p.getKey(),
                        new Seen(
                                s.ordinal(),
                                new EntryRecord(
                                        r.path(),
                                        r.type(),
                                        r.size(),
                                        r.mode(),
                                        r.uid(),
                                        r.gid(),
                                        r.mtime(),
                                        digests[p.getValue()],
                                        r.link())));
            }
        } catch (InterruptedIOException e) {
            throw new BackupException(
                    BackupException.Kind.CANCELLED,
                    BackupException.Reason.VERIFY_CANCELLED,
                    List.of(),
                    "Verify interrupted; nothing was changed.",
                    e);
        }
        BackupManifest known = sink == null ? null : sink.parsed(manifestJson);
        BackupManifest m = known != null ? known : ManifestJson.readManifest(manifestJson, file.toString());
        if (m.formatVersion() > ArchiveFormat.FORMAT_VERSION) {
            throw newerFormat(file, m.formatVersion(), m.berthVersion());
        }
        if (!m.header().equals(header)) {
            throw tampered(file, "its header and its manifest disagree about what it holds");
        }
        if (!expected.accepts(m.app())) {
            throw otherApp(file, m.app(), expected.app());
        }
        Map<String, Integer> finalOrdinals = checkEntries(file, m, seen);
        List<String> problems = EntrySafety.problems(m);
        if (!problems.isEmpty()) {
            throw BackupException.unsafe(String.join("; ", problems.subList(0, Math.min(3, problems.size())))
                    + (problems.size() > 3 ? " (and " + (problems.size() - 3) + " more)" : ""));
        }
        VerifiedBackup.Sidecar sidecar = checkSidecar(file, manifestJson, m);
        VerifiedBackup.Fingerprint after = fingerprint(file);
        if (!after.equals(before)) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.CHANGED_DURING_VERIFY,
                    List.of(file.toString()),
                    "The backup " + file
                            + " changed while it was being verified; verify it again when nothing writes to it.",
                    null);
        }
        listener.progress(before.size(), before.size(), ArchiveFormat.MANIFEST);
        return new VerifiedBackup(file, m, manifestJson, sidecar, Instant.now(), before, finalOrdinals);
    }

    /**
     * Verifies and restores; nothing is written to the targets unless the whole archive is sound.
     * Into folders that are missing or on their parent's file system, one pass: entries are
     * written into staging folders beside the targets while they are verified, and moved into
     * place when everything verified (progress: compressed bytes read of the archive's size).
     * Otherwise two passes, verify then restore (progress over both: the archive's size plus the
     * content bytes).
     */
    public static RestoreReport restore(
            Path file, ExpectedApp expected, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        if (StagedRestore.applicable(spec)) {
            return StagedRestore.run(file, expected, spec, listener, cancelled);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.UNREADABLE,
                    List.of(file.toString(), e.toString()),
                    "Cannot read the backup " + file + ": " + e,
                    e);
        }
        // The sidecar (a cache) gives the content size up front; without it the first pass is indeterminate.
        long content;
        try {
            content = readSidecar(file).map(BackupManifest::contentBytes).orElse(-1L);
        } catch (BackupException e) {
            content = -1; // a broken sidecar only costs the estimate here; verify reports it
        }
        long planned = content < 0 ? 0 : size + content;
        VerifiedBackup vb =
                verify(file, expected, (done, total, entry) -> listener.progress(done, planned, entry), cancelled);
        long base = size;
        return restore(
                vb, spec, (done, total, entry) -> listener.progress(base + done, base + total, entry), cancelled);
    }

    /**
     * Whether {@link #stage} can restore {@code spec}: folder targets only (no volume or mount
     * streams), each missing or a real folder on its parent's file system with a parent Berth may
     * write to; a target inside another one only through real folders on that file system.
     */
    public static boolean canStage(RestoreSpec spec) {
        return StagedRestore.applicable(spec);
    }

    /**
     * Removes staging folders that an interrupted {@link #stage} of the same targets left beside
     * them. Only for a caller that knows no other restore into these targets runs (the engine holds
     * the install's lock).
     *
     * @return the folders removed
     */
    public static List<Path> removeLeftoverStaging(RestoreSpec spec) throws IOException {
        return StagedRestore.removeLeftovers(spec);
    }

    /**
     * Verifies the archive in one pass while writing the entries {@code spec} routes into hidden
     * staging folders beside the targets ({@code .<name>.berth-restore-<random>} in the target's
     * parent; a target inside another is staged inside that one's staging folder). The targets are
     * not touched; {@link StagedBackup#moveIntoPlace()} moves the staged trees in, closing without it
     * removes them. Progress: compressed bytes read of the archive's size.
     *
     * @throws IllegalArgumentException when {@link #canStage} is false for {@code spec}
     * @throws BackupException as {@link #verify} (the staging folders are removed), DISK_FULL or IO
     *     when the staging folders cannot be written (removed too: nothing was changed)
     */
    public static StagedBackup stage(
            Path file, ExpectedApp expected, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        if (!StagedRestore.applicable(spec)) {
            throw new IllegalArgumentException(
                    "these targets cannot be staged beside themselves; verify, then restore in a second pass");
        }
        return StagedRestore.stage(file, expected, spec, listener, cancelled);
    }

    /**
     * Restores a verified backup in one pass: checks the targets first (nothing is written when a
     * target holds a folder where the backup has a file, or a symlink on the way into it), then
     * writes files 0600 and gives them their mode, owner (when Berth runs as root or the owner is
     * the current user; otherwise reported) and mtime; folders get theirs at the end; hard links
     * are made after all files.
     *
     * @throws BackupException TARGET_CONFLICT before writing; TAMPERED when the file changed since
     *     verify; CANCELLED, DISK_FULL or IO mid-way, saying the targets hold a partial restore
     */
    public static RestoreReport restore(
            VerifiedBackup backup, RestoreSpec spec, ProgressListener listener, BooleanSupplier cancelled)
            throws BackupException {
        return new Extractor(backup, spec, listener, cancelled).run();
    }

    /**
     * Streams one volume as a tar (see {@link VolumeSink}) into {@code out}, which is finished but
     * not closed. One pass over the archive.
     */
    public static RestoreReport writeVolumeTar(
            VerifiedBackup backup,
            String volume,
            OutputStream out,
            ProgressListener listener,
            BooleanSupplier cancelled)
            throws BackupException {
        if (backup.manifest().volumes().stream().noneMatch(v -> v.name().equals(volume))) {
            throw new IllegalArgumentException("the backup holds no volume '" + volume + "'");
        }
        OutputStream shielded = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        RestoreSpec spec = RestoreSpec.nothing().withVolumes(name -> name.equals(volume) ? shielded : null);
        return restore(backup, spec, listener, cancelled);
    }

    /**
     * Streams one mount ({@code data/<id>}) as a tar in {@link VolumeSink}'s shape into {@code out},
     * which is finished but not closed: for a helper container that writes it with its owners on the
     * machine that holds the mount. One pass over the archive.
     */
    public static RestoreReport writeMountTar(
            VerifiedBackup backup,
            String mountId,
            OutputStream out,
            ProgressListener listener,
            BooleanSupplier cancelled)
            throws BackupException {
        if (backup.manifest().mount(mountId).isEmpty()) {
            throw new IllegalArgumentException("the backup holds no mount '" + mountId + "'");
        }
        OutputStream shielded = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        RestoreSpec spec = RestoreSpec.nothing().withMountStreams(id -> id.equals(mountId) ? shielded : null);
        return restore(backup, spec, listener, cancelled);
    }

    /**
     * Copies the content of one file entry (e.g. {@code databases/db.sql}) to {@code out}, checking
     * its hash; reads the archive only up to that entry.
     */
    public static void copyEntry(VerifiedBackup backup, String path, OutputStream out) throws BackupException {
        EntryRecord rec = backup.manifest().entriesByPath().get(path);
        if (rec == null || rec.type() != EntryType.FILE) {
            throw new IllegalArgumentException("the backup holds no file '" + path + "'");
        }
        backup.requireUnchanged();
        Integer target = backup.finalOrdinal(path);
        byte[] buf = new byte[BUFFER];
        MessageDigest md = Sha256.newDigest();
        try (ArchiveInput in = ArchiveInput.open(backup.file())) {
            for (TarArchiveEntry e = in.next(); e != null; e = in.next()) {
                if (in.ordinal() != target) {
                    continue;
                }
                for (int n; (n = in.read(buf, 0, buf.length)) >= 0; ) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                if (!HexFormat.of().formatHex(md.digest()).equals(rec.sha256())) {
                    throw tampered(backup.file(), path + " changed after the backup was verified");
                }
                return;
            }
            throw in.truncated(null);
        } catch (BackupException e) {
            throw e;
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.COPY_OUT_FAILED,
                    List.of(String.valueOf(path), e.toString()),
                    "Copying " + path + " out of the backup failed: " + e,
                    e);
        }
    }

    /**
     * Existing files, symlinks (and folders replaced by a non-folder) that a restore with {@code
     * spec} would replace, sorted. Folders that exist are merged, not listed.
     */
    public static List<Path> overwrites(BackupManifest manifest, RestoreSpec spec) throws BackupException {
        return TargetCheck.run(manifest, spec).overwrites();
    }

    // ---------------------------------------------------------------------------------------------

    private record Seen(int ordinal, EntryRecord rec) {}

    private static Map<String, Integer> checkEntries(Path file, BackupManifest m, Map<String, Seen> seen)
            throws BackupException {
        Map<String, Integer> finalOrdinals = new HashMap<>();
        Set<String> listed = new HashSet<>();
        for (EntryRecord r : m.entries()) {
            if (!listed.add(r.path())) {
                throw tampered(file, "its manifest lists \"" + r.path() + "\" twice");
            }
            Seen s = seen.get(r.path());
            if (s == null) {
                throw tampered(file, "its manifest lists \"" + r.path() + "\" but the archive does not hold it");
            }
            String diff = difference(r, s.rec());
            if (diff != null) {
                throw tampered(file, "entry \"" + r.path() + "\" does not match its manifest record (" + diff + ")");
            }
            finalOrdinals.put(r.path(), s.ordinal());
        }
        Set<String> deleted = new HashSet<>(m.deleted());
        for (String p : seen.keySet()) {
            if (!listed.contains(p) && !deleted.contains(p)) {
                throw tampered(
                        file, "it holds \"" + ArchiveFormat.printable(p) + "\", which its manifest does not list");
            }
        }
        for (String d : deleted) {
            if (listed.contains(d)) {
                throw tampered(file, "its manifest lists \"" + d + "\" both as present and as deleted");
            }
        }
        return finalOrdinals;
    }

    private static String difference(EntryRecord want, EntryRecord got) {
        if (want.type() != got.type()) {
            return "a " + got.type().name().toLowerCase() + ", not a "
                    + want.type().name().toLowerCase();
        }
        if (want.type() == EntryType.FILE && want.size() != got.size()) {
            return "size " + got.size() + " instead of " + want.size();
        }
        if (want.type() == EntryType.FILE && !Objects.equals(want.sha256(), got.sha256())) {
            return "its SHA-256 differs: the content was changed";
        }
        if (!Objects.equals(want.link(), got.link())) {
            return "link target differs";
        }
        if (want.mode() != got.mode() || want.uid() != got.uid() || want.gid() != got.gid()) {
            return "mode or owner differs";
        }
        // the tar header holds whole seconds (see BackupWriter); the manifest holds microseconds
        if (want.mtime() == null || want.mtime().getEpochSecond() != got.mtime().getEpochSecond()) {
            return "modification time differs";
        }
        return null;
    }

    private static VerifiedBackup.Sidecar checkSidecar(Path file, byte[] manifestJson, BackupManifest m)
            throws BackupException {
        Path sc = BackupWriter.sidecarOf(file);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(sc);
        } catch (NoSuchFileException e) {
            return VerifiedBackup.Sidecar.MISSING;
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.SIDECAR_UNREADABLE,
                    List.of(sc.toString(), e.toString()),
                    "Cannot read the sidecar " + sc + ": " + e,
                    e);
        }
        if (Arrays.equals(bytes, manifestJson)) {
            return VerifiedBackup.Sidecar.MATCHES;
        }
        String what;
        try {
            BackupManifest s = ManifestJson.readManifest(bytes, sc.toString());
            if (!s.header().equals(m.header())) {
                what = "it describes another backup (" + s.app() + " " + s.version() + " of " + s.created() + ")";
            } else if (s.entries().size() != m.entries().size()) {
                what = "it lists " + s.entries().size() + " entries, the archive "
                        + m.entries().size();
            } else {
                what = "its entries differ from the archive's";
                for (int i = 0; i < s.entries().size(); i++) {
                    if (!s.entries().get(i).equals(m.entries().get(i))) {
                        what = "its record of \"" + m.entries().get(i).path() + "\" differs from the archive's";
                        break;
                    }
                }
            }
        } catch (BackupException e) {
            what = "it is not a valid manifest";
        }
        throw new BackupException(
                BackupException.Kind.SIDECAR_MISMATCH,
                BackupException.Reason.SIDECAR_MISMATCH,
                List.of(sc.toString(), file.getFileName().toString(), what),
                "The sidecar " + sc + " does not match the manifest inside " + file.getFileName() + ": " + what
                        + ". One of them was modified; nothing was restored. If you trust the archive, delete the"
                        + " sidecar and verify again.",
                null);
    }

    private static VerifiedBackup.Fingerprint fingerprint(Path file) throws BackupException {
        try {
            return VerifiedBackup.Fingerprint.of(file);
        } catch (NoSuchFileException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.NOT_FOUND,
                    List.of(file.toString()),
                    "The backup " + file + " does not exist.",
                    e);
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.UNREADABLE,
                    List.of(file.toString(), e.toString()),
                    "Cannot read the backup " + file + ": " + e,
                    e);
        }
    }

    private static BackupException notABackup(Path file, String why) {
        return new BackupException(
                BackupException.Kind.NOT_A_BACKUP,
                BackupException.Reason.NOT_A_BACKUP,
                List.of(file.toString(), why),
                file + " is not a Berth backup: " + why + ".",
                null);
    }

    static BackupException newerFormat(Path file, int version, String berthVersion) {
        return new BackupException(
                BackupException.Kind.NEWER_FORMAT,
                BackupException.Reason.NEWER_FORMAT,
                List.of(
                        file.toString(),
                        berthVersion == null ? "?" : berthVersion,
                        String.valueOf(version),
                        String.valueOf(ArchiveFormat.FORMAT_VERSION)),
                "The backup " + file + " was made by a newer Berth ("
                        + (berthVersion == null ? "unknown" : berthVersion)
                        + ", backup format " + version + "; this Berth reads format " + ArchiveFormat.FORMAT_VERSION
                        + "). Update Berth to restore it; nothing was changed.",
                null);
    }

    private static BackupException otherApp(Path file, String actual, String expected) {
        return new BackupException(
                BackupException.Kind.OTHER_APP,
                BackupException.Reason.OTHER_APP,
                List.of(file.toString(), actual, expected),
                "The backup " + file + " is of " + actual + ", not of " + expected + ". Choose a backup of " + expected
                        + "; nothing was changed.",
                null);
    }

    static BackupException tampered(Path file, String what) {
        return new BackupException(
                BackupException.Kind.TAMPERED,
                BackupException.Reason.FAILS_VERIFICATION,
                List.of(file.toString(), what),
                "The backup " + file + " fails verification: " + what
                        + ". Nothing was restored from it; use another backup.",
                null);
    }
}
