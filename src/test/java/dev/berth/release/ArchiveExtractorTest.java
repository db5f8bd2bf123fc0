package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    @TempDir
    Path base;

    Path outside;
    Path target;

    @BeforeEach
    void layout() throws IOException {
        // base/outside is what an escaping entry would hit: base/work/content/../../outside
        outside = Files.createDirectories(base.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not touch");
        target = base.resolve("work").resolve("content");
    }

    // ---- archive builders ------------------------------------------------------------------

    /** One tar entry: a name, a type flag, content or a link name, a mode. */
    record T(String name, byte type, byte[] content, String link, int mode) {
        static T file(String name, String content) {
            return new T(name, TarConstants.LF_NORMAL, content.getBytes(StandardCharsets.UTF_8), null, 0644);
        }

        static T exec(String name, String content) {
            return new T(name, TarConstants.LF_NORMAL, content.getBytes(StandardCharsets.UTF_8), null, 0755);
        }

        static T dir(String name) {
            return new T(name, TarConstants.LF_DIR, new byte[0], null, 0755);
        }

        static T symlink(String name, String to) {
            return new T(name, TarConstants.LF_SYMLINK, new byte[0], to, 0777);
        }

        static T hardlink(String name, String to) {
            return new T(name, TarConstants.LF_LINK, new byte[0], to, 0644);
        }

        static T bytes(String name, byte[] content) {
            return new T(name, TarConstants.LF_NORMAL, content, null, 0644);
        }
    }

    Path tarGz(String fileName, T... entries) throws IOException {
        Path archive = base.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(archive);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (T t : entries) {
                TarArchiveEntry e = new TarArchiveEntry(t.name(), t.type(), true);
                e.setMode(t.mode() | (t.type() == TarConstants.LF_DIR ? 040000 : 0100000));
                if (t.link() != null) {
                    e.setLinkName(t.link());
                }
                if (t.type() == TarConstants.LF_CHR || t.type() == TarConstants.LF_FIFO) {
                    e.setDevMajor(1);
                    e.setDevMinor(3);
                }
                e.setSize(t.type() == TarConstants.LF_NORMAL ? t.content().length : 0);
                tar.putArchiveEntry(e);
                if (t.type() == TarConstants.LF_NORMAL) {
                    tar.write(t.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    Path zip(String fileName, Z... entries) throws IOException {
        Path archive = base.resolve(fileName);
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            for (Z z : entries) {
                ZipArchiveEntry e = new ZipArchiveEntry(z.name());
                if (z.unixMode() != 0) {
                    e.setUnixMode(z.unixMode());
                }
                zip.putArchiveEntry(e);
                zip.write(z.content());
                zip.closeArchiveEntry();
            }
        }
        return archive;
    }

    record Z(String name, byte[] content, int unixMode) {
        static Z file(String name, String content) {
            return new Z(name, content.getBytes(StandardCharsets.UTF_8), 0100644);
        }

        static Z symlink(String name, String to) {
            return new Z(name, to.getBytes(StandardCharsets.UTF_8), 0120777);
        }
    }

    void extract(Path archive) {
        ArchiveExtractor.extract(
                archive, target, ExtractionLimits.DEFAULT, archive.getFileName().toString());
    }

    /** After a refusal: nothing outside changed, nothing left inside. */
    void assertNothingWritten() throws IOException {
        try (Stream<Path> s = Files.list(outside)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
        assertThat(Files.readString(outside.resolve("secret"))).isEqualTo("do not touch");
        assertThat(Files.isSymbolicLink(outside.resolve("secret"))).isFalse();
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.list(target)) {
                assertThat(s.toList()).as("extraction folder is emptied").isEmpty();
            }
        }
        try (Stream<Path> s = Files.walk(base)) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("pwned")).toList())
                    .isEmpty();
        }
    }

    // ---- extraction that works ---------------------------------------------------------------

    @Test
    void tarGzExtractsFilesFoldersExecutableBitsAndLinksInside() throws IOException {
        extract(tarGz(
                "ledger-2.0.tar.gz",
                T.dir("ledger-2.0/"),
                T.file("ledger-2.0/docker-compose.yml", "services: {}\n"),
                T.exec("ledger-2.0/bin/run.sh", "#!/bin/sh\n"),
                T.symlink("ledger-2.0/compose.yml", "docker-compose.yml"),
                T.hardlink("ledger-2.0/copy.yml", "ledger-2.0/docker-compose.yml")));
        Path root = target.resolve("ledger-2.0");
        assertThat(Files.readString(root.resolve("docker-compose.yml"))).isEqualTo("services: {}\n");
        assertThat(Files.getPosixFilePermissions(root.resolve("bin/run.sh")))
                .contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(root.resolve("docker-compose.yml")))
                .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.isSymbolicLink(root.resolve("compose.yml"))).isTrue();
        assertThat(Files.readString(root.resolve("compose.yml"))).isEqualTo("services: {}\n");
        assertThat(Files.isSymbolicLink(root.resolve("copy.yml"))).isFalse();
        assertThat(Files.readString(root.resolve("copy.yml"))).isEqualTo("services: {}\n");
    }

    @Test
    void zipExtractsFilesFoldersAndLinksInside() throws IOException {
        extract(zip(
                "ledger.zip",
                new Z("app/", new byte[0], 040755),
                Z.file("app/berth.yaml", "app: ledger\n"),
                Z.file("app/config/a.yaml", "a: 1\n"),
                Z.symlink("app/b.yaml", "config/a.yaml")));
        assertThat(Files.readString(target.resolve("app/berth.yaml"))).isEqualTo("app: ledger\n");
        assertThat(Files.readString(target.resolve("app/config/a.yaml"))).isEqualTo("a: 1\n");
        assertThat(Files.readSymbolicLink(target.resolve("app/b.yaml"))).isEqualTo(Path.of("config/a.yaml"));
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void dotDotPathsAreRefused() throws IOException {
        Path tar = tarGz("evil.tar.gz", T.file("ok.txt", "fine"), T.file("../../outside/pwned", "x"));
        assertThatThrownBy(() -> extract(tar))
                .isInstanceOf(ConfigException.class)
                .hasMessage("evil.tar.gz: entry \"../../outside/pwned\" leaves the release folder (..); the archive was"
                        + " refused and nothing was extracted. Get the release from its publisher again, or extract and"
                        + " check it by hand.");
        assertNothingWritten();

        Path zip = zip("evil.zip", Z.file("a/../../../outside/pwned", "x"));
        assertThatThrownBy(() -> extract(zip)).hasMessageContaining("leaves the release folder (..)");
        assertNothingWritten();
        Path backslash = zip("evil2.zip", Z.file("..\\..\\outside\\pwned", "x"));
        assertThatThrownBy(() -> extract(backslash)).hasMessageContaining("leaves the release folder (..)");
        assertNothingWritten();
    }

    @Test
    void absolutePathsAreRefused() throws IOException {
        String abs = outside.resolve("pwned").toString();
        Path tar = tarGz("abs.tar.gz", T.file(abs, "x"));
        assertThatThrownBy(() -> extract(tar)).hasMessageContaining("has an absolute path");
        assertNothingWritten();
        Path zip = zip("abs.zip", Z.file(abs, "x"));
        assertThatThrownBy(() -> extract(zip)).hasMessageContaining("has an absolute path");
        assertNothingWritten();
    }

    @Test
    void symlinksLeadingOutsideAreRefused() throws IOException {
        Path relative = tarGz("sym1.tar.gz", T.symlink("evil", "../../outside"), T.file("evil/pwned", "x"));
        assertThatThrownBy(() -> extract(relative))
                .hasMessageContaining(
                        "entry \"evil\" is a link to \"../../outside\", which is outside the release folder");
        assertNothingWritten();

        Path absolute = tarGz("sym2.tar.gz", T.symlink("evil", outside.toString()));
        assertThatThrownBy(() -> extract(absolute)).hasMessageContaining("is a link to the absolute path");
        assertNothingWritten();

        // Written through a link that is itself inside: refused before the file is written.
        Path through = tarGz("sym3.tar.gz", T.dir("sub/"), T.symlink("inner", "sub"), T.file("inner/pwned", "x"));
        assertThatThrownBy(() -> extract(through)).hasMessageContaining("lies below a symbolic link");
        assertNothingWritten();

        // Each link stays inside on paper, but together they lead out: sub/up -> .. is the root,
        // so a -> sub/up/.. is the root's parent. Caught by following the links for real.
        Path chain = tarGz("sym4.tar.gz", T.dir("sub/"), T.symlink("sub/up", ".."), T.symlink("a", "sub/up/.."));
        assertThatThrownBy(() -> extract(chain))
                .hasMessageContaining("leads outside the release folder through other links");
        assertNothingWritten();

        Path zip = zip("sym.zip", Z.symlink("evil", "../../outside/secret"));
        assertThatThrownBy(() -> extract(zip)).hasMessageContaining("which is outside the release folder");
        assertNothingWritten();
    }

    @Test
    void hardLinksLeadingOutsideAreRefused() throws IOException {
        Path relative = tarGz("hard1.tar.gz", T.hardlink("h", "../../outside/secret"));
        assertThatThrownBy(() -> extract(relative))
                .hasMessageContaining(
                        "entry \"h\" is a hard link to \"../../outside/secret\", which is outside the release folder");
        assertNothingWritten();

        Path absolute =
                tarGz("hard2.tar.gz", T.hardlink("h", outside.resolve("secret").toString()));
        assertThatThrownBy(() -> extract(absolute)).hasMessageContaining("entry \"h\" is a hard link to \"/");
        assertNothingWritten();

        Path missing = tarGz("hard3.tar.gz", T.hardlink("h", "not-extracted"));
        assertThatThrownBy(() -> extract(missing))
                .hasMessageContaining(
                        "entry \"h\" is a hard link to \"not-extracted\", which is no file extracted before it");
        assertNothingWritten();
    }

    @Test
    void deviceFilesAndFifosAreRefused() throws IOException {
        Path chr = tarGz("dev.tar.gz", T.file("ok", "x"), new T("null", TarConstants.LF_CHR, new byte[0], null, 0666));
        assertThatThrownBy(() -> extract(chr)).hasMessageContaining("entry \"null\" is a device file or FIFO");
        assertNothingWritten();
        Path fifo = tarGz("fifo.tar.gz", new T("pipe", TarConstants.LF_FIFO, new byte[0], null, 0666));
        assertThatThrownBy(() -> extract(fifo)).hasMessageContaining("is a device file or FIFO");
        assertNothingWritten();
        Path zipDev = zip("dev.zip", new Z("null", new byte[0], 0020666));
        assertThatThrownBy(() -> extract(zipDev)).hasMessageContaining("is a device file, FIFO or socket");
        assertNothingWritten();
    }

    @Test
    void zipBombsAreRefusedByTheirCompressionRatio() throws IOException {
        byte[] zeros = new byte[24 << 20];
        Path zip = zip("bomb.zip", Z.file("small.txt", "fine"), new Z("zeros.bin", zeros, 0100644));
        assertThat(Files.size(zip)).isLessThan(1 << 20);
        assertThatThrownBy(() -> extract(zip))
                .hasMessageContaining(
                        "entry \"zeros.bin\" expands more than 100 times its compressed size, as a zip bomb does");
        assertNothingWritten();

        Path tar = tarGz("bomb.tar.gz", T.bytes("zeros.bin", zeros));
        assertThatThrownBy(() -> extract(tar)).hasMessageContaining("as a zip bomb does");
        assertNothingWritten();
    }

    @Test
    void entriesAndTotalsOverTheLimitsAreRefused() throws IOException {
        byte[] random = new byte[64 << 10];
        new java.util.Random(1).nextBytes(random);
        ExtractionLimits small = new ExtractionLimits(32 << 10, 100 << 10, 5, 100, 1 << 20);
        Path big = zip("big.zip", new Z("big.bin", random, 0100644));
        assertThatThrownBy(() -> ArchiveExtractor.extract(big, target, small, "big.zip"))
                .hasMessageContaining("entry \"big.bin\" is larger than the limit of 32768 bytes");
        assertNothingWritten();
        Path bigTar = tarGz("big.tar.gz", T.bytes("big.bin", random));
        assertThatThrownBy(() -> ArchiveExtractor.extract(bigTar, target, small, "big.tar.gz"))
                .hasMessageContaining("is larger than the limit");
        assertNothingWritten();

        byte[] part = Arrays.copyOf(random, 30 << 10);
        Path many =
                tarGz("total.tar.gz", T.bytes("a", part), T.bytes("b", part), T.bytes("c", part), T.bytes("d", part));
        assertThatThrownBy(() -> ArchiveExtractor.extract(many, target, small, "total.tar.gz"))
                .hasMessageContaining("entry \"d\" brings the extracted size over the limit of 102400 bytes");
        assertNothingWritten();

        Path count = tarGz(
                "count.tar.gz",
                T.file("1", ""),
                T.file("2", ""),
                T.file("3", ""),
                T.file("4", ""),
                T.file("5", ""),
                T.file("6", ""));
        assertThatThrownBy(() -> ArchiveExtractor.extract(count, target, small, "count.tar.gz"))
                .hasMessageContaining("entry \"6\" is entry number 6, more than the limit of 5");
        assertNothingWritten();
    }

    @Test
    void truncatedArchivesAreRefusedAsDamaged() throws IOException {
        byte[] random = new byte[256 << 10];
        new java.util.Random(2).nextBytes(random);
        Path tar = tarGz("cut.tar.gz", T.file("a.txt", "hello"), T.bytes("b.bin", random));
        byte[] all = Files.readAllBytes(tar);
        Files.write(tar, Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> extract(tar))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cut.tar.gz: the archive is damaged or truncated (")
                .hasMessageEndingWith("); nothing was extracted. Download the release again.");
        assertNothingWritten();

        Path zip = zip("cut.zip", Z.file("a.txt", "hello"), new Z("b.bin", random, 0100644));
        byte[] z = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(z, z.length / 2));
        assertThatThrownBy(() -> extract(zip)).hasMessageContaining("the archive is damaged or truncated");
        assertNothingWritten();

        Path notGzip = base.resolve("fake.tar.gz");
        Files.writeString(notGzip, "this is not gzip");
        assertThatThrownBy(() -> extract(notGzip)).hasMessageContaining("the archive is damaged or truncated");
        assertNothingWritten();
    }

    @Test
    void unknownArchiveKindsAreRefused() throws IOException {
        Path rar = base.resolve("release.rar");
        Files.writeString(rar, "x");
        assertThatThrownBy(() -> extract(rar))
                .hasMessage("release.rar: not a release archive: Berth reads .tar.gz, .tgz, .tar, .tar.zst and .zip");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aNonEmptyTargetIsNeverUsed() throws IOException {
        Files.createDirectories(target);
        Files.writeString(target.resolve("mine"), "keep");
        Path tar = tarGz("ok.tar.gz", T.file("a", "x"));
        assertThatThrownBy(() -> extract(tar)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readString(target.resolve("mine"))).isEqualTo("keep");
        assertThat(Files.exists(target.resolve("a"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void formatNamesAreRecognised() {
        assertThat(ArchiveExtractor.Format.ofFileName("a.TGZ")).contains(ArchiveExtractor.Format.TAR_GZ);
        assertThat(ArchiveExtractor.Format.stripExtension("ledger-2.0.tar.gz")).isEqualTo("ledger-2.0");
        assertThat(List.of("x.zip", "x.tar", "x.tar.zst").stream()
                        .map(n -> ArchiveExtractor.Format.ofFileName(n).orElseThrow())
                        .toList())
                .containsExactly(
                        ArchiveExtractor.Format.ZIP, ArchiveExtractor.Format.TAR, ArchiveExtractor.Format.TAR_ZST);
    }
}
