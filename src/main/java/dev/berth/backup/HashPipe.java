package dev.berth.backup;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * SHA-256 of consecutive entries on a thread of its own. A verify pass spent about half of its
 * reading thread's Java time in SHA-256 while the zstd decoder's thread idled two thirds of the
 * time (JFR, session 5); here the reading thread only says which bytes belong to which entry.
 * Bytes come either as views of the decoder's buffers ({@link #add}, no copy: the buffer goes to
 * the hasher with {@link #release} when the reader leaves it, and back to its owner after it was
 * hashed) or through {@link #digest()}, which copies them into 1 MiB batches. Entry ends are
 * marked with {@link #end()}; one hand-over per buffer or batch, not per entry. The digests are
 * known after {@link #finish()}, numbered in the order {@link #end()} was called. One thread feeds
 * it; {@link #close()} stops the hasher.
 */
final class HashPipe implements AutoCloseable {
    private static final int BATCH = 1024 * 1024;
    private static final int DEPTH = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Marks an entry's end among the pieces of a batch. */
    private static final ByteBuffer END_OF_ENTRY = ByteBuffer.allocate(0);

    /**
     * Pieces to hash in order (views, or {@link #END_OF_ENTRY}); then {@code heap} goes back to the
     * copy pool and {@code owned} to its owner.
     */
    private record Batch(ByteBuffer[] pieces, byte[] heap, ByteBuffer owned) {}

    private static final Batch END = new Batch(new ByteBuffer[0], null, null);

    private final BlockingQueue<Batch> full = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Consumer<ByteBuffer> giveBack;
    /** Written by the hasher only; read after it ended (join). */
    private final List<String> digests = new ArrayList<>();

    private final Thread hasher;
    private volatile Throwable failure;
    private volatile boolean closed;

    private final List<ByteBuffer> pieces = new ArrayList<>();
    /** The copy batch, its fill level, and where its last piece starts (-1: no open piece). */
    private byte[] current;

    private int length;
    private int heapPiece = -1;
    private int heapStart;
    private int entries;
    private boolean pending;
    /** Views were added since the last {@link #release}: the buffer must wait for the hasher. */
    private boolean viewsOut;

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

    /** A pipe for copied bytes only. */
    HashPipe() {
        this(b -> {});
    }

    /** @param giveBack where buffers handed over with {@link #release} go once hashed (hasher's thread) */
    HashPipe(Consumer<ByteBuffer> giveBack) {
        this.giveBack = giveBack;
        for (int i = 0; i < DEPTH + 2; i++) {
            free.add(new byte[BATCH]);
        }
        hasher = new Thread(this::hashAll, "berth-sha256-" + THREADS.incrementAndGet());
        hasher.setDaemon(true);
        hasher.start();
    }

    /**
     * What the reading thread updates with an entry's bytes (copied). {@code reset()} is allowed
     * between entries only; {@code digest()} is not: call {@link #end()}.
     */
    MessageDigest digest() {
        return facade;
    }

    /**
     * Adds bytes of the current entry without copying them: {@code view} (its remaining bytes) must
     * stay unchanged until the buffer it points into was handed over with {@link #release}.
     */
    void add(ByteBuffer view) {
        if (view.hasRemaining()) {
            pending = true;
            pieces.add(view);
            heapPiece = -1;
            viewsOut = true;
        }
    }

    /**
     * The reader is done with {@code buffer}: it goes to the hasher with the views added so far
     * (all of which point into it or into copies) and comes back through {@code giveBack} once they
     * were hashed; right away when there is nothing to hash.
     */
    void release(ByteBuffer buffer) {
        if (!viewsOut) {
            giveBack.accept(buffer);
            return;
        }
        viewsOut = false;
        try {
            send(buffer);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Ends the current entry (its bytes are everything added since the last end) and numbers it. */
    int end() {
        pieces.add(END_OF_ENTRY);
        heapPiece = -1;
        pending = false;
        return entries++;
    }

    /** Waits for the hasher and returns every entry's digest (lower-case hex), by number. */
    String[] finish() throws InterruptedIOException {
        if (!finished) {
            finished = true;
            if (!pieces.isEmpty() || current != null) {
                send(null);
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
                    length = 0;
                }
                int k = Math.min(len, BATCH - length);
                System.arraycopy(b, off, current, length, k);
                if (heapPiece < 0) {
                    heapStart = length;
                    heapPiece = pieces.size();
                    pieces.add(null);
                }
                length += k;
                pieces.set(heapPiece, ByteBuffer.wrap(current, heapStart, length - heapStart));
                off += k;
                len -= k;
                if (length == BATCH) {
                    send(null);
                }
            }
        } catch (InterruptedIOException e) {
            // MessageDigest.update cannot throw a checked exception; the pass sees the interrupt
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void send(ByteBuffer owned) throws InterruptedIOException {
        put(new Batch(pieces.toArray(new ByteBuffer[0]), current, owned));
        pieces.clear();
        current = null;
        length = 0;
        heapPiece = -1;
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
                for (ByteBuffer p : b.pieces()) {
                    if (p == END_OF_ENTRY) {
                        digests.add(hex.formatHex(md.digest()));
                    } else {
                        md.update(p);
                    }
                }
                if (b.heap() != null) {
                    free.offer(b.heap());
                }
                if (b.owned() != null) {
                    giveBack.accept(b.owned());
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader: nobody waits for the digests
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }
}
