package dev.berth.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.berth.engine.Text;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A connection to one Docker engine: containers, images, pulls, volumes, disk use, health and
 * logs, and a helper container for paths the user cannot read.
 *
 * <p>Thread-safe. Methods block the calling thread; those that may take long throw {@link
 * InterruptedException} when the thread is interrupted (the engine's cancellation) and leave
 * nothing half-done on the engine beyond what their Javadoc says. Every failure is a {@link
 * DockerException} whose message says what failed and what to do. Nothing here ever removes a
 * container, image or volume it did not create.
 */
public final class DockerEngine implements AutoCloseable {
    private static final Duration LOG_TIMEOUT = Duration.ofMinutes(2);
    private static final int LOG_MAX_BYTES = 16 * 1024 * 1024;

    private final EngineInfo info;
    private final DockerEnvironment env;
    private final RawApi raw;
    private DockerHttpClient transport;
    private DefaultDockerClientConfig config;
    private DockerClient client;
    private boolean closed;

    DockerEngine(EngineInfo info, DockerEnvironment env, RawApi raw) {
        this.info = info;
        this.env = env;
        this.raw = raw;
        if (raw instanceof RawApi.Transport t) {
            this.transport = t.http();
        }
    }

    /**
     * Connects to the engine the Docker CLI would use from this process's environment.
     *
     * @throws DockerUnreachableException when no engine answers; its message lists every place tried
     */
    public static DockerEngine connect() {
        return connect(DockerEnvironment.current());
    }

    /**
     * Connects using the given environment: {@code DOCKER_HOST} (only it, when set), the current
     * Docker context, the default socket, Docker Desktop's sockets, the rootless socket, the
     * Windows named pipe.
     *
     * @throws DockerUnreachableException when no engine answers; its message lists every place tried
     */
    public static DockerEngine connect(DockerEnvironment env) {
        return EngineConnector.connect(env);
    }

    /** The engine's version, API version and where it answered. */
    public EngineInfo info() {
        return info;
    }

    /** The environment this connection was made from. */
    public DockerEnvironment environment() {
        return env;
    }

    /**
     * Variables for child processes ({@code docker}, {@code docker compose}) so that they talk to
     * this same engine: {@code DOCKER_HOST} and, for TLS endpoints, {@code DOCKER_TLS_VERIFY}
     * and {@code DOCKER_CERT_PATH}.
     */
    public Map<String, String> cliEnvironment() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("DOCKER_HOST", info.endpoint().address());
        info.endpoint().tlsCertDir().ifPresent(dir -> {
            out.put("DOCKER_TLS_VERIFY", "1");
            out.put("DOCKER_CERT_PATH", dir.toString());
        });
        return out;
    }

    /** docker-java's client, built on first use so that read-only scans never load it. */
    synchronized DockerClient client() {
        if (client == null) {
            if (transport == null) {
                transport = EngineConnector.httpClient(info.endpoint(), env);
            }
            client = DockerClientImpl.getInstance(config(), transport);
        }
        return client;
    }

    private synchronized DefaultDockerClientConfig config() {
        if (config == null) {
            config = EngineConnector.config(info.endpoint());
        }
        return config;
    }

    private JsonTree get(String path) {
        try {
            return raw.getJson(path);
        } catch (IOException e) {
            throw new DockerException(
                    Text.of(
                            Text.Key.ERROR_DOCKER_LOST,
                            String.valueOf(info.endpoint().address()),
                            path,
                            String.valueOf(e.getMessage())),
                    e);
        }
    }

    private static String labelFilter(String label) {
        return "filters="
                + URLEncoder.encode("{\"label\":[\"" + label.replace("\"", "\\\"") + "\"]}", StandardCharsets.UTF_8);
    }

    // ---- containers -------------------------------------------------------------------------------

    /** Every container, running or not, in one call. */
    public List<ContainerSummary> containers() {
        List<ContainerSummary> out = new ArrayList<>();
        for (JsonTree c : get("/containers/json?all=1")) {
            out.add(EngineJson.container(c));
        }
        return out;
    }

    /** The containers compose created for {@code project}, running or not, without one-off ({@code run}) containers. */
    public List<ContainerSummary> projectContainers(String project) {
        List<ContainerSummary> out = new ArrayList<>();
        for (JsonTree c : get("/containers/json?all=1&" + labelFilter(ComposeLabels.PROJECT + "=" + project))) {
            ContainerSummary s = EngineJson.container(c);
            if (!s.label(ComposeLabels.ONEOFF).orElse("False").equalsIgnoreCase("True")) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The environment a container was created with ({@code KEY=VALUE} of its config, image
     * defaults included). Values may be secrets: never log them.
     *
     * @throws DockerException when the container is gone or the engine fails
     */
    public Map<String, String> containerEnvironment(String container) {
        JsonTree c = get("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "/json");
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonTree e : c.path("Config").path("Env")) {
            String kv = e.asText("");
            int eq = kv.indexOf('=');
            if (eq > 0) {
                env.put(kv.substring(0, eq), kv.substring(eq + 1));
            } else if (!kv.isEmpty()) {
                env.put(kv, "");
            }
        }
        return env;
    }

    /** The container's configured healthcheck command (image defaults included), empty when none. */
    Optional<HealthcheckSpec> healthcheckSpec(String container) {
        JsonTree config = get("/containers/" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "/json")
                .path("Config");
        JsonTree h = config.path("Healthcheck");
        List<String> test = new ArrayList<>();
        h.path("Test").forEach(t -> test.add(t.asText("")));
        List<String> shell = new ArrayList<>();
        config.path("Shell").forEach(t -> shell.add(t.asText("")));
        long timeout = h.path("Timeout").asLong(0);
        return HealthcheckSpec.of(test, timeout, shell);
    }

    // ---- images ------------------------------------------------------------------------------------

    /** Every tagged or untagged top-level image. */
    public List<ImageInfo> images() {
        List<ImageInfo> out = new ArrayList<>();
        for (JsonTree i : get("/images/json")) {
            out.add(EngineJson.image(i));
        }
        return out;
    }

    /** The image a reference ({@code repo:tag}, {@code repo@digest} or an id) names, if present locally. */
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            InspectImageResponse r = client().inspectImageCmd(reference).exec();
            return Optional.of(new ImageInfo(
                    r.getId(),
                    r.getRepoTags() == null ? List.of() : r.getRepoTags(),
                    r.getRepoDigests() == null ? List.of() : r.getRepoDigests(),
                    r.getSize() == null ? 0 : r.getSize()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new DockerException("Could not inspect image " + reference + ": " + Messages.engineMessage(e), e);
        }
    }

    /**
     * Points {@code target} ({@code repo:tag}) at the image {@code source} names, moving the tag if
     * it exists. Used to keep the previous release's image under a rollback tag.
     */
    public void tagImage(String source, String target) {
        ImageReference t = ImageReference.parse(target);
        try {
            client().tagImageCmd(source, t.repository(), t.effectiveTag().orElseThrow())
                    .withForce()
                    .exec();
        } catch (RuntimeException e) {
            throw new DockerException(
                    "Could not tag " + source + " as " + target + ": " + Messages.engineMessage(e)
                            + "; no image was changed.",
                    e);
        }
    }

    /**
     * Pulls an image, reporting summed per-layer progress, and returns it as stored.
     *
     * @param stallTimeout abandon the pull when no new bytes or layer steps arrive for this long
     * @throws PullStalledException when the pull stalled; nothing was stopped
     * @throws DockerException when the registry or engine refused (unknown tag, no access, ...)
     * @throws InterruptedException when the thread was interrupted; the pull stream is closed
     */
    public ImageInfo pull(String reference, PullListener listener, Duration stallTimeout) throws InterruptedException {
        ImagePuller.pull(client(), config(), reference, listener, stallTimeout);
        return inspectImage(reference)
                .orElseThrow(() -> new DockerException(
                        "The engine reported " + reference + " pulled but does not have it; retry the pull."));
    }

    // ---- volumes and disk use ---------------------------------------------------------------------

    /** Every named volume. */
    public List<VolumeInfo> volumes() {
        return volumes("/volumes");
    }

    /** The volumes compose created for {@code project} (external volumes are not labelled and not included). */
    public List<VolumeInfo> projectVolumes(String project) {
        return volumes("/volumes?" + labelFilter(ComposeLabels.PROJECT + "=" + project));
    }

    private List<VolumeInfo> volumes(String path) {
        List<VolumeInfo> out = new ArrayList<>();
        for (JsonTree v : get(path).path("Volumes")) {
            out.add(EngineJson.volume(v));
        }
        return out;
    }

    /**
     * Disk use computed by the engine ({@code /system/df}): volume sizes and containers' writable
     * layers. On API 1.42+ only those two are asked for, which spares the engine sizing images and
     * the build cache.
     */
    public DiskUsage diskUsage() {
        String path = info.supportsApi(1, 42) ? "/system/df?type=volume&type=container" : "/system/df";
        return EngineJson.diskUsage(get(path));
    }

    // ---- health and logs ---------------------------------------------------------------------------

    /** Every container of {@code project} (no one-offs), inspected: state, health, exit code, restarts. */
    public List<ServiceStatus> serviceStatus(String project) {
        List<ServiceStatus> out = new ArrayList<>();
        for (ContainerSummary c : projectContainers(project)) {
            inspectStatus(c).ifPresent(out::add);
        }
        return out;
    }

    Optional<ServiceStatus> inspectStatus(ContainerSummary c) {
        InspectContainerResponse r;
        try {
            r = client().inspectContainerCmd(c.id()).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw new DockerException("Could not inspect container " + c.name() + ": " + Messages.engineMessage(e), e);
        }
        var state = r.getState();
        var healthState = state == null ? null : state.getHealth();
        Optional<String> lastOutput = Optional.empty();
        if (healthState != null
                && healthState.getLog() != null
                && !healthState.getLog().isEmpty()) {
            String out = healthState.getLog().getLast().getOutput();
            lastOutput = out == null ? Optional.empty() : Optional.of(out.strip());
        }
        Long exit = state == null ? null : state.getExitCodeLong();
        return Optional.of(new ServiceStatus(
                c.label(ComposeLabels.SERVICE).orElse(c.name()),
                c.name(),
                c.id(),
                ContainerState.parse(state == null ? null : state.getStatus()),
                Health.parse(healthState == null ? null : healthState.getStatus()),
                exit == null ? 0 : exit.intValue(),
                r.getRestartCount() == null ? 0 : r.getRestartCount(),
                parseTime(state == null ? null : state.getStartedAt()),
                lastOutput));
    }

    private static Optional<Instant> parseTime(String text) {
        if (text == null || text.isEmpty() || text.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Waits until the given services of {@code project} (all when empty) are ready: healthy when
     * they have a healthcheck; otherwise running for a few seconds without being restarted; or
     * exited with code 0 (one-shot jobs). Polls every 200 ms; while the engine still says {@code
     * starting}, also runs the container's own healthcheck command every 250 ms ({@code docker
     * exec}) and counts the first pass as healthy, as the engine would at its next check.
     *
     * @throws ServicesNotHealthyException as soon as one is unhealthy, exits non-zero or keeps
     *     restarting, or when {@code timeout} passes; nothing is stopped
     * @throws InterruptedException when the thread is interrupted
     */
    public HealthReport awaitHealthy(
            String project, Collection<String> services, Duration timeout, HealthListener listener)
            throws InterruptedException {
        return new HealthWaiter(this, project, services, timeout, listener, new EngineHealthcheckExec(this)).await();
    }

    /** Log lines (stdout and stderr, in order) of a container, by name or id. */
    public List<String> logs(String container, LogWindow window) throws InterruptedException {
        LogContainerCmd cmd =
                client().logContainerCmd(container).withStdOut(true).withStdErr(true);
        if (window.tailLines() > 0) {
            cmd.withTail(window.tailLines());
        }
        window.since().ifPresent(s -> cmd.withSince((int) s.getEpochSecond()));
        FrameCollector out = new FrameCollector(LOG_MAX_BYTES);
        try {
            cmd.exec(out);
            out.await(LOG_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            throw new DockerException("No container " + container + " to read logs from.", e);
        } catch (RuntimeException e) {
            if (e instanceof DockerException) {
                throw e;
            }
            throw new DockerException("Could not read the logs of " + container + ": " + Messages.engineMessage(e), e);
        }
        return out.lines();
    }

    /** The log lines of a container in {@code window} that contain a match of {@code pattern}. */
    public List<String> searchLogs(String container, Pattern pattern, LogWindow window) throws InterruptedException {
        return logs(container, window).stream()
                .filter(l -> pattern.matcher(l).find())
                .toList();
    }

    // ---- helper container ----------------------------------------------------------------------

    /**
     * Sizes of host paths (files or folders) measured inside one helper container that mounts them
     * read-only: apparent sizes of everything but directories, hard links counted once, as the
     * engine sizes volumes. For paths this user cannot read; readable ones are cheaper to walk.
     *
     * @throws DockerException when a path does not exist or the helper fails; nothing is changed
     */
    public Map<Path, Long> pathSizes(List<Path> hostPaths) throws InterruptedException {
        return HelperContainer.sizes(this, List.copyOf(hostPaths));
    }

    /** Up to {@code maxBytes} of a host file this user cannot read, through a helper container. */
    public byte[] readFile(Path hostPath, int maxBytes) throws InterruptedException {
        return HelperContainer.read(this, hostPath, maxBytes);
    }

    /** Whether {@link #close()} was called (the app drops an engine when the Docker host changes). */
    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (client != null) {
                client.close(); // closes the transport too
            } else if (transport != null) {
                transport.close();
            }
            raw.close();
        } catch (IOException e) {
            throw new DockerException("Closing the Docker connection failed: " + e.getMessage(), e);
        }
    }
}
