package dev.berth.engine;

/** How a whole run ended; the command line maps these to its exit codes. */
public enum RunStatus {
    /** Everything done and verified. Exit 0. */
    SUCCEEDED(0),
    /** Failed or cancelled, and the install is back where it was (rolled back, or nothing changed). Exit 1. */
    ROLLED_BACK(1),
    /** Refused before anything changed: validation, missing values, conflicts, confirmation. Exit 3. */
    REFUSED(3),
    /** Failed, and the rollback failed too; the message says what state things are in. Exit 4. */
    ROLLBACK_FAILED(4),
    /** Stopped in the middle (crash or interruption) and left for resume or rollback. Exit 1. */
    INTERRUPTED(1);

    private final int exitCode;

    RunStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code of the command-line contract. */
    public int exitCode() {
        return exitCode;
    }
}
