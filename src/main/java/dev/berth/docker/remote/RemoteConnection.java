package dev.berth.docker.remote;

/**
 * A host Berth stays connected to: {@link #session()} gives the open session, or connects again
 * when it was lost (the server rebooted, the laptop changed networks). Work that was running on the
 * lost session is not resumed here; the engine's journal does that. Thread-safe.
 */
public final class RemoteConnection implements SessionSource, AutoCloseable {
    private final SshConnector connector;
    private final RemoteHost host;
    private RemoteSession current;
    private boolean closed;

    public RemoteConnection(SshConnector connector, RemoteHost host) {
        this.connector = connector;
        this.host = host;
    }

    /** The host. */
    public RemoteHost host() {
        return host;
    }

    /**
     * The open session, connecting (again) when there is none.
     *
     * @throws RemoteHostException when connecting fails; see {@link SshConnector#connect}
     */
    @Override
    public synchronized RemoteSession session() throws RemoteHostException {
        if (closed) {
            throw new IllegalStateException("the connection to " + host.address() + " was closed");
        }
        if (current == null || !current.isOpen()) {
            if (current != null) {
                current.close();
            }
            current = connector.connect(host);
        }
        return current;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
