package dev.berth.backup;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SHA-256 of consecutive entries on a thread of its own. A verify pass spent about half of its
 * reading thread's Java time in SHA-256 while the zstd decoder's thread idled two thirds of the
 * time (JFR, session 5); here the reading thread only copies the bytes into 1 MiB batches (many
 * small files per batch, one hand-over per batch) and marks where each entry ends. The digests are
 * known after {@link #finish()}, numbered in the order {@link #end()} was called. One thread feeds
 * it ({@link #digest()}, {@link #end()}, {@link #finish()}); {@link #close()} stops the hasher.
 */
final class HashPipe implements AutoCloseable {
    private static final int BATCH = 1024 * 1024;
    private static final int DEPTH = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Bytes to hash; {@code ends} are the offsets at which an entry's digest is taken. */
    private record Batch(byte[] data, int length, int[] ends) {}

    private static final Batch END = new Batch(new byte[0], 0, new int[0]);

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    /** Written by the hasher only; read after it ended (join). */
    private final List<String> digests = new ArrayList<>();

    private final Thread hasher;
    private volatile Throwable failure;
    private volatile boolean closed;

    private byte[] current;
    private int length;
    private int[] ends = new int[256];
    private int endCount;
    private int entries;
    private boolean pending;
    private boolean finished;

    private final MessageDigest facade = new MessageDigest("SHA-256") {
        @Override
        protected void engineUpdate(byte input) {
            append(new byte[] {input}, 0, 1);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            append(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            throw new UnsupportedOperationException("the digests come from HashPipe.finish()");
        }

        @Override
        protected void engineReset() {
            if (pending) {
                throw new IllegalStateException("reset inside an entry: its bytes would count for the next one");
            }
        }
    };

    HashPipe() {
        for (int i = 0; i < DEPTH + 2; i++) {
            free.add(new byte[BATCH]);
        }
        hasher = new Thread(this::hashAll, "berth-sha256-" + THREADS.incrementAndGet());
        hasher.setDaemon(true);
        hasher.start();
    }

    /**
     * What the reading thread updates with an entry's bytes. {@code reset()} is allowed between
     * entries only; {@code digest()} is not: call {@link #end()}.
     */
    MessageDigest digest() {
        return facade;
    }

    /** Ends the current entry (its bytes are everything appended since the last end) and numbers it. */
    int end() throws InterruptedIOException {
        if (current == null) {
            current = takeFree();
        }
        if (endCount == ends.length) {
            ends = Arrays.copyOf(ends, endCount * 2);
        }
        ends[endCount++] = length;
        pending = false;
        return entries++;
    }

    /** Waits for the hasher and returns every entry's digest (lower-case hex), by number. */
    String[] finish() throws InterruptedIOException {
        if (!finished) {
            finished = true;
            if (length > 0 || endCount > 0) {
                send();
            }
            put(END);
        }
        try {
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the backup");
        }
        if (failure != null) {
            throw new IllegalStateException("hashing the backup failed: " + failure, failure);
        }
        if (digests.size() != entries) {
            throw new IllegalStateException("the hasher took " + digests.size() + " digests of " + entries);
        }
        return digests.toArray(new String[0]);
    }

    /** Stops the hasher (after {@link #finish()} it has ended already). */
    @Override
    public void close() {
        closed = true;
        hasher.interrupt();
        try {
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void append(byte[] b, int off, int len) {
        if (len > 0) {
            pending = true;
        }
        try {
            while (len > 0) {
                if (current == null) {
                    current = takeFree();
                }
                int k = Math.min(len, BATCH - length);
                System.arraycopy(b, off, current, length, k);
                length += k;
                off += k;
                len -= k;
                if (length == BATCH) {
                    send();
                }
            }
        } catch (InterruptedIOException e) {
            // MessageDigest.update cannot throw a checked exception; the pass sees the interrupt
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void send() throws InterruptedIOException {
        put(new Batch(current, length, Arrays.copyOf(ends, endCount)));
        current = null;
        length = 0;
        endCount = 0;
    }

    private byte[] takeFree() throws InterruptedIOException {
        try {
            while (true) {
                byte[] b = free.poll(100, TimeUnit.MILLISECONDS);
                if (b != null) {
                    return b;
                }
                checkHasher();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the backup");
        }
    }

    private void put(Batch b) throws InterruptedIOException {
        try {
            while (!full.offer(b, 100, TimeUnit.MILLISECONDS)) {
                checkHasher();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the backup");
        }
    }

    private void checkHasher() {
        if (!hasher.isAlive()) {
            throw new IllegalStateException(
                    "the hashing thread ended early" + (failure == null ? "" : ": " + failure), failure);
        }
    }

    private void hashAll() {
        MessageDigest md = Sha256.newDigest();
        HexFormat hex = HexFormat.of();
        try {
            while (!closed) {
                Batch b = full.take();
                if (b == END) {
                    return;
                }
                int pos = 0;
                for (int e : b.ends()) {
                    md.update(b.data(), pos, e - pos);
                    digests.add(hex.formatHex(md.digest()));
                    pos = e;
                }
                md.update(b.data(), pos, b.length() - pos);
                free.offer(b.data());
            }
        } catch (InterruptedException e) {
            // closed by the reader: nobody waits for the digests
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }
}
