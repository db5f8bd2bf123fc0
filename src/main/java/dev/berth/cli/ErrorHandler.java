package dev.berth.cli;

import dev.berth.config.ConfigException;
import dev.berth.docker.remote.RemoteHostException;
import dev.berth.docker.remote.UnknownHostKeyException;
import picocli.CommandLine;

/** Turns exceptions into the contract's exit codes with a message the user can act on. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        RemoteHostException remote = remoteCause(ex);
        if (remote != null) {
            cmd.getErr().println("berth: " + remote.getMessage());
            return switch (remote.failure()) {
                case HOST_KEY_UNKNOWN -> {
                    if (remote instanceof UnknownHostKeyException u) {
                        cmd.getErr()
                                .println("  If the fingerprints match, run the command again with --accept-host-key "
                                        + u.fingerprint() + " to add the key to " + u.knownHosts() + ".");
                    }
                    yield ExitCode.REFUSED;
                }
                // Trusting a server is the user's decision: Berth refuses until they made it.
                case HOST_KEY_CHANGED -> ExitCode.REFUSED;
                default -> ExitCode.FAILED;
            };
        }
        String msg = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        cmd.getErr().println("berth: " + msg);
        // Bad input (file:line: what is wrong) is a refusal: nothing was done.
        return ex instanceof ConfigException ? ExitCode.REFUSED : ExitCode.FAILED;
    }

    private static RemoteHostException remoteCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof RemoteHostException r) {
                return r;
            }
        }
        return null;
    }
}
