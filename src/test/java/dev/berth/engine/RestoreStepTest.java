package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.MountRecord;
import dev.berth.backup.ProgressListener;
import dev.berth.config.compose.ComposeLoader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's restore step ({@link ArchiveBackupSteps#restore}): one pass over the archive into
 * staging folders beside the install and the data folders, the current state set aside only once
 * every entry checked, nothing touched when the archive is damaged.
 */
class RestoreStepTest {
    @TempDir
    Path tmp;

    final FakeRuntime runtime = new FakeRuntime();
    final List<String> logs = new ArrayList<>();

    Path apps;
    Path install;
    Path outside;

    /** An install with a data folder inside (DATA_DIR) and one outside (MEDIA_DIR), backed up. */
    private Path backup() throws IOException {
        apps = tmp.resolve("apps");
        install = apps.resolve("shop");
        outside = apps.resolve("shop-media");
        write(install.resolve("docker-compose.yml"), "services:\n  web:\n    image: example/web:1.0\n");
        write(install.resolve(".env"), "DATA_DIR=./data\nMEDIA_DIR=" + outside + "\n");
        write(install.resolve("conf/app.ini"), "version = 1\n");
        write(install.resolve("data/uploads/a.txt"), "upload from 1.0\n");
        write(outside.resolve("cover.png"), "cover from 1.0\n");
        new InstallRecord("shop", List.of("docker-compose.yml"), List.of(".env"), List.of(), "shop-app", "")
                .write(install);
        Path archive = tmp.resolve("backups/shop.berth");
        try (BackupWriter w = BackupWriter.open(
                archive,
                BackupInfo.now("shop-app", "1.0", "shop", install.toString()),
                ProgressListener.NONE,
                () -> false)) {
            w.addDirectory("files", install, ArchiveBackupSteps.filesFilter(List.of("data")));
            w.addMount(
                    new MountRecord("m1", install.resolve("data").toString(), "data", "DATA_DIR"),
                    install.resolve("data"),
                    EntryFilter.ALL);
            w.addMount(new MountRecord("m2", outside.toString(), "", "MEDIA_DIR"), outside, EntryFilter.ALL);
            w.finish();
        }
        // what the install holds when it is restored
        write(install.resolve("conf/app.ini"), "version = 2\n");
        write(install.resolve("conf/new.ini"), "added after the backup\n");
        write(install.resolve("data/uploads/a.txt"), "upload changed after the backup\n");
        write(outside.resolve("cover.png"), "cover changed after the backup\n");
        return archive;
    }

    private PlanStep.RestoreData step(Path archive) {
        return new PlanStep.RestoreData(
                "restore", Text.plain("Restore"), archive.toString(), PlanStep.RestoreData.RestoreScope.FILES_AND_DATA);
    }

    private StepContext context(PlanStep step) {
        Plan plan = new Plan(
                Plan.Kind.RESTORE,
                install.toString(),
                "shop",
                List.of("docker-compose.yml"),
                List.of(".env"),
                List.of(),
                "1.0",
                "1.0",
                "",
                List.of(step),
                List.of(),
                Map.of(),
                List.of(),
                60,
                Plan.DataRollback.KEEP);
        Journal journal = Journal.begin(
                install, "run1", "restore", "1.0", "1.0", "test", Journal.JSON.valueToTree(plan), List.of());
        StepContext ctx = new StepContext(
                plan,
                journal,
                e -> {
                    if (e instanceof RunEvent.Log l) {
                        logs.add(l.message());
                    }
                },
                Cancellation.none(),
                CrashPoints.none(),
                Path::of);
        ctx.enter(step.id());
        return ctx;
    }

    private ArchiveBackupSteps steps() {
        return new ArchiveBackupSteps(
                runtime,
                new ContainerRuntime.Project("shop", install, List.of(), List.of(), List.of()),
                new ComposeLoader(),
                "test");
    }

    @Test
    void theRestoreStepReadsTheArchiveOnceAndMovesTheStagedFilesInAfterSettingTheCurrentOnesAside() throws Exception {
        Path archive = backup();
        Files.createDirectories(apps.resolve(".shop.berth-restore-0badc0de/conf"));
        PlanStep.RestoreData step = step(archive);
        StepContext ctx = context(step);

        steps().restore(step, ctx);

        assertThat(logs).anyMatch(l -> l.contains("staging folders beside the targets"));
        assertThat(logs).noneMatch(l -> l.startsWith("Checking every entry"));
        assertThat(logs).anyMatch(l -> l.contains(".shop.berth-restore-0badc0de") && l.contains("interrupted"));
        assertThat(Files.readString(install.resolve("conf/app.ini"))).isEqualTo("version = 1\n");
        assertThat(install.resolve("conf/new.ini")).doesNotExist();
        assertThat(Files.readString(install.resolve("data/uploads/a.txt"))).isEqualTo("upload from 1.0\n");
        assertThat(Files.readString(outside.resolve("cover.png"))).isEqualTo("cover from 1.0\n");
        // the state before the restore, set aside for an undo
        Path old = ctx.runDir().resolve("old/restore/files");
        assertThat(Files.readString(old.resolve("conf/new.ini"))).isEqualTo("added after the backup\n");
        assertThat(Files.readString(old.resolve("data/uploads/a.txt"))).startsWith("upload changed");
        assertThat(Files.readString(apps.resolve("shop-media.berth-before-restore-run1/cover.png")))
                .startsWith("cover changed");
        assertThat(names(apps)).containsExactly("shop", "shop-media", "shop-media.berth-before-restore-run1");

        steps().undoRestore(step, ctx);

        assertThat(Files.readString(install.resolve("conf/app.ini"))).isEqualTo("version = 2\n");
        assertThat(Files.readString(install.resolve("data/uploads/a.txt"))).startsWith("upload changed");
        assertThat(Files.readString(outside.resolve("cover.png"))).startsWith("cover changed");
    }

    @Test
    void aDamagedArchiveFailsTheStepBeforeAnythingIsSetAsideOrWritten() throws Exception {
        Path archive = backup();
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        PlanStep.RestoreData step = step(archive);
        StepContext ctx = context(step);
        Map<String, String> before = contents(apps);

        assertThatThrownBy(() -> steps().restore(step, ctx))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.isRefusal()).as(e.getMessage()).isTrue());

        assertThat(logs).anyMatch(l -> l.contains("staging folders beside the targets"));
        Map<String, String> after = contents(apps);
        after.keySet().removeIf(k -> k.startsWith("shop/.berth"));
        before.keySet().removeIf(k -> k.startsWith("shop/.berth"));
        assertThat(after).isEqualTo(before);
        assertThat(names(apps)).containsExactly("shop", "shop-media");
        assertThat(ctx.fact("restore.setAside.restore")).isEmpty();
    }

    @Test
    void withoutTheManifestsCopyBesideTheArchiveTheStepVerifiesFirstAndRestoresInASecondPass() throws Exception {
        Path archive = backup();
        Files.delete(Path.of(archive + ".json"));
        PlanStep.RestoreData step = step(archive);
        StepContext ctx = context(step);

        steps().restore(step, ctx);

        assertThat(logs).anyMatch(l -> l.startsWith("Checking every entry"));
        assertThat(Files.readString(install.resolve("conf/app.ini"))).isEqualTo("version = 1\n");
        assertThat(Files.readString(install.resolve("data/uploads/a.txt"))).isEqualTo("upload from 1.0\n");
        assertThat(Files.readString(outside.resolve("cover.png"))).isEqualTo("cover from 1.0\n");
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every path below {@code root} with its content (files) or kind. */
    private static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                out.put(
                        rel,
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                                ? Files.readString(p)
                                : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : "other");
            }
        }
        return out;
    }
}
