package dev.berth.docker.remote;

import dev.berth.docker.CommandRunner;
import dev.berth.docker.RunningCommand;
import dev.berth.engine.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote twin of the engine's {@code InstallLock}: SFTP has no file locks, so the lock is taken
 * on the server by {@code flock(1)} on the same file ({@code .berth/lock}) and held by a command
 * that lives as long as this object. The server releases it when the holder goes away for any
 * reason: {@link #close()}, this process dying (the SSH connection closes), or the network vanishing
 * (no heartbeat for {@value #HEARTBEAT_LIMIT_SECONDS} s). The file names the holder, so a second
 * process can say who it is.
 *
 * <p>{@code flock(1)} takes {@code flock(2)} locks; Java's {@code FileChannel.lock} takes {@code
 * fcntl} locks, and on Linux the two do not see each other. A Berth CLI running on the server
 * itself must therefore lock the same way (see docs/adr/0007-ssh-remote.md).
 *
 * <p>Needs {@code flock}, {@code timeout} and {@code head} on the server (util-linux and coreutils, or
 * busybox).
 */
public final class RemoteLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteLock.class);
    static final int HEARTBEAT_LIMIT_SECONDS = 60;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Readers block until the holder ends; on a 2-core machine the common pool has one thread, and
     * a blocked reader there would starve the next one.
     */
    private static final Executor VIRTUAL = Thread::startVirtualThread;

    /**
     * {@code $1} the lock file, {@code $2} the holder's description. The inner shell writes the
     * holder, says {@code locked}, then waits for heartbeat lines; end-of-file or silence ends it
     * and so releases the lock.
     */
    private static final String SCRIPT = "mkdir -p \"$(dirname \"$1\")\" && exec flock -n \"$1\" sh -c '"
            + "printf \"%s\\n\" \"$2\" > \"$1\" && echo locked"
            + " && while x=$(timeout " + HEARTBEAT_LIMIT_SECONDS + " head -n 1) && [ -n \"$x\" ]; do :; done'"
            + " berth-lock \"$1\" \"$2\"";

    private final RunningCommand holder;
    private final Path file;
    private final Thread heartbeat;

    private RemoteLock(RunningCommand holder, Path file) {
        this.holder = holder;
        this.file = file;
        this.heartbeat = Thread.ofVirtual().name("berth-lock-heartbeat").start(this::beat);
    }

    /**
     * Takes the lock.
     *
     * @param runner runs commands on the server that holds {@code lockFile}
     * @param lockFile the lock file, absolute on the server (its folder is created when missing)
     * @param what what this process is about to do, shown to a second process
     * @throws LockedException when another process holds it; nothing was changed
     * @throws IOException when the server cannot take locks (no flock) or the connection failed
     */
    public static RemoteLock acquire(CommandRunner runner, Path lockFile, String what) throws IOException {
        String me = "Berth on " + localHostName() + " (pid "
                + ProcessHandle.current().pid() + " of " + System.getProperty("user.name") + "), " + what + ", since "
                + Instant.now();
        Path root = lockFile.getRoot() == null ? Path.of("/") : lockFile.getRoot();
        RunningCommand c = runner.start(
                List.of("sh", "-c", SCRIPT, "berth-lock", lockFile.toString(), me.replace('\n', ' ')), Map.of(), root);
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(c.stderr()), VIRTUAL);
        String first;
        try {
            first = firstLine(c.stdout(), ACQUIRE_TIMEOUT);
        } catch (IOException e) {
            c.close();
            throw e;
        }
        if ("locked".equals(first)) {
            return new RemoteLock(c, lockFile);
        }
        try {
            c.waitFor(ACQUIRE_TIMEOUT);
            int code = c.isAlive() ? -1 : c.exitCode();
            String stderr = new String(err.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8).strip();
            if (code == 1 && stderr.isEmpty()) {
                String holder = holderOf(runner, lockFile, root);
                String folder = String.valueOf(lockFile.getParent());
                throw new LockedException(
                        holder.isEmpty()
                                ? Text.of(Text.Key.RESULT_LOCKED_REMOTE, folder, runner.describe())
                                : Text.of(Text.Key.RESULT_LOCKED_REMOTE_BY, folder, runner.describe(), holder));
            }
            throw new IOException("Could not lock " + lockFile + " on " + runner.describe() + " (exit code " + code
                    + (stderr.isEmpty() ? "" : ": " + stderr)
                    + "). Berth needs flock (util-linux) and timeout (coreutils) on the server, and a writable"
                    + " install folder. Nothing was changed.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while locking " + lockFile, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not read why locking " + lockFile + " failed", e);
        } finally {
            c.close();
        }
    }

    private static String holderOf(CommandRunner runner, Path lockFile, Path root) {
        try (RunningCommand cat = runner.start(List.of("cat", lockFile.toString()), Map.of(), root)) {
            cat.stdin().close();
            String text = new String(cat.stdout().readNBytes(4096), StandardCharsets.UTF_8).strip();
            cat.waitFor(Duration.ofSeconds(10));
            return text;
        } catch (IOException e) {
            LOG.debug("could not read the lock holder from {}: {}", lockFile, e.toString());
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** Whether the server still holds the lock for this object (false after a network outage). */
    public boolean isHeld() {
        return holder.isAlive();
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    private void beat() {
        OutputStream out = holder.stdin();
        try {
            while (holder.isAlive()) {
                out.write("alive\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(HEARTBEAT);
            }
        } catch (IOException e) {
            LOG.debug("lock heartbeat for {} stopped: {}", file, e.toString());
        } catch (InterruptedException e) {
            // close() stops the heartbeat this way.
        }
    }

    /** Releases the lock (end-of-file to the holder) and waits until the server has. */
    @Override
    public void close() {
        heartbeat.interrupt();
        try {
            heartbeat.join(Duration.ofSeconds(5));
            holder.stdin().close();
            if (!holder.waitFor(Duration.ofSeconds(10))) {
                LOG.warn("the lock holder for {} did not end; terminating it", file);
            }
        } catch (IOException e) {
            LOG.debug("releasing {}: {}", file, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holder.close();
        }
    }

    private static String firstLine(InputStream in, Duration timeout) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(
                () -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    try {
                        int c;
                        while ((c = in.read()) >= 0 && c != '\n') {
                            b.write(c);
                        }
                    } catch (IOException e) {
                        return null;
                    }
                    return b.toString(StandardCharsets.UTF_8);
                },
                VIRTUAL);
        try {
            return line.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while taking a lock", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(
                    "the server did not answer within " + timeout.toSeconds() + " s while taking a lock", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readNBytes(16384);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "an unknown host";
        }
    }

    /** Another process holds the lock. */
    public static final class LockedException extends RuntimeException {
        private final transient Text text;

        LockedException(Text text) {
            super(text.english());
            this.text = text;
        }

        /** The message, which each front end renders in its language. */
        public Text text() {
            return text;
        }
    }
}
