package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Images come from the local registry on 127.0.0.1:5000 after they were removed locally. */
class RegistryPullIT {
    private static final Duration T = Duration.ofMinutes(2);

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @Test
    void pullDownloadsTheLayersOfAnImageThatIsGoneLocally() throws Exception {
        String token = DockerTestBed.randomHex(8);
        String image = DockerTestBed.REGISTRY + "/berth-it/pull-probe:" + token;
        java.nio.file.Path ctx = java.nio.file.Files.createTempDirectory("berth-it-probe-");
        try {
            java.nio.file.Files.writeString(
                    ctx.resolve("Dockerfile"),
                    "FROM " + DockerTestBed.BUSYBOX + "\n" + "RUN echo " + token + " > /probe\n");
            Commands.run(T, "docker", "build", "-q", "-t", image, ctx.toString())
                    .orFail();
            Commands.run(T, "docker", "push", image).orFail();
            Commands.run(T, "docker", "rmi", image).orFail();
            assertThat(Commands.run(T, "docker", "image", "inspect", image).succeeded())
                    .isFalse();

            ProcessResult pull = Commands.run(T, "docker", "pull", image).orFail();
            assertThat(pull.stdout()).contains("Pull complete").contains("Downloaded newer image for " + image);
            assertThat(Commands.run(T, "docker", "run", "--rm", "--network", "none", image, "cat", "/probe")
                            .orFail()
                            .stdout()
                            .strip())
                    .isEqualTo(token);
            deleteFromRegistry(image);
        } finally {
            Commands.run(T, "docker", "rmi", "-f", image);
            ContainerFiles.deleteTree(ctx);
        }
    }

    /** Drops the probe's manifest so the registry does not collect one per test run. */
    private static void deleteFromRegistry(String image) throws Exception {
        String repoDigest = Commands.run(T, "docker", "image", "inspect", "--format", "{{index .RepoDigests 0}}", image)
                .orFail()
                .stdout()
                .strip();
        String digest = repoDigest.substring(repoDigest.indexOf('@') + 1);
        java.net.http.HttpResponse<Void> r = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + DockerTestBed.REGISTRY
                                        + "/v2/berth-it/pull-probe/manifests/" + digest))
                                .DELETE()
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).as("registry DELETE of " + digest).isEqualTo(202);
    }

    @Test
    void demoImagesArePulledFromTheRegistryNamedByBerthDemoRegistry(@DemoApp(version = "1.0.0") DemoProject demo) {
        demo.useRegistry(DockerTestBed.REGISTRY + "/");
        for (String service : new String[] {"web", "db"}) {
            // Only the registry-qualified tag goes; the local berth-demo/* tags stay for other tests.
            Commands.run(T, "docker", "rmi", DockerTestBed.REGISTRY + "/berth-demo/" + service + ":1.0.0")
                    .orFail();
        }

        ProcessResult pull = demo.compose("pull");

        for (String service : new String[] {"web", "db"}) {
            String digests = Commands.run(
                            T,
                            "docker",
                            "image",
                            "inspect",
                            "--format",
                            "{{json .RepoDigests}}",
                            DockerTestBed.REGISTRY + "/berth-demo/" + service + ":1.0.0")
                    .orFail()
                    .stdout();
            assertThat(digests)
                    .as(pull.describe())
                    .contains(DockerTestBed.REGISTRY + "/berth-demo/" + service + "@sha256:");
        }
        demo.up();
        assertThat(Commands.run(T, "docker", "inspect", "--format", "{{.Config.Image}}", demo.containerId("web"))
                        .orFail()
                        .stdout()
                        .strip())
                .isEqualTo(DockerTestBed.REGISTRY + "/berth-demo/web:1.0.0");
        assertThat(demo.writeRecord("pulled, not built")).isPositive();
        assertThat(demo.countRows("records")).isEqualTo(1);
    }
}
