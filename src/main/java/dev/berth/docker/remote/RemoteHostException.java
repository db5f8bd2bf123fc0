package dev.berth.docker.remote;

import java.io.IOException;

/**
 * Talking to a remote host failed. The message says what failed, what state things are in and what
 * to do; {@link #failure()} lets a front end react (ask to accept a host key, ask for another key).
 */
public class RemoteHostException extends IOException {
    /** What went wrong, for front ends that react differently. */
    public enum Failure {
        /** The name does not resolve, nothing listens, or the network is down. */
        UNREACHABLE,
        /** No answer within the connect or authentication timeout. */
        TIMEOUT,
        /** The server's host key is not in known_hosts yet ({@link UnknownHostKeyException}). */
        HOST_KEY_UNKNOWN,
        /** The server's host key differs from the one in known_hosts ({@link ChangedHostKeyException}). */
        HOST_KEY_CHANGED,
        /** The server accepted none of the keys or passwords offered. */
        PERMISSION_DENIED,
        /** The connection dropped while it was in use. */
        CONNECTION_LOST,
        /** The server refused a request (a channel, a forwarding, the SFTP subsystem). */
        REFUSED
    }

    private final transient RemoteHost host;
    private final Failure failure;

    public RemoteHostException(RemoteHost host, Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.host = host;
        this.failure = failure;
    }

    /** The host this is about. */
    public RemoteHost host() {
        return host;
    }

    /** What went wrong. */
    public Failure failure() {
        return failure;
    }
}
