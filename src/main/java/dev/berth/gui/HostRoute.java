package dev.berth.gui;

import dev.berth.engine.Engine;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.EngineAccess;
import dev.berth.release.ReleaseLoader;

/**
 * The engine of one screen, on the machine of the install the screen was last opened for: this
 * computer's, or a server's. The window points it at the install's machine before it opens the
 * screen; the screens keep the engine they planned with for the run, so a later switch never
 * moves a run to another machine.
 */
final class HostRoute implements EngineAccess {
    private final EngineAccess local;
    private final ServerAccess servers;
    private volatile String host = "";

    HostRoute(EngineAccess local, ServerAccess servers) {
        this.local = local;
        this.servers = servers;
    }

    /** Points at {@code host} ({@code user@host:port}; empty for this computer); returns where it pointed. */
    String use(String host) {
        String was = this.host;
        this.host = host;
        return was;
    }

    String host() {
        return host;
    }

    @Override
    public Engine engine() throws DockerUnreachableException {
        String h = host;
        return h.isEmpty() ? local.engine() : servers.engine(h).engine();
    }

    @Override
    public ReleaseLoader releaseLoader() {
        return local.releaseLoader();
    }
}
