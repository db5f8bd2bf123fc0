package dev.berth.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Docker test bed for integration tests: fails (never skips) with instructions when
 * Docker is missing, builds the offline busybox image, runs CLI commands, and cleans up only what
 * these tests created (everything is named {@code berth-it-docker-...}).
 */
public final class TestBed {
    /** Our own busybox image, built from the host's static busybox (no registry needed). */
    public static final String BUSYBOX = "berth-it/busybox:1";
    /** Prefix of every compose project, container and volume these tests create. */
    public static final String PREFIX = "berth-it-docker-";
    /** Where test projects live: readable by the unprivileged test user too. */
    public static final Path ROOT = Path.of("/tmp/berth-it-docker");

    private TestBed() {}

    /** The output of a finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result orThrow() {
            if (exitCode != 0) {
                throw new IllegalStateException("command failed (" + exitCode + "): " + stderr + stdout);
            }
            return this;
        }
    }

    /** Runs a command to the end (max 3 minutes). */
    public static Result run(Path dir, List<String> env, String... cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        for (String e : env) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        try {
            Path out = Files.createTempFile("berth-it", ".out");
            Path err = Files.createTempFile("berth-it", ".err");
            pb.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            Result r = new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Result run(String... cmd) {
        return run(null, List.of(), cmd);
    }

    /** Fails with instructions when there is no usable Docker engine, compose v1 or registry. */
    public static void require() {
        Result info;
        try {
            info = run("docker", "info", "--format", "{{.ServerVersion}}");
        } catch (RuntimeException e) {
            throw new AssertionError(bedMissing("the docker CLI is not installed"), e);
        }
        if (info.exitCode() != 0) {
            throw new AssertionError(
                    bedMissing("Docker does not answer: " + info.stderr().strip()));
        }
        ensureBusybox();
    }

    private static String bedMissing(String what) {
        return "The Docker test bed is missing: " + what + ". Integration tests need a Docker engine, docker-compose"
                + " and a registry on 127.0.0.1:5000: run 'sudo bash .ci/run' once (it provisions them), or start"
                + " Docker and retry.";
    }

    /** Builds {@link #BUSYBOX} from {@code /bin/busybox} (Debian's busybox-static) when missing. */
    public static synchronized void ensureBusybox() {
        if (run("docker", "image", "inspect", BUSYBOX).exitCode() == 0) {
            return;
        }
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
            throw new AssertionError(bedMissing("/bin/busybox is missing (apt-get install busybox-static)"));
        }
        try {
            Path rootfs = Files.createTempDirectory("berth-it-rootfs");
            Files.createDirectories(rootfs.resolve("bin"));
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.createDirectories(rootfs.resolve("etc"));
            Files.copy(busybox, rootfs.resolve("bin/busybox"));
            for (String applet :
                    run("/bin/busybox", "--list").orThrow().stdout().split("\n")) {
                if (!applet.isBlank() && !applet.equals("busybox")) {
                    Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
                }
            }
            Files.writeString(rootfs.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
            Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\n");
            run(
                            null,
                            List.of(),
                            "sh",
                            "-c",
                            "tar -C '" + rootfs + "' -c . | docker import --change 'CMD [\"/bin/sh\"]'"
                                    + " --change 'ENV PATH=/bin' - " + BUSYBOX)
                    .orThrow();
            deleteTree(rootfs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh project folder {@code ROOT/name}, world-readable. */
    public static Path projectDir(String name) {
        try {
            Files.createDirectories(ROOT);
            Files.setPosixFilePermissions(ROOT, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path dir = ROOT.resolve(name);
            deleteTree(dir);
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code docker-compose --ansi never -p project ARGS} in {@code dir}. */
    public static Result compose(Path dir, String project, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker-compose", "--ansi", "never", "-p", project));
        cmd.addAll(List.of(args));
        return run(dir, List.of(), cmd.toArray(String[]::new));
    }

    /** Removes every container and volume whose name starts with {@code prefix} (only ours). */
    public static void removeAll(String prefix) {
        if (!prefix.startsWith(PREFIX)) {
            throw new IllegalArgumentException("only objects of these tests may be removed: " + prefix);
        }
        String ids = run("docker", "ps", "-aq", "--filter", "name=^/?" + prefix)
                .stdout()
                .strip();
        if (!ids.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f", "-v"));
            cmd.addAll(List.of(ids.split("\\s+")));
            run(cmd.toArray(String[]::new));
        }
        String labelled = run("docker", "ps", "-aq", "--filter", "label=com.docker.compose.project")
                .stdout()
                .strip();
        for (String id : labelled.isEmpty() ? new String[0] : labelled.split("\\s+")) {
            String project = run(
                            "docker", "inspect", "-f", "{{index .Config.Labels \"com.docker.compose.project\"}}", id)
                    .stdout()
                    .strip();
            if (project.startsWith(prefix)) {
                run("docker", "rm", "-f", "-v", id);
            }
        }
        String volumes = run("docker", "volume", "ls", "-q").stdout().strip();
        for (String v : volumes.isEmpty() ? new String[0] : volumes.split("\\s+")) {
            if (v.startsWith(prefix)) {
                run("docker", "volume", "rm", "-f", v);
            }
        }
        String networks =
                run("docker", "network", "ls", "--format", "{{.Name}}").stdout().strip();
        for (String n : networks.isEmpty() ? new String[0] : networks.split("\\s+")) {
            if (n.startsWith(prefix)) {
                run("docker", "network", "rm", n);
            }
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            // Files created by containers (uid 999) are removed as root through a container.
            run(
                    "docker",
                    "run",
                    "--rm",
                    "-v",
                    dir.getParent() + ":/p",
                    BUSYBOX,
                    "rm",
                    "-rf",
                    "/p/" + dir.getFileName());
        }
    }
}
