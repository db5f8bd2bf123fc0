package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-pass restore of an archive not verified before: staged beside the target, moved in when sound. */
class StagedRestoreTest {
    @TempDir
    Path tmp;

    private Path backupOf(Path src) throws Exception {
        Path archive = tmp.resolve("b/app.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRestoreIntoAMissingFolderGivesTheSameTreeAsTheSource() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = backupOf(src);
        Path target = tmp.resolve("t/app");
        Files.createDirectories(target.getParent());
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withFiles(target)))
                .isTrue();

        BackupReader.restore(
                archive, ExpectedApp.ANY, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false);

        assertThat(Trees.describe(target)).isEqualTo(Trees.describe(src));
        assertThat(names(target.getParent())).containsExactly("app");
    }

    @Test
    void aRestoreIntoAFolderThatHoldsFilesMergesAndReplaces() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Trees.write(src.resolve("conf/app.yaml"), "from the backup\n");
        Path archive = backupOf(src);
        Path target = tmp.resolve("t");
        Trees.write(target.resolve("keep.txt"), "not in the backup\n");
        Trees.write(target.resolve("conf/app.yaml"), "older\n");
        Trees.write(target.resolve("conf/local.yaml"), "also kept\n");

        BackupReader.restore(
                archive, ExpectedApp.ANY, RestoreSpec.nothing().withFiles(target), ProgressListener.NONE, () -> false);

        assertThat(Files.readString(target.resolve("conf/app.yaml"))).isEqualTo("from the backup\n");
        assertThat(Files.readString(target.resolve("keep.txt"))).isEqualTo("not in the backup\n");
        assertThat(Files.readString(target.resolve("conf/local.yaml"))).isEqualTo("also kept\n");
        Map<String, String> restored = new TreeMap<>(Trees.describe(target));
        restored.keySet().removeAll(List.of("keep.txt", "conf/local.yaml"));
        Map<String, String> expected = new TreeMap<>(Trees.describe(src));
        // the merged folders get the backup's mode, owner and time too
        assertThat(restored).isEqualTo(expected);
        assertThat(names(tmp)).allMatch(n -> !n.contains("berth-restore"));
    }

    @Test
    void aDamagedArchiveLeavesTheTargetAndItsFolderAsTheyWere() throws Exception {
        Path src = tmp.resolve("src");
        for (int i = 0; i < 40; i++) {
            Trees.write(src.resolve("d" + (i % 4) + "/f" + i), ("content " + i + "\n").repeat(5000));
        }
        Path archive = backupOf(src);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() * 3 / 4;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        Path parent = tmp.resolve("apps");
        Path target = parent.resolve("app");
        Trees.write(target.resolve("keep.txt"), "existing\n");
        Map<String, String> before = Trees.describe(parent);

        assertThatThrownBy(() -> BackupReader.restore(
                        archive,
                        ExpectedApp.ANY,
                        RestoreSpec.nothing().withFiles(target),
                        ProgressListener.NONE,
                        () -> false))
                .isInstanceOfSatisfying(
                        BackupException.class,
                        e -> assertThat(e.isRefusal()).as(e.getMessage()).isTrue());

        assertThat(names(parent)).containsExactly("app");
        assertThat(Trees.describe(target)).isEqualTo(Map.copyOf(subtree(before, "app")));
    }

    @Test
    void targetsOnAnotherFileSystemOrInsideEachOtherAreRestoredInTwoPasses() throws Exception {
        Path install = tmp.resolve("install");
        Files.createDirectories(install);
        assertThat(StagedRestore.applicable(
                        RestoreSpec.nothing().withFiles(install).withMount("data", install.resolve("data"))))
                .isFalse();
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withFiles(Path.of("/proc/self"))))
                .isFalse();
        assertThat(StagedRestore.applicable(RestoreSpec.nothing().withVolumes(name -> null)))
                .isFalse();
    }

    private static Map<String, String> subtree(Map<String, String> all, String root) {
        Map<String, String> out = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k.equals(root)) {
                out.put(".", v);
            } else if (k.startsWith(root + "/")) {
                out.put(k.substring(root.length() + 1), v);
            }
        });
        return out;
    }
}
