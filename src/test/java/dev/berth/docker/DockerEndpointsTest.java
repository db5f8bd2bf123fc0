package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEndpointsTest {
    @TempDir
    Path home;

    private DockerEnvironment env(Map<String, String> vars, OperatingSystem os) {
        return new DockerEnvironment(vars, home, os, "busybox:1.36");
    }

    @Test
    void dockerHostComesFirstAndIsExplicitThenTheUsualSocketsInOrder() {
        var list = DockerEndpoints.candidates(env(
                Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376", "XDG_RUNTIME_DIR", "/run/user/1000"),
                OperatingSystem.LINUX));
        assertThat(list)
                .extracting(DockerEndpoint::address)
                .containsExactly(
                        "tcp://10.0.0.5:2376",
                        "unix:///var/run/docker.sock",
                        "unix://" + home + "/.docker/run/docker.sock",
                        "unix://" + home + "/.docker/desktop/docker.sock",
                        "unix:///run/user/1000/docker.sock",
                        "unix://" + home + "/.colima/default/docker.sock",
                        "unix://" + home + "/.orbstack/run/docker.sock",
                        "unix://" + home + "/.rd/docker.sock");
        assertThat(list.getFirst().binding()).isEqualTo(DockerEndpoint.Binding.EXPLICIT);
        assertThat(list.subList(1, list.size())).allMatch(e -> e.binding() == DockerEndpoint.Binding.FALLBACK);
    }

    @Test
    void windowsLooksAtTheNamedPipe() {
        assertThat(DockerEndpoints.candidates(env(Map.of(), OperatingSystem.WINDOWS)))
                .extracting(DockerEndpoint::address)
                .containsExactly("npipe:////./pipe/docker_engine");
    }

    @Test
    void theCurrentContextOfTheDockerCliIsReadFromItsMetaFile() throws Exception {
        Path config = home.resolve(".docker");
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"colima\"}");
        // The Docker CLI stores a context under the SHA-256 of its name.
        Path meta = config.resolve("contexts/meta/" + DockerEndpoints.sha256("colima"));
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), """
                {"Name":"colima","Metadata":{},"Endpoints":{"docker":{"Host":"unix:///Users/me/.colima/default/docker.sock","SkipTLSVerify":false}}}
                """);
        var first =
                DockerEndpoints.candidates(env(Map.of(), OperatingSystem.MAC)).getFirst();
        assertThat(first.origin()).isEqualTo("Docker context \"colima\"");
        assertThat(first.address()).isEqualTo("unix:///Users/me/.colima/default/docker.sock");
        assertThat(first.binding())
                .as("a context in config.json may fall back")
                .isEqualTo(DockerEndpoint.Binding.FALLBACK);

        var explicit = DockerEndpoints.candidates(env(Map.of("DOCKER_CONTEXT", "nope"), OperatingSystem.MAC))
                .getFirst();
        assertThat(explicit.binding()).isEqualTo(DockerEndpoint.Binding.EXPLICIT);
        assertThat(explicit.problem()).hasValueSatisfying(p -> assertThat(p).contains("no such context"));
    }

    @Test
    void theDefaultContextAddsNothingAndABrokenConfigIsReportedNotThrown() throws Exception {
        Path config = home.resolve(".docker");
        Files.createDirectories(config);
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"default\"}");
        assertThat(DockerEndpoints.candidates(env(Map.of(), OperatingSystem.LINUX))
                        .getFirst()
                        .address())
                .isEqualTo("unix:///var/run/docker.sock");
        Files.writeString(config.resolve("config.json"), "{not json");
        assertThat(DockerEndpoints.candidates(env(Map.of(), OperatingSystem.LINUX))
                        .getFirst()
                        .problem())
                .hasValueSatisfying(p -> assertThat(p).startsWith("cannot read it"));
    }

    @Test
    void knownContextDirectoryNameOfTheDockerCli() {
        // The folder Docker Desktop for Linux's "desktop-linux" context lives in.
        assertThat(DockerEndpoints.sha256("desktop-linux"))
                .isEqualTo("fe9c6bd7a66301f49ca9b6a70b217107cd1284598bfc254700c989b916da791e");
    }

    @Test
    void theUnreachableMessageListsEveryPlaceAndTheGroupHintOnPermissionDenied() {
        DockerEndpoint sock =
                DockerEndpoint.of("default socket", "unix:///var/run/docker.sock", DockerEndpoint.Binding.FALLBACK);
        DockerEndpoint desktop = DockerEndpoint.of(
                "Docker Desktop socket", "unix:///home/me/.docker/run/docker.sock", DockerEndpoint.Binding.FALLBACK);
        String msg = new DockerUnreachableException(java.util.List.of(
                        new ConnectionAttempt(
                                sock, ConnectionAttempt.Outcome.PERMISSION_DENIED, "permission denied: ..."),
                        new ConnectionAttempt(desktop, ConnectionAttempt.Outcome.NOTHING_THERE, "no socket at ...")))
                .getMessage();
        assertThat(msg)
                .startsWith("Docker is not reachable; nothing was changed. Places tried:")
                .contains("  - default socket (unix:///var/run/docker.sock): permission denied")
                .contains("  - Docker Desktop socket (unix:///home/me/.docker/run/docker.sock): no socket")
                .contains("add it to the docker group (sudo usermod -aG docker $USER), then log out and in again")
                .contains("open Docker Desktop")
                .doesNotContain("DOCKER_HOST is set");
    }
}
