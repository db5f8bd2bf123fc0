package dev.berth.gui.home;

import dev.berth.gui.common.DockerUnreachableException;
import java.util.List;

/**
 * Finds the installs Home lists. Discovery (compose labels on the Docker host plus the scan
 * folders of the settings) will implement it; {@link #NONE} stands in until then.
 */
@FunctionalInterface
public interface InstallSource {

    /** Finds nothing: Home then offers the demo app and scanning folders. */
    InstallSource NONE = List::of;

    /**
     * Blocks (Docker calls, disk use); never called on the FX thread.
     *
     * @throws DockerUnreachableException when no Docker engine answered; Home then shows the
     *     guided page with every place tried
     * @throws Exception anything else that stopped the search; its message is shown
     */
    List<InstallRow> list() throws Exception;

    /**
     * The rows {@link #list()} just returned, with their disk use measured (slow: folder walks and
     * the engine's disk use). Home shows the list first and calls this after; it blocks and is never
     * called on the FX thread. The default measures nothing (the rows are returned as they are).
     *
     * @throws Exception when measuring failed; Home keeps the rows with their sizes unknown
     */
    default List<InstallRow> measure(List<InstallRow> rows) throws Exception {
        return rows;
    }
}
