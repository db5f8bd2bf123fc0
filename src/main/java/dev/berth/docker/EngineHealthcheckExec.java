package dev.berth.docker;

import com.github.dockerjava.api.command.InspectExecResponse;
import com.github.dockerjava.api.model.Frame;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A healthcheck run through the engine's exec API, as the engine runs its own: the container's
 * user, environment and working folder, no TTY. Works over any connection the engine has (a
 * local socket, TCP, an SSH forward).
 */
final class EngineHealthcheckExec implements HealthcheckExec {
    private static final Logger LOG = LoggerFactory.getLogger(EngineHealthcheckExec.class);
    /** Shells' codes for "cannot execute" and "not found": no use running it again. */
    private static final int CANNOT_EXECUTE = 126;

    private static final int NOT_FOUND = 127;

    /** First pause before asking whether the run ended, doubled up to {@link #POLL_MAX}. */
    private static final Duration POLL_FIRST = Duration.ofMillis(10);

    private static final Duration POLL_MAX = Duration.ofMillis(100);

    private final DockerEngine engine;

    EngineHealthcheckExec(DockerEngine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<HealthcheckSpec> spec(String containerId) {
        return engine.healthcheckSpec(containerId);
    }

    @Override
    public Outcome run(String containerId, HealthcheckSpec spec, BooleanSupplier abandoned)
            throws InterruptedException {
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        String execId;
        try {
            execId = engine.client()
                    .execCreateCmd(containerId)
                    .withCmd(spec.argv().toArray(String[]::new))
                    .withAttachStdout(false)
                    .withAttachStderr(false)
                    .exec()
                    .getId();
            if (abandoned.getAsBoolean()) {
                return Outcome.FAILED; // created, never started: the engine drops it
            }
            // detached: an attached stream does not always end with the process through an SSH
            // forward, and the output is not needed (the exit code decides, as for the engine)
            Discard start = new Discard();
            engine.client().execStartCmd(execId).withDetach(true).exec(start);
            if (!start.awaitEnd(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                start.abandon();
                return Outcome.TIMED_OUT;
            }
            if (start.failure() != null) {
                LOG.debug(
                        "healthcheck exec in {} did not start: {}",
                        containerId,
                        start.failure().toString());
                return Outcome.REFUSED;
            }
        } catch (RuntimeException e) {
            LOG.debug("healthcheck exec in {} refused: {}", containerId, e.toString());
            return Outcome.REFUSED;
        }
        long pause = POLL_FIRST.toNanos();
        while (true) {
            InspectExecResponse r;
            try {
                r = engine.client().inspectExecCmd(execId).exec();
            } catch (RuntimeException e) {
                LOG.debug("healthcheck exec {} could not be inspected: {}", execId, e.toString());
                return Outcome.REFUSED;
            }
            if (!Boolean.TRUE.equals(r.isRunning()) && r.getExitCodeLong() != null) {
                long code = r.getExitCodeLong();
                if (code == CANNOT_EXECUTE || code == NOT_FOUND) {
                    LOG.debug("healthcheck of {} cannot run here (exit code {})", containerId, code);
                    return Outcome.REFUSED;
                }
                return code == 0 ? Outcome.PASSED : Outcome.FAILED;
            }
            if (System.nanoTime() > deadline) {
                return Outcome.TIMED_OUT;
            }
            if (abandoned.getAsBoolean()) {
                return Outcome.FAILED; // the process ends on its own; nobody waits for it
            }
            TimeUnit.NANOSECONDS.sleep(pause);
            pause = Math.min(pause * 2, POLL_MAX.toNanos());
        }
    }

    /** The answer to a detached start carries nothing. */
    private static final class Discard extends StreamCallback<Frame> {
        @Override
        public void onNext(Frame frame) {}
    }
}
