package dev.berth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesContentAndKeepsPermissions() throws IOException {
        Path f = dir.resolve(".env");
        Files.writeString(f, "OLD=1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "NEW=2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("NEW=2\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-r-----");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void newFileIsOwnerOnly() throws IOException {
        Path f = dir.resolve("new.env");
        AtomicFiles.write(f, new byte[] {'A', '=', '1'});
        assertThat(Files.readAllBytes(f)).containsExactly('A', '=', '1');
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
    }

    @Test
    void followsASymlinkAndKeepsIt() throws IOException {
        Path real = dir.resolve("mailcow.conf");
        Files.writeString(real, "A=1\n");
        Path link = Files.createSymbolicLink(dir.resolve(".env"), real.getFileName());
        AtomicFiles.write(link, "A=2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("A=2\n");
    }

    @Test
    void missingFolderFailsAndWritesNothing() {
        Path f = dir.resolve("nope/x.env");
        assertThatThrownBy(() -> AtomicFiles.write(f, new byte[] {1}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(f)).isFalse();
    }

    @Test
    void backupCopiesNextToTheFileWithATimestampAndNeverOverwrites() throws IOException {
        Path f = dir.resolve(".env");
        Files.writeString(f, "A=1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        Path b1 = AtomicFiles.backup(f, clock);
        Path b2 = AtomicFiles.backup(f, clock);
        assertThat(b1.getFileName().toString()).isEqualTo(".env.bak-20260102T030405Z");
        assertThat(b2.getFileName().toString()).isEqualTo(".env.bak-20260102T030405Z-1");
        assertThat(Files.readString(b1)).isEqualTo("A=1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(b1)))
                .isEqualTo("rw-------");
    }

    private Stream<Path> leftovers() throws IOException {
        return Files.list(dir).filter(p -> p.getFileName().toString().endsWith(".tmp")).toList().stream();
    }
}
