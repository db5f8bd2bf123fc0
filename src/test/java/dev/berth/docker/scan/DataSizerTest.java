package dev.berth.docker.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSizerTest {
    @TempDir
    Path tmp;

    @Test
    void walkingCountsFilesOnceLikeTheEngineSizesVolumes() throws Exception {
        Files.createDirectories(tmp.resolve("d/sub"));
        Files.write(tmp.resolve("d/a"), new byte[1000]);
        Files.write(tmp.resolve("d/sub/b"), new byte[24]);
        Files.createLink(tmp.resolve("d/sub/link"), tmp.resolve("d/a"));
        Files.createFile(tmp.resolve("d/empty"));
        assertThat(DataSizer.walk(tmp.resolve("d"))).isEqualTo(new DataSizer.Walk(DataSizer.WalkStatus.MEASURED, 1024));
        assertThat(DataSizer.walk(tmp.resolve("d/a")))
                .isEqualTo(new DataSizer.Walk(DataSizer.WalkStatus.MEASURED, 1000));
        assertThat(DataSizer.walk(tmp.resolve("nope")).status()).isEqualTo(DataSizer.WalkStatus.MISSING);
    }

    @Test
    void nestedSourcesAreCountedOnce() {
        assertThat(DataSizer.outermost(List.of(Path.of("/a"), Path.of("/a/b"), Path.of("/c"))))
                .containsExactly(Path.of("/a"), Path.of("/c"));
    }
}
