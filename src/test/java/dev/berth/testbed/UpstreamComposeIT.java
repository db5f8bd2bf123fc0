package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real upstream compose file runs its postgres service unchanged on the offline image. */
class UpstreamComposeIT {
    private static final Duration T = Duration.ofMinutes(2);

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    /**
     * mattermost-docker's postgres service is strict: read-only root file system,
     * no-new-privileges, tmpfs for the socket folder, data bind-mounted from a relative path. Only
     * the image tag in .env changes (the file pins 13-alpine; the test bed has 15).
     */
    @Test
    void mattermostPostgresServiceRunsUnchanged() throws IOException {
        Path release = Corpus.root().resolve("mattermost-docker/2025-04-10_2308dca");
        Path dir = Files.createTempDirectory("berth-it-upstream-");
        String project = "berth-it-upstream-" + DockerTestBed.randomHex(4);
        try {
            Files.copy(
                    release.resolve("docker-compose.yml"),
                    dir.resolve("docker-compose.yml"),
                    StandardCopyOption.COPY_ATTRIBUTES);
            String env = Files.readString(release.resolve("env.example"))
                    .replaceAll("(?m)^POSTGRES_IMAGE_TAG=.*$", "POSTGRES_IMAGE_TAG=15");
            Files.writeString(dir.resolve(".env"), env);

            compose(dir, project, "up", "-d", "postgres").orFail();
            String container = Commands.run(
                            T, "docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + project)
                    .orFail()
                    .stdout()
                    .strip();
            try (DockerScope docker = new DockerScope()) {
                docker.awaitPostgres(container, T);
                assertThat(docker.psql(
                                container, "mmuser", "mattermost", "SELECT current_user || ' ' || current_database()"))
                        .isEqualTo("mmuser mattermost");
                assertThat(docker.docker("inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", container)
                                .stdout()
                                .strip())
                        .isEqualTo("true");
            }
            Path data = dir.resolve("volumes/db/var/lib/postgresql/data");
            assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(999);
        } finally {
            ProcessResult down = compose(dir, project, "down", "-v", "--remove-orphans", "-t", "5");
            ContainerFiles.deleteTree(dir);
            down.orFail();
        }
    }

    private static ProcessResult compose(Path dir, String project, String... args) {
        List<String> cmd = new ArrayList<>(DockerTestBed.compose());
        cmd.addAll(List.of("--ansi", "never", "-p", project));
        cmd.addAll(List.of(args));
        return Commands.run(T, Optional.of(dir), java.util.Map.of(), cmd);
    }
}
