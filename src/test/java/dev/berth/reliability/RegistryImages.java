package dev.berth.reliability;

import dev.berth.testbed.DockerTestBed;
import java.util.List;

/**
 * The demo images under this test JVM's own prefix in the test bed's registry ({@code
 * 127.0.0.1:5000/berth-soak-<hex>/}), so that an upgrade really pulls (the plain {@code
 * berth-demo/*} tags are always present locally) and the suite may drop its own local tags to pull
 * again, without touching anyone else's images, not even those of a second run of this suite (a
 * soak in another checkout). The registry keeps the layers once: every prefix shares them.
 */
final class RegistryImages {
    static final String PREFIX = DockerTestBed.REGISTRY + "/berth-soak-" + DockerTestBed.randomHex(3) + "/";

    private RegistryImages() {}

    /** Pushes {@code berth-demo/{web,db}:<version>} under {@link #PREFIX}, then drops the local tags. */
    static void publish(Docker docker, String... versions) {
        for (String v : versions) {
            for (String app : List.of("web", "db")) {
                String ref = PREFIX + "berth-demo/" + app + ":" + v;
                Docker.MAIN.run("tag", "berth-demo/" + app + ":" + v, ref);
                Docker.MAIN.run("push", ref);
                Docker.MAIN.result("image", "rm", ref);
            }
        }
    }

    /** Drops this suite's local tags of a version, so the next plan pulls it again. */
    static void forget(Docker docker, String... versions) {
        for (String v : versions) {
            for (String app : List.of("web", "db")) {
                docker.result("image", "rm", PREFIX + "berth-demo/" + app + ":" + v);
            }
        }
    }

    /** The answer that makes an install take its images from {@link #PREFIX}. */
    static java.util.Map<String, String> answers() {
        return java.util.Map.of("BERTH_DEMO_REGISTRY", PREFIX);
    }
}
