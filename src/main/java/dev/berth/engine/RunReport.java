package dev.berth.engine;

import java.time.Duration;
import java.util.List;

/**
 * How a run ended: its status (which maps to the exit code), a message that says what state
 * things are in, every step's record, the rollback path taken, and the measured downtime.
 */
public record RunReport(
        String runId,
        RunStatus status,
        String message,
        List<Journal.StepRecord> steps,
        String rollbackPath,
        Duration downtime,
        List<String> notes) {
    public RunReport {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }
}
