package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCopyTest {
    @TempDir
    Path tmp;

    private Path backup() throws Exception {
        return TestBackups.write(
                tmp.resolve("server/one.berth"),
                "demo",
                "1.0.0",
                "demo",
                "/srv/demo",
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCopyWithTheSourcesHashIsByteEqualVerifiedAndReportsItsProgress() throws Exception {
        Path source = backup();
        List<Long> progress = new ArrayList<>();

        BackupCopy.Copied c = BackupCopy.toFolder(
                source, tmp.resolve("desktop"), Optional.of(sha256(source)), (d, t, e) -> progress.add(d), () -> false);

        assertThat(c.archive()).isEqualTo(tmp.resolve("desktop/one.berth"));
        assertThat(Files.mismatch(c.archive(), source)).isEqualTo(-1L);
        assertThat(c.sha256()).isEqualTo(sha256(source));
        assertThat(c.bytes()).isEqualTo(Files.size(source));
        assertThat(BackupCatalog.isVerified(c.archive())).isTrue();
        assertThat(BackupWriter.sidecarOf(c.archive())).exists();
        assertThat(Files.getPosixFilePermissions(c.archive())).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);
        assertThat(progress).contains(Files.size(source));
    }

    @Test
    void aHashThatDiffersFromTheSourcesLeavesNothingInTheTarget() throws Exception {
        Path source = backup();
        Path desktop = tmp.resolve("desktop");

        assertThatThrownBy(() -> BackupCopy.toFolder(
                        source, desktop, Optional.of("00".repeat(32)), ProgressListener.NONE, () -> false))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("the bytes changed on the way")
                .extracting(e -> ((BackupException) e).kind())
                .isEqualTo(BackupException.Kind.TAMPERED);
        assertThat(names(desktop)).isEmpty();
    }

    @Test
    void aDamagedSourceFailsTheVerifyAndLeavesNothing() throws Exception {
        Path source = backup();
        byte[] bytes = Files.readAllBytes(source);
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(source, bytes);
        Path desktop = tmp.resolve("desktop");

        assertThatThrownBy(() ->
                        BackupCopy.toFolder(source, desktop, Optional.empty(), ProgressListener.NONE, () -> false))
                .isInstanceOf(BackupException.class);
        assertThat(names(desktop)).isEmpty();
    }

    @Test
    void anExistingCopyIsNeverOverwritten() throws Exception {
        Path source = backup();
        Path desktop = Files.createDirectories(tmp.resolve("desktop"));
        Files.writeString(desktop.resolve("one.berth"), "mine");

        assertThatThrownBy(() ->
                        BackupCopy.toFolder(source, desktop, Optional.empty(), ProgressListener.NONE, () -> false))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining("already exists");
        assertThat(Files.readString(desktop.resolve("one.berth"))).isEqualTo("mine");
    }
}
