package dev.berth.docker.remote;

import dev.berth.docker.RunningCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A command running on a server through one SSH exec channel. */
final class SshRunningCommand implements RunningCommand {
    private static final Logger LOG = LoggerFactory.getLogger(SshRunningCommand.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final Set<ClientChannelEvent> ENDED =
            EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS, ClientChannelEvent.EXIT_SIGNAL);
    private static final long POLL_MILLIS = 200;

    private final RemoteSession session;
    private final ChannelExec channel;
    private final String program;
    private final long pid;
    private final long processGroup;

    SshRunningCommand(RemoteSession session, ChannelExec channel, String program, long pid, long processGroup) {
        this.session = session;
        this.channel = channel;
        this.program = program;
        this.pid = pid;
        this.processGroup = processGroup;
    }

    @Override
    public OutputStream stdin() {
        return channel.getInvertedIn();
    }

    @Override
    public InputStream stdout() {
        return channel.getInvertedOut();
    }

    @Override
    public InputStream stderr() {
        return channel.getInvertedErr();
    }

    /** The process id on the server. */
    long pid() {
        return pid;
    }

    /** The process group on the server that cancellation kills. */
    long processGroup() {
        return processGroup;
    }

    @Override
    public boolean waitFor(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + describe());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            channel.waitFor(ENDED, Math.max(1, Math.min(POLL_MILLIS, left / 1_000_000)));
        }
        return true;
    }

    private boolean ended() {
        return channel.getExitStatus() != null || channel.getExitSignal() != null || channel.isClosed();
    }

    @Override
    public boolean isAlive() {
        return !ended();
    }

    @Override
    public int exitCode() throws IOException {
        Integer status = channel.getExitStatus();
        if (status != null) {
            return status;
        }
        String signal = channel.getExitSignal();
        if (signal != null) {
            int n = RemoteExec.signalNumber(signal);
            return n == 0 ? 255 : 128 + n;
        }
        if (!channel.isClosed()) {
            throw new IllegalStateException(describe() + " still runs");
        }
        throw new RemoteHostException(
                session.host(),
                RemoteHostException.Failure.CONNECTION_LOST,
                "The SSH connection to " + session.host().address() + " ended before " + describe()
                        + " reported how it ended: it may have finished, failed or still run there."
                        + " Connect again to check the state.",
                null);
    }

    @Override
    public void terminate(Duration grace) {
        if (ended()) {
            return;
        }
        if (session.isOpen()) {
            long tenths = Math.max(1, grace.toMillis() / 100);
            try (ChannelExec kill =
                    session.mina().createExecChannel(RemoteExec.terminateCommand(processGroup, tenths))) {
                kill.open().verify(SshCommandRunner.START_TIMEOUT);
                kill.getInvertedIn().close();
                kill.waitFor(
                        EnumSet.of(ClientChannelEvent.CLOSED),
                        grace.plusSeconds(10).toMillis());
            } catch (IOException e) {
                LOG.warn("could not signal {}: {}", describe(), e.toString());
            }
        }
        // The command's channel closes once the server has sent its exit status.
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), CLOSE_GRACE.toMillis());
        channel.close(true);
    }

    @Override
    public String describe() {
        return program + " (pid " + pid + " on " + session.host().address() + ")";
    }

    @Override
    public void close() {
        if (!ended()) {
            terminate(CLOSE_GRACE);
        }
        channel.close(false);
    }
}
