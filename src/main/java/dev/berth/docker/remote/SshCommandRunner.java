package dev.berth.docker.remote;

import dev.berth.docker.CommandRunner;
import dev.berth.docker.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.common.channel.ChannelPipedInputStream;

/**
 * Runs commands on a server over SSH exec, as the login user, in the login environment: the
 * arguments arrive exactly as given (no shell parses them), environment variables travel on the
 * channel's input (never on a command line: secrets stay out of {@code ps} and {@code
 * /proc/PID/cmdline}), and cancellation kills the command's whole process group on the server. See
 * {@link RemoteExec} for the protocol. Needs only {@code /bin/sh} and {@code base64} on the server.
 *
 * <p>Thread-safe; each call opens its own channel on the session the {@link SessionSource} gives
 * (a {@link RemoteConnection} connects again after a lost connection).
 */
public final class SshCommandRunner implements CommandRunner {
    /** How long the server may take to open a channel and start the command. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final SessionSource sessions;
    private final Set<String> unset;

    /**
     * @param sessions gives the session to run on
     * @param unset variables removed from the login environment of every command
     */
    public SshCommandRunner(SessionSource sessions, Set<String> unset) {
        this.sessions = sessions;
        this.unset = Set.copyOf(unset);
    }

    /**
     * {@inheritDoc}
     *
     * @param workingDir an absolute path on the server; a path of the session's {@link
     *     RemoteSession#sftp()} file system or any other {@code Path} whose string is an absolute
     *     POSIX path
     * @throws RemoteHostException when there is no connection or the server refused the channel
     * @throws IOException when the program is not found or the folder does not exist (nothing ran)
     */
    @Override
    public RunningCommand start(List<String> command, Map<String, String> environment, Path workingDir)
            throws IOException {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("no command given");
        }
        String dir = workingDir.toString();
        if (!dir.startsWith("/")) {
            throw new IllegalArgumentException(
                    "the working folder on the server must be an absolute POSIX path, not " + dir);
        }
        byte[] header = RemoteExec.header(command, environment, unset, dir);
        RemoteSession session = sessions.session();
        String program = command.getFirst();
        ChannelExec channel;
        try {
            channel = session.mina().createExecChannel(RemoteExec.COMMAND);
            channel.open().verify(START_TIMEOUT);
        } catch (IOException e) {
            throw session.isOpen()
                    ? new RemoteHostException(
                            session.host(),
                            RemoteHostException.Failure.REFUSED,
                            session.host().address() + " refused to run " + program + ": " + e.getMessage()
                                    + ". Nothing ran; the server may limit sessions per connection (MaxSessions).",
                            e)
                    : session.lost(e);
        }
        boolean started = false;
        try {
            OutputStream stdin = channel.getInvertedIn();
            stdin.write(header);
            stdin.flush();
            InputStream stderr = channel.getInvertedErr();
            RemoteExec.Start start = readStart(stderr);
            switch (start) {
                case RemoteExec.Start.Running r -> {
                    started = true;
                    return new SshRunningCommand(session, channel, program, r.pid(), r.processGroup());
                }
                case RemoteExec.Start.Failed f -> throw startFailure(session, channel, program, dir, f);
            }
        } catch (IOException e) {
            if (e instanceof RemoteHostException || !session.isOpen()) {
                throw e instanceof RemoteHostException rh ? rh : session.lost(e);
            }
            throw e;
        } finally {
            if (!started) {
                channel.close(true);
            }
        }
    }

    private static RemoteExec.Start readStart(InputStream stderr) throws IOException {
        if (stderr instanceof ChannelPipedInputStream piped) {
            piped.setTimeout(START_TIMEOUT.toMillis());
            try {
                return RemoteExec.readStart(piped);
            } finally {
                piped.setTimeout(0);
            }
        }
        return RemoteExec.readStart(stderr);
    }

    private static IOException startFailure(
            RemoteSession session, ChannelExec channel, String program, String dir, RemoteExec.Start.Failed f) {
        String where = session.host().address();
        return switch (f.reason()) {
            case "not-found" ->
                new IOException("cannot run " + program + " on " + where + ": it is not installed there or not on the"
                        + " login PATH; nothing was run");
            case "no-dir" ->
                new IOException("cannot run " + program + " in " + dir + " on " + where
                        + ": the folder does not exist or cannot be entered; nothing was run");
            default -> {
                Integer status = channel.getExitStatus();
                yield new IOException("cannot start " + program + " on " + where + ": the server's shell failed"
                        + (status == null ? "" : " (exit code " + status + ")")
                        + (f.output().isEmpty() ? "" : ": " + f.output())
                        + ". Berth needs /bin/sh and base64 on the server; nothing was run.");
            }
        };
    }

    @Override
    public String describe() {
        try {
            return sessions.session().host().address();
        } catch (RemoteHostException e) {
            return e.host() == null ? "a remote host" : e.host().address();
        }
    }
}
