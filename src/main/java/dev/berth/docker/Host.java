package dev.berth.docker;

import dev.berth.engine.RunLock;
import java.nio.file.Path;
import java.util.Map;

/**
 * A machine whose installs Berth manages: this computer ({@link LocalHost}) or a server over SSH
 * ({@code dev.berth.docker.remote.SshHost}). Everything that differs between the two is here, so the
 * engine's steps are the same for both: the file system install paths live on, where commands
 * (compose, the docker CLI) run, the Docker engine API, where health-check requests start, the lock
 * on installs and where backups are kept.
 *
 * <p>Thread-safe. Connects on first use where that is expensive; {@link #close()} ends every
 * connection.
 */
public interface Host extends AutoCloseable {

    /** For messages: {@code this computer} or {@code user@server:22}. */
    String describe();

    /** Whether this is the computer Berth runs on. */
    boolean isLocal();

    /**
     * A path of the machine's file system: the local one, or the server's through SFTP. Plans and
     * journals keep paths as strings; this turns them back into paths.
     */
    Path path(String path);

    /** The login user's home folder on the machine. */
    Path home();

    /** Runs commands on the machine. */
    CommandRunner commands();

    /**
     * Variables every {@code docker} and compose command gets on the machine so that it talks to
     * the same engine as {@link #engine()}: for a server its own socket, never this computer's
     * {@code DOCKER_HOST}.
     */
    Map<String, String> commandEnvironment();

    /**
     * The machine's Docker engine, connected on first use (for a server, through the SSH connection).
     *
     * @throws DockerUnreachableException when no engine answers
     */
    DockerEngine engine();

    /** Sends health-check requests from the machine. */
    HttpProbe http();

    /** The lock Berth takes on the machine's installs. */
    RunLock lock();

    /** Where backups are kept on the machine: {@code <data home>/berth/backups}; one folder per project below. */
    Path backupRoot();

    /** Ends the connections; paths of a server's file system stop working. */
    @Override
    void close();
}
