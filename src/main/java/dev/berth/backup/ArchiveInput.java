package dev.berth.backup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads the tar entries of a {@code .berth} file in order, numbering them (the n-th entry is the
 * same in every pass) and turning zstd and tar errors into a {@link BackupException} that says
 * whether the file is truncated or damaged.
 */
final class ArchiveInput implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;

    private final Path file;
    private final ZstdFileInput zstd;
    private final InputStream buffered;
    private final TarArchiveInputStream tar;
    private int ordinal;

    private ArchiveInput(Path file, ZstdFileInput zstd, InputStream buffered) {
        this.file = file;
        this.zstd = zstd;
        this.buffered = buffered;
        // 512: read no further than the end records, so requireEnd sees everything after them
        this.tar = new TarArchiveInputStream(buffered, 512);
    }

    static ArchiveInput open(Path file) throws BackupException {
        FileChannel raw = null;
        try {
            raw = FileChannel.open(file, StandardOpenOption.READ);
            ZstdFileInput z = new ZstdFileInput(raw);
            return new ArchiveInput(file, z, new BufferedInputStream(z, BUFFER));
        } catch (NoSuchFileException e) {
            throw new BackupException(BackupException.Kind.IO, "The backup " + file + " does not exist.", e);
        } catch (AccessDeniedException e) {
            throw new BackupException(BackupException.Kind.IO, "Berth may not read the backup " + file + ".", e);
        } catch (IOException e) {
            if (raw != null) {
                try {
                    raw.close();
                } catch (IOException c) {
                    e.addSuppressed(c);
                }
            }
            throw new BackupException(
                    BackupException.Kind.IO, "Cannot read the backup " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next entry, or null at the end of the tar stream. */
    TarArchiveEntry next() throws BackupException {
        try {
            TarArchiveEntry e = tar.getNextEntry();
            if (e != null) {
                ordinal++;
            }
            return e;
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
    }

    /** 1 for the first entry, as numbered by {@link #next()}. */
    int ordinal() {
        return ordinal;
    }

    int read(byte[] b, int off, int len) throws BackupException {
        try {
            return tar.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
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
                    BackupException.Kind.CORRUPT, "The manifest in " + file + " is impossibly large.");
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
            for (int n; (n = buffered.read(b)) >= 0; ) {
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
                    "The backup " + file + " is damaged (" + m + " after " + compressedBytesRead()
                            + " bytes). Nothing was restored from it; use another backup.",
                    e);
        }
        if (e instanceof RuntimeException) {
            return new BackupException(
                    BackupException.Kind.CORRUPT,
                    "The backup " + file + " is damaged: its tar data cannot be read (" + e + ")."
                            + " Nothing was restored from it; use another backup.",
                    e);
        }
        return new BackupException(BackupException.Kind.IO, "Reading the backup " + file + " failed: " + m, e);
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
            tar.close();
        } catch (IOException e) {
            throw new BackupException(BackupException.Kind.IO, "Closing the backup " + file + " failed: " + e, e);
        }
    }
}
