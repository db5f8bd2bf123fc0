package dev.berth.docker.remote;

import java.io.IOException;
import org.apache.sshd.client.channel.AsyncCapableClientChannel;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * A connection to a Unix socket on the server: OpenSSH's {@code direct-streamlocal@openssh.com}
 * channel (its {@code ssh -L port:/path/to/socket}), which MINA 2.20 does not offer. The server
 * connects to the socket as the login user, so its permissions apply (the {@code docker} group).
 */
final class StreamLocalChannel extends AsyncCapableClientChannel {
    static final String TYPE = "direct-streamlocal@openssh.com";

    private final String socketPath;

    private StreamLocalChannel(String socketPath) {
        super(TYPE, false);
        this.socketPath = socketPath;
    }

    /** Registers a new channel to {@code socketPath} on {@code session}; {@link #open()} connects it. */
    static StreamLocalChannel create(ClientSession session, String socketPath) throws IOException {
        StreamLocalChannel channel = new StreamLocalChannel(socketPath);
        ConnectionService service = session.getService(ConnectionService.class);
        if (service == null) {
            throw new SshException("the SSH session has no connection service (not authenticated?)");
        }
        service.registerChannel(channel);
        return channel;
    }

    @Override
    public synchronized OpenFuture open() throws IOException {
        if (closeFuture.isClosed()) {
            throw new SshException("the SSH session has been closed");
        }
        openFuture = new DefaultOpenFuture(socketPath, futureLock);
        LocalWindow window = getLocalWindow();
        Buffer buffer = getSession().createBuffer(SshConstants.SSH_MSG_CHANNEL_OPEN, 64 + socketPath.length());
        buffer.putString(getChannelType());
        buffer.putUInt(getChannelId());
        buffer.putUInt(window.getSize());
        buffer.putUInt(window.getPacketSize());
        buffer.putString(socketPath);
        buffer.putString(""); // reserved
        buffer.putUInt(0); // reserved
        writePacket(buffer);
        return openFuture;
    }
}
