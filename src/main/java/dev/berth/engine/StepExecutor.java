package dev.berth.engine;

/**
 * Gives plan steps their effect. The {@link PlanRunner} decides order, journaling, cancellation and
 * rollback; an executor only acts. Every method must be safe to call again after a crash in its
 * middle (the journal then says the step was running). Called on the run's worker thread.
 */
public interface StepExecutor {
    /** Does the step's work. Throw to fail the step; the message must say what failed. */
    void execute(PlanStep step, StepContext ctx) throws Exception;

    /** Undoes a step that ran (fully or partly). Steps with nothing to undo return at once. */
    void undo(PlanStep step, StepContext ctx) throws Exception;

    /**
     * Brings the data back from the run's backup, because the new version started against it
     * (migrations may have changed it). Called during rollback with every service stopped.
     */
    void restoreData(StepContext ctx) throws Exception;

    /** Checks that the old version serves again after a rollback. */
    void verifyRolledBack(StepContext ctx) throws Exception;

    /**
     * Removes what a Berth process that was killed mid-step left outside the install (the helper
     * containers of a copy), before a resume or rollback goes on. Called with the install's lock
     * held, so nothing of a running step is removed.
     *
     * @return one line per thing removed, for the run's log
     */
    default java.util.List<Text> removeLeftovers() throws Exception {
        return java.util.List.of();
    }
}
