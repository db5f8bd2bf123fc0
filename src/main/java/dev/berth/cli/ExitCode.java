package dev.berth.cli;

/** Exit codes of the command-line contract. */
public final class ExitCode {
    /** Done. */
    public static final int OK = 0;
    /** Failed; rolled back, or nothing changed. */
    public static final int FAILED = 1;
    /** Usage error. */
    public static final int USAGE = 2;
    /** Refused: validation failed, a value is missing, a conflict or a confirmation is needed. */
    public static final int REFUSED = 3;
    /** Failed and the rollback failed too. */
    public static final int ROLLBACK_FAILED = 4;

    private ExitCode() {}
}
