package dev.berth.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipEncoding;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;

/**
 * Reads the tar entries of a {@code .berth} file in order, numbering them (the n-th entry is the
 * same in every pass) and turning zstd and tar errors into a {@link BackupException} that says
 * whether the file is truncated or damaged.
 *
 * <p>The tar records are read here, straight from the decoder's chunks, with buffers kept for the
 * whole pass; commons-compress parses each 512-byte header ({@link TarArchiveEntry}) and applies
 * PAX records. Its {@code TarArchiveInputStream} allocated two 8 KiB arrays per entry to skip the
 * rest of an entry and its padding (about 700 MB per GiB of small files restored) and put a
 * buffered copy between the decoder and the reader. Berth's writer stores PAX (POSIX) tar; GNU
 * long names are read too; sparse entries (never written by Berth) are refused as damaged.
 */
final class ArchiveInput implements AutoCloseable {
    private static final int RECORD = 512;
    /** Largest PAX or GNU long-name record accepted (names are at most a few KiB). */
    private static final int MAX_META = 1024 * 1024;

    private static final ZipEncoding UTF8 = ZipEncodingHelper.getZipEncoding(StandardCharsets.UTF_8.name());

    private final Path file;
    private final ZstdFileInput zstd;
    private final byte[] record = new byte[RECORD];
    private final byte[] skipBuf = new byte[64 * 1024];
    private final Map<String, String> globalPax = new HashMap<>();
    private int ordinal;
    /** Data bytes of the current entry not read yet, and the padding after them. */
    private long remaining;

    private long padding;
    private boolean atEnd;

    private ArchiveInput(Path file, ZstdFileInput zstd) {
        this.file = file;
        this.zstd = zstd;
    }

    static ArchiveInput open(Path file) throws BackupException {
        FileChannel raw = null;
        try {
            raw = FileChannel.open(file, StandardOpenOption.READ);
            return new ArchiveInput(file, new ZstdFileInput(raw));
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
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException c) {
                    e.addSuppressed(c);
                }
            }
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.UNREADABLE,
                    List.of(file.toString(), String.valueOf(e.getMessage())),
                    "Cannot read the backup " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** The next entry, or null at the end of the tar stream. */
    TarArchiveEntry next() throws BackupException {
        try {
            TarArchiveEntry e = nextEntry();
            if (e != null) {
                ordinal++;
            }
            return e;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    private TarArchiveEntry nextEntry() throws IOException {
        if (atEnd) {
            return null;
        }
        skipRest();
        Map<String, String> pax = null;
        String longName = null;
        String longLink = null;
        while (true) {
            int n = readRecord();
            if (n == 0) {
                atEnd = true; // no end records: the pass reports the missing manifest
                return null;
            }
            if (n < RECORD) {
                throw new EOFException("Truncated tar archive: it ends inside an entry's header");
            }
            if (isZero(record)) {
                atEnd = true; // the rest must be zeros too (requireEnd)
                return null;
            }
            TarArchiveEntry e = new TarArchiveEntry(globalPax, record, UTF8, false);
            long size = e.getSize();
            if (size < 0) {
                throw new IOException("Corrupted tar header: negative size");
            }
            remaining = size;
            padding = (RECORD - size % RECORD) % RECORD;
            if (e.isPaxHeader() || e.isGlobalPaxHeader() || e.isGNULongNameEntry() || e.isGNULongLinkEntry()) {
                if (!e.isCheckSumOK()) {
                    throw new IOException("Corrupted tar header: wrong checksum of an extended header");
                }
                byte[] meta = readMeta(size);
                if (e.isGNULongNameEntry()) {
                    longName = cString(meta);
                } else if (e.isGNULongLinkEntry()) {
                    longLink = cString(meta);
                } else {
                    Map<String, String> parsed = parsePax(meta);
                    if (e.isGlobalPaxHeader()) {
                        globalPax.putAll(parsed);
                    } else {
                        pax = parsed;
                    }
                }
                continue;
            }
            if (pax != null) {
                for (Map.Entry<String, String> h : pax.entrySet()) {
                    e.addPaxHeader(h.getKey(), h.getValue());
                }
            }
            if (longName != null) {
                e.setName(longName);
            }
            if (longLink != null) {
                e.setLinkName(longLink);
            }
            if (e.isSparse()) {
                throw new IOException("Corrupted tar data: entry \"" + ArchiveFormat.printable(e.getName())
                        + "\" is a sparse entry, which Berth never writes");
            }
            if (e.getSize() != size) {
                // a PAX size: the data that follows has that length
                remaining = e.getSize();
                padding = (RECORD - remaining % RECORD) % RECORD;
            }
            return e;
        }
    }

    /** Skips what is left of the current entry's data and its padding, into a buffer kept for the pass. */
    private void skipRest() throws IOException {
        long left = remaining + padding;
        remaining = 0;
        padding = 0;
        while (left > 0) {
            int n = zstd.read(skipBuf, 0, (int) Math.min(skipBuf.length, left));
            if (n < 0) {
                throw new EOFException("Truncated tar archive: it ends inside an entry");
            }
            left -= n;
        }
    }

    private int readRecord() throws IOException {
        int off = 0;
        while (off < RECORD) {
            int n = zstd.read(record, off, RECORD - off);
            if (n < 0) {
                break;
            }
            off += n;
        }
        return off;
    }

    private byte[] readMeta(long size) throws IOException {
        if (size > MAX_META) {
            throw new IOException("Corrupted tar header: an extended header of " + size + " bytes");
        }
        byte[] b = new byte[(int) size];
        int off = 0;
        while (off < b.length) {
            int n = zstd.read(b, off, b.length - off);
            if (n < 0) {
                throw new EOFException("Truncated tar archive: it ends inside an extended header");
            }
            off += n;
        }
        remaining = 0;
        skipRest();
        return b;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}, the length counting the whole record. */
    static Map<String, String> parsePax(byte[] b) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < b.length) {
            if (b[pos] == 0) {
                break; // zero padding some writers leave
            }
            int sp = pos;
            int len = 0;
            while (sp < b.length && b[sp] >= '0' && b[sp] <= '9' && sp - pos < 9) {
                len = len * 10 + (b[sp] - '0');
                sp++;
            }
            if (sp == pos
                    || sp >= b.length
                    || b[sp] != ' '
                    || len <= sp - pos + 1
                    || pos + len > b.length
                    || b[pos + len - 1] != '\n') {
                throw new IOException("Corrupted tar header: a PAX record cannot be parsed");
            }
            int eq = sp + 1;
            while (eq < pos + len - 1 && b[eq] != '=') {
                eq++;
            }
            if (eq >= pos + len - 1 || eq == sp + 1) {
                throw new IOException("Corrupted tar header: a PAX record has no key");
            }
            String key = new String(b, sp + 1, eq - sp - 1, StandardCharsets.UTF_8);
            String value = new String(b, eq + 1, pos + len - 1 - eq - 1, StandardCharsets.UTF_8);
            out.put(key, value);
            pos += len;
        }
        return out;
    }

    /** 1 for the first entry, as numbered by {@link #next()}. */
    int ordinal() {
        return ordinal;
    }

    int read(byte[] b, int off, int len) throws BackupException {
        if (remaining == 0) {
            return len == 0 ? 0 : -1;
        }
        try {
            int n = zstd.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("Truncated tar archive: it ends inside an entry's data");
            }
            remaining -= n;
            return n;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    /**
     * The next piece of the current entry's data as a view of the decoder's buffer (no copy), or
     * null at the entry's end. See {@link ZstdFileInput#slice} for how long it stays valid.
     */
    ByteBuffer nextSlice() throws BackupException {
        if (remaining == 0) {
            return null;
        }
        try {
            ByteBuffer s = zstd.slice((int) Math.min(Integer.MAX_VALUE, remaining));
            if (s == null) {
                throw new EOFException("Truncated tar archive: it ends inside an entry's data");
            }
            remaining -= s.remaining();
            return s;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    /** Where the decoder's buffers go once the reader moved past them (see {@link ZstdFileInput#onLeave}). */
    void onBufferLeft(Consumer<ByteBuffer> leave) {
        zstd.onLeave(leave);
    }

    /** Gives a buffer handed to {@link #onBufferLeft} back to the decoder (any thread). */
    void recycle(ByteBuffer buffer) {
        zstd.recycle(buffer);
    }

    /** The current entry's data as a stream whose errors are already translated. */
    InputStream entryStream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ArchiveInput.this.read(b, off, len);
            }
        };
    }

    /** Reads the current entry's data completely (for the manifest). */
    byte[] readAll(long size) throws BackupException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.MANIFEST_TOO_LARGE,
                    List.of(String.valueOf(file)),
                    "The manifest in " + file + " is impossibly large.",
                    null);
        }
        byte[] b = new byte[(int) size];
        int off = 0;
        while (off < b.length) {
            int n = read(b, off, b.length - off);
            if (n < 0) {
                throw truncated(null);
            }
            off += n;
        }
        return b;
    }

    /**
     * After the tar's end: reads the rest of the file and throws unless it holds nothing but zero
     * padding (anything else was appended to the archive).
     */
    void requireEnd() throws BackupException {
        byte[] b = new byte[64 * 1024];
        try {
            for (int n; (n = zstd.read(b, 0, b.length)) >= 0; ) {
                for (int i = 0; i < n; i++) {
                    if (b[i] != 0) {
                        throw BackupReader.tampered(
                                file, "it holds data after the end of its tar stream; someone appended to it");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    long compressedBytesRead() {
        return zstd.compressedBytesRead();
    }

    BackupException truncated(Throwable cause) {
        return new BackupException(
                BackupException.Kind.TRUNCATED,
                BackupException.Reason.TRUNCATED,
                List.of(String.valueOf(file)),
                "The backup " + file + " is incomplete: it ends too early (cut off while it was written or"
                        + " copied). Nothing was restored from it; use another backup.",
                cause);
    }

    BackupException translate(Throwable e) {
        if (e instanceof BackupException be) {
            return be;
        }
        String m = String.valueOf(e.getMessage());
        if (e instanceof EOFException
                || m.contains("Truncated")
                || m.contains("truncated")
                || m.contains("premature")) {
            return truncated(e);
        }
        if (e.getClass().getName().startsWith("com.github.luben")) {
            return new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.DAMAGED_COMPRESSED,
                    List.of(String.valueOf(file), m, String.valueOf(compressedBytesRead())),
                    "The backup " + file + " is damaged: its compressed data cannot be decoded (" + m + ", after "
                            + compressedBytesRead() + " bytes). Nothing was restored from it; use another backup.",
                    e);
        }
        if (e instanceof IOException
                && !(e instanceof AccessDeniedException)
                && (m.contains("Corrupted")
                        || m.contains("checksum")
                        || m.contains("header")
                        || m.contains("Unknown frame")
                        || m.contains("parsing"))) {
            return new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.DAMAGED_AFTER,
                    List.of(String.valueOf(file), m, String.valueOf(compressedBytesRead())),
                    "The backup " + file + " is damaged (" + m + " after " + compressedBytesRead()
                            + " bytes). Nothing was restored from it; use another backup.",
                    e);
        }
        if (e instanceof RuntimeException) {
            return new BackupException(
                    BackupException.Kind.CORRUPT,
                    BackupException.Reason.DAMAGED_TAR,
                    List.of(String.valueOf(file), e.toString()),
                    "The backup " + file + " is damaged: its tar data cannot be read (" + e + ")."
                            + " Nothing was restored from it; use another backup.",
                    e);
        }
        return new BackupException(
                BackupException.Kind.IO,
                BackupException.Reason.READING_FAILED,
                List.of(String.valueOf(file), m),
                "Reading the backup " + file + " failed: " + m,
                e);
    }

    /** The entry's type, or an {@link BackupException.Kind#UNSAFE_ENTRY} refusal for devices and fifos. */
    static EntryType typeOf(TarArchiveEntry e) throws BackupException {
        String name = ArchiveFormat.printable(e.getName());
        if (e.isSymbolicLink()) {
            return EntryType.SYMLINK;
        }
        if (e.isLink()) {
            return EntryType.HARDLINK;
        }
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw BackupException.unsafe("entry \"" + name + "\" is a device file");
        }
        if (e.isFIFO()) {
            throw BackupException.unsafe("entry \"" + name + "\" is a fifo");
        }
        if (e.isDirectory()) {
            return EntryType.DIRECTORY;
        }
        byte flag = linkFlag(e);
        if (flag == TarConstants.LF_NORMAL
                || flag == TarConstants.LF_OLDNORM
                || flag == TarConstants.LF_CONTIG
                || flag == TarConstants.LF_GNUTYPE_SPARSE) {
            return EntryType.FILE;
        }
        throw BackupException.unsafe("entry \"" + name + "\" has an unknown type '" + (char) flag + "'");
    }

    private static byte linkFlag(TarArchiveEntry e) {
        return e.getLinkFlag();
    }

    static long sizeOf(TarArchiveEntry e) {
        return e.isSparse() ? e.getRealSize() : e.getSize();
    }

    @Override
    public void close() throws BackupException {
        try {
            zstd.close();
        } catch (IOException e) {
            throw new BackupException(
                    BackupException.Kind.IO,
                    BackupException.Reason.CLOSING_FAILED,
                    List.of(String.valueOf(file), e.toString()),
                    "Closing the backup " + file + " failed: " + e,
                    e);
        }
    }
}
