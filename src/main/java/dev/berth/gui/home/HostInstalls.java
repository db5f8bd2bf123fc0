package dev.berth.gui.home;

import dev.berth.config.Settings.SshServer;
import java.util.List;

/**
 * Finds the installs on one server of the settings (over SSH), for Home's rows of that server.
 * {@code Main} wires the real one; each server is searched on its own, so one that cannot be
 * reached only puts a line with Retry on Home.
 */
@FunctionalInterface
public interface HostInstalls {

    /** No servers in this build. */
    HostInstalls NONE = server -> {
        throw new UnsupportedOperationException("Servers over SSH are not part of this build of Berth.");
    };

    /**
     * Blocks (connects, asks Docker there, reads the installs' files over SFTP); never called on
     * the FX thread.
     *
     * @return the rows, each with {@link InstallRow#host()} set to {@code server.key()}
     * @throws Exception when the server cannot be reached or searched; its message says why
     */
    List<InstallRow> list(SshServer server) throws Exception;

    /**
     * The rows {@link #list} just returned for {@code server}, with their disk use measured on the
     * server (its Docker's volume sizes, one helper container there for the data folders). Blocks;
     * never called on the FX thread. The default measures nothing.
     *
     * @throws Exception when measuring failed; Home keeps the rows with their sizes unknown
     */
    default List<InstallRow> measure(SshServer server, List<InstallRow> rows) throws Exception {
        return rows;
    }
}
