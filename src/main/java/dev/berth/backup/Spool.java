package dev.berth.backup;

import dev.berth.config.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Holds a stream whose length is not known yet (a database dump, a volume file that may have
 * changed): in memory up to a limit, then in a private (0600) file beside the archive, which is
 * removed on {@link #close()}.
 */
final class Spool implements AutoCloseable {
    static final String PREFIX = ".berth-spool-";
    private static final int MEMORY_LIMIT = 8 * 1024 * 1024;

    private final Path dir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private long size;

    Spool(Path dir) {
        this.dir = dir;
    }

    void write(byte[] b, int off, int len) throws IOException {
        if (memory != null && memory.size() + len > MEMORY_LIMIT) {
            file = dir.resolve(".berth-spool-"
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            AtomicFiles.createPrivate(file);
            fileOut = Files.newOutputStream(file);
            memory.writeTo(fileOut);
            memory = null;
        }
        if (memory != null) {
            memory.write(b, off, len);
        } else {
            fileOut.write(b, off, len);
        }
        size += len;
    }

    long size() {
        return size;
    }

    InputStream open() throws IOException {
        if (memory != null) {
            return new java.io.ByteArrayInputStream(memory.toByteArray());
        }
        fileOut.close();
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
