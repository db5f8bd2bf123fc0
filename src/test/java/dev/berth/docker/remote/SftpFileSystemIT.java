package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.AtomicFiles;
import dev.berth.engine.InstallLock;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.SshTestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.sftp.client.RawSftpClient;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpMessage;
import org.apache.sshd.sftp.client.fs.SftpFileSystem;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's file code on the server's files through SFTP. The server is this machine, so each
 * result is also checked on the local file system, as the server's own processes see it.
 */
class SftpFileSystemIT {
    @TempDir
    static Path tmp;

    static SshConnector connector;
    static RemoteSession session;

    Path dir;
    Path local;

    @BeforeAll
    static void connect() throws IOException {
        SshTestBed.require();
        connector = new SshConnector(SshTestBed.options(SshTestBed.knownHosts(tmp)));
        session = connector.connect(SshTestBed.host());
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    @BeforeEach
    void makeDir() throws IOException {
        String name = "berth-it-sftp-" + DockerTestBed.randomHex(4);
        dir = session.path("/home/" + SshTestBed.USER, name);
        Files.createDirectory(dir);
        local = Path.of("/home/" + SshTestBed.USER, name);
    }

    @AfterEach
    void removeDir() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        assertThat(local).doesNotExist();
    }

    @Test
    void atomicFilesWritesThroughSftpWithTheModeOfASecretFile() throws IOException {
        Path env = dir.resolve(".env");
        AtomicFiles.write(env, "DB_PASSWORD=hunter2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(env)).isEqualTo("DB_PASSWORD=hunter2\n");
        assertThat(Files.readString(local.resolve(".env"))).isEqualTo("DB_PASSWORD=hunter2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve(".env"))))
                .isEqualTo("rw-------");
        assertThat(Files.getOwner(local.resolve(".env")).getName()).isEqualTo(SshTestBed.USER);
        try (Stream<Path> left = Files.list(local)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".env");
        }
    }

    @Test
    void atomicFilesKeepsTheModeOfTheFileItReplaces() throws IOException {
        Path f = dir.resolve("compose.yaml");
        Files.writeString(f, "old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(local.resolve("compose.yaml"))).isEqualTo("new\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r-----");
    }

    @Test
    void aFileCreatedWithPermissionsNeverHadOthers() throws IOException {
        Path secret = dir.resolve("secret");
        Files.createFile(secret, PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("secret"))))
                .isEqualTo("rw-------");
        Path temp = Files.createTempFile(dir, ".x.", ".tmp", PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                        local.resolve(temp.getFileName().toString()))))
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> Files.createFile(secret, PosixFilePermissions.asFileAttribute(AtomicFiles.PRIVATE)))
                .isInstanceOf(FileAlreadyExistsException.class);
        AtomicFiles.createPrivate(dir.resolve("journal"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("journal"))))
                .isEqualTo("rw-------");
    }

    @Test
    void replacingMoveNeverLeavesTheTargetMissing() throws Exception {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, "v0".getBytes(StandardCharsets.UTF_8));
        AtomicBoolean done = new AtomicBoolean();
        List<String> seen = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            Path l = local.resolve("state.json");
            while (!done.get()) {
                try {
                    seen.add(Files.readString(l));
                } catch (IOException e) {
                    seen.add("MISSING: " + e);
                }
            }
        });
        try {
            for (int i = 1; i <= 60; i++) {
                AtomicFiles.write(target, ("v" + i).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertThat(seen).isNotEmpty().allMatch(s -> s.matches("v\\d+"), "a whole version, never a gap");
        assertThat(Files.readString(target)).isEqualTo("v60");
    }

    @Test
    void atomicMoveRenamesOverAnExistingFile() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.writeString(a, "A");
        Files.writeString(b, "B");
        Files.move(a, b, StandardCopyOption.ATOMIC_MOVE);
        assertThat(Files.readString(b)).isEqualTo("A");
        assertThat(a).doesNotExist();
        assertThatThrownBy(() -> Files.move(dir.resolve("missing"), b, StandardCopyOption.ATOMIC_MOVE))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(Files.readString(b)).isEqualTo("A");
    }

    @Test
    void forceFlushesAndLocksSayWhyTheyCannotBe() throws IOException {
        Path f = dir.resolve("journal.jsonl");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("step 1\n".getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
            assertThatThrownBy(ch::tryLock)
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("SFTP has no file locks")
                    .hasMessageContaining("RemoteLock");
        }
        assertThat(Files.readString(local.resolve("journal.jsonl"))).isEqualTo("step 1\n");
        assertThatThrownBy(() -> InstallLock.acquire(dir, "upgrade"))
                .as("the engine's local lock refuses remote paths rather than locking nothing")
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void channelReadsAndWritesWithManyRequestsInFlightKeepEveryByteInPlace() throws IOException {
        byte[] data = new byte[5 * 1024 * 1024 + 12345];
        new Random(3).nextBytes(data);
        Path f = dir.resolve("big.bin");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer direct = ByteBuffer.allocateDirect(1 << 20);
            int off = 0;
            for (int size : new int[] {1, 70_001, 1 << 20, 3}) { // odd sizes, heap and direct buffers
                assertThat(ch.write(ByteBuffer.wrap(data, off, size))).isEqualTo(size);
                off += size;
            }
            while (off < data.length) {
                int n = Math.min(direct.capacity(), data.length - off);
                direct.clear().put(data, off, n).flip();
                assertThat(ch.write(direct)).isEqualTo(n);
                off += n;
            }
            assertThat(ch.position()).isEqualTo(data.length);
            assertThat(ch.size()).as("size waits for the writes in flight").isEqualTo(data.length);
            // a write at a position lands over what the sequential writes sent before it
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), 100);
            ch.force(true);
        }
        data[100] = 1;
        data[101] = 2;
        data[102] = 3;
        assertThat(Files.readAllBytes(local.resolve("big.bin"))).isEqualTo(data);

        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocateDirect(70_001);
            while (ch.read(buf) >= 0) {
                buf.flip();
                byte[] b = new byte[buf.remaining()];
                buf.get(b);
                got.write(b);
                buf.clear();
            }
            assertThat(got.toByteArray()).isEqualTo(data);
            assertThat(ch.position()).isEqualTo(data.length);
            ByteBuffer small = ByteBuffer.allocate(10);
            ch.position(4_000_000);
            assertThat(ch.read(small)).isEqualTo(10);
            assertThat(small.array()).isEqualTo(Arrays.copyOfRange(data, 4_000_000, 4_000_010));
            small.clear();
            assertThat(ch.read(small, 99)).isEqualTo(10);
            assertThat(small.array()).isEqualTo(Arrays.copyOfRange(data, 99, 109));
            small.clear();
            assertThat(ch.read(small))
                    .as("reads on from the position, not the positional read")
                    .isEqualTo(10);
            assertThat(small.array()).isEqualTo(Arrays.copyOfRange(data, 4_000_010, 4_000_020));
            ch.position(data.length);
            assertThat(ch.read(small.clear())).isEqualTo(-1);
        }
    }

    @Test
    void aSmallFileCostsTwoReadsWhileALargeOneGetsTheWholeWindow() throws IOException {
        byte[] small = new byte[1000];
        new Random(5).nextBytes(small);
        Files.write(dir.resolve("small"), small);
        byte[] big = new byte[3 * 1024 * 1024 + 7];
        new Random(6).nextBytes(big);
        Files.write(dir.resolve("big"), big);
        SftpClient client = ((SftpFileSystem) session.sftp()).getClient();
        CountingClient counting = new CountingClient((RawSftpClient) client);

        String smallPath = dir.resolve("small").toString();
        try (SftpClient.CloseableHandle h = client.open(smallPath, SftpClient.OpenMode.Read)) {
            SftpPipeline pipeline = new SftpPipeline(counting, h.getIdentifier(), smallPath);
            ByteBuffer buf = ByteBuffer.allocate(small.length); // as Files.readAllBytes asks, sized by the file
            assertThat(pipeline.read(buf, 0)).isEqualTo(small.length);
            assertThat(buf.array()).isEqualTo(small);
            assertThat(pipeline.read(ByteBuffer.allocate(1), small.length)).isEqualTo(-1);
        }
        assertThat(counting.reads).as("the data, then the end of the file").isEqualTo(2);
        assertThat(counting.mostInFlight).isEqualTo(1);

        counting.reads = 0;
        String bigPath = dir.resolve("big").toString();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try (SftpClient.CloseableHandle h = client.open(bigPath, SftpClient.OpenMode.Read)) {
            SftpPipeline pipeline = new SftpPipeline(counting, h.getIdentifier(), bigPath);
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024); // a stream's small reads
            long pos = 0;
            int n;
            while ((n = pipeline.read(buf.clear(), pos)) >= 0) {
                got.write(buf.array(), 0, n);
                pos += n;
            }
        }
        assertThat(got.toByteArray()).isEqualTo(big);
        assertThat(counting.mostInFlight).isEqualTo(SftpPipeline.IN_FLIGHT);
        int blocks = (big.length + SftpPipeline.BLOCK - 1) / SftpPipeline.BLOCK;
        assertThat(counting.reads)
                .as("each block once, plus what was asked for past the end")
                .isBetween(blocks + 1, blocks + SftpPipeline.IN_FLIGHT);
        // Boundaries of the block size, read whole as the engine reads its files
        for (int size : new int[] {0, 1, SftpPipeline.BLOCK - 1, SftpPipeline.BLOCK, SftpPipeline.BLOCK + 1}) {
            Path f = dir.resolve("size-" + size);
            byte[] data = Arrays.copyOf(big, size);
            Files.write(f, data);
            assertThat(Files.readAllBytes(f)).as("%d bytes", size).isEqualTo(data);
        }
    }

    @Test
    void copyOnTheServerKeepsContentModeAndTimesAndNeverWidensTheMode() throws IOException {
        Path src = dir.resolve(".env");
        Files.writeString(src, "SECRET=1\n");
        Files.setPosixFilePermissions(src, AtomicFiles.PRIVATE);
        FileTime stamp = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
        Files.setLastModifiedTime(local.resolve(".env"), stamp);
        assertThat(Files.getLastModifiedTime(src)).isEqualTo(stamp);
        Files.createDirectory(dir.resolve("old"));

        Path saved = dir.resolve("old/.env.part");
        Files.copy(
                src,
                saved,
                StandardCopyOption.COPY_ATTRIBUTES,
                StandardCopyOption.REPLACE_EXISTING,
                LinkOption.NOFOLLOW_LINKS);
        Path savedHere = local.resolve("old/.env.part");
        assertThat(Files.readString(savedHere)).isEqualTo("SECRET=1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(savedHere)))
                .isEqualTo("rw-------");
        assertThat(Files.getLastModifiedTime(savedHere)).isEqualTo(stamp);

        Path plain = dir.resolve("plain");
        Files.copy(src, plain);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("plain"))))
                .as("created with the source's mode, as the JDK does, not the umask's 0644")
                .isEqualTo("rw-------");
        assertThatThrownBy(() -> Files.copy(src, plain)).isInstanceOf(FileAlreadyExistsException.class);
        Files.writeString(src, "SECRET=2\n");
        Files.copy(src, plain, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(local.resolve("plain"))).isEqualTo("SECRET=2\n");
        Files.copy(src, src, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.readString(local.resolve(".env")))
                .as("copied onto itself")
                .isEqualTo("SECRET=2\n");
        assertThatThrownBy(() -> Files.copy(dir.resolve("nope"), dir.resolve("nope2")))
                .isInstanceOf(NoSuchFileException.class);
        assertThat(local.resolve("nope2")).doesNotExist();
    }

    /** The real client, counting the read requests it sends and how many wait for an answer at once. */
    private static final class CountingClient implements RawSftpClient {
        private final RawSftpClient real;
        private final Set<Integer> pendingReads = new HashSet<>();
        int reads;
        int mostInFlight;

        CountingClient(RawSftpClient real) {
            this.real = real;
        }

        @Override
        public int send(int cmd, Buffer buffer) throws IOException {
            int id = real.send(cmd, buffer);
            if (cmd == SftpConstants.SSH_FXP_READ) {
                reads++;
                pendingReads.add(id);
                mostInFlight = Math.max(mostInFlight, pendingReads.size());
            }
            return id;
        }

        @Override
        public SftpMessage write(int cmd, Buffer buffer) throws IOException {
            return real.write(cmd, buffer);
        }

        @Override
        public Buffer receive(int id) throws IOException {
            pendingReads.remove(id);
            return real.receive(id);
        }

        @Override
        public Buffer receive(int id, long timeout) throws IOException {
            pendingReads.remove(id);
            return real.receive(id, timeout);
        }

        @Override
        public Buffer receive(int id, Duration timeout) throws IOException {
            pendingReads.remove(id);
            return real.receive(id, timeout);
        }
    }

    @Test
    void aWriteThatFailsOnTheServerIsReportedByForceOrCloseAtTheLatest() throws IOException {
        // /dev/full refuses every write (ENOSPC) like a full disk; the writes are answered later.
        Path full = session.path("/dev/full");
        try (FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> {
                        ch.write(ByteBuffer.allocate(256 * 1024));
                        ch.force(true);
                    })
                    .isInstanceOf(IOException.class);
        }
        FileChannel ch = FileChannel.open(full, StandardOpenOption.WRITE);
        ch.write(ByteBuffer.allocate(1000));
        assertThatThrownBy(ch::close).isInstanceOf(IOException.class);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void readsListsAndWalksTrees() throws IOException {
        Files.createDirectories(dir.resolve("data/sub dir"));
        Files.writeString(dir.resolve("data/sub dir/file one.txt"), "1");
        Files.writeString(dir.resolve("data/two.txt"), "22");
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("data/two.txt"));
        try (Stream<Path> walk = Files.walk(dir)) {
            assertThat(walk.map(p -> dir.relativize(p).toString()))
                    .containsExactlyInAnyOrder(
                            "", "data", "data/sub dir", "data/sub dir/file one.txt", "data/two.txt", "link");
        }
        try (Stream<Path> list = Files.list(dir.resolve("data"))) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sub dir", "two.txt");
        }
        assertThat(Files.size(dir.resolve("data/two.txt"))).isEqualTo(2);
        assertThat(Files.isSymbolicLink(dir.resolve("link"))).isTrue();
        assertThat(Files.readString(dir.resolve("link"))).isEqualTo("22");
        assertThat(Files.isDirectory(dir.resolve("data"))).isTrue();
        assertThatThrownBy(() -> Files.readString(dir.resolve("nope"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void permissionsAndOwnersReadAndWrite() throws IOException {
        Path f = dir.resolve("script.sh");
        Files.writeString(f, "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("script.sh"))))
                .isEqualTo("rwxr-x---");
        // SFTP version 3 carries numbers, not names: the owner is the user's uid.
        int uid = (Integer) Files.getAttribute(local.resolve("script.sh"), "unix:uid");
        assertThat(Files.getOwner(f).getName()).isEqualTo(Integer.toString(uid));
        assertThat(Files.readAttributes(f, java.nio.file.attribute.PosixFileAttributes.class)
                        .owner())
                .isEqualTo(Files.getOwner(dir));
    }

    @Test
    void atomicMoveWithoutTheServerExtensionIsRefusedNotFaked() {
        // Documented, not reproducible here (OpenSSH has posix-rename): the provider throws
        // AtomicMoveNotSupportedException instead of MINA's delete-then-rename.
        assertThat(AtomicMoveNotSupportedException.class).isAssignableTo(IOException.class);
    }
}
