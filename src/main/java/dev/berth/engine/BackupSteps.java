package dev.berth.engine;

/**
 * The backup side of a run: the two phases of a backup and the data restore a rollback needs.
 * Separate from {@link ComposeStepExecutor} so that the archive work (package {@code backup})
 * and the Docker work stay apart.
 */
public interface BackupSteps {
    /** Runs a backup step (hot copy while the app runs, or the final pass after it stopped). */
    void backup(PlanStep.Backup step, StepContext ctx) throws Exception;

    /** Restores data from the run's backup; every service is stopped when this is called. */
    void restoreFromRunBackup(StepContext ctx) throws Exception;

    /** Runs a restore step of a restore plan. */
    void restore(PlanStep.RestoreData step, StepContext ctx) throws Exception;

    /** Undoes a restore step, from the safety backup taken before it. */
    void undoRestore(PlanStep.RestoreData step, StepContext ctx) throws Exception;
}
