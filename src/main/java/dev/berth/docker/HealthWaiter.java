package dev.berth.docker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polls the containers of a project until the awaited services are ready or one fails. Besides
 * the engine's health status, the containers' own healthcheck commands are run by Berth ({@link
 * OwnHealthchecks}): healthy from either is healthy.
 */
final class HealthWaiter {
    /**
     * How often the containers are inspected: the wait for a database before a migration is inside
     * the downtime, and each poll is a list and one inspect per container over the local socket.
     */
    static final Duration POLL = Duration.ofMillis(200);
    /** A service without healthcheck counts as up once it ran this long without a restart. */
    static final Duration STEADY = Duration.ofSeconds(2);
    /** Restarts during the wait that make a crash loop. */
    static final int CRASH_LOOP_RESTARTS = 3;

    private static final int LOG_TAIL = 20;

    private final DockerEngine engine;
    private final String project;
    private final Set<String> services;
    private final Duration timeout;
    private final HealthListener listener;
    private final HealthcheckExec exec;
    private final Map<String, Integer> restartsAtStart = new HashMap<>();

    HealthWaiter(
            DockerEngine engine,
            String project,
            Collection<String> services,
            Duration timeout,
            HealthListener listener,
            HealthcheckExec exec) {
        this.engine = engine;
        this.project = project;
        this.services = new LinkedHashSet<>(services);
        this.timeout = timeout;
        this.listener = listener;
        this.exec = exec;
    }

    /** The verdict on one container. */
    enum Verdict {
        READY,
        WAITING,
        UNHEALTHY,
        EXITED,
        CRASH_LOOP
    }

    HealthReport await() throws InterruptedException {
        try (OwnHealthchecks own = new OwnHealthchecks(exec)) {
            return await(own);
        }
    }

    private HealthReport await(OwnHealthchecks own) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        List<ServiceStatus> previous = List.of();
        while (true) {
            List<ServiceStatus> inspected = engine.serviceStatus(project).stream()
                    .filter(s -> services.isEmpty() || services.contains(s.service()))
                    .toList();
            own.offer(inspected, System.nanoTime());
            List<ServiceStatus> now = own.apply(inspected);
            for (ServiceStatus s : now) {
                restartsAtStart.putIfAbsent(s.containerId(), s.restartCount());
            }
            if (!now.equals(previous)) {
                listener.update(now);
                previous = now;
            }
            Instant clock = Instant.now();
            Map<ServiceStatus, Verdict> verdicts = new LinkedHashMap<>();
            for (ServiceStatus s : now) {
                verdicts.put(s, verdict(s, restartsAtStart.get(s.containerId()), clock));
            }
            Set<String> missing = new LinkedHashSet<>(services);
            now.forEach(s -> missing.remove(s.service()));
            for (Verdict bad : List.of(Verdict.UNHEALTHY, Verdict.EXITED, Verdict.CRASH_LOOP)) {
                List<ServiceStatus> failing = verdicts.entrySet().stream()
                        .filter(e -> e.getValue() == bad)
                        .map(Map.Entry::getKey)
                        .toList();
                if (!failing.isEmpty()) {
                    throw failure(reason(bad), failing, now, missing, Duration.ofNanos(System.nanoTime() - start));
                }
            }
            if (missing.isEmpty()
                    && !now.isEmpty()
                    && verdicts.values().stream().allMatch(v -> v == Verdict.READY)) {
                return new HealthReport(now, Duration.ofNanos(System.nanoTime() - start));
            }
            if (System.nanoTime() > deadline) {
                List<ServiceStatus> waiting = verdicts.entrySet().stream()
                        .filter(e -> e.getValue() != Verdict.READY)
                        .map(Map.Entry::getKey)
                        .toList();
                throw failure(ServicesNotHealthyException.Reason.TIMEOUT, waiting, now, missing, timeout);
            }
            own.awaitRun(POLL);
        }
    }

    static Verdict verdict(ServiceStatus s, int restartsAtStart, Instant now) {
        int restarts = s.restartCount() - restartsAtStart;
        if (restarts >= CRASH_LOOP_RESTARTS) {
            return Verdict.CRASH_LOOP;
        }
        return switch (s.state()) {
            case EXITED -> s.exitCode() == 0 ? Verdict.READY : Verdict.EXITED;
            case DEAD -> Verdict.EXITED;
            case RESTARTING, CREATED, PAUSED, REMOVING, UNKNOWN -> Verdict.WAITING;
            case RUNNING ->
                switch (s.health()) {
                    case HEALTHY -> Verdict.READY;
                    case UNHEALTHY -> Verdict.UNHEALTHY;
                    case STARTING -> Verdict.WAITING;
                    case NONE ->
                        restarts == 0
                                        && s.startedAt().isPresent()
                                        && !s.startedAt().get().plus(STEADY).isAfter(now)
                                ? Verdict.READY
                                : Verdict.WAITING;
                };
        };
    }

    private static ServicesNotHealthyException.Reason reason(Verdict v) {
        return switch (v) {
            case UNHEALTHY -> ServicesNotHealthyException.Reason.UNHEALTHY;
            case EXITED -> ServicesNotHealthyException.Reason.EXITED;
            case CRASH_LOOP -> ServicesNotHealthyException.Reason.CRASH_LOOP;
            case READY, WAITING -> ServicesNotHealthyException.Reason.TIMEOUT;
        };
    }

    private ServicesNotHealthyException failure(
            ServicesNotHealthyException.Reason reason,
            List<ServiceStatus> failing,
            List<ServiceStatus> all,
            Set<String> missing,
            Duration waited)
            throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        sb.append(
                switch (reason) {
                    case TIMEOUT -> "Services of " + project + " were not ready after " + waited.toSeconds() + " s:";
                    case UNHEALTHY -> "A healthcheck of " + project + " failed:";
                    case EXITED -> "A container of " + project + " stopped with an error:";
                    case CRASH_LOOP -> "A container of " + project + " keeps restarting:";
                });
        Map<String, List<String>> tails = new LinkedHashMap<>();
        for (ServiceStatus s : failing) {
            sb.append("\n  - ")
                    .append(s.service())
                    .append(" (")
                    .append(s.containerName())
                    .append("): ");
            sb.append(s.describe());
            tails.put(s.containerName(), new ArrayList<>(engine.logs(s.containerId(), LogWindow.tail(LOG_TAIL))));
        }
        for (String m : missing) {
            sb.append("\n  - ").append(m).append(": no container");
        }
        sb.append("\nNothing was stopped. See the service logs (docker logs CONTAINER) for the cause.");
        return new ServicesNotHealthyException(reason, sb.toString(), all, tails);
    }
}
