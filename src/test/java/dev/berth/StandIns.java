package dev.berth;

import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stand-in images for the upstream apps' images, which the offline test bed cannot pull: built
 * from {@code testbed/standins/<name>} on the test bed's busybox, pushed to the local registry
 * under a mirror prefix, and removed (locally) afterwards. A stand-in only answers health checks;
 * it is never the app.
 */
final class StandIns {
    private static final Duration T = Duration.ofMinutes(3);
    /** Labels every stand-in image; an image of an upstream name without it is never removed. */
    static final String LABEL = "dev.berth.it.standin";

    private final String mirrorPrefix;
    private final List<String> created = new ArrayList<>();

    /** @param mirrorPrefix the registry path the mirror rules point at, e.g. {@code 127.0.0.1:5000/berth-it-apps-1a2b} */
    StandIns(String mirrorPrefix) {
        this.mirrorPrefix = mirrorPrefix;
    }

    String mirrorPrefix() {
        return mirrorPrefix;
    }

    /**
     * Builds {@code testbed/standins/<name>} with the build argument {@code VERSION} and pushes it
     * as {@code <mirrorPrefix>/<mirroredPath>:<tag>}, the name a mirror rule turns the upstream
     * reference into. Makes sure no image of the upstream name is present, so that Berth has to
     * pull it through the mirror.
     *
     * @param upstream the upstream reference as the install's files name it (docker.io implied)
     * @param mirroredPath the path below the mirror prefix
     */
    void publish(String name, String version, String upstream, String mirroredPath) {
        String tag = upstream.substring(upstream.lastIndexOf(':') + 1);
        String local = "berth-it-apps-standin/" + name + ":" + version;
        Path context = DockerTestBed.repoRoot().resolve("testbed/standins/" + name);
        Commands.run(T, "docker", "build", "-q", "--build-arg", "VERSION=" + version, "-t", local, context.toString())
                .orFail();
        String mirrored = mirrorPrefix + "/" + mirroredPath + ":" + tag;
        Commands.run(T, "docker", "tag", local, mirrored).orFail();
        created.add(mirrored);
        Commands.run(T, "docker", "push", "-q", mirrored).orFail();
        // Only the registry keeps it: Berth's pull brings it back under this name and the upstream one.
        Commands.run(T, "docker", "image", "rm", mirrored).orFail();
        removeIfStandIn(upstream);
        created.add(upstream); // Berth's pull through the mirror tags it under this name
        created.add(local);
    }

    /**
     * Builds {@code testbed/standins/<name>} once (build argument {@code VERSION} = {@code
     * version}) and pushes it under the mirrored name of each upstream reference, each with its tag.
     *
     * @param mirrored upstream reference → path below the mirror prefix
     */
    void publishAll(String name, String version, Map<String, String> mirrored) {
        String local = "berth-it-apps-standin/" + name + ":" + version;
        Path context = DockerTestBed.repoRoot().resolve("testbed/standins/" + name);
        Commands.run(T, "docker", "build", "-q", "--build-arg", "VERSION=" + version, "-t", local, context.toString())
                .orFail();
        created.add(local);
        for (var e : mirrored.entrySet()) {
            String upstream = e.getKey();
            String target = mirrorPrefix + "/" + e.getValue() + ":" + upstream.substring(upstream.lastIndexOf(':') + 1);
            Commands.run(T, "docker", "tag", local, target).orFail();
            created.add(target);
            Commands.run(T, "docker", "push", "-q", target).orFail();
            Commands.run(T, "docker", "image", "rm", target).orFail();
            removeIfStandIn(upstream);
            created.add(upstream);
        }
    }

    /** Removes a local tag only when it is one of ours (labelled), never an image someone pulled. */
    private static void removeIfStandIn(String reference) {
        ProcessResult label = Commands.run(
                T, "docker", "image", "inspect", "--format", "{{index .Config.Labels \"" + LABEL + "\"}}", reference);
        if (label.exitCode() == 0
                && !label.stdout().isBlank()
                && !label.stdout().strip().equals("<no value>")) {
            Commands.run(T, "docker", "image", "rm", reference).orFail();
        } else if (label.exitCode() == 0) {
            throw new AssertionError(reference + " exists locally and is not a Berth stand-in; the test would not"
                    + " pull it through the mirror. Remove or rename it and run again.");
        }
    }

    /** Removes every tag this made and the rollback pins Berth made for {@code project}. */
    void removeImages(String project) {
        for (String ref : created.reversed()) {
            Commands.run(T, "docker", "image", "rm", ref);
        }
        String pins = Commands.run(
                        T,
                        "docker",
                        "images",
                        "--format",
                        "{{.Repository}}:{{.Tag}}",
                        "--filter",
                        "reference=berth-rollback/" + project + "-*")
                .stdout();
        for (String ref : pins.lines().filter(l -> !l.isBlank()).toList()) {
            Commands.run(T, "docker", "image", "rm", ref);
        }
    }
}
