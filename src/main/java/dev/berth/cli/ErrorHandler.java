package dev.berth.cli;

import picocli.CommandLine;

/** Turns exceptions into the contract's exit codes with a message the user can act on. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("berth: " + msg);
        return ExitCode.FAILED;
    }
}
