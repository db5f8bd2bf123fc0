package dev.berth.config.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.env.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextDiffTest {
    private final TextDiff diff = TextDiff.withDefaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "netbox-env, netbox-docker, 2.3.0, 2.9.1, env/netbox.env",
        "mattermost-env, mattermost-docker, 2021-06-15_4e0749c, 2021-12-17_9e91b71, env.example",
        "mattermost-compose, mattermost-docker, 2021-12-17_9e91b71, 2022-06-09_2c9b8cf, docker-compose.yml",
        "openim-minio, open-im-server, v3.7.0, v3.8.2, config/minio.yml",
        "openim-share, open-im-server, v3.7.0, v3.8.2, config/share.yml",
        "openim-prometheus, open-im-server, v3.8.2, v3.8.3, config/prometheus.yml",
        "plane-variables, plane, v0.22-dev, v0.23.0, deploy/selfhost/variables.env"
    })
    void diffOfCorpusReleasesMatchesTheGoldenFile(String golden, String app, String from, String to, String path)
            throws IOException {
        String before =
                Files.readString(Corpus.root().resolve(app).resolve(from).resolve(path));
        String after = Files.readString(Corpus.root().resolve(app).resolve(to).resolve(path));

        UnifiedDiff result = diff.diff(from + "/" + path, before, to + "/" + path, after);

        assertThat(result.isEmpty()).isFalse();
        Golden.assertMatches("diff/" + golden + ".diff", result.render());
    }

    @Test
    void aChangedSecretShowsAsChangedWithoutEitherValue() {
        UnifiedDiff result = diff.diff(
                "a/.env",
                "HOST=db\nDB_PASSWORD=old-pass\nPORT=5432\n",
                "b/.env",
                "HOST=db\nDB_PASSWORD=new-pass\nPORT=5432\n");

        assertThat(result.render()).isEqualTo("""
                        --- a/.env
                        +++ b/.env
                        @@ -1,3 +1,3 @@
                         HOST=db
                        -DB_PASSWORD=****
                        +DB_PASSWORD=**** (changed)
                         PORT=5432
                        """);
    }

    @Test
    void anUnchangedSecretIsContextWithItsValueMasked() {
        UnifiedDiff result = diff.diff("a", "DB_PASSWORD=s3cret\nA=1\n", "b", "DB_PASSWORD=s3cret\nA=2\n");

        assertThat(result.render()).doesNotContain("s3cret").contains(" DB_PASSWORD=****\n-A=1\n+A=2\n");
    }

    @Test
    void hunksCarryLineNumbersAndKindsForTheSideBySideView() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
        String after = "a\nb\nC\nd\ne\nf\ng\nh\ni\nj\nk\n";

        UnifiedDiff result = new TextDiff(SecretMasker.withDefaultNames(), 1).diff("old", before, "new", after);

        assertThat(result.hunks()).hasSize(2);
        DiffHunk first = result.hunks().getFirst();
        assertThat(first.header()).isEqualTo("@@ -2,3 +2,3 @@");
        assertThat(first.lines())
                .containsExactly(
                        new DiffLine(LineKind.CONTEXT, 2, 2, "b", TextLines.FinalNewline.PRESENT),
                        new DiffLine(LineKind.REMOVED, 3, 0, "c", TextLines.FinalNewline.PRESENT),
                        new DiffLine(LineKind.ADDED, 0, 3, "C", TextLines.FinalNewline.PRESENT),
                        new DiffLine(LineKind.CONTEXT, 4, 4, "d", TextLines.FinalNewline.PRESENT));
        assertThat(first.sideBySide())
                .extracting(r -> r.left().map(DiffLine::text).orElse("") + "|"
                        + r.right().map(DiffLine::text).orElse(""))
                .containsExactly("b|b", "c|C", "d|d");
        DiffHunk second = result.hunks().getLast();
        assertThat(second.header()).isEqualTo("@@ -10 +10,2 @@");
        assertThat(second.sideBySide())
                .containsExactly(
                        new SideBySideRow(
                                Optional.of(
                                        new DiffLine(LineKind.CONTEXT, 10, 10, "j", TextLines.FinalNewline.PRESENT)),
                                Optional.of(
                                        new DiffLine(LineKind.CONTEXT, 10, 10, "j", TextLines.FinalNewline.PRESENT))),
                        new SideBySideRow(
                                Optional.empty(),
                                Optional.of(new DiffLine(LineKind.ADDED, 0, 11, "k", TextLines.FinalNewline.PRESENT))));
    }

    @Test
    void changesCloseTogetherShareOneHunk() {
        UnifiedDiff result = diff.diff("a", "1\n2\n3\n4\n5\n6\n7\n8\n", "b", "1\nX\n3\n4\n5\n6\nY\n8\n");

        assertThat(result.hunks())
                .singleElement()
                .satisfies(h -> assertThat(h.header()).isEqualTo("@@ -1,8 +1,8 @@"));
    }

    @Test
    void aMissingFinalNewlineIsShownAsGitShowsIt() {
        assertThat(diff.diff("a", "x\ny", "b", "x\ny\n").render())
                .isEqualTo("--- a\n+++ b\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+y\n");
    }

    @Test
    void lineEndingChangesAreANoteNotAWholeFileDiff() {
        UnifiedDiff result = diff.diff("a", "x\ny\n", "b", "x\r\ny\r\n");

        assertThat(result.hunks()).isEmpty();
        assertThat(result.notes()).containsExactly("line endings changed from LF to CRLF");
        assertThat(result.render()).isEqualTo("--- a\n+++ b\n# line endings changed from LF to CRLF\n");
    }

    @Test
    void identicalTextsGiveAnEmptyDiff() {
        UnifiedDiff result = diff.diff("a", "same\n", "b", "same\n");

        assertThat(result.isEmpty()).isTrue();
        assertThat(result.render()).isEmpty();
    }

    @Test
    void insertionsAtTheStartUseLineZeroForTheEmptyRange() {
        assertThat(new TextDiff(SecretMasker.withDefaultNames(), 0)
                        .diff("a", "x\n", "b", "new\nx\n")
                        .hunks())
                .extracting(DiffHunk::header)
                .isEqualTo(List.of("@@ -0,0 +1 @@"));
    }
}
