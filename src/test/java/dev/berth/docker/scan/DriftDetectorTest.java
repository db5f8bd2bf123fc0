package dev.berth.docker.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.docker.ComposeLabels;
import dev.berth.docker.ContainerState;
import dev.berth.docker.ContainerSummary;
import dev.berth.docker.Health;
import dev.berth.docker.MountPoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftDetectorTest {
    @TempDir
    Path wd;

    private ComposeProject load(String compose, String env) throws Exception {
        Files.writeString(wd.resolve("docker-compose.yml"), compose);
        Files.writeString(wd.resolve(".env"), env);
        return new ComposeLoader().load(ProjectOptions.of(wd).withProfiles(List.of("*")));
    }

    private ContainerSummary container(String image, List<MountPoint> mounts) {
        return new ContainerSummary(
                "c1",
                "demo_web_1",
                image,
                "sha256:1",
                ContainerState.RUNNING,
                Health.NONE,
                Optional.empty(),
                "Up",
                Map.of(ComposeLabels.PROJECT, "demo", ComposeLabels.SERVICE, "web"),
                mounts,
                List.of(),
                Instant.EPOCH);
    }

    private MountPoint bind(String source, String target) {
        return new MountPoint(MountPoint.Type.BIND, Optional.empty(), source, target, MountPoint.Access.READ_WRITE);
    }

    private MountPoint volume(String name, String target) {
        return new MountPoint(MountPoint.Type.VOLUME, Optional.of(name), "/v", target, MountPoint.Access.READ_WRITE);
    }

    private static final String COMPOSE = """
            services:
              web:
                image: acme/app:${TAG}
                environment:
                  MODE: ${MODE:-normal}
                  PASSWORD: ${PASSWORD}
                volumes: ["./data:/data", "cache:/cache"]
            volumes:
              cache: {}
            """;

    @Test
    void nothingIsReportedWhenTheContainerRunsWhatTheFilesSay() throws Exception {
        ComposeProject files = load(COMPOSE, "TAG=1.0\nPASSWORD=pw\n");
        var c = container(
                "acme/app:1.0",
                List.of(
                        bind(wd.resolve("data").toString(), "/data"),
                        volume("demo_cache", "/cache"),
                        volume("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "/anonymous")));
        assertThat(DriftDetector.compare(
                        "demo",
                        files,
                        List.of(c),
                        Map.of("c1", Map.of("MODE", "normal", "PASSWORD", "pw", "PATH", "/bin"))))
                .isEmpty();
    }

    @Test
    void aShellVariableMissingFromDotEnvShowsAsImageAndEnvironmentDriftWithoutValues() throws Exception {
        ComposeProject files = load(COMPOSE, "PASSWORD=pw\n");
        var c = container(
                "acme/app:1.0", List.of(bind(wd.resolve("data").toString(), "/data"), volume("demo_cache", "/cache")));
        var warnings = DriftDetector.compare(
                "demo", files, List.of(c), Map.of("c1", Map.of("MODE", "debug", "PASSWORD", "secret-from-shell")));
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.kind()).isEqualTo(InstallWarning.Kind.DRIFT);
            assertThat(w.message())
                    .contains("image (runs acme/app:1.0, the files say acme/app:)")
                    .contains("environment (MODE, PASSWORD differ)")
                    .contains("variables that .env does not set (TAG)")
                    .doesNotContain("secret-from-shell", "debug", "pw");
        });
    }

    @Test
    void handEditedMountsAndRemovedServicesAreReported() throws Exception {
        ComposeProject files = load(COMPOSE.replace("./data:/data", "./data2:/data"), "TAG=1.0\nPASSWORD=pw\n");
        var web =
                container("acme/app:1.0", List.of(bind(wd.resolve("data").toString(), "/data"), bind("/old", "/old")));
        var gone = new ContainerSummary(
                "c2",
                "demo_old_1",
                "x:1",
                "sha256:2",
                ContainerState.RUNNING,
                Health.NONE,
                Optional.empty(),
                "Up",
                Map.of(ComposeLabels.PROJECT, "demo", ComposeLabels.SERVICE, "old"),
                List.of(),
                List.of(),
                Instant.EPOCH);
        var warnings = DriftDetector.compare("demo", files, List.of(web, gone), Map.of());
        assertThat(warnings)
                .extracting(InstallWarning::message)
                .satisfiesExactlyInAnyOrder(
                        m -> assertThat(m).contains("Service old runs but its compose files no longer define it"),
                        m -> assertThat(m)
                                .contains("/data mounts bind " + wd.resolve("data") + ", the files say bind "
                                        + wd.resolve("data2"))
                                .contains("/cache is not mounted (the files mount volume demo_cache)")
                                .contains("/old mounts bind /old, which the files no longer mention"));
    }

    @Test
    void imageNamesCompareAsTheEngineReadsThem() {
        assertThat(DriftDetector.normalize("docker.io/library/postgres")).isEqualTo("postgres:latest");
        assertThat(DriftDetector.normalize("postgres:16")).isEqualTo("postgres:16");
        assertThat(DriftDetector.normalize("ghcr.io/acme/app:1@sha256:ab")).isEqualTo("ghcr.io/acme/app:1@sha256:ab");
    }
}
