package dev.berth.config.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.env.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComposeSemanticDiffTest {
    private final ComposeSemanticDiff diff = ComposeSemanticDiff.withDefaults();

    /** A corpus release loaded as compose would: its compose file with an env file for the variables. */
    private static ComposeProject load(String app, String release, String composeFile, String envFile) {
        Path dir = Corpus.root().resolve(app).resolve(release);
        ProjectOptions options = ProjectOptions.of(dir).withFiles(List.of(dir.resolve(composeFile)));
        return new ComposeLoader()
                .load(envFile.isEmpty() ? options : options.withEnvFiles(List.of(dir.resolve(envFile))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "mattermost, mattermost-docker, 2021-06-15_4e0749c, 2025-04-10_2308dca, docker-compose.yml, env.example, env.example",
        "open-im-server, open-im-server, v3.7.0, v3.8.2, docker-compose.yml, .env, .env",
        "netbox, netbox-docker, 2.3.0, 2.9.1, docker-compose.yml, '', ''"
    })
    void diffOfCorpusReleasesMatchesTheGoldenFile(
            String golden, String app, String from, String to, String compose, String fromEnv, String toEnv)
            throws IOException {
        ComposeProject before = load(app, from, compose, fromEnv);
        ComposeProject after = load(app, to, compose, toEnv);

        List<ComposeChange> changes = diff.diff(before, after);

        assertThat(changes).isNotEmpty();
        Golden.assertMatches("diff/" + golden + ".compose.txt", ComposeSemanticDiff.render(changes));
    }

    @Test
    void aReleaseComparedWithItselfHasNoChanges() {
        ComposeProject a = load("mattermost-docker", "2023-10-10_26fb013", "docker-compose.yml", "env.example");

        assertThat(diff.diff(a, a)).isEmpty();
    }

    @Test
    void secretEnvironmentValuesAreMaskedAndAChangeStillShows() throws IOException {
        ComposeProject before = project("services:\n  db:\n    image: postgres:15\n    environment:\n"
                + "      POSTGRES_PASSWORD: old\n      URL: postgres://u:pw1@db/x\n");
        ComposeProject after = project("services:\n  db:\n    image: postgres:16\n    environment:\n"
                + "      POSTGRES_PASSWORD: new\n      URL: postgres://u:pw2@db/x\n");

        List<ComposeChange> changes = diff.diff(before, after);

        assertThat(changes)
                .containsExactly(
                        new ComposeChange.ImageChanged("db", "postgres:15", "postgres:16"),
                        new ComposeChange.EnvironmentChanged(
                                "db", "POSTGRES_PASSWORD", Optional.of("****"), Optional.of("****")),
                        new ComposeChange.EnvironmentChanged(
                                "db",
                                "URL",
                                Optional.of("postgres://u:****@db/x"),
                                Optional.of("postgres://u:****@db/x")));
        assertThat(ComposeSemanticDiff.render(changes))
                .contains("db: environment ~ POSTGRES_PASSWORD: **** -> **** (secret changed)")
                .doesNotContain("old", "new", "pw1", "pw2");
        assertThat(((ComposeChange.ImageChanged) changes.getFirst()).tagOnly()).isTrue();
    }

    @Test
    void portsMountsServicesVolumesAndNetworksAreCompared() throws IOException {
        ComposeProject before = project("""
                services:
                  web:
                    image: nginx
                    ports: ["80:80", "127.0.0.1:443:443"]
                    volumes: ["./conf:/etc/nginx:ro", "data:/data"]
                  cache:
                    image: redis
                volumes:
                  data:
                networks:
                  front:
                """);
        ComposeProject after = project("""
                services:
                  web:
                    image: ghcr.io/acme/nginx:1.27
                    ports: ["8080:80", "127.0.0.1:443:443"]
                    volumes: ["./conf:/etc/nginx:ro", "files:/data"]
                  worker:
                    build: ./worker
                volumes:
                  files:
                networks:
                  back:
                """);

        assertThat(ComposeSemanticDiff.render(diff.diff(before, after))).isEqualTo("""
                        web: image nginx -> ghcr.io/acme/nginx:1.27
                        web: ports -80:80/tcp +8080:80/tcp
                        web: volumes -data:/data +files:/data
                        service added    worker (build ./worker)
                        service removed  cache (redis)
                        volume added     files
                        volume removed   data
                        network added    back
                        network removed  front
                        """);
    }

    @Test
    void dockerHubSpellingsOfTheSameImageAreNoChange() {
        assertThat(ComposeChange.ImageChanged.canonical("docker.io/library/redis:7"))
                .isEqualTo("redis:7");
        assertThat(ComposeChange.ImageChanged.canonical("docker.io/netboxcommunity/netbox:v4"))
                .isEqualTo("netboxcommunity/netbox:v4");
        assertThat(new ComposeChange.ImageChanged(
                                "n", "netboxcommunity/netbox:v3", "docker.io/netboxcommunity/netbox:v4")
                        .tagOnly())
                .isTrue();
        assertThat(new ComposeChange.ImageChanged("n", "ghcr.io/a/b:1", "ghcr.io/a/c:1").tagOnly())
                .isFalse();
        assertThat(new ComposeChange.ImageChanged("n", "localhost:5000/app:1", "localhost:5000/app:2").tagOnly())
                .isTrue();
    }

    @org.junit.jupiter.api.io.TempDir
    Path temp;

    private int projects;

    private ComposeProject project(String yaml) throws IOException {
        Path dir = temp.resolve("p" + projects++);
        java.nio.file.Files.createDirectories(dir.resolve("worker"));
        java.nio.file.Files.writeString(dir.resolve("compose.yaml"), yaml);
        return new ComposeLoader().load(ProjectOptions.of(dir));
    }
}
