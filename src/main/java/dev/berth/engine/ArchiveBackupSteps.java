package dev.berth.engine;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupManifest;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupResult;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.ListedEntry;
import dev.berth.backup.MountRecord;
import dev.berth.backup.RestoreReport;
import dev.berth.backup.RestoreSpec;
import dev.berth.backup.StagedBackup;
import dev.berth.backup.VerifiedBackup;
import dev.berth.config.AtomicFiles;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ComposeProject;
import dev.berth.config.compose.ComposeService;
import dev.berth.config.compose.MountType;
import dev.berth.config.compose.ProjectOptions;
import dev.berth.config.compose.VariableSource;
import dev.berth.config.compose.VolumeMount;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.EnvWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The backup side of a run on Berth's archive format ({@code backup} package): the install's
 * files, its data folders (bind mounts that are not release files) and its named volumes, copied
 * while the app runs (phase 1) and again for what changed once it stopped (phase 2), with the
 * databases dumped in between. Data the desktop user cannot read is streamed through the
 * runtime's helper container.
 */
public final class ArchiveBackupSteps implements BackupSteps {
    /** Names of changed entries one tar command in the helper container takes (below the kernel's 2 MiB). */
    private static final long MAX_CHANGED_NAME_BYTES = 1L << 20;

    private static final List<String> NEVER_DATA = List.of("/var/run", "/run", "/proc", "/sys", "/dev", "/etc");
    /** What of {@code .berth} belongs to the install (and so to its backups); the rest is a run's own state. */
    static final List<String> BERTH_KEPT = List.of("install.json", "history.json", "release");

    private static final String SET_ASIDE = "restore.setAside.";
    private static final String ASIDE_MOUNT = "restore.asideMount.";
    private static final String CREATED_VOLUME = "restore.createdVolume.";

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
            ctx.log(Text.of(Text.Key.LOG_BACKUP_COMPLETE, step.archive()));
            return;
        }
        switch (step.stage()) {
            case HOT -> {
                discard();
                open = BackupWriter.open(
                        ctx.path(step.archive()), info(ctx), progress(ctx), ctx.cancellation()::isCancelled);
                openArchive = step.archive();
                addEverything(open, ctx, ctx::midpoint);
                // the bulk reaches the disk now, while the app runs; finish() then syncs only the rest
                open.syncSoFar();
            }
            case FINAL -> {
                if (open == null || !step.archive().equals(openArchive)) {
                    // Resumed after a crash: the hot copy died with the process; copy everything now.
                    ctx.log(Text.of(Text.Key.LOG_COPY_EVERYTHING));
                    open = BackupWriter.open(
                            ctx.path(step.archive()), info(ctx), progress(ctx), ctx.cancellation()::isCancelled);
                    openArchive = step.archive();
                } else {
                    open.beginPhase2();
                }
                // The dumps run beside the second copy (both only read; no client is connected any
                // more), so the stopped window holds the longer of the two, not their sum.
                List<DumpJob> dumps = new ArrayList<>();
                try {
                    Path dir = ctx.path(step.archive()).getParent();
                    for (PlanStep.DatabaseDump d : step.databases()) {
                        ctx.checkCancelled();
                        DumpJob j = startDump(d, dir, ctx);
                        if (j != null) {
                            dumps.add(j);
                        }
                    }
                    long copyStart = System.nanoTime();
                    addEverything(open, ctx, () -> {});
                    ctx.log(Text.of(Text.Key.LOG_COPIED_CHANGES, String.valueOf(millisSince(copyStart))));
                    for (DumpJob j : dumps) {
                        ctx.checkCancelled();
                        j.addTo(open, ctx);
                    }
                } finally {
                    for (DumpJob j : dumps) {
                        j.discard();
                    }
                }
                ctx.midpoint();
                BackupResult r = open.finish();
                open = null;
                openArchive = null;
                ctx.fact("backup.archive", r.file().toString());
                ctx.log(Text.of(
                        Text.Key.LOG_BACKUP_WRITTEN,
                        r.file().toString(),
                        Text.bytes(r.archiveBytes()),
                        r.phase2Entries()));
                // What the writer skipped or a restore would refuse: the user must hear it now, not at restore time.
                for (String w : r.warnings()) {
                    ctx.warn(Text.of(Text.Key.WARN_BACKUP_NOTE, w));
                }
            }
        }
    }

    @Override
    public void restoreFromRunBackup(StepContext ctx) throws Exception {
        String archive = ctx.fact("backup.archive")
                .orElseThrow(() -> new EngineFailure(Text.of(Text.Key.ERROR_RUN_BACKUP_MISSING)));
        restoreData(ctx.path(archive), ctx);
    }

    @Override
    public void restore(PlanStep.RestoreData step, StepContext ctx) throws Exception {
        Path archive = ctx.path(step.archive());
        PlanStep.RestoreData.Placement pl = step.placement();
        Path install = ctx.install();
        Path work = ctx.runDir().resolve("work");
        InstallPlanner.stagePrivate(work);
        // The mounts (and so the targets) are listed in the manifest at the archive's end; its copy
        // beside the archive says them up front. Verify refuses the archive when the two differ.
        Optional<RestoreSpec> staged = stagedSpec(archive, install, work, pl);
        VerifiedBackup v;
        RestoreReport report;
        List<MountRecord> throughHelper = new ArrayList<>();
        if (staged.isPresent()) {
            RestoreSpec spec = staged.get();
            for (Path left : BackupReader.removeLeftoverStaging(spec)) {
                ctx.log(Text.of(Text.Key.LOG_LEFTOVER_STAGING, left.toString()));
            }
            ctx.log(Text.of(Text.Key.LOG_RESTORE_STAGING, archive.getFileName().toString()));
            try (StagedBackup s = BackupReader.stage(
                    archive, ExpectedApp.ANY, spec, progress(ctx), ctx.cancellation()::isCancelled)) {
                v = s.backup();
                if (!spec.equals(spec(v.manifest(), install, work, pl))) {
                    throw new EngineFailure(Text.of(Text.Key.ERROR_SIDECAR_CHANGED, archive.toString()));
                }
                setAside(step, v.manifest(), pl, ctx);
                ctx.checkCancelled();
                ctx.log(Text.of(Text.Key.LOG_MOVING_INTO_PLACE, install.toString()));
                report = s.moveIntoPlace();
            }
        } else {
            ctx.log(Text.of(Text.Key.LOG_CHECKING_ENTRIES, archive.toString()));
            v = BackupReader.verify(archive, ExpectedApp.ANY, progress(ctx), ctx.cancellation()::isCancelled);
            setAside(step, v.manifest(), pl, ctx);
            ctx.checkCancelled();
            RestoreSpec spec = RestoreSpec.nothing().withFiles(install).withDatabases(work);
            for (MountRecord mount : v.manifest().mounts()) {
                Path target = ctx.path(mountTarget(mount, pl).toString());
                if (target.getFileSystem() == FileSystems.getDefault()) {
                    Files.createDirectories(target);
                    spec = spec.withMount(mount.id(), target);
                } else {
                    // On a server the SSH login can neither write a container user's files nor give
                    // them their owners: the helper container there writes them as root, owners kept.
                    throughHelper.add(mount);
                }
            }
            ctx.log(Text.of(Text.Key.LOG_RESTORING_FILES, install.toString()));
            report = BackupReader.restore(v, spec, progress(ctx), ctx.cancellation()::isCancelled);
        }
        BackupManifest m = v.manifest();
        report.ownershipNotes().forEach(ctx::warn);
        for (MountRecord mount : throughHelper) {
            ctx.checkCancelled();
            Path target = ctx.path(mountTarget(mount, pl).toString());
            ctx.log(Text.of(Text.Key.LOG_RESTORING_FOLDER_HELPER, target.toString()));
            pipeInto(
                    out -> BackupReader.writeMountTar(v, mount.id(), out, progress(ctx), () -> false),
                    in -> runtime.importPath(project, target, in));
        }
        ctx.midpoint();
        for (var vol : m.volumes()) {
            ctx.checkCancelled();
            String into = pl.volumes().getOrDefault(vol.name(), vol.name());
            String key = pl.volumeLabels().get(into);
            if (key != null) {
                runtime.createVolume(into, pl.project(), key);
                ctx.fact(CREATED_VOLUME + into, "yes");
            }
            ctx.log(
                    into.equals(vol.name())
                            ? Text.of(Text.Key.LOG_RESTORING_VOLUME, vol.name())
                            : Text.of(Text.Key.LOG_RESTORING_VOLUME_INTO, vol.name(), into));
            pipeInto(
                    out -> BackupReader.writeVolumeTar(v, vol.name(), out, progress(ctx), () -> false),
                    in -> runtime.importVolume(project, into, in));
        }
        if (pl.newFolder()
                || !pl.project().isEmpty()
                || !pl.env().isEmpty()
                || !pl.secretsFile().isEmpty()) {
            place(install, pl, ctx);
        }
        ctx.log(Text.of(
                Text.Key.LOG_RESTORED,
                report.entries(),
                Text.bytes(report.bytes()),
                m.volumes().size(),
                m.databases().size(),
                archive.getFileName().toString()));
    }

    /** What is there now goes to the run's folder (same file system: renames), so an undo is exact. */
    private void setAside(
            PlanStep.RestoreData step, BackupManifest m, PlanStep.RestoreData.Placement pl, StepContext ctx)
            throws IOException {
        if (ctx.fact(SET_ASIDE + step.id()).isPresent()) {
            return; // resumed: set aside before the interruption
        }
        Path install = ctx.install();
        Path old = ctx.runDir().resolve("old").resolve(step.id());
        InstallPlanner.stagePrivate(old);
        setAsideInstall(install, old.resolve("files"), mover(ctx));
        for (MountRecord mount : m.mounts()) {
            Path target = ctx.path(mountTarget(mount, pl).toString());
            if (!target.startsWith(install) && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Path aside = target.resolveSibling(target.getFileName() + ".berth-before-restore-" + ctx.runId());
                mover(ctx).move(target, aside);
                ctx.fact(ASIDE_MOUNT + mount.id(), aside.toString());
            }
        }
        ctx.fact(SET_ASIDE + step.id(), old.toString());
    }

    private static RestoreSpec spec(BackupManifest m, Path install, Path work, PlanStep.RestoreData.Placement pl) {
        RestoreSpec spec = RestoreSpec.nothing().withFiles(install).withDatabases(work);
        for (MountRecord mount : m.mounts()) {
            spec = spec.withMount(mount.id(), mountTarget(mount, pl));
        }
        return spec;
    }

    /**
     * The targets for a one-pass restore (staged beside them while the archive is verified), when
     * the archive's sidecar lists its mounts and every target can be staged on this computer.
     */
    private static Optional<RestoreSpec> stagedSpec(
            Path archive, Path install, Path work, PlanStep.RestoreData.Placement pl) {
        if (install.getFileSystem() != FileSystems.getDefault()) {
            return Optional.empty();
        }
        Optional<BackupManifest> listed;
        try {
            listed = BackupReader.readSidecar(archive);
        } catch (BackupException e) {
            return Optional.empty(); // the verify pass of the two-pass restore reports it
        }
        return listed.map(m -> spec(m, install, work, pl)).filter(BackupReader::canStage);
    }

    @Override
    public void undoRestore(PlanStep.RestoreData step, StepContext ctx) throws Exception {
        Path install = ctx.install();
        PlanStep.RestoreData.Placement pl = step.placement();
        Optional<String> aside = ctx.fact(SET_ASIDE + step.id());
        if (pl.newFolder()) {
            // Nothing was there before: remove what the restore made (its files are kept for a look).
            runtime.down(project, ctx.runtimeLog());
            for (String into : pl.volumeLabels().keySet()) {
                if (ctx.fact(CREATED_VOLUME + into).isPresent()) {
                    runtime.removeVolume(into);
                    ctx.log(Text.of(Text.Key.LOG_VOLUME_REMOVED, into));
                }
            }
            return;
        }
        if (aside.isEmpty()) {
            return; // failed before anything was moved
        }
        Path old = ctx.path(aside.get());
        Path failed = ctx.runDir().resolve("failed").resolve(step.id());
        Mover mover = mover(ctx);
        setAsideInstall(install, failed, mover);
        moveBack(old.resolve("files"), install, mover);
        for (var e : mountsAside(ctx)) {
            Path target = ctx.path(e.getKey());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                mover.move(target, target.resolveSibling(target.getFileName() + ".berth-failed-" + ctx.runId()));
            }
            mover.move(ctx.path(e.getValue()), target);
        }
        // The volumes held what the safety backup of this run copied just before the restore.
        Optional<String> safety = ctx.fact("backup.archive");
        if (safety.isPresent()) {
            VerifiedBackup v = BackupReader.verify(
                    ctx.path(safety.get()), ExpectedApp.ANY, progress(ctx), ctx.cancellation()::isCancelled);
            for (var vol : v.manifest().volumes()) {
                ctx.log(Text.of(Text.Key.LOG_VOLUME_PUT_BACK, vol.name()));
                pipeInto(
                        out -> BackupReader.writeVolumeTar(v, vol.name(), out, progress(ctx), () -> false),
                        in -> runtime.importVolume(project, vol.name(), in));
            }
        } else {
            ctx.warn(Text.of(Text.Key.WARN_VOLUMES_NOT_BACK));
        }
    }

    private List<Map.Entry<String, String>> mountsAside(StepContext ctx) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        // The facts name each folder moved aside; the original place is the name without the suffix.
        String suffix = ".berth-before-restore-" + ctx.runId();
        for (String key : ctx.factKeys(ASIDE_MOUNT)) {
            String asidePath = ctx.fact(key).orElseThrow();
            out.add(Map.entry(asidePath.substring(0, asidePath.length() - suffix.length()), asidePath));
        }
        return out;
    }

    private static Path mountTarget(MountRecord mount, PlanStep.RestoreData.Placement pl) {
        String moved = pl.mounts().get(mount.id());
        return Path.of(moved != null ? moved : mount.source()).toAbsolutePath().normalize();
    }

    /** Moves one path to another place of the same file system. */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    /** A rename by this process, nothing else. */
    static final Mover RENAME = (from, to) -> Files.move(from, to, LinkOption.NOFOLLOW_LINKS);

    /**
     * A rename by this process, or, where it may not (a folder a container user owns cannot be moved
     * to another folder by another user: its {@code ..} changes), by root in the runtime's helper
     * container on the machine that holds it. A rename keeps owners, modes and contents either way.
     */
    private Mover mover(StepContext ctx) {
        return (from, to) -> {
            try {
                RENAME.move(from, to);
            } catch (java.nio.file.NoSuchFileException | java.nio.file.FileAlreadyExistsException e) {
                throw e;
            } catch (IOException e) {
                ctx.log(Text.of(Text.Key.LOG_MOVING_HELPER, from.toString(), String.valueOf(e.getMessage())));
                try {
                    runtime.movePath(project, from, to);
                } catch (IOException | RuntimeException helper) {
                    e.addSuppressed(helper);
                    throw e;
                }
            }
        };
    }

    /** Moves every entry of the install (but the run's own state in {@code .berth}) below {@code to}. */
    static void setAsideInstall(Path install, Path to) throws IOException {
        setAsideInstall(install, to, RENAME);
    }

    /** As {@link #setAsideInstall(Path, Path)}, each entry moved by {@code mover}. */
    static void setAsideInstall(Path install, Path to, Mover mover) throws IOException {
        Files.createDirectories(to);
        List<String> moved = new ArrayList<>();
        try (Stream<Path> s = Files.list(install)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(".berth")) {
                    continue;
                }
                mover.move(p, to.resolve(name));
                moved.add(name);
            }
        } catch (IOException e) {
            // All or nothing: a folder that may not be moved (one a container user owns, moved by
            // another user) must not leave the install half set aside with no record of it.
            for (String name : moved.reversed()) {
                try {
                    mover.move(to.resolve(name), install.resolve(name));
                } catch (IOException back) {
                    e.addSuppressed(back);
                }
            }
            throw new EngineIOException.Checked(
                    e.getSuppressed().length == 0
                            ? Text.of(Text.Key.ERROR_SET_ASIDE_BACK, EngineIOException.reason(e), install.toString())
                            : Text.of(
                                    Text.Key.ERROR_SET_ASIDE_STUCK,
                                    EngineIOException.reason(e),
                                    to.toString(),
                                    install.toString()),
                    e);
        }
        Path berth = Journal.berthDir(install);
        for (String kept : BERTH_KEPT) {
            Path p = berth.resolve(kept);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(to.resolve(".berth"));
                Files.move(p, to.resolve(".berth").resolve(kept), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    private static void moveBack(Path from, Path install, Mover mover) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.equals(".berth")) {
                    continue;
                }
                mover.move(p, install.resolve(name));
            }
        }
        for (String kept : BERTH_KEPT) {
            Path p = from.resolve(".berth").resolve(kept);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, Journal.berthDir(install).resolve(kept), LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Gives a restored copy its own identity: the project name in its record, new values in {@code .env}. */
    private static void place(Path install, PlanStep.RestoreData.Placement pl, StepContext ctx) throws IOException {
        InstallRecord rec = InstallRecord.read(install).orElseGet(() -> InstallInspector.guessRecord(install));
        if (!pl.project().isEmpty() && !pl.project().equals(rec.project())) {
            rec = new InstallRecord(
                    pl.project(), rec.composeFiles(), rec.envFiles(), rec.profiles(), rec.app(), rec.release());
            ctx.log(Text.of(Text.Key.LOG_RESTORED_PROJECT, pl.project()));
        }
        rec.write(install);
        Map<String, String> values = new java.util.TreeMap<>(pl.env());
        Path secrets = pl.secretsFile().isEmpty() ? null : ctx.path(pl.secretsFile());
        if (secrets != null) {
            if (!Files.isRegularFile(secrets)) {
                throw new EngineFailure(Text.of(Text.Key.ERROR_SECRETS_GONE, secrets.toString()));
            }
            values.putAll(EnvParser.parse(secrets).values());
        }
        if (values.isEmpty()) {
            return;
        }
        String envName = rec.envFiles().isEmpty() ? ".env" : rec.envFiles().getFirst();
        Path env = install.resolve(envName);
        EnvFile file = Files.isRegularFile(env) ? EnvParser.parse(env) : EnvFile.empty(env.toString());
        for (var e : values.entrySet()) {
            file = file.withValue(e.getKey(), e.getValue());
            // the key only: a value given with --set may be a secret
            ctx.log(Text.of(Text.Key.LOG_ENV_SET, e.getKey(), envName));
        }
        EnvWriter.write(file, env);
    }

    /** Puts the volumes and data folders of an archive back in place (every service is stopped). */
    private void restoreData(Path archive, StepContext ctx) throws Exception {
        VerifiedBackup v =
                BackupReader.verify(archive, ExpectedApp.ANY, progress(ctx), ctx.cancellation()::isCancelled);
        for (var vol : v.manifest().volumes()) {
            ctx.checkCancelled();
            ctx.log(Text.of(Text.Key.LOG_RESTORING_VOLUME, vol.name()));
            pipeInto(
                    out -> BackupReader.writeVolumeTar(v, vol.name(), out, progress(ctx), () -> false),
                    in -> runtime.importVolume(project, vol.name(), in));
        }
        ctx.midpoint();
        for (MountRecord m : v.manifest().mounts()) {
            ctx.checkCancelled();
            Path target = ctx.path(m.source());
            ctx.log(Text.of(Text.Key.LOG_RESTORING_FOLDER, target.toString()));
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
                        in -> runtime.importPath(project, target, in));
            }
        }
    }

    /** Copies the install's files, data folders and volumes; {@code afterFiles} runs between the files and the data. */
    private void addEverything(BackupWriter w, StepContext ctx, Runnable afterFiles) throws Exception {
        List<DataMount> mounts = dataMounts(ctx.install());
        List<String> exclude = new ArrayList<>();
        for (DataMount m : mounts) {
            if (!m.relative().isEmpty()) {
                exclude.add(m.relative());
            }
        }
        w.addDirectory("files", ctx.install(), filesFilter(exclude));
        afterFiles.run();
        for (DataMount m : mounts) {
            ctx.checkCancelled();
            MountRecord rec = new MountRecord(m.id(), m.source().toString(), m.relative(), m.envVariable());
            if (!Files.isDirectory(m.source())) {
                continue;
            }
            if (direct(m.source())) {
                w.addMount(rec, m.source(), EntryFilter.ALL);
            } else {
                w.recordMount(rec);
                String prefix = "data/" + m.id();
                if (!w.inPhase2()
                        || !copyChanges(
                                w,
                                prefix,
                                m.source().toString(),
                                () -> runtime.listPath(project, m.source()),
                                (names, out) -> runtime.exportPathEntries(project, m.source(), names, out),
                                ctx)) {
                    pipeInto(out -> runtime.exportPath(project, m.source(), out), in -> w.addTarStream(prefix, in, 0));
                }
            }
        }
        for (String vol : runtime.volumes(project)) {
            ctx.checkCancelled();
            if (!w.inPhase2()
                    || !copyChanges(
                            w,
                            "volumes/" + vol,
                            vol,
                            () -> runtime.listVolume(project, vol),
                            (names, out) -> runtime.exportVolumeEntries(project, vol, names, out),
                            ctx)) {
                pipeInto(out -> runtime.exportVolume(project, vol, out), in -> w.addVolume(vol, in, 0));
            }
        }
    }

    private interface Lister {
        List<ListedEntry> list() throws IOException;
    }

    private interface EntriesExport {
        void write(List<String> names, OutputStream out) throws IOException;
    }

    /**
     * Phase 2 of a folder or volume copied through the helper container, without streaming all of
     * it again: the helper lists it (metadata only), the writer picks what may have changed since
     * phase 1, and only those entries cross. Returns false, with nothing added, when the listing
     * failed or names too much for one tar command: the caller then streams it whole, as phase 1.
     */
    private boolean copyChanges(
            BackupWriter w, String prefix, String what, Lister lister, EntriesExport export, StepContext ctx)
            throws Exception {
        long start = System.nanoTime();
        List<ListedEntry> listing;
        try {
            listing = lister.list();
        } catch (IOException | RuntimeException e) {
            if (e instanceof Cancellation.CancelledException) {
                throw e;
            }
            ctx.checkCancelled();
            ctx.log(Text.of(Text.Key.LOG_LIST_FAILED, what, String.valueOf(e.getMessage())));
            return false;
        }
        List<String> names = w.entriesToCopyAgain(prefix, listing);
        long listBytes = 0;
        for (String n : names) {
            listBytes += n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 3;
        }
        if (listBytes > MAX_CHANGED_NAME_BYTES) {
            ctx.log(Text.of(Text.Key.LOG_LIST_TOO_MANY, names.size(), what));
            return false;
        }
        if (names.isEmpty()) {
            w.addTarStreamChanges(prefix, listing, new ByteArrayInputStream(new byte[1024]));
        } else {
            pipeInto(out -> export.write(names, out), in -> w.addTarStreamChanges(prefix, listing, in));
        }
        ctx.log(Text.of(Text.Key.LOG_LISTED, listing.size(), what, names.size(), millisSince(start)));
        return true;
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

    /** A database dump running on a thread of its own into a private file beside the archive. */
    private final class DumpJob {
        private final PlanStep.DatabaseDump d;
        private final DatabaseDumps.Tool tool;
        private final Path file;
        private final List<String> logs = Collections.synchronizedList(new ArrayList<>());
        private final AtomicReference<Integer> code = new AtomicReference<>();
        private final AtomicReference<Exception> failed = new AtomicReference<>();
        private final long start = System.nanoTime();
        private volatile long millis;
        private final Thread thread;

        DumpJob(PlanStep.DatabaseDump d, DatabaseDumps.Tool tool, Path file) {
            this.d = d;
            this.tool = tool;
            this.file = file;
            this.thread = Thread.ofVirtual().name("berth-dump-" + d.service()).start(() -> {
                try (OutputStream o = Files.newOutputStream(file)) {
                    code.set(runtime.exec(
                            project, d.service(), List.of("sh", "-c", tool.dumpScript()), null, o, logs::add));
                } catch (Exception e) {
                    failed.set(e);
                } finally {
                    millis = millisSince(start);
                }
            });
        }

        /** Waits for the dump and adds it to the archive. */
        void addTo(BackupWriter w, StepContext ctx) throws Exception {
            thread.join();
            List<String> lines;
            synchronized (logs) {
                lines = List.copyOf(logs);
            }
            lines.forEach(ctx::log); // on the step's thread: listeners are not thread-safe
            ctx.log(Text.of(Text.Key.LOG_DUMPED, d.service(), String.valueOf(millis), Text.bytes(Files.size(file))));
            if (failed.get() != null) {
                Exception e = failed.get();
                throw e instanceof IOException io ? new UncheckedIOException(io.getMessage(), io) : e;
            }
            if (code.get() != null && code.get() == DatabaseDumps.NO_TOOL) {
                // An image without its database's dump tool (a slimmed or custom image): no dump goes
                // into the archive; the files, copied with the database stopped, still hold the data.
                ctx.warn(Text.of(Text.Key.WARN_NO_DUMP_TOOL, d.service(), d.type()));
                return;
            }
            if (code.get() == null || code.get() != 0) {
                throw new EngineFailure(
                        Text.of(Text.Key.ERROR_DUMP_FAILED, d.type(), d.service(), String.valueOf(code.get())));
            }
            addFile(w);
        }

        private void addFile(BackupWriter w) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                w.addDatabaseDump(d.service(), tool.format(), in, Files.size(file));
            }
        }

        /** Waits for the dump to end and removes its file. */
        void discard() throws IOException, InterruptedException {
            thread.join();
            Files.deleteIfExists(file);
        }
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }

    /** Starts dumping {@code d} into a private file in {@code dir}, or warns and returns null. */
    private DumpJob startDump(PlanStep.DatabaseDump d, Path dir, StepContext ctx) throws IOException {
        var tool = DatabaseDumps.forType(d);
        if (tool.isEmpty()) {
            ctx.warn(Text.of(Text.Key.WARN_CANNOT_DUMP_TYPE, d.type(), d.service()));
            return null;
        }
        Path file = dir.resolve(".berth-dump-" + d.service() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        AtomicFiles.createPrivate(file);
        return new DumpJob(d, tool.get(), file);
    }

    /**
     * The install's files: all but its data folders, folders Berth set aside during runs, and the
     * run state in {@code .berth} (its record, history and release copy are kept: a restore brings
     * back the version they describe).
     */
    static EntryFilter filesFilter(List<String> dataFolders) {
        EntryFilter data = EntryFilter.excluding(dataFolders);
        return (path, type) -> {
            if (!data.include(path, type)) {
                return false;
            }
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (name.contains(".berth-failed-")
                    || name.contains(".berth-aside-")
                    || name.contains(".berth-before-restore-")) {
                return false;
            }
            if (path.equals(".berth")) {
                return true;
            }
            if (path.startsWith(".berth/")) {
                String rest = path.substring(".berth/".length());
                return BERTH_KEPT.stream().anyMatch(k -> rest.equals(k) || rest.startsWith(k + "/"));
            }
            return true;
        };
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
