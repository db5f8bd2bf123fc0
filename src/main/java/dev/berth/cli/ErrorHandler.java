package dev.berth.cli;

import dev.berth.config.ConfigException;
import picocli.CommandLine;

/** Turns exceptions into the contract's exit codes with a message the user can act on. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("berth: " + msg);
        // Bad input (file:line: what is wrong) is a refusal: nothing was done.
        return ex instanceof ConfigException ? ExitCode.REFUSED : ExitCode.FAILED;
    }
}
