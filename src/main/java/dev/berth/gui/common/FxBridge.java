package dev.berth.gui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * The one door between worker threads and the FX thread. View-models get an instance and never
 * call {@link Platform} themselves, so tests run them with {@link #direct()} on one thread.
 *
 * <p>Blocking work (the engine, the file system, Docker) goes to {@link #run}; its result comes
 * back on the FX thread. Listeners that the engine calls on its worker thread are wrapped with
 * {@link #deliver} (every event, in order) or {@link #latest} (only the newest, for progress that
 * may arrive thousands of times a second).
 */
public final class FxBridge {
    private static final Logger LOG = Logger.getLogger(FxBridge.class.getName());

    private final Executor fx;
    private final Executor worker;

    /**
     * @param fx runs tasks on the FX thread, in order
     * @param worker runs blocking work off the FX thread
     */
    public FxBridge(Executor fx, Executor worker) {
        this.fx = Objects.requireNonNull(fx, "fx");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** The bridge of the running app: {@link Platform#runLater} and a pool of daemon threads. */
    public static FxBridge platform() {
        ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());
        return new FxBridge(Platform::runLater, pool);
    }

    /** Runs everything at once on the calling thread; for view-model tests. */
    public static FxBridge direct() {
        return new FxBridge(Runnable::run, Runnable::run);
    }

    /** Queues {@code task} on the FX thread. Callable from any thread. */
    public void onFx(Runnable task) {
        fx.execute(task);
    }

    /**
     * Runs {@code work} on a worker thread, then {@code onDone} with its result, or {@code
     * onFailed} with what it threw, on the FX thread. Errors (not exceptions) are logged and
     * left to the thread's handler.
     */
    public <T> void run(Callable<T> work, Consumer<? super T> onDone, Consumer<? super Exception> onFailed) {
        worker.execute(() -> {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                LOG.log(Level.FINE, "background work failed", e);
                fx.execute(() -> onFailed.accept(e));
                return;
            }
            fx.execute(() -> onDone.accept(result));
        });
    }

    /** A listener that hands every event to {@code onFx} on the FX thread, in order. */
    public <E> Consumer<E> deliver(Consumer<? super E> onFx) {
        return event -> fx.execute(() -> onFx.accept(event));
    }

    /**
     * A listener that hands only the newest event to {@code onFx}: events that arrive while one
     * is waiting for the FX thread replace it. Events must not be null.
     */
    public <E> Consumer<E> latest(Consumer<? super E> onFx) {
        AtomicReference<E> pending = new AtomicReference<>();
        return event -> {
            Objects.requireNonNull(event, "event");
            if (pending.getAndSet(event) == null) {
                fx.execute(() -> onFx.accept(pending.getAndSet(null)));
            }
        };
    }

    /**
     * A listener that hands every event to {@code onFx} on the FX thread, in order, except that an
     * event that {@code supersedes} the newest one still waiting replaces it: a burst of progress
     * updates for one item becomes its newest value, while every other event still arrives, in
     * place. Events must not be null.
     *
     * @param supersedes (waiting, next) → whether {@code next} makes {@code waiting} pointless
     */
    public <E> Consumer<E> deliverMerging(
            Consumer<? super E> onFx, java.util.function.BiPredicate<? super E, ? super E> supersedes) {
        java.util.ArrayDeque<E> waiting = new java.util.ArrayDeque<>();
        Runnable drain = () -> {
            List<E> batch;
            synchronized (waiting) {
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            batch.forEach(onFx);
        };
        return event -> {
            Objects.requireNonNull(event, "event");
            boolean schedule;
            synchronized (waiting) {
                schedule = waiting.isEmpty();
                if (!schedule && supersedes.test(waiting.peekLast(), event)) {
                    waiting.pollLast();
                }
                waiting.addLast(event);
            }
            if (schedule) {
                fx.execute(drain);
            }
        };
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "berth-worker-" + n.incrementAndGet());
            // The app must exit when its window closes, even while a scan is still running.
            t.setDaemon(true);
            return t;
        };
    }
}
