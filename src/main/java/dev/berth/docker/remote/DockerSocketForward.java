package dev.berth.docker.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a server's Docker socket reachable from this computer, so docker-java talks to the remote
 * engine as if it were local: every connection to the local end becomes one SSH channel to the
 * server's socket ({@code direct-streamlocal@openssh.com}). The local end is a Unix socket in a
 * private folder ({@code unix://...}; only this user can connect) or, where docker-java has no Unix
 * sockets (Windows), a TCP port on 127.0.0.1 ({@code tcp://127.0.0.1:PORT}; any local user could
 * connect to it while it is open, and Docker access is root access on the server).
 *
 * <p>When the SSH connection drops, the next local connection asks the {@link SessionSource} for a
 * session again (a {@link RemoteConnection} reconnects), so a client retrying a call gets through
 * once the server is back. Thread-safe; {@link #close()} stops it and removes the local socket.
 */
public final class DockerSocketForward implements AutoCloseable {
    /** Where Docker listens on most servers. */
    public static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    private static final Logger LOG = LoggerFactory.getLogger(DockerSocketForward.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(20);
    private static final int BUFFER = 64 * 1024;

    /** The kind of local end docker-java connects to. */
    public enum LocalEndpoint {
        /** A Unix socket in a folder only this user may enter (Linux, macOS). */
        UNIX_SOCKET,
        /** A TCP port on 127.0.0.1 (Windows); reachable by every local user while open. */
        LOOPBACK_TCP
    }

    private final SessionSource sessions;
    private final RemoteHost host;
    private final String remoteSocket;
    private final ServerSocketChannel server;
    private final Optional<Path> socketDir;
    private final String dockerHost;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final Thread acceptor;
    private volatile boolean closed;

    private DockerSocketForward(
            SessionSource sessions,
            RemoteHost host,
            String remoteSocket,
            ServerSocketChannel server,
            Optional<Path> socketDir,
            String dockerHost) {
        this.sessions = sessions;
        this.host = host;
        this.remoteSocket = remoteSocket;
        this.server = server;
        this.socketDir = socketDir;
        this.dockerHost = dockerHost;
        this.acceptor = Thread.ofPlatform()
                .daemon()
                .name("berth-docker-forward " + host.address())
                .start(this::acceptLoop);
    }

    /**
     * Checks that the server forwards to {@code remoteSocket}, then opens the local end.
     *
     * @throws RemoteHostException when the server refuses: forwarding disabled ({@code
     *     AllowStreamLocalForwarding no}), no socket there, or the user may not use it (not in the
     *     {@code docker} group)
     * @throws IOException when the local end cannot be created
     */
    public static DockerSocketForward start(SessionSource sessions, String remoteSocket, LocalEndpoint endpoint)
            throws IOException {
        RemoteSession session = sessions.session();
        try (StreamLocalChannel probe = openChannel(session, remoteSocket)) {
            LOG.debug("{} forwards to {}", session.host().address(), remoteSocket);
        }
        return switch (endpoint) {
            case UNIX_SOCKET -> {
                Path dir = Files.createTempDirectory(
                        "berth-docker-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Path socket = dir.resolve("docker.sock");
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    server.bind(UnixDomainSocketAddress.of(socket));
                } catch (IOException e) {
                    server.close();
                    Files.deleteIfExists(dir);
                    throw e;
                }
                yield new DockerSocketForward(
                        sessions, session.host(), remoteSocket, server, Optional.of(dir), "unix://" + socket);
            }
            case LOOPBACK_TCP -> {
                ServerSocketChannel server = ServerSocketChannel.open();
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
                yield new DockerSocketForward(
                        sessions, session.host(), remoteSocket, server, Optional.empty(), "tcp://127.0.0.1:" + port);
            }
        };
    }

    private static StreamLocalChannel openChannel(RemoteSession session, String remoteSocket)
            throws RemoteHostException {
        StreamLocalChannel channel = null;
        try {
            channel = StreamLocalChannel.create(session.mina(), remoteSocket);
            channel.open().verify(OPEN_TIMEOUT);
            return channel;
        } catch (IOException e) {
            if (channel != null) {
                channel.close(true);
            }
            if (!session.isOpen()) {
                throw session.lost(e);
            }
            String why = e instanceof SshChannelOpenException o && o.getReasonCode() == 1
                    ? "the SSH server does not allow socket forwarding (AllowStreamLocalForwarding in its sshd_config)"
                    : "the socket does not exist there or " + session.host().user()
                            + " may not use it (is the user in the docker group?)";
            throw new RemoteHostException(
                    session.host(),
                    RemoteHostException.Failure.REFUSED,
                    session.host().address() + " did not connect to the Docker socket " + remoteSocket + ": "
                            + e.getMessage() + ". Probably " + why + ". Nothing was changed on the server.",
                    e);
        }
    }

    /** What docker-java connects to: {@code unix:///tmp/berth-docker-.../docker.sock} or {@code tcp://127.0.0.1:PORT}. */
    public String dockerHost() {
        return dockerHost;
    }

    /** The host whose socket this forwards. */
    public RemoteHost host() {
        return host;
    }

    /** Local connections forwarded so far. */
    public long forwardedConnections() {
        return forwarded.get();
    }

    /** Why the last local connection could not be forwarded, for an error message; empty when all went through. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel local;
            try {
                local = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("the Docker forward of {} stopped accepting: {}", host.address(), e.toString());
                }
                return;
            }
            open.add(local);
            Thread.ofVirtual().name("berth-docker-conn").start(() -> serve(local));
        }
    }

    private void serve(SocketChannel local) {
        StreamLocalChannel remote = null;
        try {
            remote = connect();
            forwarded.incrementAndGet();
            lastFailure.set(null);
            StreamLocalChannel r = remote;
            Thread up = Thread.ofVirtual().start(() -> pump(Channels.newInputStream(local), r.getInvertedIn(), true));
            pump(r.getInvertedOut(), Channels.newOutputStream(local), false);
            try {
                local.shutdownOutput();
            } catch (IOException e) {
                LOG.debug("local end already closed: {}", e.toString());
            }
            up.join();
        } catch (RemoteHostException e) {
            lastFailure.set(e.getMessage());
            LOG.warn("a Docker API connection to {} could not be forwarded: {}", host.address(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(local);
            try {
                local.close();
            } catch (IOException e) {
                LOG.debug("closing a local Docker connection: {}", e.toString());
            }
            if (remote != null) {
                remote.close(false);
            }
        }
    }

    /** A channel on the current session, connecting again once when that session was lost. */
    private StreamLocalChannel connect() throws RemoteHostException {
        RemoteSession session = sessions.session();
        try {
            return openChannel(session, remoteSocket);
        } catch (RemoteHostException e) {
            if (e.failure() != RemoteHostException.Failure.CONNECTION_LOST) {
                throw e;
            }
            LOG.info("the SSH connection to {} was lost; connecting again for the Docker API", host.address());
            return openChannel(sessions.session(), remoteSocket);
        }
    }

    private static void pump(InputStream in, OutputStream out, boolean closeOutAtEnd) {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("forwarded Docker connection ended: {}", e.toString());
        } finally {
            if (closeOutAtEnd) {
                try {
                    out.close(); // end-of-file to the server's socket
                } catch (IOException e) {
                    LOG.debug("closing the remote side: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the Docker forward's local end: {}", e.toString());
        }
        for (SocketChannel c : open) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing a forwarded connection: {}", e.toString());
            }
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socketDir.ifPresent(dir -> {
            try {
                Files.deleteIfExists(dir.resolve("docker.sock"));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", dir, e.toString());
            }
        });
    }

    @Override
    public String toString() {
        return "DockerSocketForward[" + host.address() + ":" + remoteSocket + " -> " + dockerHost + "]";
    }
}
