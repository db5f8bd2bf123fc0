package dev.berth.docker.remote;

import dev.berth.docker.CommandRunner;
import dev.berth.engine.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The engine's {@link RunLock} as a {@link RemoteLock}: {@code flock} on {@code .berth/lock}, taken
 * on the machine that holds the install through its command runner. A Berth on a desktop (over SSH)
 * and a Berth on the server itself (over {@link dev.berth.docker.LocalCommandRunner}) take the same
 * lock, so they exclude each other.
 */
public final class FlockRunLock implements RunLock {
    private final CommandRunner runner;

    /** @param runner runs commands on the machine that holds the installs */
    public FlockRunLock(CommandRunner runner) {
        this.runner = runner;
    }

    @Override
    public Held acquire(Path install, String what) {
        Path file = RunLock.file(install.toAbsolutePath().normalize());
        try {
            RemoteLock lock = RemoteLock.acquire(runner, file, what);
            return lock::close;
        } catch (RemoteLock.LockedException e) {
            throw new RunLock.LockedException(e.text());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
