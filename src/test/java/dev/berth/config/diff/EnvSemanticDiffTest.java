package dev.berth.config.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvParser;
import dev.berth.config.env.Golden;
import dev.berth.config.env.VariableSpec;
import dev.berth.config.env.VariableType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EnvSemanticDiffTest {
    private final EnvSemanticDiff diff = EnvSemanticDiff.withDefaults();

    private static EnvFile corpus(String path) throws IOException {
        return EnvParser.parse(Corpus.root().resolve(path));
    }

    private static EnvFile env(String text) {
        return EnvParser.parse(".env", text);
    }

    @Test
    void templateOfANewMattermostReleaseMatchesTheGoldenFile() throws IOException {
        EnvFile before = corpus("mattermost-docker/2021-06-15_4e0749c/env.example");
        EnvFile after = corpus("mattermost-docker/2021-12-17_9e91b71/env.example");

        List<EnvChange> changes = diff.diff(before, after, Optional.of(new EnvSemanticDiff.Templates(before, after)));

        assertThat(changes).hasAtLeastOneElementOfType(EnvChange.DefaultUpdated.class);
        Golden.assertMatches("diff/mattermost-env.semantic.txt", EnvSemanticDiff.render(changes));
    }

    @Test
    void openImDockerTemplateRenamesAreGuessedFromValueAndName() throws IOException {
        List<EnvChange> changes = diff.diff(
                corpus("openim-docker/v3.7.0-v1.7.0/.env.example"),
                corpus("openim-docker/v3.8/.env"),
                Optional.empty());

        assertThat(changes)
                .filteredOn(c -> c instanceof EnvChange.Renamed)
                .extracting(c -> ((EnvChange.Renamed) c).from() + "->" + c.key())
                .contains("SECRET->OPENIM_SECRET", "MINIO_SECRET_KEY->MINIO_SECRET_ACCESS_KEY");
        Golden.assertMatches("diff/openim-docker-env.semantic.txt", EnvSemanticDiff.render(changes));
    }

    @Test
    void aChangedSecretIsReportedWithoutItsValues() throws IOException {
        List<EnvChange> changes = diff.diff(
                corpus("netbox-docker/2.3.0/env/netbox.env"),
                corpus("netbox-docker/2.9.1/env/netbox.env"),
                Optional.empty());

        String text = EnvSemanticDiff.render(changes);
        assertThat(text)
                .contains("changed  SECRET_KEY: **** -> **** (secret changed)\n")
                .contains("removed  SUPERUSER_API_TOKEN=****\n")
                .contains("changed  SKIP_SUPERUSER: false -> true\n")
                .doesNotContain("r8OwDznj", "0123456789abcdef");
        Golden.assertMatches("diff/netbox-env.semantic.txt", text);
    }

    @Test
    void aValueThatFollowedTheDefaultIsADefaultUpdateAndAUserValueAChange() {
        EnvFile oldTemplate = env("TAG=5.34\nPORT=8065\n");
        EnvFile newTemplate = env("TAG=5.39\nPORT=8066\n");
        EnvFile user = env("TAG=5.34\nPORT=9000\n");
        EnvFile merged = env("TAG=5.39\nPORT=9001\nNEW=1\n");

        List<EnvChange> changes =
                diff.diff(user, merged, Optional.of(new EnvSemanticDiff.Templates(oldTemplate, newTemplate)));

        assertThat(changes)
                .containsExactly(
                        new EnvChange.DefaultUpdated("TAG", "5.34", "5.39"),
                        new EnvChange.Changed("PORT", "9000", "9001"),
                        new EnvChange.Added("NEW", "1"));
    }

    @Test
    void quotingAloneIsNoChangeAndTheLastAssignmentCounts() {
        assertThat(diff.diff(env("A=x\nB=1\nB=2\n"), env("A=\"x\"\nB=2\n"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void aManifestRenameCarriesTheVariableEvenWithANewValue() {
        VariableSpec spec = new VariableSpec(
                "DB_PASSWORD",
                "",
                VariableType.STRING,
                true,
                false,
                Optional.empty(),
                List.of("POSTGRES_PASS"),
                Optional.empty(),
                OptionalInt.empty(),
                List.of());
        EnvSemanticDiff withManifest =
                new EnvSemanticDiff(SecretMasker.withDefaultNames(), Map.of("DB_PASSWORD", spec));

        List<EnvChange> changes = withManifest.diff(env("POSTGRES_PASS=a\n"), env("DB_PASSWORD=b\n"), Optional.empty());

        assertThat(changes)
                .singleElement()
                .extracting(EnvChange::describe)
                .isEqualTo("renamed  POSTGRES_PASS -> DB_PASSWORD (value **** -> **** (secret changed))");
    }

    @Test
    void urlPasswordsAreMaskedInOrdinaryValues() {
        List<EnvChange> changes = diff.diff(
                env("DATASOURCE=postgres://mm:old@db/mm\n"),
                env("DATASOURCE=postgres://mm:new@db/mm?ssl=1\n"),
                Optional.empty());

        assertThat(EnvSemanticDiff.render(changes))
                .isEqualTo("changed  DATASOURCE: postgres://mm:****@db/mm -> postgres://mm:****@db/mm?ssl=1\n");
    }
}
