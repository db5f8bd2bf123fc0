package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTimesTest {
    @TempDir
    Path tmp;

    private static boolean linux() {
        return System.getProperty("os.name").equals("Linux");
    }

    @Test
    void setsAccessAndModificationTimeToTheMicrosecond() throws Exception {
        assumeTrue(linux());
        Path f = Files.writeString(tmp.resolve("a.txt"), "x");
        Instant mtime = Instant.parse("2024-03-01T10:15:30.123456Z");
        Instant atime = Instant.parse("2025-01-02T03:04:05.5Z");
        assertThat(FileTimes.set(f.toAbsolutePath(), atime, mtime)).isTrue();
        assertThat(Files.getLastModifiedTime(f).toInstant()).isEqualTo(mtime);
        assertThat(((java.nio.file.attribute.FileTime) Files.getAttribute(f, "lastAccessTime")).toInstant())
                .isEqualTo(atime);
    }

    @Test
    void neverFollowsASymlink() throws Exception {
        assumeTrue(linux());
        Path target = Files.writeString(tmp.resolve("target.txt"), "x");
        Instant before = Files.getLastModifiedTime(target).toInstant();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        Instant mtime = Instant.parse("2001-01-01T00:00:00Z");
        assertThat(FileTimes.set(link.toAbsolutePath(), mtime, mtime)).isTrue();
        assertThat(Files.getLastModifiedTime(target).toInstant()).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS).toInstant())
                .isEqualTo(mtime);
    }

    @Test
    void leavesNamesOutsideAsciiAndMissingFilesToNio() throws Exception {
        Path f = Files.writeString(tmp.resolve("café.txt"), "x");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        assertThat(FileTimes.set(f.toAbsolutePath(), now, now)).isFalse();
        assertThat(FileTimes.set(tmp.resolve("missing").toAbsolutePath(), now, now))
                .isFalse();
        assertThat(FileTimes.set(Path.of("relative.txt"), now, now)).isFalse();
    }
}
