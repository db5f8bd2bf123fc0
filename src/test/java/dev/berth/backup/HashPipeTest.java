package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashPipeTest {
    @Test
    void digestsMatchSha256OfEachEntryAcrossBatchBoundaries() throws Exception {
        SplittableRandom r = new SplittableRandom(11);
        // empty entries, small files many to a batch, entries that end exactly on and span 1 MiB batches
        int[] sizes = {0, 1, 0, 4095, 1024 * 1024 - 4096, 1024 * 1024, 0, 3 * 1024 * 1024 + 17, 512, 0};
        List<String> expected = new ArrayList<>();
        try (HashPipe pipe = new HashPipe()) {
            MessageDigest md = pipe.digest();
            for (int round = 0; round < 3; round++) {
                for (int size : sizes) {
                    byte[] data = new byte[size];
                    r.nextBytes(data);
                    md.reset();
                    // in uneven pieces, as a reader hands them over
                    for (int off = 0; off < size; ) {
                        int k = Math.min(size - off, 1 + r.nextInt(300_000));
                        md.update(data, off, k);
                        off += k;
                    }
                    assertThat(pipe.end()).isEqualTo(expected.size());
                    expected.add(HexFormat.of().formatHex(Sha256.newDigest().digest(data)));
                }
            }
            assertThat(pipe.finish()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void resetInsideAnEntryIsRefused() {
        try (HashPipe pipe = new HashPipe()) {
            MessageDigest md = pipe.digest();
            md.update(new byte[] {1, 2, 3});
            assertThatThrownBy(md::reset).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(md::digest).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Test
    void closeWithoutFinishStopsTheHasher() throws Exception {
        HashPipe pipe = new HashPipe();
        pipe.digest().update(new byte[5 * 1024 * 1024]);
        pipe.close();
        Thread.sleep(10);
        assertThat(Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("berth-sha256-") && t.isAlive())
                        .count())
                .isZero();
    }

    @Test
    void viewsOfABufferAreHashedBeforeTheBufferIsGivenBack() throws Exception {
        SplittableRandom r = new SplittableRandom(13);
        java.util.concurrent.BlockingQueue<java.nio.ByteBuffer> back = new java.util.concurrent.LinkedBlockingQueue<>();
        List<String> expected = new ArrayList<>();
        List<java.nio.ByteBuffer> buffers = new ArrayList<>();
        try (HashPipe pipe = new HashPipe(back::add)) {
            // entries spanning buffers, several to a buffer, empty ones, and copied bytes between views
            java.io.ByteArrayOutputStream entry = new java.io.ByteArrayOutputStream();
            for (int round = 0; round < 40; round++) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(64 * 1024);
                byte[] content = new byte[buf.capacity()];
                r.nextBytes(content);
                buf.put(content).flip();
                buffers.add(buf);
                int at = 0;
                while (at < content.length) {
                    int k = Math.min(content.length - at, 1 + r.nextInt(30_000));
                    pipe.add(buf.slice(at, k));
                    entry.write(content, at, k);
                    at += k;
                    if (r.nextInt(3) == 0) {
                        byte[] copied = new byte[r.nextInt(100)];
                        r.nextBytes(copied);
                        pipe.digest().update(copied);
                        entry.write(copied);
                    }
                    if (r.nextInt(4) == 0) {
                        pipe.end();
                        expected.add(HexFormat.of().formatHex(Sha256.newDigest().digest(entry.toByteArray())));
                        entry.reset();
                    }
                }
                pipe.release(buf);
                // a buffer comes back only after its views were hashed; then the reader may reuse it
                java.nio.ByteBuffer given = back.poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(given).isSameAs(buf);
                java.nio.ByteBuffer scribble = given.duplicate().clear();
                while (scribble.hasRemaining()) {
                    scribble.put((byte) 0x5a);
                }
            }
            pipe.end();
            expected.add(HexFormat.of().formatHex(Sha256.newDigest().digest(entry.toByteArray())));
            assertThat(pipe.finish()).containsExactlyElementsOf(expected);
        }
        assertThat(back).isEmpty();
        assertThat(buffers).hasSize(40);
    }
}
