package dev.berth.engine;

import dev.berth.engine.PlanStep.HealthProbe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Gives plan steps their effect on a compose install through a {@link ContainerRuntime}. Every
 * step is safe to run again after a crash in its middle, and every undo is safe to repeat.
 */
public final class ComposeStepExecutor implements StepExecutor {
    private static final String PIN = "pin.";
    /** The compose files in force once an apply step renamed them (one per line, relative to the install). */
    private static final String COMPOSE_FILES = "compose.files";
    /** The compose files before an apply step renamed them, for its undo. */
    private static final String COMPOSE_FILES_BEFORE = "compose.files.before.";

    private final ContainerRuntime runtime;
    private final BackupSteps backups;
    /** The project as the plan found it; {@link #project(StepContext)} is the one in force. */
    private final ContainerRuntime.Project planned;

    public ComposeStepExecutor(ContainerRuntime runtime, BackupSteps backups, ContainerRuntime.Project project) {
        this.runtime = runtime;
        this.backups = backups;
        this.planned = project;
    }

    /**
     * The compose project with the compose files on disk now: the plan's, or those an applied
     * step renamed them to (a journal fact, so a resumed or rolled-back run finds them too).
     */
    ContainerRuntime.Project project(StepContext ctx) {
        return ctx.fact(COMPOSE_FILES)
                .map(f -> new ContainerRuntime.Project(
                        planned.name(),
                        planned.workingDir(),
                        f.lines().map(planned.workingDir()::resolve).toList(),
                        planned.envFiles(),
                        planned.profiles()))
                .orElse(planned);
    }

    private List<String> composeFiles(StepContext ctx) {
        return project(ctx).files().stream()
                .map(f -> planned.workingDir().relativize(f).toString())
                .toList();
    }

    @Override
    public List<Text> removeLeftovers() {
        return runtime.removeHelpers(planned).stream()
                .map(id -> Text.of(Text.Key.LOG_HELPER_REMOVED, id.substring(0, Math.min(12, id.length()))))
                .toList();
    }

    @Override
    public void execute(PlanStep step, StepContext ctx) throws Exception {
        switch (step) {
            case PlanStep.LoadImages s -> {
                for (String a : s.archives()) {
                    ctx.checkCancelled();
                    runtime.loadImages(ctx.install().resolve(a), ctx.runtimeLog());
                }
            }
            case PlanStep.BuildImages s ->
                runtime.build(
                        new ContainerRuntime.Project(
                                planned.name(),
                                ctx.install().resolve(s.directory()),
                                (s.composeFiles().isEmpty()
                                                ? planned.files().stream()
                                                        .map(f -> planned.workingDir()
                                                                .relativize(f)
                                                                .toString())
                                                        .toList()
                                                : s.composeFiles())
                                        .stream()
                                                .map(f -> ctx.install()
                                                        .resolve(s.directory())
                                                        .resolve(f))
                                                .toList(),
                                planned.envFiles().stream()
                                        .map(f -> ctx.install()
                                                .resolve(s.directory())
                                                .resolve(planned.workingDir().relativize(f)))
                                        .toList(),
                                planned.profiles()),
                        s.services(),
                        ctx.runtimeLog());
            case PlanStep.PullImages s -> pull(s, ctx);
            case PlanStep.PinImages s -> pin(s, ctx);
            case PlanStep.Backup s -> backups.backup(s, ctx);
            case PlanStep.StopServices s -> stop(s, ctx);
            case PlanStep.ApplyFiles s -> {
                if (!s.composeFiles().isEmpty()
                        && ctx.fact(COMPOSE_FILES_BEFORE + s.id()).isEmpty()) {
                    ctx.fact(COMPOSE_FILES_BEFORE + s.id(), String.join("\n", composeFiles(ctx)));
                }
                FileSwap.apply(
                        ctx.install(),
                        ctx.install().resolve(s.staging()),
                        ctx.runDir().resolve("old").resolve(s.id()),
                        s.files(),
                        ctx::midpoint);
                if (!s.composeFiles().isEmpty()) {
                    ctx.fact(COMPOSE_FILES, String.join("\n", s.composeFiles()));
                    ctx.log(Text.of(Text.Key.LOG_COMPOSE_FILES, s.composeFiles()));
                }
            }
            case PlanStep.Migrate s -> migrate(s, ctx);
            case PlanStep.StartServices s -> runtime.up(project(ctx), s.services(), s.dependencies(), midway(ctx));
            case PlanStep.Verify s -> verify(s.probes(), Duration.ofSeconds(s.timeoutSeconds()), ctx);
            case PlanStep.RestoreData s -> backups.restore(s, ctx);
            case PlanStep.RecordHistory s ->
                InstallHistory.append(
                        ctx.install(),
                        new InstallHistory.Entry(
                                s.version(),
                                ctx.plan().kind().name().toLowerCase(java.util.Locale.ROOT),
                                Instant.now(),
                                ctx.runId(),
                                ctx.plan().release()));
            case PlanStep.RemoveImages s -> {
                for (String image : s.images()) {
                    runtime.removeImage(image);
                }
            }
        }
    }

    @Override
    public void undo(PlanStep step, StepContext ctx) throws Exception {
        switch (step) {
            case PlanStep.LoadImages s -> {} // loaded images are harmless; kept for another try
            case PlanStep.BuildImages s -> {}
            case PlanStep.PullImages s -> {}
            case PlanStep.PinImages s -> {}
            case PlanStep.Backup s -> {} // the backup is kept: it is the way back
            case PlanStep.StopServices s -> {
                restorePinnedTags(ctx);
                List<String> reversed = new ArrayList<>(s.services());
                java.util.Collections.reverse(reversed);
                runtime.up(project(ctx), reversed, ContainerRuntime.Dependencies.START, ctx.runtimeLog());
            }
            case PlanStep.ApplyFiles s -> {
                FileSwap.undo(ctx.install(), ctx.runDir().resolve("old").resolve(s.id()), s.files());
                ctx.fact(COMPOSE_FILES_BEFORE + s.id()).ifPresent(before -> ctx.fact(COMPOSE_FILES, before));
            }
            case PlanStep.Migrate s -> {
                if (s.migration() instanceof PlanStep.Migration.SetAside a) {
                    undoSetAside(a, ctx);
                }
                // other migrations: data comes back from the backup (the runner decides)
            }
            case PlanStep.StartServices s -> {
                if (ctx.plan().freshTarget()) {
                    runtime.down(project(ctx), ctx.runtimeLog());
                } else {
                    runtime.stop(project(ctx), s.services(), Duration.ofSeconds(60), ctx.runtimeLog());
                }
            }
            case PlanStep.Verify s -> {}
            case PlanStep.RestoreData s -> backups.undoRestore(s, ctx);
            case PlanStep.RecordHistory s -> InstallHistory.remove(ctx.install(), ctx.runId(), s.version());
            case PlanStep.RemoveImages s -> {}
        }
    }

    @Override
    public void restoreData(StepContext ctx) throws Exception {
        runtime.stop(project(ctx), List.of(), Duration.ofSeconds(60), ctx.runtimeLog());
        backups.restoreFromRunBackup(ctx);
    }

    @Override
    public void verifyRolledBack(StepContext ctx) {
        restorePinnedTags(ctx);
        runtime.up(project(ctx), List.of(), ContainerRuntime.Dependencies.START, ctx.runtimeLog());
        runtime.awaitHealthy(project(ctx), List.of(), Duration.ofMinutes(5), ctx.cancellation());
    }

    private void pull(PlanStep.PullImages s, StepContext ctx) {
        int i = 0;
        for (String image : s.images()) {
            ctx.checkCancelled();
            int n = ++i;
            ctx.log(Text.of(Text.Key.LOG_PULLING, image, n, s.images().size()));
            runtime.pull(
                    image,
                    (done, total, what) -> ctx.progress(done, total, RunEvent.Unit.BYTES, image),
                    ctx.cancellation());
            ctx.midpoint();
        }
    }

    /** Tags the image each running service uses, so a rollback gets exactly that image back. */
    private void pin(PlanStep.PinImages s, StepContext ctx) {
        for (ContainerRuntime.ServiceState st : runtime.services(project(ctx))) {
            if (!s.services().isEmpty() && !s.services().contains(st.service())) {
                continue;
            }
            if (ctx.fact(PIN + st.service()).isPresent()
                    || st.imageId() == null
                    || st.imageId().isEmpty()) {
                continue;
            }
            String keep = "berth-rollback/" + project(ctx).name() + "-" + st.service() + ":" + ctx.runId();
            runtime.tag(st.imageId(), keep);
            ctx.fact(PIN + st.service(), st.image() + "=" + st.imageId());
            ctx.log(Text.of(Text.Key.LOG_PINNED, st.service(), shortId(st.imageId()), st.image()));
        }
    }

    /** Points every pinned reference back at the image it had before the run. */
    private void restorePinnedTags(StepContext ctx) {
        for (ContainerRuntime.ServiceState st : runtime.services(project(ctx))) {
            ctx.fact(PIN + st.service()).ifPresent(v -> {
                int eq = v.lastIndexOf('=');
                String ref = v.substring(0, eq);
                String id = v.substring(eq + 1);
                if (!runtime.imageId(ref).map(id::equals).orElse(false)) {
                    runtime.tag(id, ref);
                    ctx.log(Text.of(Text.Key.LOG_IMAGE_RESTORED, ref, shortId(id)));
                }
            });
        }
    }

    private void stop(PlanStep.StopServices s, StepContext ctx) {
        if (!s.drain().isEmpty()) {
            for (String svc : s.services()) {
                int code = runtime.exec(
                        project(ctx), svc, s.drain(), null, OutputStream.nullOutputStream(), ctx.runtimeLog());
                if (code != 0) {
                    throw new ContainerRuntime.RuntimeFailure(Text.of(Text.Key.FAIL_DRAIN, svc, String.valueOf(code)));
                }
            }
        }
        for (String svc : s.services()) {
            ctx.checkCancelled();
            runtime.stop(project(ctx), List.of(svc), Duration.ofSeconds(s.graceSeconds()), midway(ctx));
        }
    }

    /**
     * Logs a command's output; the first line marks the middle of the step for the test-only crash
     * switch (the command is then running: a crash there leaves it half done).
     */
    private static ContainerRuntime.Log midway(StepContext ctx) {
        ContainerRuntime.Log log = ctx.runtimeLog();
        return new ContainerRuntime.Log() {
            @Override
            public void accept(String line) {
                log.accept(line);
                ctx.midpoint();
            }

            @Override
            public void text(Text line) {
                log.text(line);
                ctx.midpoint();
            }
        };
    }

    private void migrate(PlanStep.Migrate s, StepContext ctx) throws IOException {
        ContainerRuntime.Project project = project(ctx); // read here: the commands run on their own thread
        switch (s.migration()) {
            case PlanStep.Migration.Run r ->
                withWorkFiles(
                        ctx,
                        r.stdinFrom(),
                        r.stdoutTo(),
                        (in, out) -> bounded(s, ctx, log -> {
                            int code = runtime.run(project, r.service(), r.dependencies(), r.command(), in, out, log);
                            if (code != 0) {
                                throw new ContainerRuntime.RuntimeFailure(
                                        Text.of(Text.Key.FAIL_MIGRATION_RUN, r.service(), String.valueOf(code)));
                            }
                        }));
            case PlanStep.Migration.Exec e ->
                withWorkFiles(
                        ctx,
                        e.stdinFrom(),
                        e.stdoutTo(),
                        (in, out) -> bounded(s, ctx, log -> {
                            int code = runtime.exec(
                                    project, e.service(), e.command(), in, out == null ? new LogStream(log) : out, log);
                            if (code != 0) {
                                throw new ContainerRuntime.RuntimeFailure(
                                        Text.of(Text.Key.FAIL_MIGRATION_EXEC, e.service(), String.valueOf(code)));
                            }
                        }));
            case PlanStep.Migration.Sql q -> {
                Path file = ctx.install().resolve(q.file());
                try (InputStream in = Files.newInputStream(file)) {
                    bounded(s, ctx, log -> {
                        int code = runtime.exec(
                                project,
                                q.service(),
                                List.of("sh", "-c", DatabaseDumps.sqlScript(q)),
                                in,
                                new LogStream(log),
                                log);
                        if (code != 0) {
                            throw new ContainerRuntime.RuntimeFailure(
                                    Text.of(Text.Key.FAIL_MIGRATION_SQL, q.file(), q.service(), String.valueOf(code)));
                        }
                    });
                }
            }
            case PlanStep.Migration.SetAside a -> setAside(a, ctx);
        }
    }

    /** Work files live in the run's folder (owner-only: dumps hold data). */
    private interface WorkFileAction {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    private static void withWorkFiles(StepContext ctx, String stdinFrom, String stdoutTo, WorkFileAction action)
            throws IOException {
        Path work = ctx.runDir().resolve("work");
        Files.createDirectories(work);
        InputStream in = stdinFrom.isEmpty() ? null : Files.newInputStream(FileSwap.resolveInside(work, stdinFrom));
        OutputStream out = null;
        Path tmp = null;
        try {
            if (!stdoutTo.isEmpty()) {
                tmp = FileSwap.resolveInside(work, stdoutTo + ".part");
                Files.deleteIfExists(tmp);
                dev.berth.config.AtomicFiles.createPrivate(tmp);
                out = Files.newOutputStream(tmp);
            }
            action.run(in, out);
            if (out != null) {
                out.close();
                dev.berth.config.AtomicFiles.move(tmp, FileSwap.resolveInside(work, stdoutTo));
            }
        } finally {
            if (in != null) {
                in.close();
            }
            if (out != null) {
                out.close();
            }
        }
    }

    /** A migration's command, given where to send its output lines. */
    @FunctionalInterface
    private interface MigrationCommand {
        void run(Consumer<String> log) throws IOException;
    }

    /**
     * Runs a migration's command on its own thread and stops it once it runs past the step's
     * timeout (a hung migration would otherwise hold the app down forever: the compose CLI never
     * closes its output). Its output lines are relayed on this thread, so listeners and the crash
     * switch see them where they always do.
     */
    private void bounded(PlanStep.Migrate s, StepContext ctx, MigrationCommand command) throws IOException {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("berth-migration-" + s.id()).start(() -> {
            try {
                command.run(lines::add);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        Consumer<String> relay = midway(ctx);
        Duration limit = s.timeout();
        Instant deadline = Instant.now().plus(limit);
        try {
            while (!done.isDone()) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    relay.accept(line);
                } else if (Instant.now().isAfter(deadline) && !done.isDone()) {
                    String service = switch (s.migration()) {
                        case PlanStep.Migration.Run r -> r.service();
                        case PlanStep.Migration.Exec e -> e.service();
                        case PlanStep.Migration.Sql q -> q.service();
                        case PlanStep.Migration.SetAside a -> a.service();
                    };
                    ctx.log(Text.of(Text.Key.LOG_MIGRATION_TOO_LONG, String.valueOf(limit.toSeconds())));
                    if (s.migration() instanceof PlanStep.Migration.Run) {
                        runtime.removeOneOffs(project(ctx), service, ctx.runtimeLog());
                    } else {
                        runtime.stop(project(ctx), List.of(service), Duration.ofSeconds(10), ctx.runtimeLog());
                    }
                    worker.join(Duration.ofSeconds(60));
                    lines.forEach(ctx::log);
                    throw new ContainerRuntime.RuntimeFailure(
                            Text.of(Text.Key.FAIL_MIGRATION_TIMEOUT, s.title(), String.valueOf(limit.toSeconds())));
                }
            }
            for (String line; (line = lines.poll()) != null; ) {
                relay.accept(line);
            }
            done.join();
        } catch (java.util.concurrent.CompletionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException re -> throw re;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cancellation.CancelledException();
        }
    }

    /** Renames the folder aside (once per run) and leaves an empty one in its place. */
    private static void setAside(PlanStep.Migration.SetAside a, StepContext ctx) throws IOException {
        Path folder = FileSwap.resolveInside(ctx.install(), a.path());
        Path aside = folder.resolveSibling(folder.getFileName() + ".berth-aside-" + ctx.runId());
        if (!Files.exists(aside)) {
            if (Files.exists(folder)) {
                Files.move(folder, aside, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.createDirectories(aside);
            }
            ctx.fact("aside." + a.path(), aside.toString());
        }
        Files.createDirectories(folder);
        ctx.log(Text.of(Text.Key.LOG_MOVED_ASIDE, a.path(), aside.getFileName().toString()));
    }

    /** Puts a folder moved aside back; what the new version wrote there is kept beside it. */
    private static void undoSetAside(PlanStep.Migration.SetAside a, StepContext ctx) throws IOException {
        Path folder = FileSwap.resolveInside(ctx.install(), a.path());
        Path aside = folder.resolveSibling(folder.getFileName() + ".berth-aside-" + ctx.runId());
        if (!Files.exists(aside)) {
            return;
        }
        if (Files.exists(folder)) {
            Files.move(
                    folder,
                    folder.resolveSibling(folder.getFileName() + ".berth-failed-" + ctx.runId()),
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(aside, folder, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        ctx.log(Text.of(Text.Key.LOG_PUT_BACK, a.path()));
    }

    /** Sends a command's standard output to the run's log, line by line. */
    private static final class LogStream extends OutputStream {
        private final Consumer<String> log;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LogStream(StepContext ctx) {
            this(ctx::log);
        }

        LogStream(Consumer<String> log) {
            this.log = log;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public void close() {
            flushLine();
        }

        private void flushLine() {
            if (line.size() > 0) {
                log.accept(line.toString(java.nio.charset.StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }

    private void verify(List<HealthProbe> probes, Duration timeout, StepContext ctx) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        List<String> services = new ArrayList<>();
        for (HealthProbe p : probes) {
            if (p instanceof HealthProbe.ServiceHealthy h) {
                services.add(h.service());
            }
        }
        runtime.awaitHealthy(project(ctx), services, timeout, ctx.cancellation());
        ctx.midpoint();
        for (HealthProbe p : probes) {
            switch (p) {
                case HealthProbe.ServiceHealthy h -> {}
                case HealthProbe.Http h -> http(h, deadline, ctx);
                case HealthProbe.Log l -> log(l, deadline, ctx);
                case HealthProbe.ImagesRunning im -> images(im, ctx);
            }
        }
    }

    private void http(HealthProbe.Http h, Instant deadline, StepContext ctx) throws InterruptedException {
        String last = "no answer";
        while (true) {
            ctx.checkCancelled();
            try {
                int status = runtime.httpStatus(URI.create(h.url()), Duration.ofSeconds(5));
                if (status == h.expect()) {
                    ctx.log(Text.of(Text.Key.LOG_HTTP_ANSWERED, h.url(), String.valueOf(status)));
                    return;
                }
                last = "status " + status;
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ContainerRuntime.RuntimeFailure(
                        Text.of(Text.Key.FAIL_HTTP, String.valueOf(h.url()), String.valueOf(h.expect()), last));
            }
            Thread.sleep(500);
        }
    }

    private void log(HealthProbe.Log l, Instant deadline, StepContext ctx) throws InterruptedException {
        Pattern ok = l.pattern().isEmpty() ? null : Pattern.compile(l.pattern());
        Pattern bad = l.failPattern().isEmpty() ? null : Pattern.compile(l.failPattern());
        while (true) {
            ctx.checkCancelled();
            List<String> lines = runtime.logs(project(ctx), l.service(), 500);
            for (String line : lines) {
                if (bad != null && bad.matcher(line).find()) {
                    throw new ContainerRuntime.RuntimeFailure(Text.of(Text.Key.FAIL_LOG_SHOWS, l.service(), line));
                }
            }
            if (ok == null || lines.stream().anyMatch(x -> ok.matcher(x).find())) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ContainerRuntime.RuntimeFailure(Text.of(Text.Key.FAIL_LOG_NEVER, l.service(), l.pattern()));
            }
            Thread.sleep(500);
        }
    }

    private void images(HealthProbe.ImagesRunning im, StepContext ctx) {
        List<Text> wrong = new ArrayList<>();
        for (ContainerRuntime.ServiceState st : runtime.services(project(ctx))) {
            String want = im.images().get(st.service());
            if (want != null && !want.equals(st.image())) {
                wrong.add(Text.of(Text.Key.FAIL_IMAGE_WRONG, st.service(), String.valueOf(st.image()), want));
            }
        }
        if (!wrong.isEmpty()) {
            throw new ContainerRuntime.RuntimeFailure(Text.of(Text.Key.FAIL_IMAGES, wrong));
        }
    }

    private static String shortId(String id) {
        String s = id.startsWith("sha256:") ? id.substring(7) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }
}
