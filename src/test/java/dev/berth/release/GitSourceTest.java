package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Releases as tags of a real git repository, made with the git command line. */
class GitSourceTest {

    @TempDir
    Path dir;

    Path repo;
    Path scratch;

    @BeforeEach
    void repository() throws IOException, InterruptedException {
        repo = Files.createDirectories(dir.resolve("ledger"));
        scratch = Files.createDirectories(dir.resolve("scratch"));
        git("init", "--quiet", "-b", "main");
        write("docker-compose.yml", "services:\n  web:\n    image: ledger:1.0.0\n");
        write(".env.example", "PORT=8080\n");
        commitAndTag("v1.0.0");
        write("docker-compose.yml", "services:\n  web:\n    image: ledger:1.1.0\n");
        commitAndTag("v1.1.0");
        write("berth.yaml", "app: ledger\nupgrade:\n  stops: [\"1.1\"]\n");
        write("docker-compose.yml", "services:\n  web:\n    image: ledger:2.0.0\n");
        commitAndTag("v2.0.0");
        git("tag", "docs-snapshot");
    }

    void write(String path, String content) throws IOException {
        Files.createDirectories(repo.resolve(path).getParent());
        Files.writeString(repo.resolve(path), content);
    }

    void commitAndTag(String tag) throws IOException, InterruptedException {
        git("add", "-A");
        git("commit", "--quiet", "-m", "release " + tag);
        git("tag", "-a", tag, "-m", tag);
    }

    void git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Berth Test",
                "-c",
                "user.email=test@berth.dev",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "tag.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    ReleaseLoader loader() {
        return new ReleaseLoader(scratch, ExtractionLimits.DEFAULT, java.time.Duration.ofMinutes(1));
    }

    @Test
    void aTagOfALocalRepositoryLoadsWithItsFilesAndVersion() {
        try (ReleaseLoader loader = loader()) {
            Release r = loader.load(ReleaseSource.parse(repo + "#v1.1.0"));
            assertThat(r.source()).isEqualTo(new ReleaseSource.GitTag(repo.toString(), "v1.1.0"));
            assertThat(r.version()).isEqualTo(Version.parse("v1.1.0"));
            assertThat(r.versionOrigin()).isEqualTo(VersionOrigin.SOURCE_NAME);
            assertThat(r.manifest()).isEmpty();
            assertThat(r.files()).containsExactly(Path.of(".env.example"), Path.of("docker-compose.yml"));
            assertThat(r.root()).startsWith(scratch);
            try {
                assertThat(Files.readString(r.root().resolve("docker-compose.yml")))
                        .contains("ledger:1.1.0");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(scratchIsEmpty())
                .as("closing the loader deletes its scratch folders")
                .isTrue();
    }

    @Test
    void aFileUrlWorksAndTheManifestOfTheTagIsRead() {
        try (ReleaseLoader loader = loader()) {
            Release r = loader.load(ReleaseSource.parse(repo.toUri() + "#v2.0.0"));
            assertThat(r.manifest().orElseThrow().app()).contains("ledger");
            assertThat(r.manifest().orElseThrow().origin().source()).isEqualTo(repo.toUri() + "#v2.0.0:berth.yaml");
            assertThat(r.files()).contains(Path.of("berth.yaml"));
        }
    }

    @Test
    void aMissingTagSaysWhichTagAndHowToListThem() {
        try (ReleaseLoader loader = loader()) {
            assertThatThrownBy(() -> loader.load(new ReleaseSource.GitTag(repo.toString(), "v9.9.9")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage(repo + "#v9.9.9: the repository has no tag v9.9.9; list its tags with git ls-remote"
                            + " --tags " + repo + " and give one of them");
            assertThat(scratchIsEmpty())
                    .as("a failed load leaves nothing behind")
                    .isTrue();
        }
    }

    @Test
    void aSymlinkInTheRepositoryThatLeadsOutsideIsRefused() throws Exception {
        Files.createSymbolicLink(repo.resolve("evil"), Path.of("../../../etc"));
        commitAndTag("v2.0.1");
        try (ReleaseLoader loader = loader()) {
            assertThatThrownBy(() -> loader.load(new ReleaseSource.GitTag(repo.toString(), "v2.0.1")))
                    .hasMessageContaining(
                            "entry \"evil\" is a link to \"../../../etc\", which is outside the release folder");
            assertThat(scratchIsEmpty()).isTrue();
        }
    }

    @Test
    void optionLikeRepositoriesAndTagsAreRefusedBeforeGitRuns() {
        assertThatThrownBy(() -> ReleaseSource.parse("--upload-pack=touch /tmp/x#v1"))
                .hasMessageContaining("is no git repository Berth accepts");
        assertThatThrownBy(() -> ReleaseSource.parse("ext::sh -c touch% /tmp/pwned#v1"))
                .hasMessageContaining("is no git repository Berth accepts");
        assertThatThrownBy(() -> ReleaseSource.parse(repo + "#--force"))
                .hasMessageContaining("\"--force\" is not a valid tag name");
        assertThatThrownBy(() -> ReleaseSource.parse(repo + "#a..b")).hasMessageContaining("is not a valid tag name");
    }

    @Test
    void theTagsOfARepositoryMakeACatalogAndAnUpgradePath() {
        try (ReleaseCatalog catalog = ReleaseCatalog.ofGit(repo.toString(), loader(), java.time.Duration.ofMinutes(1));
                ReleaseLoader loader = loader()) {
            assertThat(catalog.entries())
                    .extracting(e -> e.version().raw())
                    .containsExactly("v1.0.0", "v1.1.0", "v2.0.0");
            assertThat(catalog.description()).isEqualTo(repo.toString());
            Release target = loader.load(new ReleaseSource.GitTag(repo.toString(), "v2.0.0"));
            UpgradePath.Hops path = (UpgradePath.Hops) UpgradePath.compute(Version.parse("1.0.0"), target, catalog);
            assertThat(path.hops())
                    .extracting(UpgradePath.Hop::source)
                    .containsExactly(
                            new ReleaseSource.GitTag(repo.toString(), "v1.1.0"),
                            new ReleaseSource.GitTag(repo.toString(), "v2.0.0"));
        }
        assertThat(scratchIsEmpty()).isTrue();
    }

    @Test
    void aTagsRepositoryIsTheCatalogAroundIt() {
        try (ReleaseLoader loader = loader()) {
            Release target = loader.load(new ReleaseSource.GitTag(repo.toString(), "v2.0.0"));
            try (ReleaseCatalog catalog = ReleaseCatalog.around(target)) {
                assertThat(catalog.entries()).hasSize(3);
                UpgradePath.Hops path =
                        (UpgradePath.Hops) UpgradePath.compute(Version.parse("v1.0.0"), target, catalog);
                assertThat(path.versions()).extracting(Version::raw).containsExactly("v1.1.0", "v2.0.0");
            }
        }
    }

    boolean scratchIsEmpty() {
        try (Stream<Path> s = Files.list(scratch)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
