package dev.berth.gui.common;

import dev.berth.engine.Engine;
import dev.berth.release.ReleaseLoader;

/**
 * How the screens reach the engine; {@code Main} wires the real one (the Docker runtime behind
 * {@link Engine}). Every method blocks and is called on a worker thread, never on the FX thread.
 */
public interface EngineAccess {

    /** No engine in this build: every screen says so instead of failing later. */
    EngineAccess NONE = () -> {
        throw new DockerUnreachableException(
                "The engine is not connected in this build of Berth; nothing was changed.\n"
                        + "- no Docker runtime is wired in",
                null);
    };

    /**
     * The engine, connected to Docker. May connect on first use and cache the connection.
     *
     * @throws DockerUnreachableException when no Docker engine answered; its message is a
     *     headline, then one {@code - place: reason} line per place tried
     */
    Engine engine() throws DockerUnreachableException;

    /**
     * A new loader for release folders, archives and git tags; the caller closes it when the
     * releases it loaded are no longer needed (archives are extracted until then).
     */
    default ReleaseLoader releaseLoader() {
        return new ReleaseLoader();
    }
}
