package dev.berth.docker.remote;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.fs.SftpFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated SSH connection to a server. It gives the server's files as a {@link
 * java.nio.file.FileSystem} ({@link #sftp()}), runs commands there ({@link #commands}) and forwards
 * its Docker socket ({@link #forwardDockerSocket}). Thread-safe; many channels share the connection.
 * Closing it closes all of them, and the jump host's connection.
 */
public final class RemoteSession implements SessionSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteSession.class);

    private final RemoteHost host;
    private final ClientSession session;
    private final Optional<RemoteSession> via;
    private final SshOptions options;
    private SftpFileSystem sftp;

    RemoteSession(RemoteHost host, ClientSession session, Optional<RemoteSession> via, SshOptions options) {
        this.host = host;
        this.session = session;
        this.via = via;
        this.options = options;
    }

    /** The host. */
    public RemoteHost host() {
        return host;
    }

    /** Whether the connection is still up (as far as this side knows). */
    public boolean isOpen() {
        return session.isOpen() && !session.isClosing();
    }

    /** This session while it is open. */
    @Override
    public RemoteSession session() throws RemoteHostException {
        if (!isOpen()) {
            throw lost(null);
        }
        return this;
    }

    /** The server's SSH software, e.g. {@code SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u6}. */
    public String serverVersion() {
        return session.getServerVersion();
    }

    /**
     * The server's files through SFTP, as the login user sees them; relative paths start in the
     * user's home. The same instance on every call; it closes with the session. See {@link
     * DurableSftpProvider} for what differs from a local file system (no file locks).
     *
     * @throws RemoteHostException when the server refuses the SFTP subsystem or the session is lost
     */
    public synchronized FileSystem sftp() throws RemoteHostException {
        if (sftp == null || !sftp.isOpen()) {
            try {
                sftp = DurableSftpProvider.open(session);
            } catch (IOException e) {
                throw isOpen()
                        ? new RemoteHostException(
                                host,
                                RemoteHostException.Failure.REFUSED,
                                host.address() + " refused SFTP: " + e.getMessage()
                                        + ". Berth needs the server's SFTP subsystem (Subsystem sftp in sshd_config).",
                                e)
                        : lost(e);
            }
        }
        return sftp;
    }

    /** An absolute path (or one relative to the user's home) on the server. */
    public Path path(String first, String... more) throws RemoteHostException {
        return sftp().getPath(first, more);
    }

    /** Runs commands on the server with its login environment. */
    public SshCommandRunner commands() {
        return new SshCommandRunner(this, Set.of());
    }

    /**
     * Runs commands on the server with its login environment minus the {@code unset} variables (say
     * {@code COMPOSE_FILE}, which would make compose pick other files).
     */
    public SshCommandRunner commands(Set<String> unset) {
        return new SshCommandRunner(this, unset);
    }

    /**
     * Forwards the server's Docker socket to this computer.
     *
     * @param remoteSocket the socket on the server, usually {@code /var/run/docker.sock}
     * @throws RemoteHostException when the server refuses to forward (forwarding disabled, socket
     *     missing, user not allowed to use Docker)
     */
    public DockerSocketForward forwardDockerSocket(String remoteSocket, DockerSocketForward.LocalEndpoint endpoint)
            throws IOException {
        return DockerSocketForward.start(this, remoteSocket, endpoint);
    }

    ClientSession mina() {
        return session;
    }

    SshOptions options() {
        return options;
    }

    /** The exception for work that failed because the connection is gone. */
    RemoteHostException lost(Throwable cause) {
        return new RemoteHostException(
                host,
                RemoteHostException.Failure.CONNECTION_LOST,
                "The SSH connection to " + host.address() + " was lost"
                        + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")")
                        + ". What ran on the server may have finished or not; connect again to see its state.",
                cause);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (sftp != null) {
                try {
                    sftp.close();
                } catch (IOException e) {
                    LOG.debug("closing the SFTP file system of {}: {}", host.address(), e.toString());
                }
            }
        }
        session.close(true);
        via.ifPresent(RemoteSession::close);
    }

    @Override
    public String toString() {
        return "RemoteSession[" + host + (isOpen() ? "" : ", closed") + "]";
    }
}
