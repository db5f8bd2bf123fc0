package dev.berth.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sums per-layer pull progress into one {@code done/total} pair, like Testcontainers'
 * {@code TimeLimitedLoggedPullImageResultCallback}: each layer that must be fetched counts its
 * size once for the download and once for the extraction; layers that already exist count
 * nothing. Not thread-safe; fed from the one callback thread.
 */
final class PullProgress {
    private static final class Layer {
        long size;
        long downloaded;
        long extracted;
        String status = "";
    }

    private final Map<String, Layer> layers = new LinkedHashMap<>();

    /** What one event changed. */
    enum Change {
        NONE,
        BYTES,
        PHASE
    }

    /**
     * Takes one event of the pull stream.
     *
     * @return what changed: bytes or a layer's phase both count as activity for the stall watchdog
     */
    Change accept(String id, String status, Long current, Long total) {
        if (id == null || status == null || !isLayerStatus(status)) {
            return Change.NONE;
        }
        Layer l = layers.computeIfAbsent(id, k -> new Layer());
        long before = l.downloaded + l.extracted + l.size;
        boolean phaseChanged = !status.equals(l.status);
        l.status = status;
        if (total != null && total > 0 && (status.startsWith("Downloading") || status.startsWith("Extracting"))) {
            l.size = Math.max(l.size, total);
        }
        long cur = current == null ? 0 : Math.max(0, current);
        switch (status) {
            case "Downloading" -> l.downloaded = Math.max(l.downloaded, Math.min(cur, l.size));
            case "Verifying Checksum", "Download complete" -> l.downloaded = l.size;
            case "Extracting" -> {
                l.downloaded = l.size;
                l.extracted = Math.max(l.extracted, Math.min(cur, l.size));
            }
            case "Pull complete" -> {
                l.downloaded = l.size;
                l.extracted = l.size;
            }
            case "Already exists" -> {
                l.size = 0;
                l.downloaded = 0;
                l.extracted = 0;
            }
            default -> {}
        }
        if (phaseChanged) {
            return Change.PHASE;
        }
        return l.downloaded + l.extracted + l.size != before ? Change.BYTES : Change.NONE;
    }

    private static boolean isLayerStatus(String status) {
        return switch (status) {
            case "Pulling fs layer",
                    "Waiting",
                    "Downloading",
                    "Verifying Checksum",
                    "Download complete",
                    "Extracting",
                    "Pull complete",
                    "Already exists",
                    "Retrying" -> true;
            default -> status.startsWith("Retrying");
        };
    }

    long done() {
        long d = 0;
        for (Layer l : layers.values()) {
            d += l.downloaded + l.extracted;
        }
        return d;
    }

    long total() {
        long t = 0;
        for (Layer l : layers.values()) {
            t += 2 * l.size;
        }
        return t;
    }

    /** Marks every layer done, for the end of a successful pull whose last events were missed. */
    void finish() {
        for (Layer l : layers.values()) {
            l.downloaded = l.size;
            l.extracted = l.size;
        }
    }
}
