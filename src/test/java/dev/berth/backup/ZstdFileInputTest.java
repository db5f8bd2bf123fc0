package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZstdFileInputTest {
    @TempDir
    Path tmp;

    /** 24 MiB of half-compressible data: many more decoded chunks than the reader's queue holds. */
    private Path compressed() throws IOException {
        Path f = tmp.resolve("data.zst");
        byte[] block = new byte[1024 * 1024];
        SplittableRandom r = new SplittableRandom(7);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ZstdFileOutput out = new ZstdFileOutput(ch, 3, 1)) {
            for (int i = 0; i < 24; i++) {
                for (int j = 0; j < block.length; j += 2) {
                    block[j] = (byte) r.nextInt(256);
                }
                out.write(block, 0, block.length);
            }
        }
        return f;
    }

    private static long drain(ZstdFileInput in, long pauseMillis) throws IOException, InterruptedException {
        byte[] b = new byte[1024 * 1024];
        long total = 0;
        for (int n; (n = in.read(b, 0, b.length)) >= 0; ) {
            total += n;
            Thread.sleep(pauseMillis); // a reader slower than the decoder, as when it hashes and writes
        }
        return total;
    }

    @Test
    void aSoundFileDecodesCompletely() throws Exception {
        Path f = compressed();
        try (ZstdFileInput in = new ZstdFileInput(FileChannel.open(f, StandardOpenOption.READ))) {
            assertThat(drain(in, 0)).isEqualTo(24L * 1024 * 1024);
        }
    }

    @Test
    void damageFoundWhileTheReaderLagsReachesTheReaderInsteadOfHangingIt() throws Exception {
        Path f = compressed();
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            long at = raf.length() * 3 / 4;
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xff);
        }
        try (ZstdFileInput in = new ZstdFileInput(FileChannel.open(f, StandardOpenOption.READ))) {
            Thread.sleep(500); // the decoder runs ahead and fills the queue before the damage
            assertThat(Files.size(f)).isPositive();
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> assertThatThrownBy(() -> drain(in, 30)).isInstanceOf(Exception.class));
        }
    }

    @Test
    void slicesAndReadsMixedGiveTheSameBytesAndEveryBufferIsLeftOnce() throws Exception {
        Path f = tmp.resolve("mixed.zst");
        byte[] plain = new byte[5 * 1024 * 1024 + 123];
        new SplittableRandom(3).nextBytes(plain);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ZstdFileOutput out = new ZstdFileOutput(ch, 3, 1)) {
            out.write(plain, 0, plain.length);
        }
        java.util.List<java.nio.ByteBuffer> left = new java.util.ArrayList<>();
        byte[] got = new byte[plain.length];
        try (ZstdFileInput in = new ZstdFileInput(FileChannel.open(f, StandardOpenOption.READ))) {
            in.onLeave(b -> {
                // left only once (identity: buffers compare by content)
                assertThat(left.stream().noneMatch(x -> x == b)).isTrue();
                left.add(b);
                in.recycle(b);
            });
            SplittableRandom r = new SplittableRandom(5);
            int at = 0;
            while (at < got.length) {
                int want = 1 + r.nextInt(700_000);
                if (r.nextBoolean()) {
                    java.nio.ByteBuffer s = in.slice(want);
                    assertThat(s).isNotNull();
                    assertThat(s.isDirect()).isTrue();
                    assertThat(s.remaining()).isBetween(1, want);
                    int k = s.remaining();
                    s.get(got, at, k);
                    at += k;
                } else {
                    int n = in.read(got, at, Math.min(want, got.length - at));
                    assertThat(n).isPositive();
                    at += n;
                }
            }
            assertThat(in.slice(10)).isNull();
            assertThat(in.read(new byte[1], 0, 1)).isEqualTo(-1);
        }
        assertThat(got).isEqualTo(plain);
        assertThat(left).hasSize(6); // 5 MiB + 123 bytes: six 1 MiB buffers, each left once
    }
}
