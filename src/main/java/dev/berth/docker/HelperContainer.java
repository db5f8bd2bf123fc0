package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads host paths the desktop user cannot read (data owned by a container user, mode 0700)
 * through a short-lived busybox container that bind-mounts them read-only. Mounts use the
 * {@code Mounts} API, which fails on a missing source instead of creating it on the host as
 * {@code Binds} would.
 */
final class HelperContainer {
    static final String LABEL = "dev.berth.helper";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /**
     * Sizes like the engine's own volume sizes: apparent sizes of everything but directories,
     * hard links counted once.
     */
    private static final String SIZE_SCRIPT = "for i in \"$@\"; do"
            + " s=$(find \"/berth/$i\" ! -type d -exec stat -c '%i %s' {} + | awk '!seen[$1]++ {s+=$2} END {printf \"%.0f\", s}');"
            + " echo \"$i $s\"; done";

    private HelperContainer() {}

    static Map<Path, Long> sizes(DockerEngine engine, List<Path> paths) throws InterruptedException {
        if (paths.isEmpty()) {
            return Map.of();
        }
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", SIZE_SCRIPT, "sh"));
        for (int i = 0; i < paths.size(); i++) {
            cmd.add(Integer.toString(i));
        }
        Run run = run(engine, paths, cmd, 64 * 1024);
        if (run.exitCode != 0 || !run.stderr.isBlank()) {
            throw new DockerException("Measuring " + paths + " through a helper container failed (exit " + run.exitCode
                    + "): " + run.stderr.strip() + "; nothing was changed.");
        }
        Map<Path, Long> out = new LinkedHashMap<>();
        for (String line : new String(run.stdout, StandardCharsets.UTF_8).split("\n")) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2) {
                out.put(paths.get(Integer.parseInt(parts[0])), Long.parseLong(parts[1]));
            }
        }
        if (out.size() != paths.size()) {
            throw new DockerException("The helper container measured " + out.size() + " of " + paths.size()
                    + " paths; its output was: " + new String(run.stdout, StandardCharsets.UTF_8).strip());
        }
        return out;
    }

    static byte[] read(DockerEngine engine, Path path, int maxBytes) throws InterruptedException {
        Run run = run(engine, List.of(path), List.of("head", "-c", Integer.toString(maxBytes), "/berth/0"), maxBytes);
        if (run.exitCode != 0) {
            throw new DockerException("Reading " + path + " through a helper container failed (exit " + run.exitCode
                    + "): " + run.stderr.strip() + "; nothing was changed.");
        }
        return run.stdout;
    }

    private record Run(int exitCode, byte[] stdout, String stderr) {}

    private static Run run(DockerEngine engine, List<Path> paths, List<String> cmd, long maxBytes)
            throws InterruptedException {
        DockerClient client = engine.client();
        String image = engine.environment().helperImage();
        ensureImage(engine, image);
        removeLeftovers(client);
        List<Mount> mounts = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            mounts.add(new Mount()
                    .withType(MountType.BIND)
                    .withSource(paths.get(i).toString())
                    .withTarget("/berth/" + i)
                    .withReadOnly(true));
        }
        CreateContainerResponse created;
        try {
            created = client.createContainerCmd(image)
                    .withCmd(cmd)
                    .withEntrypoint(List.of())
                    .withUser("0:0")
                    .withLabels(Map.of(LABEL, "read"))
                    .withNetworkDisabled(true)
                    .withHostConfig(HostConfig.newHostConfig()
                            .withMounts(mounts)
                            .withNetworkMode("none")
                            .withAutoRemove(false))
                    .exec();
        } catch (RuntimeException e) {
            throw new DockerException(
                    "Could not create a helper container (" + image + ") to read " + paths + ": "
                            + Messages.engineMessage(e) + "; nothing was changed.",
                    e);
        }
        String id = created.getId();
        try {
            client.startContainerCmd(id).exec();
            Integer code;
            try (WaitContainerResultCallback wait =
                    client.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
                code = wait.awaitStatusCode(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (java.io.IOException e) {
                throw new DockerException("Waiting for the helper container failed: " + e.getMessage(), e);
            }
            FrameCollector out = new FrameCollector(maxBytes);
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(out);
            out.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new Run(code == null ? -1 : code, out.stdout(), out.stderrText());
        } catch (RuntimeException e) {
            if (e instanceof DockerException) {
                throw e;
            }
            throw new DockerException(
                    "The helper container (" + image + ") reading " + paths + " failed: " + Messages.engineMessage(e),
                    e);
        } finally {
            try {
                client.removeContainerCmd(id).withForce(true).exec();
            } catch (NotFoundException e) {
                // Already gone.
            }
        }
    }

    /**
     * Readers that a Berth killed while they ran left behind (the {@code finally} below never ran):
     * removed once they have exited. A running or just created one may be another Berth's.
     */
    private static void removeLeftovers(DockerClient client) {
        try {
            for (Container c : client.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(Map.of(LABEL, "read"))
                    .withStatusFilter(List.of("exited", "dead"))
                    .exec()) {
                client.removeContainerCmd(c.getId()).withForce(true).exec();
            }
        } catch (RuntimeException e) {
            // A leftover only costs a little disk; measuring goes on.
        }
    }

    private static void ensureImage(DockerEngine engine, String image) throws InterruptedException {
        if (engine.inspectImage(image).isEmpty()) {
            engine.pull(image, PullListener.none(), Duration.ofSeconds(60));
        }
    }
}
