package dev.berth.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of the registry that forwards a byte budget of answers and
 * then stops forwarding while keeping every connection open: a registry that stalls mid-download,
 * as a flaky network does, without touching the real registry.
 */
public final class StallingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicLong budget;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public StallingProxy(int upstreamPort, long bytesBeforeStall) throws IOException {
        this.upstreamPort = upstreamPort;
        this.budget = new AtomicLong(bytesBeforeStall);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("stalling-proxy").start(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofPlatform().daemon().start(() -> copy(client, upstream, false));
                Thread.ofPlatform().daemon().start(() -> copy(upstream, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void copy(Socket from, Socket to, boolean metered) {
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (metered) {
                    long left = budget.addAndGet(-n);
                    if (left < 0) {
                        int allowed = (int) Math.max(0, n + left);
                        out.write(buf, 0, allowed);
                        out.flush();
                        while (!closed) {
                            Thread.sleep(100); // stalled: hold the connection, send nothing
                        }
                        return;
                    }
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // Connection closed by either side.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
