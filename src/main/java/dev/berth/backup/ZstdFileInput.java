package dev.berth.backup;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decompresses a zstd file (skippable frames included) on a thread of its own, through direct
 * buffers (about 2.5 times faster than zstd-jni's byte-array stream), so the reader parses, hashes
 * and writes while the next megabytes are decoded, as {@code zstd -d | tar -x} does with two
 * processes. A file that ends inside a frame throws {@link EOFException}; damaged data throws
 * zstd-jni's {@code ZstdException}; both reach the reader on its own thread.
 */
final class ZstdFileInput extends InputStream {
    private static final int CHUNK = 1024 * 1024;
    private static final int DEPTH = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Decoded bytes, the end of the data, or a failure. */
    private record Chunk(byte[] data, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, -1, null);
    }

    private final FileChannel channel;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final AtomicLong compressedRead = new AtomicLong();
    private final Thread decoder;
    private volatile boolean closed;
    private Chunk current;
    private int pos;

    ZstdFileInput(FileChannel channel) {
        this.channel = channel;
        for (int i = 0; i < DEPTH + 2; i++) {
            free.add(new byte[CHUNK]);
        }
        this.decoder = new Thread(this::decode, "berth-zstd-decoder-" + THREADS.incrementAndGet());
        decoder.setDaemon(true);
        decoder.start();
    }

    /** Compressed bytes read from the file so far (slightly ahead of what the reader consumed). */
    long compressedBytesRead() {
        return compressedRead.get();
    }

    private void decode() {
        try (ZstdDecompressCtx ctx = new ZstdDecompressCtx()) {
            ByteBuffer src = ByteBuffer.allocateDirect(CHUNK).flip();
            ByteBuffer dst = ByteBuffer.allocateDirect(CHUNK);
            boolean frameDone = true;
            byte[] out = free.take();
            int filled = 0;
            while (!closed) {
                if (!src.hasRemaining()) {
                    src.clear();
                    int n = channel.read(src);
                    src.flip();
                    if (n < 0) {
                        if (!frameDone) {
                            throw new EOFException("Truncated zstd data: the file ends inside a frame");
                        }
                        break;
                    }
                    compressedRead.addAndGet(n);
                }
                dst.clear().limit(out.length - filled);
                frameDone = ctx.decompressDirectByteBufferStream(dst, src);
                dst.flip();
                int k = dst.remaining();
                dst.get(out, filled, k);
                filled += k;
                if (filled == out.length) {
                    full.put(new Chunk(out, filled, null));
                    out = free.take();
                    filled = 0;
                }
            }
            if (filled > 0) {
                full.put(new Chunk(out, filled, null));
            }
            full.put(Chunk.END);
        } catch (InterruptedException e) {
            // closed by the reader: nobody waits for more data
        } catch (Throwable t) {
            if (!closed) {
                try {
                    // put, not offer: with the queue full, offer dropped the failure and the reader
                    // waited for a chunk that never came (a truncated archive hung the restore)
                    full.put(new Chunk(null, -1, t));
                } catch (InterruptedException e) {
                    // closed by the reader: nobody waits for the failure
                }
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || pos == current.length()) {
            if (current == Chunk.END) {
                return -1;
            }
            if (current != null && current.data() != null) {
                free.offer(current.data());
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the backup");
            }
            pos = 0;
            if (current.failure() != null) {
                Throwable t = current.failure();
                current = Chunk.END;
                if (t instanceof IOException io) {
                    throw io;
                }
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                throw new IOException(t);
            }
            if (current == Chunk.END) {
                return -1;
            }
        }
        int k = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, k);
        pos += k;
        return k;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        decoder.interrupt();
        try {
            decoder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel.close();
        }
    }
}
