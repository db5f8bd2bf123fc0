package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseLoaderTest {

    @TempDir
    Path dir;

    Path tarGz(String name, String... pathsAndContents) throws IOException {
        Path archive = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(archive);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            for (int i = 0; i < pathsAndContents.length; i += 2) {
                byte[] content = pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(pathsAndContents[i]);
                e.setSize(content.length);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    ReleaseLoader loader(Path scratch) {
        return new ReleaseLoader(scratch, ExtractionLimits.DEFAULT, Duration.ofMinutes(1));
    }

    @Test
    void aCorpusReleaseFolderLoadsInPlaceWithTheVersionOfItsName() {
        Path folder = Corpus.root().resolve("jitsi-docker/stable-7439");
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release r = loader.load(ReleaseSource.parse(folder.toString()));
            assertThat(r.root()).isEqualTo(folder);
            assertThat(r.version()).isEqualTo(Version.parse("stable-7439"));
            assertThat(r.versionOrigin()).isEqualTo(VersionOrigin.SOURCE_NAME);
            assertThat(r.manifest()).isEmpty();
            assertThat(r.manifestOrEmpty()).isSameAs(Manifest.EMPTY);
            assertThat(r.files()).contains(Path.of("env.example"), Path.of("docker-compose.yml"));
            assertThat(r.files()).isSorted();
            assertThat(r.imageArchives()).isEmpty();
        }
        assertThat(Files.exists(folder.resolve("env.example")))
                .as("a folder source is never touched")
                .isTrue();
    }

    @Test
    void everyCorpusReleaseLoadsWithTheVersionOfItsFolder() throws IOException {
        try (ReleaseLoader loader = new ReleaseLoader()) {
            for (Path app : Corpus.apps()) {
                for (String name : VersionTest.releaseNames(app)) {
                    Release r = loader.load(new ReleaseSource.Folder(app.resolve(name)));
                    assertThat(r.version().raw()).as(app + "/" + name).isEqualTo(name);
                    assertThat(r.files()).as(app + "/" + name).isNotEmpty();
                }
            }
        }
    }

    @Test
    void anArchiveWithOneTopFolderIsUnwrappedAndItsManifestWins() throws IOException {
        Path archive = tarGz(
                "ledger-2.0.tar.gz",
                "ledger-2.0/berth.yaml",
                "version: 2.0.1\n",
                "ledger-2.0/docker-compose.yml",
                "services: {}\n",
                "ledger-2.0/images/ledger.tar",
                "not really an image",
                "ledger-2.0/images/notes.txt",
                "x",
                "ledger-2.0/config/images/x.tar",
                "nested, not an image archive");
        Path scratch = dir.resolve("scratch");
        try (ReleaseLoader loader = loader(scratch)) {
            Release r = loader.load(ReleaseSource.parse(archive.toString()));
            assertThat(r.root().getFileName().toString()).isEqualTo("ledger-2.0");
            assertThat(r.root()).startsWith(scratch);
            assertThat(r.version()).isEqualTo(Version.parse("2.0.1"));
            assertThat(r.versionOrigin()).isEqualTo(VersionOrigin.MANIFEST);
            assertThat(r.manifest().orElseThrow().origin().source()).isEqualTo(archive + "!/berth.yaml");
            assertThat(r.imageArchives()).containsExactly(Path.of("images/ledger.tar"));
            assertThat(r.files())
                    .containsExactly(
                            Path.of("berth.yaml"),
                            Path.of("config/images/x.tar"),
                            Path.of("docker-compose.yml"),
                            Path.of("images/ledger.tar"),
                            Path.of("images/notes.txt"));
        }
        try (Stream<Path> s = Files.list(scratch)) {
            assertThat(s.toList()).as("close deletes the extracted release").isEmpty();
        }
    }

    @Test
    void theArchiveNameGivesTheVersionWhenThereIsNoManifest() throws IOException {
        Path archive = tarGz("ledger-2.0.tar.gz", "docker-compose.yml", "services: {}\n", "README", "x");
        try (ReleaseLoader loader = loader(dir.resolve("scratch"))) {
            Release r = loader.load(new ReleaseSource.Archive(archive));
            assertThat(r.version()).isEqualTo(Version.parse("2.0"));
            assertThat(r.versionOrigin()).isEqualTo(VersionOrigin.SOURCE_NAME);
            assertThat(r.files()).containsExactly(Path.of("README"), Path.of("docker-compose.yml"));
        }
        Path inner = tarGz("download.tar.gz", "ledger-3.1.4/docker-compose.yml", "services: {}\n");
        try (ReleaseLoader loader = loader(dir.resolve("scratch"))) {
            assertThat(loader.load(new ReleaseSource.Archive(inner)).version()).isEqualTo(Version.parse("3.1.4"));
        }
    }

    @Test
    void theImagesCommonTagGivesTheVersionWhenNamesHaveNone() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("ledger"));
        Files.writeString(folder.resolve("docker-compose.yml"), "services: {}\n");
        try (ReleaseLoader loader = new ReleaseLoader()) {
            Release r = loader.load(
                    new ReleaseSource.Folder(folder), root -> List.of("1.4.2", "15-alpine", "1.4.2", "latest"));
            assertThat(r.version()).isEqualTo(Version.parse("1.4.2"));
            assertThat(r.versionOrigin()).isEqualTo(VersionOrigin.IMAGE_TAG);
            Release unknown = loader.load(new ReleaseSource.Folder(folder));
            assertThat(unknown.version()).isEqualTo(Version.parse("ledger"));
            assertThat(unknown.versionOrigin()).isEqualTo(VersionOrigin.UNKNOWN);
        }
    }

    @Test
    void aReleaseWithAnInvalidManifestLeavesNothingBehind() throws IOException {
        Path archive = tarGz("bad-1.0.tar.gz", "bad/berth.yaml", "upgrade:\n  stop: [1]\n");
        Path scratch = dir.resolve("scratch");
        try (ReleaseLoader loader = loader(scratch)) {
            assertThatThrownBy(() -> loader.load(new ReleaseSource.Archive(archive)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(
                            archive + "!/berth.yaml:2: upgrade.stop: unknown field; did you mean \"stops\"?");
            try (Stream<Path> s = Files.list(scratch)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }

    @Test
    void aMisnamedManifestIsRefusedRatherThanIgnored() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("v1.0"));
        Files.writeString(folder.resolve("berth.yml"), "app: x\n");
        try (ReleaseLoader loader = new ReleaseLoader()) {
            assertThatThrownBy(() -> loader.load(new ReleaseSource.Folder(folder)))
                    .hasMessage(
                            folder.resolve("berth.yml") + ": the manifest must be named berth.yaml; rename berth.yml");
        }
    }

    @Test
    void versionsAreFoundInNames() {
        assertThat(ReleaseLoader.versionFromName("v3.8")).contains("v3.8");
        assertThat(ReleaseLoader.versionFromName("2021-06-15_4e0749c")).contains("2021-06-15_4e0749c");
        assertThat(ReleaseLoader.versionFromName("ledger-2.0")).contains("2.0");
        assertThat(ReleaseLoader.versionFromName("openim-docker-v3.7.0-v1.7.0")).contains("v3.7.0-v1.7.0");
        assertThat(ReleaseLoader.versionFromName("docker-jitsi-meet-stable-7439"))
                .contains("stable-7439");
        assertThat(ReleaseLoader.versionFromName("stable-7439")).contains("stable-7439");
        assertThat(ReleaseLoader.versionFromName("mailcow-dockerized-2024-11b")).contains("2024-11b");
        assertThat(ReleaseLoader.versionFromName("plane_v0.14-dev")).contains("v0.14-dev");
        assertThat(ReleaseLoader.versionFromName("python3-app")).isEmpty();
        assertThat(ReleaseLoader.versionFromName("ledger")).isEmpty();
        assertThat(ReleaseLoader.versionFromName("")).isEmpty();
        assertThat(ReleaseLoader.commonTag(List.of("latest", "main"))).isEmpty();
        assertThat(ReleaseLoader.commonTag(List.of("7.0", "3.8.3", "3.8.3"))).contains("3.8.3");
    }

    @Test
    void sourcesAreReadFromTheCommandLineArgument() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("rel"));
        Path zip = Files.writeString(dir.resolve("rel.zip"), "x");
        Path other = Files.writeString(dir.resolve("rel.rar"), "x");
        assertThat(ReleaseSource.parse(folder.toString())).isEqualTo(new ReleaseSource.Folder(folder));
        assertThat(ReleaseSource.parse(zip.toString())).isEqualTo(new ReleaseSource.Archive(zip));
        assertThat(ReleaseSource.parse("https://example.com/ledger.git#v2.0.0"))
                .isEqualTo(new ReleaseSource.GitTag("https://example.com/ledger.git", "v2.0.0"));
        assertThatThrownBy(() -> ReleaseSource.parse(other.toString())).hasMessageContaining("not a release archive");
        assertThatThrownBy(() -> ReleaseSource.parse(dir.resolve("missing").toString()))
                .hasMessageEndingWith("no such folder or file; give a release folder, an archive or REPO#TAG");
        assertThatThrownBy(() -> ReleaseSource.parse("repo#")).hasMessageContaining("no tag after #");
        assertThatThrownBy(() -> ReleaseSource.parse("https://example.com/ledger.git"))
                .hasMessage("https://example.com/ledger.git: a git repository needs a tag: write"
                        + " https://example.com/ledger.git#TAG, e.g. https://example.com/ledger.git#v2.0.0");
        assertThatThrownBy(() -> ReleaseSource.parse(" ")).hasMessageContaining("no release given");
    }
}
