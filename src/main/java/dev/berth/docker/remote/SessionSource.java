package dev.berth.docker.remote;

/**
 * Gives a live session to a host: a {@link RemoteSession} gives itself while it is open, a {@link
 * RemoteConnection} connects again when the last session was lost.
 */
@FunctionalInterface
public interface SessionSource {

    /**
     * A session that is open now.
     *
     * @throws RemoteHostException when there is none and none can be made
     */
    RemoteSession session() throws RemoteHostException;
}
