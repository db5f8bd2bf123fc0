package dev.berth.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life cycle every streamed Docker call shares: the stream to close, the end (completed,
 * failed or closed by us) as a latch, and the transport failure if there was one. Subclasses only
 * handle the items.
 */
abstract class StreamCallback<T> implements ResultCallback<T> {
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile Throwable failure;

    @Override
    public final void onStart(Closeable closeable) {
        stream = closeable;
    }

    @Override
    public final void onError(Throwable throwable) {
        failure = throwable;
        finished.countDown();
    }

    @Override
    public final void onComplete() {
        finished.countDown();
    }

    @Override
    public final void close() throws IOException {
        Closeable s = stream;
        if (s != null) {
            s.close();
        }
        finished.countDown();
    }

    /** Closes the stream because it is being abandoned; the caller reports why. */
    final void abandon() {
        try {
            close();
        } catch (IOException e) {
            // Abandoning the stream; the caller's reason is the error to report.
        }
    }

    /** Waits up to the timeout for the end of the stream; true if it ended. */
    final boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** The transport failure that ended the stream, or null. */
    final Throwable failure() {
        return failure;
    }
}
