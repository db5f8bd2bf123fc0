package dev.berth.docker;

import dev.berth.backup.ListedEntry;
import dev.berth.config.ImageMirrors;
import dev.berth.docker.compose.ComposeCli;
import dev.berth.docker.compose.ComposeException;
import dev.berth.docker.compose.ComposeOutputListener;
import dev.berth.docker.compose.ComposeResult;
import dev.berth.docker.compose.ComposeSubcommand;
import dev.berth.docker.compose.ComposeTarget;
import dev.berth.engine.Cancellation;
import dev.berth.engine.ContainerRuntime;
import dev.berth.engine.Text;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The engine's {@link ContainerRuntime} on a Docker engine: docker-java ({@link DockerEngine}) for
 * images, state, health and logs; the user's own compose ({@link ComposeCli}, v2 or v1) for
 * everything compose does; the {@code docker} CLI for the byte streams of {@code exec}/{@code run}
 * and the helper containers that copy volumes and folders the desktop user cannot read.
 *
 * <p>Blocks; thread-safe as far as Docker is. Interrupts are turned into {@link
 * Cancellation.CancelledException}.
 */
public final class DockerRuntime implements ContainerRuntime {
    private static final Duration COMPOSE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration STALL = Duration.ofSeconds(60);

    private final DockerEngine engine;
    private final ComposeCli compose;
    private final ImageMirrors mirrors;
    private final String helperImage;

    private final Path home;
    private final HttpProbe http;

    /** Docker on this computer: commands run in the user's home, HTTP probes go out from here. */
    public DockerRuntime(DockerEngine engine, ComposeCli compose, ImageMirrors mirrors) {
        this(engine, compose, mirrors, Path.of(System.getProperty("user.home")), HttpProbe.direct());
    }

    /**
     * Docker on the machine where {@code compose} runs its commands.
     *
     * @param engine the engine API of that machine (for a server, through the forwarded socket)
     * @param compose compose and the command runner of that machine; the {@code docker} CLI runs
     *     through the same runner with the same variables
     * @param home an existing folder on that machine for commands that need no particular one
     * @param http sends the verification's HTTP requests from that machine
     */
    public DockerRuntime(DockerEngine engine, ComposeCli compose, ImageMirrors mirrors, Path home, HttpProbe http) {
        this.engine = engine;
        this.compose = compose;
        this.mirrors = mirrors;
        this.helperImage = engine.environment().helperImage();
        this.home = home;
        this.http = http;
    }

    @Override
    public int httpStatus(java.net.URI url, Duration timeout) throws IOException, InterruptedException {
        return http.status(url, timeout);
    }

    public DockerEngine engine() {
        return engine;
    }

    private static ComposeTarget target(Project p) {
        return new ComposeTarget(
                p.name(),
                p.files(),
                p.workingDir(),
                p.envFiles().isEmpty()
                        ? Optional.empty()
                        : Optional.of(p.envFiles().getFirst()),
                p.profiles());
    }

    private ComposeResult compose(Project p, ComposeSubcommand cmd, Consumer<String> log) {
        ComposeOutputListener l = (channel, line) -> log.accept(line);
        try {
            return compose.run(target(p), cmd, l, COMPOSE_TIMEOUT);
        } catch (ComposeException e) {
            throw e.text().map(t -> new RuntimeFailure(t, e)).orElseGet(() -> new RuntimeFailure(e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
        }
    }

    @Override
    public void validate(Project project, Consumer<String> log) {
        compose(project, new ComposeSubcommand.Validate(), log);
    }

    @Override
    public void loadImages(Path archive, Consumer<String> log) {
        int code = docker(List.of("load", "-i", archive.toString()), null, null, log);
        if (code != 0) {
            throw new RuntimeFailure("docker load of " + archive + " failed (exit " + code + "); see the log.");
        }
    }

    @Override
    public void build(Project project, List<String> services, Consumer<String> log) {
        compose(project, new ComposeSubcommand.Build(services), log);
    }

    @Override
    public void pull(String image, ByteProgress progress, Cancellation cancellation) {
        String from = mirrors.rewrite(image);
        try {
            engine.pull(
                    from,
                    (done, total) -> {
                        if (cancellation.isCancelled()) {
                            Thread.currentThread().interrupt();
                        }
                        progress.update(done, total, image);
                    },
                    STALL);
            if (!from.equals(image)) {
                engine.tagImage(from, image);
            }
        } catch (InterruptedException e) {
            Thread.interrupted();
            throw new Cancellation.CancelledException();
        } catch (DockerException e) {
            throw e.text().map(t -> new RuntimeFailure(t, e)).orElseGet(() -> new RuntimeFailure(e.getMessage(), e));
        }
    }

    @Override
    public boolean hasImage(String image) {
        return engine.inspectImage(image).isPresent();
    }

    @Override
    public Optional<String> imageId(String image) {
        return engine.inspectImage(image).map(ImageInfo::id);
    }

    @Override
    public void tag(String imageId, String reference) {
        engine.tagImage(imageId, reference);
    }

    @Override
    public void removeImage(String reference) {
        int code = docker(List.of("image", "rm", reference), null, null, line -> {});
        if (code != 0 && hasImage(reference)) {
            throw new RuntimeFailure("Could not remove the image " + reference + " (still in use?).");
        }
    }

    @Override
    public void up(Project project, List<String> services, Dependencies dependencies, Consumer<String> log) {
        if (dependencies == Dependencies.SKIP && !compose.tool().upSkipsDependenciesLeftOut()) {
            // correct, only slower: compose starts (or runs again) what the services wait for
            ContainerRuntime.Log.say(
                    log, Text.of(Text.Key.LOG_NO_DEPENDENCIES, compose.tool().describe()));
            dependencies = Dependencies.START;
        }
        compose(project, new ComposeSubcommand.Up(composeDependencies(dependencies), services), log);
    }

    private static ComposeSubcommand.Dependencies composeDependencies(Dependencies d) {
        return switch (d) {
            case START -> ComposeSubcommand.Dependencies.START;
            case SKIP -> ComposeSubcommand.Dependencies.SKIP;
        };
    }

    @Override
    public void stop(Project project, List<String> services, Duration grace, Consumer<String> log) {
        int seconds = (int) Math.max(1, grace.toSeconds());
        List<String> running = services.size() == 1 ? running(project, services.getFirst()) : List.of();
        if (running.isEmpty()) {
            // several services: compose knows their order; none running: compose says what is wrong, if anything
            compose(project, new ComposeSubcommand.Stop(seconds, services), log);
            return;
        }
        // One service: `docker stop` of its containers is what compose stop does, without starting
        // compose (1-3 s for v1) while the app is down.
        ContainerRuntime.Log.say(
                log, Text.of(Text.Key.LOG_STOPPING, services.getFirst(), running.size(), String.valueOf(seconds)));
        List<String> argv = new ArrayList<>(List.of("stop", "-t", String.valueOf(seconds)));
        argv.addAll(running);
        int code = docker(argv, null, null, log);
        if (code != 0) {
            throw new RuntimeFailure("docker stop of " + services.getFirst() + " failed (exit " + code
                    + "); see the log. It may still be running: check with `docker ps`.");
        }
    }

    /** Ids of the running containers of a service (no one-off {@code run} containers). */
    private List<String> running(Project project, String service) {
        return engine.projectContainers(project.name()).stream()
                .filter(c -> c.state() == ContainerState.RUNNING)
                .filter(c -> c.label(ComposeLabels.SERVICE).orElse("").equals(service))
                .map(ContainerSummary::id)
                .toList();
    }

    @Override
    public void down(Project project, Consumer<String> log) {
        compose(project, new ComposeSubcommand.Down(ComposeSubcommand.Volumes.KEEP), log);
    }

    @Override
    public void removeOneOffs(Project project, String service, Consumer<String> log) {
        List<String> ids = engine.containers().stream()
                .filter(c -> c.label(ComposeLabels.PROJECT)
                        .filter(project.name()::equals)
                        .isPresent())
                .filter(c ->
                        c.label(ComposeLabels.SERVICE).filter(service::equals).isPresent())
                .filter(c -> c.label(ComposeLabels.ONEOFF).orElse("False").equalsIgnoreCase("True"))
                .map(ContainerSummary::id)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("rm", "-f"));
        args.addAll(ids);
        List<String> err = new ArrayList<>();
        if (docker(args, null, null, err::add) != 0) {
            throw new RuntimeFailure("Could not remove the one-off container(s) of " + service + " ("
                    + String.join(", ", ids) + "): " + String.join(" / ", err)
                    + ". Remove them with docker rm -f before you try again.");
        }
        ContainerRuntime.Log.say(log, Text.of(Text.Key.LOG_ONE_OFFS_REMOVED, service, ids));
    }

    @Override
    public int run(
            Project project,
            String service,
            Dependencies dependencies,
            List<String> command,
            InputStream stdin,
            OutputStream stdout,
            Consumer<String> log) {
        List<String> argv = compose.commandLine(
                target(project), new ComposeSubcommand.Run(service, composeDependencies(dependencies), command));
        return stream(argv, project.workingDir(), stdin, stdout, log);
    }

    @Override
    public int exec(
            Project project,
            String service,
            List<String> command,
            InputStream stdin,
            OutputStream stdout,
            Consumer<String> log) {
        // `docker exec` on the service's container, not `compose exec`: the same call without
        // starting compose (docker-compose v1 is a Python program that takes 1-3 s to start), and
        // exec runs inside the downtime (pg_dump, drain commands, SQL migrations).
        Optional<String> id = engine.projectContainers(project.name()).stream()
                .filter(c -> c.state() == ContainerState.RUNNING)
                .filter(c -> c.label(ComposeLabels.SERVICE).orElse("").equals(service))
                .min(java.util.Comparator.comparingInt(DockerRuntime::containerNumber))
                .map(ContainerSummary::id);
        if (id.isEmpty()) {
            // compose says best why there is nothing to exec in (not created, stopped, unknown)
            List<String> argv = compose.commandLine(target(project), new ComposeSubcommand.Exec(service, command));
            return stream(argv, project.workingDir(), stdin, stdout, log);
        }
        List<String> argv = new ArrayList<>(List.of("exec"));
        if (stdin != null) {
            argv.add("-i");
        }
        argv.add(id.get());
        argv.addAll(command);
        return docker(argv, stdin, stdout, log);
    }

    /** Compose's number of a service's container (1 for the first; what {@code compose exec} picks). */
    private static int containerNumber(ContainerSummary c) {
        try {
            return Integer.parseInt(c.label(ComposeLabels.CONTAINER_NUMBER).orElse("1"));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // not compose's label: any numbered container comes first
        }
    }

    @Override
    public List<ServiceState> services(Project project) {
        List<ServiceState> out = new ArrayList<>();
        List<ServiceStatus> statuses = engine.serviceStatus(project.name()); // one inspect per container
        for (ContainerSummary c : engine.projectContainers(project.name())) {
            Optional<ServiceStatus> st = statuses.stream()
                    .filter(s -> s.containerId().equals(c.id()))
                    .findFirst();
            out.add(new ServiceState(
                    c.labels().getOrDefault(ComposeLabels.SERVICE, ""),
                    c.id(),
                    c.image(),
                    c.imageId(),
                    st.map(s -> s.state().word()).orElse(c.state().word()),
                    st.filter(s -> s.health() != Health.NONE)
                            .map(s -> s.health().word()),
                    st.map(ServiceStatus::restartCount).orElse(0),
                    st.filter(s -> s.state() == ContainerState.EXITED).map(ServiceStatus::exitCode)));
        }
        return out;
    }

    @Override
    public void awaitHealthy(Project project, List<String> services, Duration timeout, Cancellation cancellation) {
        try {
            engine.awaitHealthy(project.name(), services, timeout, list -> {
                if (cancellation.isCancelled()) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (InterruptedException e) {
            Thread.interrupted();
            throw new Cancellation.CancelledException();
        } catch (ServicesNotHealthyException e) {
            throw new RuntimeFailure(e.getMessage(), e);
        }
    }

    @Override
    public List<String> logs(Project project, String service, int tail) {
        List<String> lines = new ArrayList<>();
        try {
            for (ContainerSummary c : engine.projectContainers(project.name())) {
                if (c.labels().getOrDefault(ComposeLabels.SERVICE, "").equals(service)) {
                    lines.addAll(engine.logs(c.id(), LogWindow.tail(tail)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
        }
        return lines;
    }

    @Override
    public List<String> volumes(Project project) {
        return engine.projectVolumes(project.name()).stream()
                .map(VolumeInfo::name)
                .toList();
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return engine.diskUsage().volumeBytes();
    }

    @Override
    public void exportVolume(Project project, String volume, OutputStream tar) throws IOException {
        copyOut(project, List.of("-v", volume + ":/v:ro"), tar);
    }

    @Override
    public void importVolume(Project project, String volume, InputStream tar) throws IOException {
        helper(
                project,
                List.of("-v", volume + ":/v"),
                "cd /v && find . -mindepth 1 -maxdepth 1 -exec rm -rf {} + && tar -xpf -",
                tar,
                null);
    }

    @Override
    public void createVolume(String volume, String project, String key) {
        List<String> err = new ArrayList<>();
        int code = docker(
                List.of(
                        "volume",
                        "create",
                        "--label",
                        ComposeLabels.PROJECT + "=" + project,
                        "--label",
                        ComposeLabels.VOLUME + "=" + key,
                        volume),
                null,
                OutputStream.nullOutputStream(),
                err::add);
        if (code != 0) {
            throw new RuntimeFailure("Could not create the volume " + volume + " (exit " + code + "): "
                    + String.join(" / ", err.subList(Math.max(0, err.size() - 3), err.size())));
        }
    }

    @Override
    public void removeVolume(String volume) {
        List<String> err = new ArrayList<>();
        int code = docker(List.of("volume", "rm", "-f", volume), null, OutputStream.nullOutputStream(), err::add);
        if (code != 0) {
            throw new RuntimeFailure("Could not remove the volume " + volume + " (exit " + code + "): "
                    + String.join(" / ", err.subList(Math.max(0, err.size() - 3), err.size())));
        }
    }

    @Override
    public void exportPath(Project project, Path hostPath, OutputStream tar) throws IOException {
        copyOut(
                project,
                List.of("--mount", "type=bind,source=" + hostPath.toAbsolutePath() + ",target=/v,readonly"),
                tar);
    }

    @Override
    public List<ListedEntry> listPath(Project project, Path hostPath) throws IOException {
        return list(project, pathMount(hostPath));
    }

    @Override
    public void exportPathEntries(Project project, Path hostPath, List<String> names, OutputStream tar)
            throws IOException {
        copyOutEntries(project, pathMount(hostPath), names, tar);
    }

    @Override
    public List<ListedEntry> listVolume(Project project, String volume) throws IOException {
        return list(project, List.of("-v", volume + ":/v:ro"));
    }

    @Override
    public void exportVolumeEntries(Project project, String volume, List<String> names, OutputStream tar)
            throws IOException {
        copyOutEntries(project, List.of("-v", volume + ":/v:ro"), names, tar);
    }

    private static List<String> pathMount(Path hostPath) {
        return List.of("--mount", "type=bind,source=" + hostPath.toAbsolutePath() + ",target=/v,readonly");
    }

    private List<ListedEntry> list(Project project, List<String> mounts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        helper(project, mounts, HelperListing.LIST_SCRIPT, List.of(), null, out, "list");
        return HelperListing.parse(out.toByteArray());
    }

    /**
     * The tar of some entries of a helper's {@code /v}: busybox tar writes it inside the helper
     * container, then the engine's archive API copies it out (wrapped in a tar of its own, unwrapped
     * here). The attach stream of {@code docker start -a} would spare the write but carried about
     * 8 MB/s on the test machine against 56 MB/s for the archive API.
     */
    private void copyOutEntries(Project project, List<String> mounts, List<String> names, OutputStream tar)
            throws IOException {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no entries to copy");
        }
        byte[] list = HelperListing.nameList(names);
        if (list.length > HelperListing.MAX_NAME_BYTES) {
            throw new IOException(names.size() + " names (" + list.length + " bytes) do not fit one tar command");
        }
        List<String> create = new ArrayList<>(List.of("create", "-i", "--network", "none", "--user", "0:0"));
        create.addAll(helperLabels(project, "copy-out"));
        create.addAll(mounts);
        create.addAll(List.of(helperImage, "sh", "-c", HelperListing.CHANGES_SCRIPT, "sh"));
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        List<String> err = new ArrayList<>();
        int code = docker(create, null, id, err::add);
        String container = id.toString(StandardCharsets.UTF_8).strip();
        if (code != 0 || container.isEmpty()) {
            throw new IOException("Could not create the helper container (exit " + code + "): " + lastLines(err));
        }
        try {
            int ran = docker(List.of("start", "-ai", container), new ByteArrayInputStream(list), null, err::add);
            if (ran != 0) {
                throw new IOException("The helper container could not tar " + names.size() + " entries (exit " + ran
                        + "): " + lastLines(err));
            }
            unwrap(container, tar, err);
        } catch (IOException | RuntimeException e) {
            try {
                removeHelper(container, null);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        removeHelper(container, null);
    }

    /** Copies the helper's tar out through the archive API and writes what the wrapping tar holds. */
    private void unwrap(String container, OutputStream tar, List<String> err) throws IOException {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicInteger copied = new AtomicInteger(-1);
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        Thread cp = Thread.ofVirtual().name("berth-helper-cp").start(() -> {
            try (out) {
                copied.set(
                        docker(List.of("cp", container + ":" + HelperListing.CHANGES_TAR, "-"), null, out, err::add));
            } catch (IOException e) {
                // the reader below stopped early and says why
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        try (TarArchiveInputStream wrapper = new TarArchiveInputStream(in)) {
            TarArchiveEntry e = wrapper.getNextEntry();
            if (e == null || !e.isFile()) {
                throw new IOException(
                        "The helper's tar came out of the container as " + (e == null ? "nothing" : e.getName()));
            }
            wrapper.transferTo(tar);
            in.transferTo(OutputStream.nullOutputStream());
        } finally {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException drained) {
                // closed already
            }
            try {
                cp.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancellation.CancelledException();
            }
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        if (copied.get() != 0) {
            throw new IOException("Copying the helper's tar out failed (exit " + copied.get() + "): " + lastLines(err));
        }
    }

    /**
     * The labels of a helper container: what it is (so a scan never takes it for an app) and whose
     * copy it serves, so that the next resume or rollback of that install removes it when a killed
     * Berth left it behind.
     */
    private static List<String> helperLabels(Project project, String kind) {
        return List.of("--label", HelperContainer.LABEL + "=" + kind, "--label", HELPER_PROJECT + "=" + project.name());
    }

    /** Names the compose project whose copy a helper container serves. */
    static final String HELPER_PROJECT = HelperContainer.LABEL + ".project";

    @Override
    public List<String> removeHelpers(Project project) {
        ByteArrayOutputStream ids = new ByteArrayOutputStream();
        List<String> err = new ArrayList<>();
        int code = docker(
                List.of("ps", "-aq", "--no-trunc", "--filter", "label=" + HELPER_PROJECT + "=" + project.name()),
                null,
                ids,
                err::add);
        if (code != 0) {
            throw new RuntimeFailure("Could not list the helper containers of " + project.name() + " (exit " + code
                    + "): " + lastLines(err));
        }
        List<String> found = ids.toString(StandardCharsets.UTF_8)
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (found.isEmpty()) {
            return found;
        }
        List<String> rm = new ArrayList<>(List.of("rm", "-f"));
        rm.addAll(found);
        if (docker(rm, null, OutputStream.nullOutputStream(), err::add) != 0) {
            throw new RuntimeFailure("Could not remove the helper containers " + found + " of " + project.name() + ": "
                    + lastLines(err) + "; remove them with `docker rm -f " + String.join(" ", found) + "`.");
        }
        return found;
    }

    /**
     * Writes the tar of a helper container's {@code /v} (names {@code ./...}, as {@code tar -C /v
     * -cf - .} gives) through the engine's archive API ({@code docker cp}) of a created, never
     * started container. Several times faster than streaming tar out of a running helper: the
     * attach stream of {@code docker run} carried about 10 MB/s on the test machine, the archive
     * API about 70 MB/s, and volume copies run while the app is down.
     */
    private void copyOut(Project project, List<String> mounts, OutputStream tar) throws IOException {
        List<String> create = new ArrayList<>(List.of("create", "--network", "none", "--user", "0:0"));
        create.addAll(helperLabels(project, "copy-out"));
        create.addAll(mounts);
        create.addAll(List.of(helperImage, "true"));
        ByteArrayOutputStream id = new ByteArrayOutputStream();
        List<String> err = new ArrayList<>();
        int code = docker(create, null, id, err::add);
        String container = id.toString(StandardCharsets.UTF_8).strip();
        if (code != 0 || container.isEmpty()) {
            throw new IOException("Could not create the helper container (exit " + code + "): " + lastLines(err));
        }
        int copied;
        try {
            copied = docker(List.of("cp", container + ":/v/.", "-"), null, tar, err::add);
        } catch (RuntimeException e) {
            removeHelper(container, e);
            throw e;
        }
        removeHelper(container, null);
        if (copied != 0) {
            throw new IOException(
                    "Copying out of the helper container failed (exit " + copied + "): " + lastLines(err));
        }
    }

    /** Removes a helper container; a failure is added to {@code primary} when there is one. */
    private void removeHelper(String container, RuntimeException primary) throws IOException {
        List<String> err = new ArrayList<>();
        if (docker(List.of("rm", "-f", container), null, OutputStream.nullOutputStream(), err::add) != 0) {
            IOException e = new IOException("Could not remove the helper container " + container + ": " + lastLines(err)
                    + "; remove it with `docker rm -f " + container + "`.");
            if (primary == null) {
                throw e;
            }
            primary.addSuppressed(e);
        }
    }

    private static String lastLines(List<String> lines) {
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }

    @Override
    public void importPath(Project project, Path hostPath, InputStream tar) throws IOException {
        java.nio.file.Files.createDirectories(hostPath);
        helper(
                project,
                List.of("--mount", "type=bind,source=" + hostPath.toAbsolutePath() + ",target=/v"),
                "cd /v && find . -mindepth 1 -maxdepth 1 -exec rm -rf {} + && tar -xpf -",
                tar,
                null);
    }

    @Override
    public void movePath(Project project, Path from, Path to) throws IOException {
        Path a = from.toAbsolutePath().normalize();
        Path b = to.toAbsolutePath().normalize();
        // One bind mount holding both, so that mv is a rename(2) there, not a copy.
        Path base = a.getParent();
        while (base != null && !b.startsWith(base)) {
            base = base.getParent();
        }
        if (base == null || base.getParent() == null) {
            throw new IOException("Will not move " + a + " to " + b + " through a helper container: they share no"
                    + " folder below the root.");
        }
        helper(
                project,
                List.of("--mount", "type=bind,source=" + base + ",target=/v"),
                "mv -- \"/v/$1\" \"/v/$2\"",
                List.of(base.relativize(a).toString(), base.relativize(b).toString()),
                null,
                null);
    }

    /** Runs a root busybox helper container with the given mounts and a shell script, streaming tar. */
    private void helper(Project project, List<String> mounts, String script, InputStream in, OutputStream out)
            throws IOException {
        helper(project, mounts, script, List.of(), in, out);
    }

    /** As above, with arguments for the script ({@code $1}...), never parsed by a shell. */
    private void helper(
            Project project, List<String> mounts, String script, List<String> args, InputStream in, OutputStream out)
            throws IOException {
        helper(project, mounts, script, args, in, out, "copy-in");
    }

    private void helper(
            Project project,
            List<String> mounts,
            String script,
            List<String> args,
            InputStream in,
            OutputStream out,
            String kind)
            throws IOException {
        List<String> argv = new ArrayList<>(List.of("run", "--rm", "--network", "none", "--user", "0:0"));
        argv.addAll(helperLabels(project, kind));
        if (in != null) {
            argv.add("-i");
        }
        argv.addAll(mounts);
        argv.addAll(List.of(helperImage, "sh", "-c", script, "sh"));
        argv.addAll(args);
        List<String> err = new ArrayList<>();
        int code = docker(argv, in, out, err::add);
        if (code != 0) {
            throw new IOException("The helper container failed (exit " + code + "): "
                    + String.join(" / ", err.subList(Math.max(0, err.size() - 5), err.size())));
        }
    }

    private int docker(List<String> args, InputStream in, OutputStream out, Consumer<String> log) {
        List<String> argv = new ArrayList<>();
        argv.add("docker");
        argv.addAll(args);
        return stream(argv, null, in, out, log);
    }

    /**
     * Runs a command where compose runs, with its stdin fed from {@code in} (or closed), stdout
     * copied to {@code out} (or logged line by line) and stderr logged. The variables compose gets
     * (the engine's {@code DOCKER_HOST} on that machine, never this computer's for a server) reach
     * it too.
     */
    private int stream(List<String> argv, Path dir, InputStream in, OutputStream out, Consumer<String> log) {
        RunningCommand p;
        try {
            p = compose.runner().start(argv, compose.environment(), dir == null ? home : dir);
        } catch (IOException e) {
            throw new RuntimeFailure(
                    "Could not start " + argv.getFirst() + " on "
                            + compose.runner().describe() + ": " + e.getMessage()
                            + ". Is the Docker CLI installed and on the PATH there?",
                    e);
        }
        try (p) {
            Thread err = Thread.ofVirtual().start(() -> pump(p.stderr(), log));
            Thread feed = Thread.ofVirtual().start(() -> {
                try (OutputStream o = p.stdin()) {
                    if (in != null) {
                        in.transferTo(o);
                    }
                } catch (IOException e) {
                    log.accept("stdin closed early: " + e.getMessage());
                }
            });
            if (out != null) {
                p.stdout().transferTo(out);
            } else {
                pump(p.stdout(), log);
            }
            if (!p.waitFor(COMPOSE_TIMEOUT)) {
                p.terminate(Duration.ofSeconds(5));
                throw new RuntimeFailure(String.join(" ", argv.subList(0, Math.min(3, argv.size())))
                        + " ran longer than " + COMPOSE_TIMEOUT.toMinutes() + " minutes and was stopped.");
            }
            err.join();
            feed.join();
            return p.exitCode();
        } catch (IOException e) {
            throw new RuntimeFailure(
                    "Lost " + p.describe() + ": " + e.getMessage()
                            + ". It may have finished or not; check the services' state.",
                    e);
        } catch (InterruptedException e) {
            p.terminate(Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
        }
    }

    private static void pump(InputStream in, Consumer<String> log) {
        try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                log.accept(line);
            }
        } catch (IOException e) {
            log.accept("(output ended: " + e.getMessage() + ")");
        }
    }
}
