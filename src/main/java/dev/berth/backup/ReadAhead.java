package dev.berth.backup;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads and hashes the files of one folder on a thread of its own, in the order the writer stores
 * them, so reading (system calls, page cache copies) and SHA-256 run beside the thread that writes
 * tar and feeds zstd's workers, as {@code tar | zstd} runs its two processes side by side. At most
 * {@link #DEPTH} chunks of {@link #CHUNK} bytes are in flight. A file that shrank while it was read
 * is padded with zeros (hashed too) and marked dirty, as the writer did on its own thread; one
 * whose metadata changed during the read is marked dirty. Not thread-safe on the consumer side: one
 * thread calls {@link #next} and {@link #release}.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK = 256 * 1024;
    private static final int DEPTH = 64;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What the reader learned about one file: a chunk of its data, its end, or why it has none. */
    sealed interface Msg permits Chunk, Whole, End, Gone, Failed {}

    record Chunk(byte[] data, int length) implements Msg {}

    /** A file of at most one chunk, with its end: one hand-over instead of two for small files. */
    record Whole(Chunk chunk, End end) implements Msg {}

    /** The file was read completely; {@code dirty} when it changed while it was read. */
    record End(String sha256, boolean dirty, Instant readStart) implements Msg {}

    /** The file disappeared before it could be opened. */
    record Gone() implements Msg {}

    record Failed(IOException error) implements Msg {}

    /** A file to read: its path and the metadata the scan saw (the size is what tar records). */
    record Job(Path path, FileMeta meta) {}

    private static final Msg STOP = new Gone();

    private final List<Job> jobs;
    private final BlockingQueue<Msg> queue = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread reader;
    private volatile boolean closed;

    ReadAhead(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
        for (int i = 0; i < DEPTH + 2; i++) {
            pool.add(new byte[CHUNK]);
        }
        this.reader = new Thread(this::readAll, "berth-backup-reader-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /** The next message of the current file, in the order of the jobs. */
    Msg next() throws IOException {
        try {
            Msg m = queue.take();
            if (m == STOP) {
                throw new IllegalStateException("the reader ended before the writer asked for every file");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the files to back up");
        }
    }

    /** Gives a chunk's buffer back once its bytes were written. */
    void release(Chunk c) {
        if (c.data().length == CHUNK) {
            pool.offer(c.data());
        }
    }

    private void readAll() {
        MessageDigest sha = Sha256.newDigest();
        try {
            for (Job j : jobs) {
                if (closed) {
                    return;
                }
                read(j, sha);
            }
            queue.put(STOP);
        } catch (InterruptedException e) {
            // closed by the writer: nobody waits for more
        }
    }

    private void read(Job j, MessageDigest sha) throws InterruptedException {
        Instant readStart = Instant.now();
        FileChannel in;
        try {
            in = FileChannel.open(j.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            queue.put(new Gone());
            return;
        } catch (IOException e) {
            queue.put(new Failed(e));
            return;
        }
        sha.reset();
        long size = j.meta().size();
        long remaining = size;
        boolean dirty = false;
        Chunk last = null;
        try (in) {
            while (remaining > 0) {
                int want = (int) Math.min(CHUNK, remaining);
                byte[] buf = want == CHUNK ? pool.take() : new byte[want];
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, want);
                while (bb.hasRemaining()) {
                    if (in.read(bb) < 0) {
                        break;
                    }
                }
                int n = bb.position();
                if (n < want) {
                    // The file shrank while the app wrote it: pad as tar does; phase 2 stores it again.
                    java.util.Arrays.fill(buf, n, want, (byte) 0);
                    dirty = true;
                }
                sha.update(buf, 0, want);
                remaining -= want;
                Chunk c = new Chunk(buf, want);
                if (remaining == 0 && size <= CHUNK) {
                    last = c; // sent with the end below
                } else {
                    queue.put(c);
                }
            }
        } catch (IOException e) {
            queue.put(new Failed(e));
            return;
        }
        try {
            if (!FileMeta.read(j.path()).sameAs(j.meta())) {
                dirty = true;
            }
        } catch (NoSuchFileException e) {
            dirty = true;
        } catch (IOException e) {
            queue.put(new Failed(e));
            return;
        }
        End end = new End(HexFormat.of().formatHex(sha.digest()), dirty, readStart);
        queue.put(last == null ? end : new Whole(last, end));
    }

    /** Stops the reader and waits for it (it may be blocked on a full queue). */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
