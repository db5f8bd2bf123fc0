package dev.berth.gui.common;

import dev.berth.engine.Text;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A wizard's planning off the FX thread, the same for install, upgrade, configure and restore:
 * each request supersedes the ones before it, so a plan (or its error) that comes back after the
 * user changed something again is dropped instead of shown. FX-thread only.
 */
public final class Planning {
    private final FxBridge bridge;
    private long generation;

    public Planning(FxBridge bridge) {
        this.bridge = bridge;
    }

    /**
     * Runs {@code work} on a worker thread; {@code done} or {@code failed} then runs on the FX thread,
     * unless another request or {@link #invalidate()} came in the meantime.
     */
    public <T> void request(Callable<T> work, Consumer<? super T> done, Consumer<? super Exception> failed) {
        long mine = ++generation;
        bridge.run(
                work,
                r -> {
                    if (mine == generation) {
                        done.accept(r);
                    }
                },
                e -> {
                    if (mine == generation) {
                        failed.accept(e);
                    }
                });
    }

    /** Drops the answer of a request under way (the inputs it planned with changed). */
    public void invalidate() {
        generation++;
    }

    /**
     * What a failed planning tells the user, for the view to render in its language: a lower layer's
     * refusal that says what it is made of, else the exception's message (or the exception).
     */
    public static Text message(Exception e) {
        return dev.berth.engine.Failures.text(e);
    }
}
