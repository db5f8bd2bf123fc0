package dev.berth.engine;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupResult;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.MountRecord;
import dev.berth.backup.RestoreSpec;
import dev.berth.backup.VerifiedBackup;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.compose.VolumeMount;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The backup side of a run on Berth's archive format ({@code backup} package): the install's
 * files, its data folders (bind mounts that are not release files) and its named volumes, copied
 * while the app runs (phase 1) and again for what changed once it stopped (phase 2), with the
 * databases dumped in between. Data the desktop user cannot read is streamed through the
 * runtime's helper container.
 */
public final class ArchiveBackupSteps implements BackupSteps {
    private static final List<String> NEVER_DATA = List.of("/var/run", "/run", "/proc", "/sys", "/dev", "/etc");

    private final ContainerRuntime runtime;
    private final ContainerRuntime.Project project;
    private final ComposeLoader loader;
    private final String berthVersion;
    private BackupWriter open;
    private String openArchive;

    public ArchiveBackupSteps(
            ContainerRuntime runtime, ContainerRuntime.Project project, ComposeLoader loader, String berthVersion) {
        this.runtime = runtime;
        this.project = project;
        this.loader = loader;
        this.berthVersion = berthVersion;
    }

    /** A data folder of the install: a bind-mounted directory that is not a file of the release. */
    record DataMount(String id, Path source, String relative, String envVariable) {}

    @Override
    public void backup(PlanStep.Backup step, StepContext ctx) throws Exception {
        if (ctx.fact("backup.archive").filter(a -> a.equals(step.archive())).isPresent()
                && Files.isRegularFile(ctx.path(step.archive()))) {
            ctx.log("The backup " + step.archive() + " is complete already.");
            return;
        }
        switch (step.stage()) {
            case HOT -> {
                discard();
                open = BackupWriter.open(
                        ctx.path(step.archive()), info(ctx), progress(ctx), ctx.cancellation()::isCancelled);
                openArchive = step.archive();
                addEverything(open, ctx);
            }
            case FINAL -> {
                if (open == null || !step.archive().equals(openArchive)) {
                    // Resumed after a crash: the hot copy died with the process; copy everything now.
                    ctx.log("Copying everything now (the copy taken while the app ran was interrupted).");
                    open = BackupWriter.open(
                            ctx.path(step.archive()), info(ctx), progress(ctx), ctx.cancellation()::isCancelled);
                    openArchive = step.archive();
                } else {
                    open.beginPhase2();
                }
                addEverything(open, ctx);
                for (PlanStep.DatabaseDump d : step.databases()) {
                    ctx.checkCancelled();
                    dump(open, d, ctx);
                }
                BackupResult r = open.finish();
                open = null;
                openArchive = null;
                ctx.fact("backup.archive", r.file().toString());
                ctx.log("Backup written: " + r.file() + " (" + r.archiveBytes() + " bytes; " + r.phase2Entries()
                        + " entries copied again after the stop)");
            }
        }
    }

    @Override
    public void restoreFromRunBackup(StepContext ctx) throws Exception {
        String archive = ctx.fact("backup.archive")
                .orElseThrow(() -> new IllegalStateException(
                        "The run's backup was never finished, so there is no data to restore; the data was not touched by"
                                + " this run before its backup, check the install by hand."));
        restoreData(ctx.path(archive), ctx);
    }

    @Override
    public void restore(PlanStep.RestoreData step, StepContext ctx) throws Exception {
        restoreData(ctx.path(step.archive()), ctx);
    }

    @Override
    public void undoRestore(PlanStep.RestoreData step, StepContext ctx) throws Exception {
        restoreFromRunBackup(ctx);
    }

    /** Puts the volumes and data folders of an archive back in place (every service is stopped). */
    private void restoreData(Path archive, StepContext ctx) throws Exception {
        VerifiedBackup v =
                BackupReader.verify(archive, ExpectedApp.ANY, progress(ctx), ctx.cancellation()::isCancelled);
        for (var vol : v.manifest().volumes()) {
            ctx.checkCancelled();
            ctx.log("Restoring the volume " + vol.name());
            pipeInto(
                    out -> BackupReader.writeVolumeTar(v, vol.name(), out, progress(ctx), () -> false),
                    in -> runtime.importVolume(vol.name(), in));
        }
        for (MountRecord m : v.manifest().mounts()) {
            ctx.checkCancelled();
            Path target = ctx.path(m.source());
            ctx.log("Restoring the data folder " + target);
            Path failed = target.resolveSibling(target.getFileName() + ".berth-failed-" + ctx.runId());
            if (Files.exists(target) && !Files.exists(failed)) {
                Files.move(target, failed);
            }
            Files.createDirectories(target.getParent());
            if (target.getFileSystem() == FileSystems.getDefault()) {
                BackupReader.restore(v, RestoreSpec.nothing().withMount(m.id(), target), progress(ctx), () -> false);
            } else {
                pipeInto(
                        out -> BackupReader.writeMountTar(v, m.id(), out, progress(ctx), () -> false),
                        in -> runtime.importPath(target, in));
            }
        }
    }

    private void addEverything(BackupWriter w, StepContext ctx) throws Exception {
        List<DataMount> mounts = dataMounts(ctx.install());
        List<String> exclude = new ArrayList<>(List.of(".berth"));
        for (DataMount m : mounts) {
            if (!m.relative().isEmpty()) {
                exclude.add(m.relative());
            }
        }
        w.addDirectory("files", ctx.install(), EntryFilter.excluding(exclude));
        for (DataMount m : mounts) {
            ctx.checkCancelled();
            MountRecord rec = new MountRecord(m.id(), m.source().toString(), m.relative(), m.envVariable());
            if (!Files.isDirectory(m.source())) {
                continue;
            }
            if (direct(m.source())) {
                w.addMount(rec, m.source(), EntryFilter.ALL);
            } else {
                w.addMount(rec, m.source(), (p, t) -> false);
                pipeInto(out -> runtime.exportPath(m.source(), out), in -> w.addTarStream("data/" + m.id(), in, 0));
            }
        }
        for (String vol : runtime.volumes(project)) {
            ctx.checkCancelled();
            pipeInto(out -> runtime.exportVolume(vol, out), in -> w.addVolume(vol, in, 0));
        }
    }

    /**
     * Whether Berth copies a data folder itself: when it is on this computer and readable. Others
     * (unreadable, or on a server) go through the runtime's helper container on the machine that
     * holds them: one tar stream instead of a round trip per file, owners read and written as they
     * are (the helper runs as root).
     */
    private static boolean direct(Path folder) {
        return folder.getFileSystem() == FileSystems.getDefault()
                && Files.isReadable(folder)
                && Files.isExecutable(folder);
    }

    private void dump(BackupWriter w, PlanStep.DatabaseDump d, StepContext ctx) throws Exception {
        if (!d.type().equals("postgres")) {
            ctx.warn("Berth cannot dump " + d.type() + " databases yet; the " + d.service()
                    + " data is in the backup as files (copied with the database stopped).");
            return;
        }
        String script = "pg_dump -U \"${" + d.userEnv() + ":-postgres}\" -Fc \"${" + d.databaseEnv() + ":-${"
                + d.userEnv() + ":-postgres}}\"";
        AtomicReference<Integer> code = new AtomicReference<>();
        pipeInto(
                out -> code.set(runtime.exec(project, d.service(), List.of("sh", "-c", script), null, out, ctx::log)),
                in -> w.addDatabaseDump(d.service(), "pg_dump-custom", in, -1));
        if (code.get() == null || code.get() != 0) {
            throw new IllegalStateException("pg_dump in " + d.service() + " failed (exit " + code.get()
                    + "); see the log. The app is stopped; the run rolls back and starts it again.");
        }
    }

    /**
     * The install's data folders: bind-mounted directories that are not files of the release and
     * not system paths; each with the env variable that names it, when one does.
     */
    List<DataMount> dataMounts(Path install) {
        ComposeProject p = loader.load(new ProjectOptions(
                Optional.of(install),
                project.files(),
                project.envFiles(),
                project.profiles(),
                VariableSource.ENV_FILES,
                Map.of()));
        Path pristine = Install.pristineDir(install);
        Map<Path, DataMount> out = new LinkedHashMap<>();
        for (ComposeService s : p.model().services().values()) {
            for (VolumeMount v : s.volumes()) {
                if (v.type() != MountType.BIND) {
                    continue;
                }
                Path src = install.getFileSystem()
                        .getPath(v.source())
                        .toAbsolutePath()
                        .normalize();
                if (src.equals(install)
                        || NEVER_DATA.stream().anyMatch(n -> src.startsWith(n))
                        || src.toString().equals("/")
                        || out.containsKey(src)) {
                    continue;
                }
                String rel = src.startsWith(install) ? install.relativize(src).toString() : "";
                if (!rel.isEmpty() && Files.exists(pristine.resolve(rel))) {
                    continue; // a file or folder the release ships: config, not data
                }
                if (Files.isRegularFile(src)) {
                    continue;
                }
                String env = "";
                for (var e : p.variables().entrySet()) {
                    String val = e.getValue();
                    if (val.isEmpty()) {
                        continue;
                    }
                    Path asPath = install.resolve(val).toAbsolutePath().normalize();
                    if (asPath.equals(src)) {
                        env = e.getKey();
                        break;
                    }
                }
                String id = "m" + (out.size() + 1);
                out.put(src, new DataMount(id, src, rel, env));
            }
        }
        return List.copyOf(out.values());
    }

    private BackupInfo info(StepContext ctx) {
        Plan plan = ctx.plan();
        String app = InstallRecord.read(ctx.install())
                .map(InstallRecord::app)
                .filter(a -> !a.isEmpty())
                .orElse(plan.project());
        String version = plan.fromVersion().isEmpty() ? plan.toVersion() : plan.fromVersion();
        return BackupInfo.now(
                app.replaceAll("[^A-Za-z0-9._-]", "-"),
                version.isEmpty() ? "unknown" : version,
                plan.project(),
                plan.install());
    }

    private static dev.berth.backup.ProgressListener progress(StepContext ctx) {
        return (done, total, entry) -> ctx.progress(done, total, RunEvent.Unit.BYTES, entry);
    }

    private void discard() {
        if (open != null) {
            try {
                open.close();
            } catch (BackupException e) {
                // the partial archive is removed by close; nothing else to do
            }
            open = null;
        }
    }

    /** A producer writing into a pipe that a consumer reads, the producer on its own thread. */
    private interface Producer {
        void write(OutputStream out) throws Exception;
    }

    private interface Consumer {
        void read(InputStream in) throws Exception;
    }

    private static void pipeInto(Producer producer, Consumer consumer) throws Exception {
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try (OutputStream o = out) {
                producer.write(o);
            } catch (Exception e) {
                failed.set(e);
            }
        });
        try (InputStream i = in) {
            consumer.read(i);
        } finally {
            t.join();
        }
        if (failed.get() != null) {
            Exception e = failed.get();
            throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : e;
        }
    }
}
