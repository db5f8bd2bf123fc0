package dev.berth.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** One volume's tar stream during a restore (see {@link VolumeSink} for its shape). */
final class VolumeOut {
    private record Link(String name, EntryRecord rec, String target) {}

    private final OutputStream sink;
    private final TarArchiveOutputStream tar;
    private final List<Link> links = new ArrayList<>();

    VolumeOut(OutputStream sink) {
        this.sink = new BufferedOutputStream(sink, 256 * 1024);
        TarArchiveOutputStream t = new TarArchiveOutputStream(this.sink);
        t.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        t.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        t.setAddPaxHeadersForNonAsciiNames(true);
        this.tar = t;
    }

    void write(EntryRecord rec, String rel, InputStream data, byte[] buf, MessageDigest md, ByteProgress progress)
            throws IOException {
        String name = rel.isEmpty() ? "." : rel;
        switch (rec.type()) {
            case DIRECTORY -> put(entry(name + "/", TarConstants.LF_DIR, rec, 0040000));
            case SYMLINK -> {
                TarArchiveEntry e = entry(name, TarConstants.LF_SYMLINK, rec, 0120000);
                e.setLinkName(rec.link());
                put(e);
            }
            case HARDLINK ->
                links.add(
                        new Link(name, rec, ArchiveFormat.sectionOf(rec.link()).rel()));
            case FILE -> {
                TarArchiveEntry e = entry(name, TarConstants.LF_NORMAL, rec, 0100000);
                e.setSize(rec.size());
                tar.putArchiveEntry(e);
                long remaining = rec.size();
                while (remaining > 0) {
                    int n = data.read(buf, 0, (int) Math.min(buf.length, remaining));
                    if (n < 0) {
                        throw new java.io.EOFException("the entry ends " + remaining + " bytes early");
                    }
                    md.update(buf, 0, n);
                    tar.write(buf, 0, n);
                    remaining -= n;
                    progress.advance(n);
                }
                tar.closeArchiveEntry();
            }
        }
    }

    /** Writes the hard links (after every file they may name), ends the tar and closes the sink. */
    void finish() throws IOException {
        for (Link l : links) {
            TarArchiveEntry e = entry(l.name(), TarConstants.LF_LINK, l.rec(), 0100000);
            e.setLinkName(l.target());
            put(e);
        }
        tar.finish();
        tar.close();
    }

    /** Closes the sink without ending the tar, so the reader sees a broken stream, not a short one. */
    void abandon() throws IOException {
        // Closing the tar stream would end the archive cleanly; close what is underneath instead.
        sink.close();
    }

    private void put(TarArchiveEntry e) throws IOException {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static TarArchiveEntry entry(String name, byte flag, EntryRecord rec, int typeBits) {
        TarArchiveEntry e = new TarArchiveEntry(name, flag);
        e.setMode(typeBits | rec.mode());
        e.setUserId(rec.uid());
        e.setGroupId(rec.gid());
        e.setUserName("");
        e.setGroupName("");
        e.setLastModifiedTime(FileTime.from(rec.mtime()));
        return e;
    }
}
