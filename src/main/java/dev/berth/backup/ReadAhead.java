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
import java.util.ArrayList;
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
 *
 * <p>Messages travel in batches: small files are read into a shared pooled buffer, many to a
 * batch (up to {@link #CHUNK} bytes or {@link #BATCH_MESSAGES} messages), so 40,000 small files
 * cost about a thousand hand-overs between the threads instead of 40,000, and no array each. A
 * batch's buffers go back to the pool when the writer asks for the message after its last one.
 */
final class ReadAhead implements AutoCloseable {
    static final int CHUNK = 256 * 1024;
    private static final int DEPTH = 64;
    private static final int BATCH_MESSAGES = 256;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** What the reader learned about one file: a chunk of its data, its end, or why it has none. */
    sealed interface Msg permits Chunk, Whole, End, Gone, Failed {}

    /** {@code length} bytes of a file at {@code offset} of {@code data} (a pooled buffer). */
    record Chunk(byte[] data, int offset, int length) implements Msg {}

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

    /** Messages in order, and the pooled buffers they point into (free once all were written). */
    private record Batch(List<Msg> messages, List<byte[]> buffers) {}

    private final List<Job> jobs;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> pool = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread reader;
    private volatile boolean closed;

    // reader side: the batch being filled
    private List<Msg> pending = new ArrayList<>();
    private List<byte[]> pendingBuffers = new ArrayList<>();
    private byte[] pack;
    private int packed;

    // writer side: the batch being consumed
    private Batch current;
    private int index;

    ReadAhead(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
        for (int i = 0; i < DEPTH + 2; i++) {
            pool.add(new byte[CHUNK]);
        }
        this.reader = new Thread(this::readAll, "berth-backup-reader-" + THREADS.incrementAndGet());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * The next message of the current file, in the order of the jobs. The chunks of earlier
     * messages must have been written by now: their buffers may be reused.
     */
    Msg next() throws IOException {
        try {
            while (current == null || index == current.messages().size()) {
                if (current != null) {
                    for (byte[] b : current.buffers()) {
                        pool.offer(b);
                    }
                }
                current = queue.take();
                index = 0;
            }
            Msg m = current.messages().get(index++);
            if (m == STOP) {
                throw new IllegalStateException("the reader ended before the writer asked for every file");
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the files to back up");
        }
    }

    /** A chunk's bytes were written (its buffer goes back to the pool with its batch). */
    void release(Chunk c) {
        // the batch's buffers are returned by next()
    }

    private void add(Msg m) throws InterruptedException {
        pending.add(m);
        if (pending.size() >= BATCH_MESSAGES) {
            flush();
        }
    }

    /** Hands the messages collected so far to the writer, with the buffers they point into. */
    private void flush() throws InterruptedException {
        if (pack != null) {
            pendingBuffers.add(pack);
            pack = null;
        }
        if (pending.isEmpty()) {
            for (byte[] b : pendingBuffers) {
                pool.offer(b);
            }
            pendingBuffers.clear();
            return;
        }
        queue.put(new Batch(pending, pendingBuffers));
        pending = new ArrayList<>();
        pendingBuffers = new ArrayList<>();
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
            pending.add(STOP);
            flush();
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
            add(new Gone());
            return;
        } catch (IOException e) {
            add(new Failed(e));
            return;
        }
        sha.reset();
        long size = j.meta().size();
        long remaining = size;
        boolean dirty = false;
        Chunk last = null;
        boolean small = size <= CHUNK;
        if (!small) {
            flush(); // the chunks of a large file go one by one, after what came before
        }
        try (in) {
            while (remaining > 0) {
                int want = (int) Math.min(CHUNK, remaining);
                byte[] buf;
                int off;
                if (small) {
                    if (pack != null && CHUNK - packed < want) {
                        flush();
                    }
                    if (pack == null) {
                        pack = pool.take();
                        packed = 0;
                    }
                    buf = pack;
                    off = packed;
                    packed += want;
                } else {
                    buf = pool.take();
                    off = 0;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, off, want);
                while (bb.hasRemaining()) {
                    if (in.read(bb) < 0) {
                        break;
                    }
                }
                int n = bb.position() - off;
                if (n < want) {
                    // The file shrank while the app wrote it: pad as tar does; phase 2 stores it again.
                    java.util.Arrays.fill(buf, off + n, off + want, (byte) 0);
                    dirty = true;
                }
                sha.update(buf, off, want);
                remaining -= want;
                Chunk c = new Chunk(buf, off, want);
                if (small) {
                    last = c; // sent with the end below
                } else {
                    queue.put(new Batch(List.of(c), List.of(buf)));
                }
            }
        } catch (IOException e) {
            add(new Failed(e));
            return;
        }
        try {
            if (!FileMeta.read(j.path()).sameAs(j.meta())) {
                dirty = true;
            }
        } catch (NoSuchFileException e) {
            dirty = true;
        } catch (IOException e) {
            add(new Failed(e));
            return;
        }
        End end = new End(HexFormat.of().formatHex(sha.digest()), dirty, readStart);
        add(last == null ? end : new Whole(last, end));
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
