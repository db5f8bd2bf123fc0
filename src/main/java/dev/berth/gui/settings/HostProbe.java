package dev.berth.gui.settings;

import dev.berth.config.Settings.SshServer;
import java.util.Objects;
import java.util.Optional;

/**
 * "Test connection" on the Settings page: connects to a server over SSH, checks its host key and
 * asks its Docker and compose for their versions. {@code Main} wires the real one over {@code
 * dev.berth.docker.remote}. Blocks; called on a worker thread, never on the FX thread.
 */
@FunctionalInterface
public interface HostProbe {

    /** No SSH in this build. */
    HostProbe NONE = (server, accept) ->
            new Result.Failed(Failure.OTHER, "Servers over SSH are not part of this build of Berth.");

    /**
     * Connects to {@code server} and closes the connection again.
     *
     * @param acceptFingerprint a fingerprint ({@code SHA256:...}) the user accepted: when the server
     *     presents exactly that key and known_hosts does not know it yet, it is added to known_hosts
     * @return what happened; never throws for a failed connection
     */
    Result test(SshServer server, Optional<String> acceptFingerprint) throws Exception;

    /** Why a test failed, for the headline the page shows above the detail. */
    enum Failure {
        /** Name does not resolve, nothing listens, network down. */
        UNREACHABLE,
        TIMEOUT,
        /** No key, agent key or password was accepted. */
        PERMISSION_DENIED,
        /** Logged in, but Docker or compose did not answer there. */
        NO_DOCKER,
        OTHER
    }

    /** What a test found. */
    sealed interface Result {
        /**
         * Logged in, and Docker answered.
         *
         * @param address {@code user@host:port}
         * @param dockerVersion the server's Docker engine version
         * @param composeVersion the compose the server runs ({@code docker compose v2.x} or {@code
         *     docker-compose 1.x})
         */
        record Connected(String address, String dockerVersion, String composeVersion) implements Result {
            public Connected {
                Objects.requireNonNull(address, "address");
                Objects.requireNonNull(dockerVersion, "dockerVersion");
                Objects.requireNonNull(composeVersion, "composeVersion");
            }
        }

        /**
         * known_hosts does not know the server (or its jump host) yet; nothing was sent to it.
         *
         * @param host the host whose key this is ({@code [host]:port} as in known_hosts)
         * @param fingerprint {@code SHA256:...}, to compare with the server's before accepting
         * @param knownHosts the file an accepted key is added to
         */
        record UnknownKey(String host, String keyType, String fingerprint, String knownHosts) implements Result {}

        /** known_hosts holds another key for the server: refused, and never replaced by Berth. */
        record ChangedKey(String host, String message) implements Result {}

        /** Anything else; {@code message} says what failed and what to do. */
        record Failed(Failure failure, String message) implements Result {}
    }
}
