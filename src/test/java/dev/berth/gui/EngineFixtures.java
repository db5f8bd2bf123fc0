package dev.berth.gui;

import com.sun.net.httpserver.HttpServer;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import dev.berth.engine.BackupSteps;
import dev.berth.engine.Cancellation;
import dev.berth.engine.CrashPoints;
import dev.berth.engine.Engine;
import dev.berth.engine.Install;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.PlanStep;
import dev.berth.engine.StepContext;
import dev.berth.gui.common.EngineAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The real engine (planner and runner) over a recording fake of its container runtime, and the
 * demo app's real releases: what the screens' view-model tests drive. Docker is never touched.
 */
public final class EngineFixtures {
    public static final Path RELEASES = Path.of("demo/releases").toAbsolutePath();

    private EngineFixtures() {}

    /** A recording stand-in for Docker; pulls can report progress and wait for a latch. */
    public static final class FakeRuntime extends dev.berth.engine.FakeRuntime {
        /** When set, a pull reports half its bytes and waits here until released or cancelled. */
        public volatile CountDownLatch holdPulls;
        /** When set, starting services fails with this message. */
        public volatile String failUp;
        /** How many starts fail with {@link #failUp} (then they work again, as for a rollback). */
        public final java.util.concurrent.atomic.AtomicInteger failUpCalls =
                new java.util.concurrent.atomic.AtomicInteger(Integer.MAX_VALUE);

        @Override
        public void validate(Project project, Consumer<String> log) {
            calls.add("validate");
        }

        @Override
        public void loadImages(Path archive, Consumer<String> log) {
            calls.add("load " + archive.getFileName());
        }

        @Override
        public void build(Project project, List<String> services, Consumer<String> log) {
            calls.add("build " + services);
            log.accept("Building " + String.join(", ", services));
        }

        @Override
        public void pull(String image, ByteProgress progress, Cancellation cancellation) {
            calls.add("pull " + image);
            progress.update(0, 40_000_000, image);
            progress.update(20_000_000, 40_000_000, image);
            CountDownLatch hold = holdPulls;
            while (hold != null && hold.getCount() > 0) {
                cancellation.check();
                try {
                    hold.await(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            progress.update(40_000_000, 40_000_000, image);
        }

        @Override
        public void up(Project project, List<String> services, Dependencies dependencies, Consumer<String> log) {
            super.up(project, services, dependencies, log);
            if (failUp != null && failUpCalls.getAndDecrement() > 0) {
                throw new RuntimeFailure(failUp);
            }
        }

        @Override
        public List<String> logs(Project project, String service, int tail) {
            return List.of(service + " started", "DB_PASSWORD=hunter2-very-secret listening on :8080");
        }

        /** A real GET from this computer: the screens' tests serve health checks with {@link #healthServer}. */
        @Override
        public int httpStatus(java.net.URI url, Duration timeout) throws IOException, InterruptedException {
            calls.add("GET " + url);
            return dev.berth.docker.HttpProbe.direct().status(url, timeout);
        }
    }

    /** Backup steps that only record what they were asked. */
    public static final class FakeBackups implements BackupSteps {
        public final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void backup(PlanStep.Backup step, StepContext ctx) {
            calls.add("backup " + step.stage());
            ctx.fact("backup.archive", step.archive());
        }

        @Override
        public void restoreFromRunBackup(StepContext ctx) {
            calls.add("restore-run-backup");
        }

        @Override
        public void restore(PlanStep.RestoreData step, StepContext ctx) {
            calls.add("restore " + Path.of(step.archive()).getFileName());
            ctx.progress(5, 10, dev.berth.engine.RunEvent.Unit.BYTES, "files");
        }

        @Override
        public void undoRestore(PlanStep.RestoreData step, StepContext ctx) {
            calls.add("undo-restore");
        }
    }

    public static Engine engine(FakeRuntime runtime, FakeBackups backups) {
        return new Engine(runtime, new ComposeLoader(), p -> backups, "test", CrashPoints.fromEnvironment());
    }

    public static EngineAccess access(Engine engine) {
        return () -> engine;
    }

    /** An install of the demo as a user would have it: the release's files, an edited .env, history. */
    public static Path demoInstall(Path dir, String version, Map<String, String> env) throws IOException {
        return demoInstall(RELEASES, dir, version, env);
    }

    /** As {@link #demoInstall(Path, String, Map)}, from another copy of the demo's releases. */
    public static Path demoInstall(Path releases, Path dir, String version, Map<String, String> env)
            throws IOException {
        copy(releases.resolve(version), dir);
        copy(releases.resolve(version), Install.pristineDir(dir));
        var e = EnvParser.parse(dir.resolve(".env.example"));
        for (var kv : env.entrySet()) {
            e = e.withValue(kv.getKey(), kv.getValue());
        }
        Files.write(dir.resolve(".env"), EnvWriter.toBytes(e));
        InstallHistory.append(dir, new InstallHistory.Entry(version, "install", Instant.now(), "r0", "demo"));
        return dir;
    }

    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** A port nothing listens on now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers GET /health with 200 on 127.0.0.1:port, standing in for the demo's web service. */
    public static HttpServer healthServer(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/health", x -> {
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.start();
        return server;
    }
}
