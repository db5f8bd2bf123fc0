package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.DockerEngine;
import dev.berth.testbed.DockerTestBed;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * When the user changes the Docker host in Settings, the app's connection ({@code
 * GuiWiring.Connection}, which reads the host from the settings on every use) closes the old
 * Docker client before it connects anew; it does not leak a client per change. Two endpoints to the
 * same local socket, so the test needs only the local engine.
 */
class DockerHostChangeIT {

    @Test
    void changingTheDockerHostClosesTheOldConnectionAndKeepsItWhileTheHostStaysTheSame() throws Exception {
        DockerTestBed.require();
        AtomicReference<String> host = new AtomicReference<>("unix:///var/run/docker.sock");
        GuiWiring.Connection connection = new GuiWiring.Connection(host::get);

        DockerEngine first = connection.docker();
        assertThat(first.info().serverVersion()).isNotBlank();
        assertThat(connection.docker()).as("same host: the connection is kept").isSameAs(first);

        // The same engine by another path: a different host for the settings.
        host.set("unix:///run/docker.sock");
        DockerEngine second = connection.docker();

        assertThat(second).isNotSameAs(first);
        assertThat(second.info().serverVersion()).isNotBlank();
        assertThat(first.closed())
                .as("the old client was closed when the host changed")
                .isTrue();
        assertThat(second.closed()).isFalse();
    }
}
