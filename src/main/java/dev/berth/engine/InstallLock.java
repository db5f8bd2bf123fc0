package dev.berth.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Keeps two Berth processes from working on the same install at once: an OS lock on {@code
 * .berth/lock}, which the OS releases when the holder dies (so a kill -9 never leaves a stale
 * lock). The file names the holder so the second process can say who it is.
 *
 * <p>Java takes {@code fcntl} locks, which {@code flock(1)} does not see on Linux: where {@code
 * flock} exists Berth uses the flock-based {@link RunLock} instead, so that a Berth working on the
 * same install over SSH is excluded too. This one is for systems without it (macOS, Windows).
 */
public final class InstallLock implements RunLock.Held {
    private final FileChannel channel;
    private final FileLock lock;

    private InstallLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of an install.
     *
     * @param what what this process is about to do, shown to a second process
     * @throws RunLock.LockedException when another process holds it
     */
    public static InstallLock acquire(Path install, String what) {
        Path file = RunLock.file(install);
        try {
            Files.createDirectories(file.getParent());
            FileChannel ch = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                ch.close();
                throw new RunLock.LockedException(
                        holder.isEmpty()
                                ? Text.of(Text.Key.RESULT_LOCKED, install.toString())
                                : Text.of(Text.Key.RESULT_LOCKED_BY, install.toString(), holder));
            }
            String me = "pid " + ProcessHandle.current().pid() + " of " + System.getProperty("user.name") + ", " + what
                    + ", since " + Instant.now();
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(true);
            return new InstallLock(ch, l);
        } catch (IOException e) {
            throw EngineIOException.of(Text.Key.ERROR_LOCK_FAILED, file, e);
        }
    }

    /**
     * Whether a process (another one, or this one) holds the install's lock now, that is, a run on
     * it is going on. Never waits and writes nothing; a journal of such an install is not
     * unfinished but in progress.
     */
    public static boolean held(Path install) {
        Path file = Journal.berthDir(install).resolve("lock");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                return true;
            }
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (IOException e) {
            return false; // cannot tell: treat the journal as unfinished, as before
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
