package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSwapTest {
    @TempDir
    Path dir;

    @Test
    void applyReplacesCreatesAndDeletesAndUndoPutsEverythingBack() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Path old = dir.resolve("old");
        Files.writeString(install.resolve(".env"), "A=1\n");
        Files.setPosixFilePermissions(install.resolve(".env"), PosixFilePermissions.fromString("rw-------"));
        Files.writeString(install.resolve("gone.yaml"), "x: 1\n");
        Files.writeString(staging.resolve(".env"), "A=1\nB=2\n");
        Files.createDirectories(staging.resolve("config/app"));
        Files.writeString(staging.resolve("config/app/settings.yaml"), "version: 3\n");
        Map<String, String> files = Map.of(
                ".env", FileHashes.sha256(staging.resolve(".env")),
                "config/app/settings.yaml", FileHashes.sha256(staging.resolve("config/app/settings.yaml")),
                "gone.yaml", "");

        FileSwap.apply(install, staging, old, files);
        assertThat(Files.readString(install.resolve(".env"))).isEqualTo("A=1\nB=2\n");
        assertThat(Files.getPosixFilePermissions(install.resolve(".env")))
                .as("the user's file keeps its mode")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(install.resolve("config/app/settings.yaml")).hasContent("version: 3");
        assertThat(install.resolve("gone.yaml")).doesNotExist();

        FileSwap.apply(install, staging, old, files); // a resumed run applies again: harmless
        FileSwap.undo(install, old, files);
        assertThat(Files.readString(install.resolve(".env"))).isEqualTo("A=1\n");
        assertThat(install.resolve("gone.yaml")).hasContent("x: 1");
        assertThat(install.resolve("config/app/settings.yaml")).doesNotExist();
        FileSwap.undo(install, old, files); // twice is fine
        assertThat(Files.readString(install.resolve(".env"), StandardCharsets.UTF_8))
                .isEqualTo("A=1\n");
    }

    @Test
    void aStagedFileThatChangedAfterReviewIsRefused() throws Exception {
        Path install = Files.createDirectories(dir.resolve("install"));
        Path staging = Files.createDirectories(dir.resolve("staging"));
        Files.writeString(staging.resolve(".env"), "A=evil\n");
        assertThatThrownBy(() -> FileSwap.apply(install, staging, dir.resolve("old"), Map.of(".env", "00")))
                .hasMessageContaining("not what the plan reviewed");
        assertThat(install.resolve(".env")).doesNotExist();
    }

    @Test
    void pathsThatLeaveTheInstallAreRefused() {
        assertThatThrownBy(() -> FileSwap.resolveInside(dir, "../etc/passwd")).hasMessageContaining("leaves");
        assertThatThrownBy(() -> FileSwap.resolveInside(dir, "/etc/passwd")).hasMessageContaining("leaves");
    }
}
