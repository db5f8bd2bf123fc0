package dev.berth.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Unix socket in front of the test bed's Docker socket that a test can take away and bring back:
 * to Berth (pointed at it with {@code DOCKER_HOST}) that is the Docker daemon stopping mid-step
 * and starting again, without stopping the daemon every other helper's tests share. {@link #down()}
 * closes the listening socket and every open connection at once, as a daemon that dies does.
 */
final class DockerSocketProxy implements AutoCloseable {
    private final Path socket;
    private final Path upstream;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;

    DockerSocketProxy(Path socket, Path upstream) {
        this.socket = socket;
        this.upstream = upstream;
        up();
    }

    /** The value of {@code DOCKER_HOST} that reaches Docker through this proxy. */
    String dockerHost() {
        return "unix://" + socket;
    }

    /** Starts listening (again). */
    synchronized void up() {
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(socket));
            server = s;
            Thread.ofPlatform().daemon().name("docker-proxy-accept").start(() -> accept(s));
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + socket, e);
        }
    }

    /** The daemon "stops": no new connection, and every open one is cut. */
    synchronized void down() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (SocketChannel c : open) {
            try {
                c.close();
            } catch (IOException e) {
                // already closed by its other side
            }
        }
        open.clear();
    }

    private void accept(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel daemon = SocketChannel.open(UnixDomainSocketAddress.of(upstream));
                open.add(client);
                open.add(daemon);
                Thread.ofVirtual().start(() -> pump(client, daemon));
                Thread.ofVirtual().start(() -> pump(daemon, client));
            } catch (IOException e) {
                return; // closed by down()
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: close both, as a dead daemon leaves them
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // nothing more to close
            }
        }
        open.remove(from);
    }

    @Override
    public void close() {
        down();
    }
}
