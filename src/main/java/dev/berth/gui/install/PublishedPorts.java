package dev.berth.gui.install;

import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.PortMapping;
import dev.berth.engine.Install;
import dev.berth.release.KnownImages;
import java.net.URI;
import java.util.Optional;

/** Where an installed app answers when its release declares no HTTP health check. */
final class PublishedPorts {
    private PublishedPorts() {}

    /**
     * {@code http://HOST:PORT/} of the first published port of a service that is not a data store
     * (a database's port is no address for people); 0.0.0.0 and :: become 127.0.0.1.
     */
    static Optional<URI> firstAddress(Install install) {
        if (install.compose() == null) {
            return Optional.empty();
        }
        for (ComposeService s : install.compose().model().services().values()) {
            if (s.image().map(KnownImages::isDataStore).orElse(false)) {
                continue;
            }
            for (PortMapping p : s.ports()) {
                if (p.publishedPort() > 0 && !p.protocol().equalsIgnoreCase("udp")) {
                    String host = p.hostIp().isEmpty()
                                    || p.hostIp().equals("0.0.0.0")
                                    || p.hostIp().equals("::")
                            ? "127.0.0.1"
                            : p.hostIp();
                    return Optional.of(URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                            + p.publishedPort() + "/"));
                }
            }
        }
        return Optional.empty();
    }
}
