package dev.berth.backup;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes archives by hand, including ones Berth's writer would never produce (escaping names,
 * devices, lying manifests), to prove that verify and restore refuse them.
 */
final class Crafted {
    static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    static final Instant MTIME = Instant.parse("2025-06-07T08:09:10Z");

    private record Item(String tarName, byte flag, byte[] data, String link, EntryRecord rec) {}

    private final List<Item> items = new ArrayList<>();
    private final List<MountRecord> mounts = new ArrayList<>();
    private final List<VolumeRecord> volumes = new ArrayList<>();
    private String app = "demo";
    private String version = "1.0";
    private String project = "demo";
    private String install = "/srv/demo";
    private Instant created = CREATED;
    private int formatVersion = ArchiveFormat.FORMAT_VERSION;
    private UnaryOperator<List<EntryRecord>> manifestEdit = l -> l;

    Crafted app(String a) {
        this.app = a;
        return this;
    }

    Crafted version(String v) {
        this.version = v;
        return this;
    }

    Crafted project(String p) {
        this.project = p;
        return this;
    }

    Crafted install(String i) {
        this.install = i;
        return this;
    }

    Crafted created(Instant c) {
        this.created = c;
        return this;
    }

    Crafted formatVersion(int v) {
        this.formatVersion = v;
        return this;
    }

    Crafted mount(String id, String source) {
        mounts.add(new MountRecord(id, source, null, null));
        return this;
    }

    Crafted volume(String name) {
        volumes.add(new VolumeRecord(name));
        return this;
    }

    /** Changes the manifest's entry list after the archive content was described truthfully. */
    Crafted editManifest(UnaryOperator<List<EntryRecord>> edit) {
        this.manifestEdit = edit;
        return this;
    }

    Crafted dir(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        items.add(new Item(
                p + "/",
                TarConstants.LF_DIR,
                null,
                null,
                new EntryRecord(p, EntryType.DIRECTORY, 0, 0755, 0, 0, MTIME, null, null)));
        return this;
    }

    Crafted file(String path, String content) {
        byte[] d = content.getBytes(StandardCharsets.UTF_8);
        items.add(new Item(
                path,
                TarConstants.LF_NORMAL,
                d,
                null,
                new EntryRecord(path, EntryType.FILE, d.length, 0644, 0, 0, MTIME, sha(d), null)));
        return this;
    }

    Crafted symlink(String path, String target) {
        items.add(new Item(
                path,
                TarConstants.LF_SYMLINK,
                null,
                target,
                new EntryRecord(path, EntryType.SYMLINK, 0, 0777, 0, 0, MTIME, null, target)));
        return this;
    }

    Crafted hardlink(String path, String target) {
        items.add(new Item(
                path,
                TarConstants.LF_LINK,
                null,
                target,
                new EntryRecord(path, EntryType.HARDLINK, 0, 0644, 0, 0, MTIME, null, target)));
        return this;
    }

    /** A character device: no manifest type exists for it, so the manifest records a file. */
    Crafted device(String path) {
        items.add(new Item(
                path,
                TarConstants.LF_CHR,
                null,
                null,
                new EntryRecord(path, EntryType.FILE, 0, 0644, 0, 0, MTIME, sha(new byte[0]), null)));
        return this;
    }

    Crafted fifo(String path) {
        items.add(new Item(
                path,
                TarConstants.LF_FIFO,
                null,
                null,
                new EntryRecord(path, EntryType.FILE, 0, 0644, 0, 0, MTIME, sha(new byte[0]), null)));
        return this;
    }

    /** Writes the archive and, when {@code sidecar}, the matching sidecar. */
    Path write(Path file, boolean sidecar) throws IOException {
        BackupHeader h = new BackupHeader(
                ArchiveFormat.FORMAT_NAME, formatVersion, app, version, project, install, created, "test", "host");
        List<EntryRecord> recs = new ArrayList<>();
        items.forEach(i -> recs.add(i.rec()));
        BackupManifest m = BackupManifest.of(h, mounts, volumes, List.of(), List.of(), manifestEdit.apply(recs));
        byte[] json = ManifestJson.write(m);
        Files.createDirectories(file.getParent());
        try (OutputStream raw = Files.newOutputStream(file)) {
            byte[] hj = ManifestJson.write(h);
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            raw.write(b.putInt(ArchiveFormat.HEADER_MAGIC).putInt(hj.length).array());
            raw.write(hj);
            ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(raw, 3);
            z.setChecksum(true);
            TarArchiveOutputStream t = new TarArchiveOutputStream(z);
            t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item i : items) {
                TarArchiveEntry e = new TarArchiveEntry(i.tarName(), i.flag(), true);
                e.setMode(i.rec().mode());
                e.setUserName("");
                e.setGroupName("");
                e.setLastModifiedTime(FileTime.from(MTIME));
                if (i.link() != null) {
                    e.setLinkName(i.link());
                }
                if (i.data() != null) {
                    e.setSize(i.data().length);
                }
                t.putArchiveEntry(e);
                if (i.data() != null) {
                    t.write(i.data());
                }
                t.closeArchiveEntry();
            }
            TarArchiveEntry me = new TarArchiveEntry(ArchiveFormat.MANIFEST);
            me.setSize(json.length);
            me.setUserName("");
            me.setGroupName("");
            me.setLastModifiedTime(FileTime.from(created));
            t.putArchiveEntry(me);
            t.write(json);
            t.closeArchiveEntry();
            t.close();
        }
        if (sidecar) {
            Files.write(BackupWriter.sidecarOf(file), json);
        }
        return file;
    }

    static String sha(byte[] d) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(d));
    }

    static byte[] bytes(ByteArrayOutputStream b) {
        return b.toByteArray();
    }
}
