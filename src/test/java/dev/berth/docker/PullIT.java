package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PullIT {
    private static final String REPO = "berth-it-docker/bigger";
    private static final String IMAGE = "127.0.0.1:5000/" + REPO + ":1";
    /** Two layers of random (incompressible) bytes. */
    private static final long LAYER_BYTES = 12_000_000L + 8_000_000L;

    @BeforeAll
    static void pushTwoLayerImage() {
        TestBed.require();
        if (TestBed.run("curl", "-fsS", "http://127.0.0.1:5000/v2/").exitCode() != 0) {
            throw new AssertionError("No registry on 127.0.0.1:5000: run 'sudo bash .ci/run' once to provision it.");
        }
        Path dir = TestBed.projectDir("pull-image");
        TestBed.write(dir.resolve("Dockerfile"), """
                FROM %s
                RUN head -c 12000000 /dev/urandom > /layer-a
                RUN head -c 8000000 /dev/urandom > /layer-b
                """.formatted(TestBed.BUSYBOX));
        TestBed.run(dir, List.of("DOCKER_BUILDKIT=0"), "docker", "build", "-q", "-t", IMAGE, ".")
                .orThrow();
        TestBed.run("docker", "push", IMAGE).orThrow();
        TestBed.run("docker", "rmi", IMAGE).orThrow();
    }

    @AfterEach
    void removePulled() {
        TestBed.run("docker", "rmi", IMAGE);
    }

    @Test
    void pullReportsBytesSummedOverLayersUntilDoneEqualsTotal() throws Exception {
        List<long[]> progress = new CopyOnWriteArrayList<>();
        List<String> statuses = new CopyOnWriteArrayList<>();
        PullListener listener = new PullListener() {
            @Override
            public void progress(long done, long total) {
                progress.add(new long[] {done, total});
            }

            @Override
            public void layer(String layerId, String status) {
                statuses.add(status);
            }
        };
        try (DockerEngine engine = DockerEngine.connect()) {
            ImageInfo image = engine.pull(IMAGE, listener, Duration.ofSeconds(30));
            assertThat(image.repoDigests()).anyMatch(d -> d.startsWith("127.0.0.1:5000/" + REPO + "@sha256:"));
        }
        assertThat(progress).hasSizeGreaterThan(3);
        long[] last = progress.getLast();
        assertThat(last[0]).as("done equals total at the end").isEqualTo(last[1]);
        assertThat(last[1]).as("both layers, downloaded and extracted").isGreaterThanOrEqualTo(2 * LAYER_BYTES);
        long previous = 0;
        for (long[] p : progress) {
            assertThat(p[0]).as("done never goes back").isGreaterThanOrEqualTo(previous);
            assertThat(p[0]).as("done never passes a known total").isLessThanOrEqualTo(p[1]);
            previous = p[0];
        }
        assertThat(statuses).contains("Pull complete");
    }

    @Test
    void aStalledDownloadFailsWithAClearMessageInsteadOfHanging() throws Exception {
        try (StallingProxy proxy = new StallingProxy(5000, 1_000_000);
                DockerEngine engine = DockerEngine.connect()) {
            String viaProxy = "127.0.0.1:" + proxy.port() + "/" + REPO + ":1";
            long start = System.nanoTime();
            assertThatThrownBy(() -> engine.pull(viaProxy, PullListener.none(), Duration.ofSeconds(3)))
                    .isInstanceOf(PullStalledException.class)
                    .hasMessageContaining("Pull of " + viaProxy + " stalled: no new data for 3 s")
                    .hasMessageContaining("nothing was stopped")
                    .hasMessageContaining("check the network");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        }
    }

    @Test
    void interruptingThePullingThreadCancelsIt() throws Exception {
        try (StallingProxy proxy = new StallingProxy(5000, 1_000_000);
                DockerEngine engine = DockerEngine.connect()) {
            String viaProxy = "127.0.0.1:" + proxy.port() + "/" + REPO + ":1";
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    engine.pull(viaProxy, PullListener.none(), Duration.ofMinutes(5));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            Thread.sleep(1500);
            t.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).isFalse();
            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        }
    }

    @Test
    void anUnknownTagFailsWithTheRegistrysAnswer() {
        try (DockerEngine engine = DockerEngine.connect()) {
            assertThatThrownBy(() -> engine.pull(
                            "127.0.0.1:5000/berth-it-docker/nothere:1", PullListener.none(), Duration.ofSeconds(30)))
                    .isInstanceOf(DockerException.class)
                    .hasMessageContaining("Pull of 127.0.0.1:5000/berth-it-docker/nothere:1 failed")
                    .hasMessageContaining("not found")
                    .hasMessageContaining("nothing was stopped");
        }
    }
}
