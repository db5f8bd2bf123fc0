package dev.berth.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Collects a container's output frames: raw stdout bytes, stderr bytes, and the lines of both in
 * arrival order. A line split over two frames of the same stream is joined.
 */
final class FrameCollector extends StreamCallback<Frame> {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private final long maxBytes;

    /** @param maxBytes stop keeping raw bytes past this many per stream (lines are always kept) */
    FrameCollector(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public synchronized void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        boolean err = frame.getStreamType() == StreamType.STDERR;
        ByteArrayOutputStream raw = err ? stderr : stdout;
        if (raw.size() < maxBytes) {
            raw.write(payload, 0, (int) Math.min(payload.length, maxBytes - raw.size()));
        }
        StringBuilder partial = err ? partialErr : partialOut;
        partial.append(new String(payload, StandardCharsets.UTF_8));
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, nl);
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            partial.delete(0, nl + 1);
        }
    }

    /** Waits for the end of the stream; rethrows a transport failure. */
    void await(long timeout, TimeUnit unit) throws InterruptedException {
        if (!awaitEnd(timeout, unit)) {
            abandon();
            throw new DockerException(
                    "Reading container output took longer than " + unit.toSeconds(timeout) + " s; it was abandoned.");
        }
        Throwable failure = failure();
        if (failure != null) {
            throw new DockerException("Reading container output failed: " + Messages.engineMessage(failure), failure);
        }
    }

    synchronized List<String> lines() {
        List<String> all = new ArrayList<>(lines);
        if (!partialOut.isEmpty()) {
            all.add(partialOut.toString());
        }
        if (!partialErr.isEmpty()) {
            all.add(partialErr.toString());
        }
        return all;
    }

    synchronized byte[] stdout() {
        return stdout.toByteArray();
    }

    synchronized String stderrText() {
        return stderr.toString(StandardCharsets.UTF_8);
    }
}
