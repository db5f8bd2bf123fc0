package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EnvMergeTest {

    private static EnvFile env(String name, String text) {
        return EnvParser.parse(name, text);
    }

    private static EnvMerge.Result merge(
            String current, String template, String base, Map<String, VariableSpec> specs) {
        return EnvMerge.merge(
                env("current.env", current),
                env("template.env", template),
                Optional.ofNullable(base).map(b -> env("base.env", b)),
                specs,
                "merged.env");
    }

    private static VariableSpec renamed(String name, String... from) {
        return new VariableSpec(
                name,
                "",
                VariableType.STRING,
                false,
                false,
                Optional.empty(),
                List.of(from),
                Optional.empty(),
                OptionalInt.empty(),
                List.of());
    }

    private static void assertIdempotent(EnvMerge.Result r, String template, Map<String, VariableSpec> specs) {
        EnvMerge.Result again = merge(r.merged().text(), template, template, specs);
        assertThat(again.merged().text()).isEqualTo(r.merged().text());
    }

    @Test
    void mergeKeepsUserValueWhenTemplateDefaultChanged() {
        String base = "# Tag\nTAG=1.0\nHOST=localhost  # where\n";
        String template = "# Tag of the image\nTAG=2.0\n\n# Host\nHOST=example.org  # where it runs\nNEW=yes\n";
        EnvMerge.Result r = merge("TAG=1.0\nHOST=\"my.host\"\n", template, base, Map.of());
        assertThat(r.merged().text())
                .isEqualTo("# Tag of the image\nTAG=2.0\n\n# Host\nHOST=\"my.host\"  # where it runs\nNEW=yes\n");
        assertThat(r.report().defaultUpdated()).containsExactly("TAG");
        assertThat(r.report().kept()).containsExactly("HOST");
        assertThat(r.report().added()).containsExactly("NEW");
        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("HOST");
            assertThat(c.kind()).isEqualTo(EnvMerge.ConflictKind.CHANGED_IN_BOTH);
            assertThat(c.message()).contains("kept");
        });
        assertIdempotent(r, template, Map.of());
    }

    @Test
    void withoutBaseEveryUserValueIsKept() {
        EnvMerge.Result r = merge("TAG=1.0\n", "TAG=2.0\n", null, Map.of());
        assertThat(r.merged().text()).isEqualTo("TAG=1.0\n");
        assertThat(r.report().kept()).containsExactly("TAG");
        assertThat(r.report().conflicts()).isEmpty();
    }

    @Test
    void renamedKeyCarriesTheValueAndRecordsTheRename() {
        Map<String, VariableSpec> specs = Map.of("NEW_SECRET", renamed("NEW_SECRET", "OLD_SECRET"));
        String template = "# The secret\nNEW_SECRET=changeme\n";
        EnvMerge.Result r = merge("OLD_SECRET='s3cr$t'\n", template, "OLD_SECRET=changeme\n", specs);
        assertThat(r.merged().text())
                .isEqualTo("# The secret\n" + EnvMerge.NOTE_PREFIX
                        + "OLD_SECRET was renamed to NEW_SECRET; its value was carried over\nNEW_SECRET='s3cr$t'\n");
        assertThat(r.merged().isSet("OLD_SECRET")).isFalse();
        assertThat(r.report().renamed()).containsEntry("OLD_SECRET", "NEW_SECRET");
        assertIdempotent(r, template, specs);
    }

    @Test
    void renamedKeySetUnderBothNamesWithDifferentValuesIsAConflictWithoutShowingSecrets() {
        Map<String, VariableSpec> specs = Map.of("DB_PASSWORD", renamed("DB_PASSWORD", "DB_PASS"));
        EnvMerge.Result r = merge("DB_PASS=hunter2\nDB_PASSWORD=correct-horse\n", "DB_PASSWORD=\n", null, specs);
        assertThat(r.merged().assignment("DB_PASSWORD").orElseThrow().rawValue())
                .isEqualTo("correct-horse");
        assertThat(r.merged().isSet("DB_PASS")).isFalse();
        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(EnvMerge.ConflictKind.RENAMED_KEY_SET_TWICE);
            assertThat(c.message()).doesNotContain("hunter2").doesNotContain("correct-horse");
        });
        assertIdempotent(r, "DB_PASSWORD=\n", specs);
    }

    @Test
    void keyNotInTheNewTemplateIsKeptAtTheEndWithItsComments() {
        String current = "A=1\n\n# Only I know this\n# and why\nMINE=x  # note\nGONE=old\n";
        String template = "A=2\n";
        EnvMerge.Result r = merge(current, template, "A=1\nGONE=old\n", Map.of());
        String text = r.merged().text();
        assertThat(text).startsWith("A=2\n\n" + String.join("\n", EnvMerge.EXTRAS_HEADER) + "\n");
        assertThat(text).endsWith("\n\n# Only I know this\n# and why\nMINE=x  # note\n\nGONE=old\n");
        assertThat(r.report().removed()).containsExactly("MINE", "GONE");
        assertIdempotent(r, template, Map.of());
    }

    @Test
    void commentedOutTemplateLineBecomesActiveWithTheUserValue() {
        String template = "# Enable it\n#FEATURE=1\n# Other\n#OTHER=2\n";
        EnvMerge.Result r = merge("FEATURE=\"on\"\n", template, null, Map.of());
        assertThat(r.merged().text()).isEqualTo("# Enable it\nFEATURE=\"on\"\n# Other\n#OTHER=2\n");
        assertThat(r.report().kept()).containsExactly("FEATURE");
        assertThat(r.report().added()).isEmpty();
        assertIdempotent(r, template, Map.of());
    }

    @Test
    void commentedAlternativesStayCommentsWhenTheKeyIsActiveInTheTemplate() {
        String template = "# REGISTRY=\"ghcr.io\"\n# REGISTRY=\"docker.io\"\nREGISTRY=${REGISTRY}\n";
        EnvMerge.Result r = merge("REGISTRY=docker.io\n", template, null, Map.of());
        assertThat(r.merged().text())
                .isEqualTo("# REGISTRY=\"ghcr.io\"\n# REGISTRY=\"docker.io\"\nREGISTRY=docker.io\n");
    }

    @Test
    void keySetTwiceWithDifferentValuesIsAConflictAndTheLastWins() {
        EnvMerge.Result r = merge("PORT=1\nPORT=2\nSAME=a\nSAME=a\n", "PORT=0\nSAME=b\n", null, Map.of());
        assertThat(r.merged().text()).isEqualTo("PORT=2\nSAME=a\n");
        assertThat(r.report().conflicts()).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo("PORT");
            assertThat(c.kind()).isEqualTo(EnvMerge.ConflictKind.DUPLICATE_IN_CURRENT);
            assertThat(c.message()).contains("lines 1 and 2");
        });
    }

    @Test
    void templateDuplicatesGetTheUserValueEverywhere() {
        String template = "P=1\nX=0\nP=1\n";
        EnvMerge.Result r = merge("P=9\n", template, null, Map.of());
        assertThat(r.merged().text()).isEqualTo("P=9\nX=0\nP=9\n");
        assertIdempotent(r, template, Map.of());
    }

    @Test
    void followsTheTemplateLineEndingsAndAddsLinesWithThem() {
        String template = "# t\r\nA=1\r\nB=2";
        EnvMerge.Result r = merge("A=x\nMINE=1\n", template, null, Map.of());
        assertThat(r.merged().text()).startsWith("# t\r\nA=x\r\nB=2\r\n\r\n# ---");
        assertThat(r.merged().text()).endsWith("\r\n\r\nMINE=1\r\n");
        assertIdempotent(r, template, Map.of());
    }

    @Test
    void userValueWithAnInlineCommentOfItsOwnIsCarriedWithoutIt() {
        EnvMerge.Result r = merge("A=value # my comment\n", "A=default   # template comment\n", null, Map.of());
        assertThat(r.merged().text()).isEqualTo("A=value   # template comment\n");
    }

    @Test
    void conflictMessagesMaskSecretValues() {
        EnvMerge.Result r = merge("API_TOKEN=mine-123\n", "API_TOKEN=new-456\n", "API_TOKEN=old-789\n", Map.of());
        assertThat(r.report().conflicts())
                .singleElement()
                .satisfies(c -> assertThat(c.message())
                        .doesNotContain("mine-123", "new-456", "old-789")
                        .contains(Secrets.MASK));
    }
}
