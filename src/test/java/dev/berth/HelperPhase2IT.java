package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupResult;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryRecord;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.ListedEntry;
import dev.berth.backup.MountRecord;
import dev.berth.backup.ProgressListener;
import dev.berth.engine.ContainerRuntime;
import dev.berth.testbed.Commands;
import dev.berth.testbed.DockerTestBed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phase 2 through the helper container that lists the folder and copies only what changed gives
 * the archive a fresh full backup of the final state gives: same entries, owners, modes, times and
 * hashes, with deletions recorded; on the real engine and the real busybox helper.
 */
class HelperPhase2IT {
    final String name = "berth-it-phase2-" + DockerTestBed.randomHex(4);
    final ContainerRuntime runtime = new Wiring().runtime();

    @TempDir
    Path tmp;

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @AfterEach
    void remove() {
        Commands.run(Duration.ofMinutes(1), "docker", "volume", "rm", "-f", name);
    }

    /** Old timestamps, so that nothing is too recent to be trusted (which would be copied again). */
    static final String OLD = "touch -h -d '2024-05-06 07:08:09'";

    static final String TREE = "cd /v && mkdir -p dir/sub gone-dir"
            + " && printf unchanged > unchanged.txt && head -c 2097152 /dev/urandom > big.bin"
            + " && printf v1 > modified.txt && printf AAAA > same-size.txt && printf x > 'with space.txt'"
            + " && printf y > \"$(printf 'new\\nline')\" && printf z > deleted.txt && printf w > gone-dir/inner.txt"
            + " && printf m > mode.txt && chmod 644 mode.txt && printf t > mtime-only.txt"
            + " && printf o > owned.txt && chown 999:998 owned.txt && chmod 600 owned.txt"
            + " && printf h > hard1 && ln hard1 hard2 && ln -s unchanged.txt link && ln -s 'with space.txt' link2"
            + " && chown -R 999:998 dir && chmod 700 dir/sub"
            + " && find . -exec " + OLD + " {} +";

    static final String CHANGES = "cd /v && printf 'version 2, longer' > modified.txt"
            + " && printf BBBB > same-size.txt && " + OLD + " same-size.txt" // only ctime tells
            + " && rm deleted.txt && rm -r gone-dir && printf new > 'added file.txt'"
            + " && printf nl > \"$(printf 'added\\nnewline')\" && chmod 755 mode.txt"
            + " && touch -d '2025-01-01 00:00:00' mtime-only.txt && chown 1234:1234 owned.txt"
            + " && rm link && ln -s big.bin link && printf q > dir/sub/deep.txt && chown 999:998 dir/sub/deep.txt";

    @Test
    void aDataFolderCopiedAgainOnlyWhereChangedEqualsAFreshFullBackup() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        String mount = "type=bind,source=" + data + ",target=/v";
        busybox("--mount", mount, TREE);
        ageCtimes();
        MountRecord rec = new MountRecord("data", data.toString(), "data", null);
        ContainerRuntime.Project project = project();

        BackupResult twoPhase;
        List<String> copiedAgain;
        try (BackupWriter w = writer("two-phase")) {
            w.recordMount(rec);
            w.addTarStream("data/data", export(out -> runtime.exportPath(project, data, out)), 0);
            busybox("--mount", mount, CHANGES);
            w.beginPhase2();
            List<ListedEntry> listing = runtime.listPath(project, data);
            copiedAgain = w.entriesToCopyAgain("data/data", listing);
            w.addTarStreamChanges(
                    "data/data", listing, export(out -> runtime.exportPathEntries(project, data, copiedAgain, out)));
            twoPhase = w.finish();
        }
        BackupResult fresh;
        try (BackupWriter w = writer("fresh")) {
            w.recordMount(rec);
            w.addTarStream("data/data", export(out -> runtime.exportPath(project, data, out)), 0);
            fresh = w.finish();
        }

        assertThat(copiedAgain)
                .as("only what changed, symlinks and hard links cross again")
                .containsExactlyInAnyOrder(
                        "",
                        "added\nnewline",
                        "added file.txt",
                        "dir/sub",
                        "dir/sub/deep.txt",
                        "hard1",
                        "hard2",
                        "link",
                        "link2",
                        "mode.txt",
                        "modified.txt",
                        "mtime-only.txt",
                        "owned.txt",
                        "same-size.txt");
        assertThat(entries(twoPhase)).isEqualTo(entries(fresh));
        assertThat(entries(twoPhase).get("data/data/owned.txt").uid()).isEqualTo(1234);
        assertThat(entries(twoPhase).get("data/data/dir/sub/deep.txt").uid()).isEqualTo(999);
        assertThat(twoPhase.manifest().deleted())
                .contains("data/data/deleted.txt", "data/data/gone-dir", "data/data/gone-dir/inner.txt");
        assertThat(twoPhase.phase2Bytes()).as("big.bin did not cross again").isLessThan(1024);
        BackupReader.verify(twoPhase.file(), ExpectedApp.ANY, ProgressListener.NONE, () -> false);
    }

    @Test
    void aVolumeCopiedAgainOnlyWhereChangedEqualsAFreshFullBackup() throws Exception {
        Commands.run(Duration.ofMinutes(1), "docker", "volume", "create", name).orFail();
        busybox("-v", name + ":/v", TREE);
        ageCtimes();
        ContainerRuntime.Project project = project();

        BackupResult twoPhase;
        try (BackupWriter w = writer("two-phase")) {
            w.addVolume(name, export(out -> runtime.exportVolume(project, name, out)), 0);
            busybox("-v", name + ":/v", CHANGES);
            w.beginPhase2();
            List<ListedEntry> listing = runtime.listVolume(project, name);
            List<String> again = w.entriesToCopyAgain("volumes/" + name, listing);
            w.addTarStreamChanges(
                    "volumes/" + name, listing, export(out -> runtime.exportVolumeEntries(project, name, again, out)));
            twoPhase = w.finish();
        }
        BackupResult fresh;
        try (BackupWriter w = writer("fresh")) {
            w.addVolume(name, export(out -> runtime.exportVolume(project, name, out)), 0);
            fresh = w.finish();
        }
        assertThat(entries(twoPhase)).isEqualTo(entries(fresh));
        assertThat(twoPhase.phase2Bytes()).isLessThan(1024);
    }

    interface Export {
        void write(java.io.OutputStream out) throws Exception;
    }

    static ByteArrayInputStream export(Export e) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.write(out);
        return new ByteArrayInputStream(out.toByteArray());
    }

    BackupWriter writer(String file) throws Exception {
        return BackupWriter.open(
                tmp.resolve("backups/" + file + ".berth"),
                BackupInfo.now("demo", "1.0", name, tmp.toString()),
                ProgressListener.NONE,
                () -> false);
    }

    ContainerRuntime.Project project() {
        return new ContainerRuntime.Project(name, tmp, List.of(), List.of(), List.of());
    }

    /**
     * Lets the tree's ctimes (which nothing can set back) age past the 2 s within which the writer
     * distrusts a timestamp and copies the entry again anyway.
     */
    static void ageCtimes() throws InterruptedException {
        Thread.sleep(2_500);
    }

    static void busybox(String mountFlag, String mount, String script) {
        Commands.run(
                        Duration.ofMinutes(1),
                        "docker",
                        "run",
                        "--rm",
                        "--network",
                        "none",
                        mountFlag,
                        mount,
                        DockerTestBed.BUSYBOX,
                        "sh",
                        "-c",
                        script)
                .orFail();
    }

    static Map<String, EntryRecord> entries(BackupResult r) {
        return new TreeMap<>(r.manifest().entriesByPath());
    }
}
