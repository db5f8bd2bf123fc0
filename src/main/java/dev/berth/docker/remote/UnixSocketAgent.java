package dev.berth.docker.remote;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client of the user's SSH agent over its Unix socket ({@code SSH_AUTH_SOCK}), with the JDK's own
 * Unix domain sockets: MINA's agent client needs the native Tomcat APR library. Keys stay in the
 * agent; it signs. Agent forwarding to the server is not offered.
 */
final class UnixSocketAgent extends AbstractAgentProxy {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketAgent.class);
    private static final int MAX_MESSAGE = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;

    /** Connects to the agent; an agent that does not answer offers no keys (key files still count). */
    UnixSocketAgent(Path socket) {
        super(null);
        this.socket = socket;
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            LOG.warn(
                    "the SSH agent at {} (SSH_AUTH_SOCK) does not answer; its keys are not used: {}",
                    socket,
                    e.toString());
            ch = null;
        }
        this.channel = ch;
    }

    @Override
    public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        return channel == null ? List.of() : super.getIdentities();
    }

    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        if (channel == null) {
            throw new IOException("the SSH agent at " + socket + " is not connected");
        }
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer len = ByteBuffer.allocate(4);
        readFully(len);
        int n = len.flip().getInt();
        if (n <= 0 || n > MAX_MESSAGE) {
            throw new IOException("the SSH agent at " + socket + " sent a message of " + n + " bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(n);
        readFully(body);
        return new ByteArrayBuffer(body.array());
    }

    private void readFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("the SSH agent at " + socket + " closed the connection");
            }
        }
    }

    @Override
    public boolean isOpen() {
        return channel != null && channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** Creates one agent connection per authentication. */
    static final class Factory implements SshAgentFactory {
        private final Path socket;

        Factory(Path socket) {
            this.socket = socket;
        }

        @Override
        public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
            return List.of();
        }

        @Override
        public SshAgent createClient(Session session, FactoryManager manager) {
            return new UnixSocketAgent(socket);
        }

        @Override
        public SshAgentServer createServer(ConnectionService service) {
            throw new UnsupportedOperationException("Berth does not forward the SSH agent to servers");
        }
    }
}
