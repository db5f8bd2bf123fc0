package dev.berth.backup;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdFrameProgression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Compresses into a file with zstd's own worker threads, through direct buffers (zstd-jni's
 * byte-array streams copy every buffer once more). Counts the bytes that reached the file; {@link
 * #close()} ends the frame and forces the file to disk.
 */
final class ZstdFileOutput extends OutputStream {
    private static final int BUFFER = 1024 * 1024;

    private final FileChannel channel;
    private final ZstdCompressCtx ctx;
    private final ByteBuffer src = ByteBuffer.allocateDirect(BUFFER);
    private final ByteBuffer dst = ByteBuffer.allocateDirect(BUFFER);
    private long written;
    private boolean closed;

    ZstdFileOutput(FileChannel channel, int level, int workers) {
        this.channel = channel;
        this.ctx = new ZstdCompressCtx();
        ctx.setLevel(level);
        ctx.setChecksum(true);
        ctx.setWorkers(workers);
    }

    /** Writes bytes to the file as they are, before any compressed data (the header frame). */
    void writeRaw(byte[] b) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b);
        while (bb.hasRemaining()) {
            written += channel.write(bb);
        }
    }

    /** Forces the bytes written to the file so far to disk (data only; the size changes anyway). */
    void force() throws IOException {
        channel.force(false);
    }

    long written() {
        return written;
    }

    /**
     * Estimated size of the finished file if {@code moreInput} more bytes were still to come:
     * what zstd produced so far plus everything not compressed yet at the ratio seen so far (1
     * before any job finished). Valid until {@link #abort()}.
     */
    long estimateFinalSize(long moreInput) {
        ZstdFrameProgression p = ctx.getFrameProgression();
        double ratio = p.getConsumed() > 0 ? Math.min(1.0, (double) p.getProduced() / p.getConsumed()) : 1.0;
        long pending = p.getIngested() - p.getConsumed() + src.position() + Math.max(0, moreInput);
        long unflushedHere = dst.position();
        return written - p.getFlushed() + p.getProduced() + unflushedHere + (long) (pending * ratio) + 64 * 1024;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int k = Math.min(src.remaining(), len);
            src.put(b, off, k);
            off += k;
            len -= k;
            if (!src.hasRemaining()) {
                src.flip();
                while (src.hasRemaining()) {
                    ctx.compressDirectByteBufferStream(dst, src, EndDirective.CONTINUE);
                    drain();
                }
                src.clear();
            }
        }
    }

    private void drain() throws IOException {
        dst.flip();
        while (dst.hasRemaining()) {
            written += channel.write(dst);
        }
        dst.clear();
    }

    /**
     * Ends the frame, forces the file to disk and closes it. When that fails the compressor stays
     * open (for {@link #estimateFinalSize}) until {@link #abort()}.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        src.flip();
        boolean done;
        do {
            done = ctx.compressDirectByteBufferStream(dst, src, EndDirective.END);
            drain();
        } while (!done);
        channel.force(true);
        closed = true;
        ctx.close();
        channel.close();
    }

    /** Frees the compressor and closes the file without ending the frame. */
    void abort() throws IOException {
        if (!closed) {
            closed = true;
            try {
                ctx.close();
            } finally {
                channel.close();
            }
        }
    }
}
