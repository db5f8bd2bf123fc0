package dev.berth.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the awaited containers' own healthcheck commands every {@link #INTERVAL} while the engine
 * still says {@code starting}, so that a wait ends at the first passing run instead of at the
 * engine's next interval tick (the demo's database is ready ≈ 1 s after it starts; the engine
 * checks every 2 s, many apps every 10–30 s).
 *
 * <p>A pass counts as healthy, exactly as one passing run of the engine's does (in and after the
 * start period). A failing run counts for nothing: failures are the engine's to count, against
 * its retries, so {@code unhealthy} still comes only from the engine. A container gets at most
 * one run at a time; a run that outlives the healthcheck's timeout, a refused exec (no shell, no
 * such command, exec not allowed) or any API error ends the runs for that container, which then
 * waits on the engine's status alone. A restarted container starts afresh.
 *
 * <p>Not thread-safe: one waiting thread calls {@link #offer}, {@link #apply} and {@link
 * #awaitRun}; the runs themselves happen on virtual threads.
 */
final class OwnHealthchecks implements AutoCloseable {
    /** Pause between the start of two runs in one container. */
    static final Duration INTERVAL = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(OwnHealthchecks.class);

    private final HealthcheckExec exec;
    private final ExecutorService runs = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("berth-healthcheck-", 0).factory());
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    private final Map<String, Probe> probes = new HashMap<>();
    private volatile boolean closed;

    /** What is known of one start of one container; guarded by itself. */
    private static final class Probe {
        Optional<HealthcheckSpec> spec; // null until looked up
        boolean inFlight;
        long lastStart;
        boolean passed;
        boolean stopped;
        int runs;
    }

    OwnHealthchecks(HealthcheckExec exec) {
        this.exec = exec;
    }

    /** Starts a run in each running, still-starting container that is due for one. */
    void offer(List<ServiceStatus> statuses, long nanoNow) {
        for (ServiceStatus s : statuses) {
            if (s.state() != ContainerState.RUNNING || s.health() != Health.STARTING) {
                continue;
            }
            String key = key(s);
            Probe p = probes.computeIfAbsent(key, k -> new Probe());
            synchronized (p) {
                if (p.inFlight || p.passed || p.stopped || (p.runs > 0 && nanoNow - p.lastStart < INTERVAL.toNanos())) {
                    continue;
                }
                p.inFlight = true;
                p.lastStart = nanoNow;
                p.runs++;
            }
            runs.execute(() -> runOnce(s.containerId(), key, p));
        }
    }

    /** The statuses with {@code starting} turned {@code healthy} where Berth's own run passed. */
    List<ServiceStatus> apply(List<ServiceStatus> statuses) {
        List<ServiceStatus> out = new ArrayList<>(statuses.size());
        for (ServiceStatus s : statuses) {
            Probe p = probes.get(key(s));
            boolean passed = false;
            if (p != null) {
                synchronized (p) {
                    passed = p.passed;
                }
            }
            out.add(
                    passed && s.state() == ContainerState.RUNNING && s.health() == Health.STARTING
                            ? new ServiceStatus(
                                    s.service(),
                                    s.containerName(),
                                    s.containerId(),
                                    s.state(),
                                    Health.HEALTHY,
                                    s.exitCode(),
                                    s.restartCount(),
                                    s.startedAt(),
                                    s.lastHealthOutput())
                            : s);
        }
        return out;
    }

    /** Waits up to {@code max} for a run to end; returns at once if one already has. */
    void awaitRun(Duration max) throws InterruptedException {
        if (ended.poll(max.toNanos(), TimeUnit.NANOSECONDS) != null) {
            ended.clear();
        }
    }

    /** Runs started so far, over all containers (for tests and the log). */
    int runsStarted() {
        int n = 0;
        for (Probe p : probes.values()) {
            synchronized (p) {
                n += p.runs;
            }
        }
        return n;
    }

    private void runOnce(String containerId, String key, Probe p) {
        HealthcheckExec.Outcome outcome;
        try {
            Optional<HealthcheckSpec> spec;
            synchronized (p) {
                spec = p.spec;
            }
            if (spec == null) {
                spec = exec.spec(containerId);
                synchronized (p) {
                    p.spec = spec;
                }
            }
            outcome =
                    spec.isEmpty() ? HealthcheckExec.Outcome.REFUSED : exec.run(containerId, spec.get(), () -> closed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.debug("own healthcheck of {} not possible, the engine's status decides: {}", key, e.toString());
            outcome = HealthcheckExec.Outcome.REFUSED;
        }
        synchronized (p) {
            p.inFlight = false;
            switch (outcome) {
                case PASSED -> p.passed = true;
                case FAILED -> {}
                case TIMED_OUT, REFUSED -> p.stopped = true;
            }
        }
        if (outcome != HealthcheckExec.Outcome.FAILED) {
            LOG.debug("own healthcheck of {}: {} after {} runs", key, outcome, p.runs);
        }
        ended.add(key);
    }

    private static String key(ServiceStatus s) {
        return s.containerId() + "@" + s.startedAt().map(Object::toString).orElse("");
    }

    /**
     * Starts no more runs and lets those in flight stop at their next look (within 100 ms),
     * without waiting for them; the processes in the containers end on their own.
     */
    @Override
    public void close() {
        closed = true;
        runs.shutdown();
    }
}
