package dev.berth.engine;

import java.nio.file.Path;

/**
 * Keeps two Berth processes from working on the same install at once, whichever machine they run
 * on. The lock lives with the install ({@code .berth/lock}) and is released by the machine that
 * holds the install when its holder goes away (closes it, dies, or loses the connection), so a crash
 * never leaves a stale lock. Implementations: {@link InstallLock} (an OS lock taken by this JVM) and
 * the {@code flock}-based lock of the {@code docker.remote} package, which a Berth on the server
 * itself and a Berth on a desktop over SSH both take (see docs/adr/0007-ssh-remote.md).
 */
@FunctionalInterface
public interface RunLock {

    /**
     * Takes the lock of an install; blocks at most a few seconds.
     *
     * @param install the install folder, a path of the file system it lives on
     * @param what what this process is about to do, shown to a second process
     * @throws LockedException when another process holds it; nothing was changed
     * @throws java.io.UncheckedIOException when the lock cannot be taken at all (folder not writable,
     *     connection lost)
     */
    Held acquire(Path install, String what);

    /** A lock held until {@link #close()}. */
    interface Held extends AutoCloseable {
        /** Releases the lock. */
        @Override
        void close();
    }

    /** The lock file of an install. */
    static Path file(Path install) {
        return Journal.berthDir(install).resolve("lock");
    }

    /** Another process holds the install's lock. The message names it when it could be read. */
    final class LockedException extends RuntimeException {
        private final transient Text text;

        /** With a message Berth only has in English (another layer's). */
        public LockedException(String message) {
            this(Text.plain(message));
        }

        public LockedException(Text text) {
            super(text.english());
            this.text = text;
        }

        /** The message in a form each front end renders in its language. */
        public Text text() {
            return text;
        }
    }
}
