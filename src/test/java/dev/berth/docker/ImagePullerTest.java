package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

class ImagePullerTest {
    @Test
    void aBrokenEngineSocketIsTakenForDockerGoneAwayNotForARegistryProblem() {
        assertThat(ImagePuller.connectionLost(new RuntimeException(new IOException("Broken pipe"))))
                .isTrue();
        assertThat(ImagePuller.connectionLost(new RuntimeException(new SocketException("Connection reset"))))
                .isTrue();
        assertThat(ImagePuller.connectionLost(new com.github.dockerjava.api.exception.NotFoundException(
                        "manifest for example/web:9 not found")))
                .isFalse();
    }
}
