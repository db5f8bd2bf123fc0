package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.Corpus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCatalogTest {

    @Test
    void eachCorpusAppIsAFolderOfReleasesInTheirTrueOrder() {
        int apps = 0;
        for (Path app : Corpus.apps()) {
            List<String> expected =
                    VersionTest.CORPUS_ORDER.get(app.getFileName().toString());
            try (ReleaseCatalog catalog = ReleaseCatalog.ofFolder(app)) {
                List<String> versions =
                        catalog.entries().stream().map(e -> e.version().raw()).toList();
                if (expected != null) {
                    assertThat(versions).as(app.toString()).containsExactlyElementsOf(expected);
                    apps++;
                }
                assertThat(catalog.entries())
                        .allSatisfy(e -> assertThat(e.source()).isInstanceOf(ReleaseSource.Folder.class));
                assertThat(catalog.newest().orElseThrow().version().raw()).isEqualTo(versions.getLast());
                assertThat(catalog.entries())
                        .allSatisfy(e -> assertThat(catalog.manifest(e)).isEmpty());
            }
        }
        assertThat(apps).isEqualTo(10);
    }

    @Test
    void theNewestReleaseOfASeriesIsFound() {
        try (ReleaseCatalog catalog = ReleaseCatalog.ofFolder(Corpus.root().resolve("open-im-server"))) {
            assertThat(catalog.newest(VersionRange.parse("3.8"))
                            .orElseThrow()
                            .version()
                            .raw())
                    .isEqualTo("v3.8.3");
            assertThat(catalog.newest(VersionRange.parse("3.5"))
                            .orElseThrow()
                            .version()
                            .raw())
                    .isEqualTo("v3.5.0");
            assertThat(catalog.newest(VersionRange.parse("3.9"))).isEmpty();
        }
    }

    @Test
    void archivesInTheFolderAreReleasesTooAndTheirManifestsAreReadOnDemand(@TempDir Path dir) throws IOException {
        Path releases = Files.createDirectories(dir.resolve("releases"));
        Files.createDirectories(releases.resolve("1.0.0"));
        Files.createDirectories(releases.resolve(".cache"));
        Files.writeString(releases.resolve("notes.txt"), "not a release");
        Path archive = releases.resolve("ledger-2.0.0.tar.gz");
        try (OutputStream file = Files.newOutputStream(archive);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            byte[] m = "upgrade: {stops: [\"1.0\"]}\n".getBytes();
            TarArchiveEntry e = new TarArchiveEntry("ledger-2.0.0/berth.yaml");
            e.setSize(m.length);
            tar.putArchiveEntry(e);
            tar.write(m);
            tar.closeArchiveEntry();
        }
        Path scratch = dir.resolve("scratch");
        try (ReleaseCatalog catalog = ReleaseCatalog.ofFolder(
                releases, new ReleaseLoader(scratch, ExtractionLimits.DEFAULT, java.time.Duration.ofMinutes(1)))) {
            assertThat(catalog.entries())
                    .containsExactly(
                            new ReleaseCatalog.Entry(
                                    Version.parse("1.0.0"), new ReleaseSource.Folder(releases.resolve("1.0.0"))),
                            new ReleaseCatalog.Entry(Version.parse("2.0.0"), new ReleaseSource.Archive(archive)));
            ReleaseCatalog.Entry two = catalog.entries().getLast();
            assertThat(catalog.manifest(two).orElseThrow().upgrade().stops())
                    .extracting(VersionRange::text)
                    .containsExactly("1.0");
            assertThat(catalog.description()).isEqualTo(releases.toString());
        }
        try (var s = Files.list(scratch)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aSingleReleaseIsNoFolderOfReleases() {
        Path release = Corpus.root().resolve("netbox-docker/3.0.0");
        assertThatThrownBy(() -> ReleaseCatalog.ofFolder(release))
                .hasMessage(
                        release + ": this is one release (it has docker-compose.yml), not a folder of releases; give"
                                + " the folder that holds one folder or archive per release");
    }

    @Test
    void foldersWithoutAVersionAreNoReleases(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.createDirectories(dir.resolve("v1.0"));
        try (ReleaseCatalog catalog = ReleaseCatalog.ofFolder(dir)) {
            assertThat(catalog.entries()).extracting(e -> e.version().raw()).containsExactly("v1.0");
        }
    }

    @Test
    void aMissingFolderIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ReleaseCatalog.ofFolder(dir.resolve("nope")))
                .hasMessageContaining("no such folder; give the folder that holds one folder or archive per release");
    }
}
