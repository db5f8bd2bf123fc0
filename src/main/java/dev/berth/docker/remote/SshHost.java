package dev.berth.docker.remote;

import dev.berth.docker.CommandRunner;
import dev.berth.docker.DockerEngine;
import dev.berth.docker.DockerEnvironment;
import dev.berth.docker.Host;
import dev.berth.docker.HttpProbe;
import dev.berth.docker.OperatingSystem;
import dev.berth.docker.compose.ComposeCli;
import dev.berth.engine.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.sftp.client.fs.SftpFileSystem;

/**
 * A server reached over SSH, with nothing on it but Docker, compose and a POSIX shell: its files
 * through SFTP ({@link RemoteSession#sftp()}), its commands over SSH exec ({@link SshCommandRunner}),
 * its Docker API through a forwarded socket ({@link DockerSocketForward}), health checks through
 * the connection ({@link TunnelHttpProbe}), installs locked with {@code flock} on the server ({@link
 * FlockRunLock}), backups kept in the login user's {@code ~/.local/share/berth/backups}.
 *
 * <p>One SSH connection carries everything; when it drops, the next use connects again (the
 * engine's journal on the server says what a run had done). Thread-safe.
 */
public final class SshHost implements Host {
    /** Where Docker listens on the server. */
    static final String SOCKET = DockerSocketForward.DEFAULT_SOCKET;

    /**
     * Variables of the login environment commands never get: compose's own that would pick other
     * files or projects, and the Docker CLI's that would point at another engine than {@link #SOCKET}.
     */
    static final Set<String> UNSET = unset();

    private final SshConnector connector;
    private final RemoteConnection connection;
    private final SshCommandRunner commands;
    private final RunLock lock;
    private final TunnelHttpProbe http;
    private DockerSocketForward forward;
    private DockerEngine engine;

    private SshHost(SshConnector connector, RemoteConnection connection) {
        this.connector = connector;
        this.connection = connection;
        this.commands = new SshCommandRunner(connection, UNSET);
        this.lock = new FlockRunLock(commands);
        this.http = new TunnelHttpProbe(connection);
    }

    private static Set<String> unset() {
        Set<String> s = new HashSet<>(ComposeCli.OVERRIDDEN);
        s.addAll(Set.of("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH"));
        return Set.copyOf(s);
    }

    /**
     * Connects to {@code host}, checking its host key against the options' known_hosts.
     *
     * @param acceptFingerprint a host key fingerprint ({@code SHA256:...}) the user confirmed: when
     *     the server presents exactly that key and known_hosts does not know it yet, it is added there
     *     (in clear, {@code [host]:port}) and the connection goes on
     * @throws UnknownHostKeyException when known_hosts does not hold the server's key and it is not
     *     the accepted one; nothing was sent to the server
     * @throws ChangedHostKeyException when known_hosts holds another key for the server; Berth never
     *     replaces it
     * @throws RemoteHostException when the server is unreachable or refuses every credential
     */
    public static SshHost connect(RemoteHost host, SshOptions options, Optional<String> acceptFingerprint)
            throws RemoteHostException {
        SshConnector connector = new SshConnector(options);
        RemoteConnection connection = new RemoteConnection(connector, host);
        try {
            try {
                connection.session();
            } catch (UnknownHostKeyException e) {
                if (acceptFingerprint.filter(e.fingerprint()::equals).isEmpty()) {
                    throw e;
                }
                try {
                    connector.knownHosts().accept(host, e.key(), KnownHosts.HostNameForm.PLAIN);
                } catch (IOException io) {
                    throw new RemoteHostException(
                            host,
                            RemoteHostException.Failure.HOST_KEY_UNKNOWN,
                            "Could not add the host key of " + host.knownHostsName() + " to " + e.knownHosts() + ": "
                                    + io.getMessage() + ". Nothing was sent to the server.",
                            io);
                }
                connection.session();
            }
            return new SshHost(connector, connection);
        } catch (RemoteHostException | RuntimeException e) {
            connection.close();
            connector.close();
            throw e;
        }
    }

    /** The server. */
    public RemoteHost remote() {
        return connection.host();
    }

    /** The open session (connecting again when it was lost). */
    public RemoteSession session() throws RemoteHostException {
        return connection.session();
    }

    @Override
    public String describe() {
        return connection.host().address();
    }

    @Override
    public boolean isLocal() {
        return false;
    }

    private FileSystem files() {
        try {
            return connection.session().sftp();
        } catch (RemoteHostException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public Path path(String path) {
        return files().getPath(path);
    }

    @Override
    public Path home() {
        return ((SftpFileSystem) files()).getDefaultDir();
    }

    @Override
    public CommandRunner commands() {
        return commands;
    }

    @Override
    public Map<String, String> commandEnvironment() {
        return Map.of("DOCKER_HOST", "unix://" + SOCKET);
    }

    /**
     * The server's engine through the forwarded socket; the forward connects again after a lost
     * connection.
     *
     * @throws UncheckedIOException ({@link RemoteHostException} inside) when the server does not
     *     forward to its Docker socket: forwarding disabled, no Docker there, or the user not in the
     *     docker group
     */
    @Override
    public synchronized DockerEngine engine() {
        if (engine == null) {
            try {
                forward = DockerSocketForward.start(
                        connection,
                        SOCKET,
                        OperatingSystem.current() == OperatingSystem.WINDOWS
                                ? DockerSocketForward.LocalEndpoint.LOOPBACK_TCP
                                : DockerSocketForward.LocalEndpoint.UNIX_SOCKET);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            DockerEnvironment env = DockerEnvironment.current()
                    .withVariable("DOCKER_HOST", forward.dockerHost())
                    .withVariable("DOCKER_CONTEXT", null)
                    .withVariable("DOCKER_TLS_VERIFY", null)
                    .withVariable("DOCKER_CERT_PATH", null);
            try {
                engine = DockerEngine.connect(env);
            } catch (RuntimeException e) {
                forward.close();
                forward = null;
                throw e;
            }
        }
        return engine;
    }

    @Override
    public HttpProbe http() {
        return http;
    }

    @Override
    public RunLock lock() {
        return lock;
    }

    @Override
    public Path backupRoot() {
        return home().resolve(".local").resolve("share").resolve("berth").resolve("backups");
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
        if (forward != null) {
            forward.close();
            forward = null;
        }
        connection.close();
        connector.close();
    }

    @Override
    public String toString() {
        return "SshHost[" + connection.host() + "]";
    }
}
