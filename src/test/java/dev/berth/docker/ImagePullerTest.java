package dev.berth.docker;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.engine.ContainerRuntime;
import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Locale;
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

    @Test
    void aFailedPullIsSaidInTheUsersLanguageWithTheRegistrysOwnWordsAndTheSameEnglish() {
        DockerException e = ImagePuller.failed(
                "example/web:9",
                new com.github.dockerjava.api.exception.NotFoundException("manifest for example/web:9 not found"));
        Text said = Failures.text(new ContainerRuntime.RuntimeFailure(e.text().orElseThrow(), e));

        assertThat(e.getMessage())
                .startsWith("Pull of example/web:9 failed: ")
                .endsWith(
                        "; nothing was stopped; check the image name and tag, the registry and your login, then retry.");
        assertThat(said.english()).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .startsWith("Le téléchargement de example/web:9 a échoué : ")
                .contains("manifest for example/web:9 not found");
        assertThat(render(said, Locale.JAPANESE)).startsWith("example/web:9 の取得に失敗しました：");
    }

    @Test
    void aStalledPullKeepsItsEnglishAndShowsTheSizesWithTheLanguagesDecimalSeparator() {
        PullStalledException e =
                new PullStalledException("example/web:2", Duration.ofSeconds(30), 1536L << 10, 3L << 20);

        assertThat(e.getMessage())
                .isEqualTo("Pull of example/web:2 stalled: no new data for 30 s (1.5 MiB of 3.0 MiB moved); the pull"
                        + " was abandoned and nothing was stopped; check the network and the registry, then retry.");
        assertThat(render(Failures.text(e), Locale.FRENCH))
                .isEqualTo("Le téléchargement de example/web:2 est bloqué : aucune donnée depuis 30 s (1,5 Mo sur 3 Mo"
                        + " transférés) ; il a été abandonné et rien n’a été arrêté ; vérifiez le réseau et le registre,"
                        + " puis réessayez.");
    }
}
