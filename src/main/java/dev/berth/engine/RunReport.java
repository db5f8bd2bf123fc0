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
        Text text,
        List<Journal.StepRecord> steps,
        String rollbackPath,
        Duration downtime,
        List<String> notes) {
    public RunReport {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    /** A report whose message Berth only has in English. */
    public RunReport(
            String runId,
            RunStatus status,
            String message,
            List<Journal.StepRecord> steps,
            String rollbackPath,
            Duration downtime,
            List<String> notes) {
        this(runId, status, Text.plain(message), steps, rollbackPath, downtime, notes);
    }

    /** The message in English. */
    public String message() {
        return text.english();
    }
}
