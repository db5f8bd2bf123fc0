package dev.berth.backup;

import com.github.luben.zstd.ZstdDecompressCtx;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Decompresses a zstd file (skippable frames included) through direct buffers, about 2.5 times
 * faster than zstd-jni's byte-array stream. A file that ends inside a frame throws {@link
 * EOFException}; damaged data throws zstd-jni's {@code ZstdException}.
 */
final class ZstdFileInput extends InputStream {
    private static final int BUFFER = 1024 * 1024;

    private final FileChannel channel;
    private final ZstdDecompressCtx ctx = new ZstdDecompressCtx();
    private final ByteBuffer src = ByteBuffer.allocateDirect(BUFFER).flip();
    private final ByteBuffer dst = ByteBuffer.allocateDirect(BUFFER).flip();
    private boolean frameDone = true;
    private boolean eof;
    private long read;

    ZstdFileInput(FileChannel channel) {
        this.channel = channel;
    }

    /** Compressed bytes read from the file so far. */
    long compressedBytesRead() {
        return read;
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
        while (!dst.hasRemaining()) {
            if (!src.hasRemaining()) {
                if (eof) {
                    return -1;
                }
                src.clear();
                int n = channel.read(src);
                src.flip();
                if (n < 0) {
                    eof = true;
                    if (!frameDone) {
                        throw new EOFException("Truncated zstd data: the file ends inside a frame");
                    }
                    return -1;
                }
                read += n;
            }
            dst.clear();
            frameDone = ctx.decompressDirectByteBufferStream(dst, src);
            dst.flip();
        }
        int k = Math.min(len, dst.remaining());
        dst.get(b, off, k);
        return k;
    }

    @Override
    public void close() throws IOException {
        try {
            ctx.close();
        } finally {
            channel.close();
        }
    }
}
