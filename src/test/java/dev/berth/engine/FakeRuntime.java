package dev.berth.engine;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A recording stand-in for the container runtime, for planner and screen tests that must not need
 * Docker (the screens' one adds pull progress and failing starts). Integration tests use the real one.
 */
public class FakeRuntime implements ContainerRuntime {
    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile Set<String> images = Set.of();
    public volatile String rejectValidation = null;

    @Override
    public void validate(Project project, Consumer<String> log) {
        calls.add("validate " + project.workingDir().getFileName());
        if (rejectValidation != null) {
            throw new RuntimeFailure(rejectValidation);
        }
    }

    @Override
    public void loadImages(Path archive, Consumer<String> log) {
        calls.add("load " + archive);
    }

    @Override
    public void build(Project project, List<String> services, Consumer<String> log) {
        calls.add("build " + services);
    }

    @Override
    public void pull(String image, ByteProgress progress, Cancellation cancellation) {
        calls.add("pull " + image);
    }

    @Override
    public boolean hasImage(String image) {
        return images.contains(image);
    }

    @Override
    public Optional<String> imageId(String image) {
        return Optional.empty();
    }

    @Override
    public void tag(String imageId, String reference) {
        calls.add("tag " + reference);
    }

    @Override
    public void removeImage(String reference) {
        calls.add("rmi " + reference);
    }

    @Override
    public void up(Project project, List<String> services, Dependencies dependencies, Consumer<String> log) {
        calls.add("up " + (dependencies == Dependencies.SKIP ? "--no-deps " : "") + services);
    }

    @Override
    public void stop(Project project, List<String> services, Duration grace, Consumer<String> log) {
        calls.add("stop " + services);
    }

    @Override
    public void removeOneOffs(Project project, String service, Consumer<String> log) {
        calls.add("remove-one-offs " + service);
    }

    @Override
    public void down(Project project, Consumer<String> log) {
        calls.add("down");
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
        calls.add("run " + (dependencies == Dependencies.SKIP ? "--no-deps " : "") + service);
        return 0;
    }

    @Override
    public int exec(
            Project project,
            String service,
            List<String> command,
            InputStream stdin,
            OutputStream stdout,
            Consumer<String> log) {
        calls.add("exec " + service);
        return 0;
    }

    @Override
    public List<ServiceState> services(Project project) {
        return new ArrayList<>();
    }

    @Override
    public void awaitHealthy(Project project, List<String> services, Duration timeout, Cancellation cancellation) {
        calls.add("healthy " + services);
    }

    @Override
    public List<String> logs(Project project, String service, int tail) {
        return List.of();
    }

    @Override
    public List<String> volumes(Project project) {
        return List.of();
    }

    @Override
    public Map<String, Long> volumeSizes() {
        return Map.of();
    }

    @Override
    public void exportVolume(Project project, String volume, OutputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void importVolume(Project project, String volume, InputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void createVolume(String volume, String project, String key) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void removeVolume(String volume) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void exportPath(Project project, Path hostPath, OutputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public List<dev.berth.backup.ListedEntry> listPath(Project project, Path hostPath) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void exportPathEntries(Project project, Path hostPath, List<String> names, OutputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public List<dev.berth.backup.ListedEntry> listVolume(Project project, String volume) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void exportVolumeEntries(Project project, String volume, List<String> names, OutputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public void importPath(Project project, Path hostPath, InputStream tar) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public List<String> removeHelpers(Project project) {
        calls.add("removeHelpers " + project.name());
        return List.of();
    }

    @Override
    public void movePath(Project project, Path from, Path to) {
        throw new UnsupportedOperationException("not in planner tests");
    }

    @Override
    public int httpStatus(java.net.URI url, Duration timeout) throws java.io.IOException, InterruptedException {
        calls.add("GET " + url);
        return 200;
    }
}
