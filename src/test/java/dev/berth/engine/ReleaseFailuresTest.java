package dev.berth.engine;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.config.ConfigException;
import dev.berth.release.ArchiveExtractor;
import dev.berth.release.ExtractionLimits;
import dev.berth.release.Manifest;
import dev.berth.release.ManifestParser;
import dev.berth.release.ReleaseCatalog;
import dev.berth.release.ReleaseLoader;
import dev.berth.release.ReleaseSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release layer's refusals (a broken manifest, a missing git tag, a file that is no archive)
 * reach the user in their language, with the file, the tag and git's or the parser's own words as
 * they are, and in English exactly as the command line prints them.
 */
class ReleaseFailuresTest {
    private static final List<Locale> LANGUAGES =
            List.of(Locale.ENGLISH, Locale.FRENCH, Locale.JAPANESE, Locale.SIMPLIFIED_CHINESE);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");

    @TempDir
    Path tmp;

    private ReleaseLoader loader() throws IOException {
        return new ReleaseLoader(
                Files.createDirectories(tmp.resolve("scratch")), ExtractionLimits.DEFAULT, Duration.ofMinutes(1));
    }

    private Path release(String name, String manifest) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(
                dir.resolve("compose.yaml"), "services:\n  web:\n    image: ledger:2.0\n  db:\n    image: pg\n");
        Files.writeString(dir.resolve("berth.yaml"), manifest);
        return dir;
    }

    @Test
    void everyRefusalOfTheConfigLayerIsSaidInEachLanguageWithAllItsFactsAndNoPlaceholderLeft() {
        List<String> wrong = new ArrayList<>();
        for (ConfigException.Reason r : ConfigException.Reason.values()) {
            if (r == ConfigException.Reason.NONE) {
                continue;
            }
            Text.Key key = Failures.key(r);
            List<String> facts = new ArrayList<>();
            for (int i = 0; i < r.facts(); i++) {
                facts.add("fact" + i + "-x");
            }
            String english = Text.of(key, facts.toArray()).english();
            Text said = Failures.text(new ConfigException("ledger/berth.yaml", 3, r, facts, english));
            assertThat(said.english()).isEqualTo("ledger/berth.yaml:3: " + english);
            for (Locale l : LANGUAGES) {
                String text = render(said, l);
                if (PLACEHOLDER.matcher(text).find()
                        || !facts.stream().allMatch(text::contains)
                        || !text.startsWith("ledger/berth.yaml:3")) {
                    wrong.add(r + " in " + l + ": " + text);
                }
            }
            if (!render(said, Locale.ENGLISH).equals(said.english())) {
                wrong.add(r + ": the bundle's English differs from the message: " + render(said, Locale.ENGLISH));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aManifestThatIsNoValidYamlIsSaidAtItsLineInFrenchAndJapaneseWithTheParsersWordsKept() throws IOException {
        Path dir = release("ledger-2.0", "app: ledger\nupgrade:\n  stops: [\"1.1\"\nenv: {}\n");

        ConfigException e;
        try (ReleaseLoader loader = loader()) {
            e = catchThrowableOfType(ConfigException.class, () -> loader.load(ReleaseSource.parse(dir.toString())));
        }
        Text said = Failures.text(e);

        assertThat(e.refusal()).isEqualTo(ConfigException.Reason.MANIFEST_YAML_SYNTAX);
        assertThat(e.getCause()).isNotNull(); // the parser's exception, for the log
        String problem = e.facts().getFirst();
        String at = e.location();
        assertThat(at).startsWith(dir.toAbsolutePath().resolve("berth.yaml") + ":");
        assertThat(said.english())
                .isEqualTo(e.getMessage())
                .isEqualTo(at + ": not valid YAML: " + problem + "; fix the syntax (indentation, quotes)");
        assertThat(render(said, Locale.ENGLISH)).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .isEqualTo(at + " : YAML non valide : " + problem + " ; corrigez la syntaxe (indentation, guillemets)");
        assertThat(render(said, Locale.JAPANESE))
                .isEqualTo(at + "：正しい YAML ではありません：" + problem + "。構文（インデント、引用符）を直してください");
    }

    @Test
    void aManifestMissingARequiredFieldOrNamingNoServiceIsSaidWithItsFieldInChineseAndFrench() throws IOException {
        Path dir = release("ledger-2.1", "config_version:\n  key: app.version\n  value: \"2\"\n");
        String manifest = dir.resolve("berth.yaml").toString();

        ConfigException missing = catchThrowableOfType(
                ConfigException.class, () -> ManifestParser.load(dir.resolve("berth.yaml"), manifest));

        assertThat(missing.getMessage()).isEqualTo(manifest + ":1: config_version.file: missing; it is required here");
        assertThat(render(Failures.text(missing), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo(manifest + ":1：config_version.file：缺失；此处必须填写");

        Files.writeString(dir.resolve("berth.yaml"), "app: ledger\nstart: [wbe]\n");
        Manifest m = ManifestParser.load(dir.resolve("berth.yaml"), manifest);
        ConfigException noService =
                catchThrowableOfType(ConfigException.class, () -> m.checkServices(Set.of("web", "db")));

        assertThat(noService.getMessage())
                .isEqualTo(manifest + ":2: start[0]: the compose file has no service \"wbe\"; did you mean \"web\"? its"
                        + " services are db, web.");
        assertThat(render(Failures.text(noService), Locale.ENGLISH)).isEqualTo(noService.getMessage());
        assertThat(render(Failures.text(noService), Locale.FRENCH))
                .isEqualTo(manifest + ":2 : start[0] : le fichier compose n’a pas de service « wbe » ; vouliez-vous"
                        + " dire « web » ? Ses services sont db, web.");
    }

    @Test
    void aTypoOrAWrongValueInAManifestIsSaidInJapaneseAndFrenchWithTheLikelyName() throws IOException {
        Path dir = release("ledger-2.2", "app: ledger\nupgrade:\n  stopz: [\"1.1\"]\n");
        String manifest = dir.resolve("berth.yaml").toString();

        ConfigException typo = catchThrowableOfType(
                ConfigException.class, () -> ManifestParser.load(dir.resolve("berth.yaml"), manifest));

        assertThat(typo.refusal()).isEqualTo(ConfigException.Reason.MANIFEST_UNKNOWN_FIELD_GUESS);
        assertThat(typo.getMessage())
                .isEqualTo(manifest + ":3: upgrade.stopz: unknown field; did you mean \"stops\"? (known here: stops)");
        assertThat(render(Failures.text(typo), Locale.ENGLISH)).isEqualTo(typo.getMessage());
        assertThat(render(Failures.text(typo), Locale.JAPANESE))
                .isEqualTo(manifest + ":3：upgrade.stopz：不明なフィールドです。「stops」のことですか？（ここで使えるフィールド：stops）");

        Files.writeString(dir.resolve("berth.yaml"), "app: ledger\nrollback_safe: maybe\n");
        ConfigException notBool = catchThrowableOfType(
                ConfigException.class, () -> ManifestParser.load(dir.resolve("berth.yaml"), manifest));

        assertThat(notBool.getMessage())
                .isEqualTo(manifest + ":2: rollback_safe: expected true or false, got \"maybe\"");
        assertThat(render(Failures.text(notBool), Locale.ENGLISH)).isEqualTo(notBool.getMessage());
        assertThat(render(Failures.text(notBool), Locale.FRENCH))
                .isEqualTo(manifest + ":2 : rollback_safe : true ou false est attendu, pas \"maybe\"");
    }

    @Test
    void aGitRepositoryWithoutTheTagIsSaidInFrenchAndJapaneseAndGitsOwnWordsStayAsGitSaidThem() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("ledger"));
        Files.writeString(repo.resolve("compose.yaml"), "services:\n  web:\n    image: ledger:1.0.0\n");
        git(repo, "init", "--quiet", "-b", "main");
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "1.0.0");
        git(repo, "tag", "v1.0.0");

        ConfigException e;
        try (ReleaseLoader loader = loader()) {
            e = catchThrowableOfType(ConfigException.class, () -> loader.load(ReleaseSource.parse(repo + "#v9.9.9")));
        }
        Text said = Failures.text(e);

        assertThat(e.refusal()).isEqualTo(ConfigException.Reason.GIT_NO_TAG);
        assertThat(e.getCause()).hasMessageContaining("couldn't find remote ref"); // git's own words, for the log
        assertThat(said.english())
                .isEqualTo(e.getMessage())
                .isEqualTo(repo + "#v9.9.9: the repository has no tag v9.9.9; list its tags with git ls-remote --tags "
                        + repo + " and give one of them");
        assertThat(render(said, Locale.FRENCH))
                .isEqualTo(
                        repo + "#v9.9.9 : le dépôt n’a pas de tag v9.9.9 ; listez ses tags avec git ls-remote --tags "
                                + repo + " et indiquez l’un d’eux");
        assertThat(render(said, Locale.JAPANESE))
                .isEqualTo(repo + "#v9.9.9：リポジトリにタグ v9.9.9 がありません。git ls-remote --tags " + repo
                        + " でタグを一覧表示し、その中から指定してください");

        // A folder that is no repository: git's message is a fact, said inside the Japanese as git wrote it.
        Path plain = Files.createDirectories(tmp.resolve("not-a-repo"));
        ConfigException failed;
        try (ReleaseLoader loader = loader()) {
            failed = catchThrowableOfType(
                    ConfigException.class, () -> loader.load(ReleaseSource.parse(plain + "#v1.0.0")));
        }
        assertThat(failed.refusal()).isEqualTo(ConfigException.Reason.GIT_FAILED);
        String gitSaid = failed.facts().get(1);
        assertThat(gitSaid).contains("fatal:");
        assertThat(render(Failures.text(failed), Locale.JAPANESE))
                .isEqualTo(plain + "#v1.0.0：git が失敗しました（終了コード " + failed.facts().getFirst() + "）：" + gitSaid
                        + "。リポジトリとタグが存在し、読み取れるか確認してください");
    }

    @Test
    void aFileThatIsNoArchiveIsSaidInFrenchAndJapanese() throws IOException {
        Path fake = tmp.resolve("ledger-2.0.tar.gz");
        Files.writeString(fake, "these are the release notes, not a tarball\n");

        ConfigException damaged;
        try (ReleaseLoader loader = loader()) {
            damaged = catchThrowableOfType(
                    ConfigException.class, () -> loader.load(ReleaseSource.parse(fake.toString())));
        }
        Text said = Failures.text(damaged);

        assertThat(damaged.refusal()).isEqualTo(ConfigException.Reason.ARCHIVE_DAMAGED);
        String why = damaged.facts().getFirst();
        assertThat(said.english())
                .isEqualTo(damaged.getMessage())
                .isEqualTo(fake + ": the archive is damaged or truncated (" + why
                        + "); nothing was extracted. Download the release again.");
        assertThat(render(said, Locale.ENGLISH)).isEqualTo(damaged.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .isEqualTo(fake + " : l’archive est endommagée ou tronquée (" + why
                        + ") ; rien n’a été extrait. Téléchargez de nouveau la version.");
        assertThat(render(said, Locale.JAPANESE))
                .isEqualTo(fake + "：アーカイブが壊れているか、途中で切れています（" + why + "）。何も展開していません。リリースをもう一度ダウンロードしてください。");

        Path notes = tmp.resolve("NOTES.txt");
        Files.writeString(notes, "notes\n", StandardCharsets.UTF_8);
        ConfigException unknown = catchThrowableOfType(
                ConfigException.class,
                () -> ArchiveExtractor.extract(notes, tmp.resolve("out"), ExtractionLimits.DEFAULT, "NOTES.txt"));
        assertThat(render(Failures.text(unknown), Locale.JAPANESE))
                .isEqualTo("NOTES.txt：リリースアーカイブではありません：Berth が読めるのは .tar.gz、.tgz、.tar、.tar.zst、.zip です");
    }

    @Test
    void oneReleaseGivenAsAFolderOfReleasesIsSaidInChineseWithTheFileThatMarksIt() throws IOException {
        Path dir = release("ledger-3.0", "app: ledger\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ReleaseCatalog.ofFolder(dir));

        assertThat(e.getMessage())
                .isEqualTo(dir + ": this is one release (it has berth.yaml), not a folder of releases; give the folder"
                        + " that holds one folder or archive per release");
        assertThat(render(Failures.text(e), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo(dir + "：这是单个发布版本（它包含 berth.yaml），而不是存放多个发布版本的文件夹；请给出每个发布版本各占一个文件夹或归档的那个文件夹");
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
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
}
