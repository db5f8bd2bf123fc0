package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.berth.engine.Text;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Pulls one image with summed progress and a stall watchdog on the calling thread. */
final class ImagePuller {
    private static final long POLL_MILLIS = 200;

    private ImagePuller() {}

    /** The pull stream's events; docker-java calls it on its own thread. */
    private static final class Callback extends StreamCallback<PullResponseItem> {
        private final PullProgress progress = new PullProgress();
        private final PullListener listener;
        private volatile String errorMessage;
        private volatile long lastActivityNanos = System.nanoTime();
        private volatile long done;
        private volatile long total;

        Callback(PullListener listener) {
            this.listener = listener;
        }

        @Override
        public void onNext(PullResponseItem item) {
            if (item.isErrorIndicated()) {
                errorMessage =
                        item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                                ? item.getErrorDetail().getMessage()
                                : item.getError();
                return;
            }
            var detail = item.getProgressDetail();
            Long current = detail == null ? null : detail.getCurrent();
            Long size = detail == null ? null : detail.getTotal();
            PullProgress.Change change = progress.accept(item.getId(), item.getStatus(), current, size);
            if (change != PullProgress.Change.NONE) {
                lastActivityNanos = System.nanoTime();
                if (change == PullProgress.Change.PHASE) {
                    listener.layer(item.getId(), item.getStatus());
                }
                report();
            }
        }

        private void report() {
            long d = progress.done();
            long t = progress.total();
            if (d != done || t != total) {
                done = d;
                total = t;
                listener.progress(d, t);
            }
        }

        void finish() {
            progress.finish();
            report();
        }
    }

    static void pull(
            DockerClient client,
            DefaultDockerClientConfig config,
            String reference,
            PullListener listener,
            Duration stallTimeout)
            throws InterruptedException {
        ImageReference ref = ImageReference.parse(reference);
        PullImageCmd cmd = client.pullImageCmd(
                ref.repository() + ref.digest().map(d -> "@" + d).orElse(""));
        if (ref.digest().isEmpty()) {
            cmd.withTag(ref.effectiveTag().orElseThrow());
        }
        AuthConfig auth = config.effectiveAuthConfig(reference);
        if (auth != null && (auth.getUsername() != null || auth.getIdentitytoken() != null)) {
            cmd.withAuthConfig(auth);
        }
        Callback cb = new Callback(listener);
        try {
            cmd.exec(cb);
            long stallNanos = stallTimeout.toNanos();
            while (!cb.awaitEnd(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() - cb.lastActivityNanos > stallNanos) {
                    cb.abandon();
                    throw new PullStalledException(reference, stallTimeout, cb.done, cb.total);
                }
            }
        } catch (InterruptedException e) {
            cb.abandon();
            throw e;
        } catch (RuntimeException e) {
            cb.abandon();
            if (e instanceof DockerException) {
                throw e;
            }
            throw failed(reference, e);
        }
        if (cb.failure() != null) {
            throw failed(reference, cb.failure());
        }
        if (cb.errorMessage != null) {
            throw new DockerException(Text.of(Text.Key.ERROR_PULL_FAILED, reference, cb.errorMessage), null);
        }
        cb.finish();
    }

    static DockerException failed(String reference, Throwable cause) {
        if (connectionLost(cause)) {
            // The engine's socket broke (Docker stopped or restarted), not the registry: say so
            // instead of sending the user to check image names (found by FaultsIT).
            return new DockerException(
                    Text.of(Text.Key.ERROR_PULL_CONNECTION, reference, Messages.engineMessage(cause)), cause);
        }
        return new DockerException(
                Text.of(Text.Key.ERROR_PULL_FAILED, reference, Messages.engineMessage(cause)), cause);
    }

    /** Whether the failure is the engine connection itself breaking (an I/O error on the socket). */
    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
