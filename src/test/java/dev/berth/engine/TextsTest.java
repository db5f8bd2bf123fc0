package dev.berth.engine;

import static dev.berth.engine.TextBundles.bundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine's texts: every key it can emit is in all four bundles with the number of arguments
 * its {@link Text.Key} declares; texts survive the journal, and old journals' plain strings read
 * back as English. (MessagesTest checks the translations against each other.)
 */
class TextsTest {
    private static final List<String> LANGUAGES = List.of("", "_zh_CN", "_fr", "_ja");

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        String path = "/dev/berth/engine/texts" + suffix + ".properties";
        try (InputStream in = TextsTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyKeyTheEngineCanEmitIsInAllFourBundlesAndNothingElseIs() throws IOException {
        Set<String> keys =
                Arrays.stream(Text.Key.values()).map(Text.Key::key).collect(Collectors.toCollection(TreeSet::new));
        for (String suffix : LANGUAGES) {
            assertThat(new TreeSet<>(load(suffix).stringPropertyNames()))
                    .as("texts%s.properties", suffix)
                    .isEqualTo(keys);
        }
    }

    @Test
    void everyPatternTakesExactlyTheArgumentsItsKeyDeclares() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (String suffix : LANGUAGES) {
            Properties p = load(suffix);
            for (Text.Key k : Text.Key.values()) {
                int used =
                        new MessageFormat(p.getProperty(k.key(), ""), Locale.ROOT).getFormatsByArgumentIndex().length;
                if (used != k.arity()) {
                    wrong.add(suffix + " " + k.key() + " uses " + used + ", declares " + k.arity());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aTextIsRenderedInTheBundlesLanguageWithTheUsersDataUntranslated() {
        Text stop = Text.of(Text.Key.STEP_STOP, "web, worker");
        assertThat(stop.english()).isEqualTo("Stop web, worker");
        assertThat(stop.render(bundle(Locale.JAPANESE), Locale.JAPANESE)).isEqualTo("web, worker を停止する");
        assertThat(stop.render(bundle(Locale.SIMPLIFIED_CHINESE), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("停止 web, worker");
        assertThat(stop.render(bundle(Locale.FRENCH), Locale.FRENCH)).isEqualTo("Arrêter web, worker");

        // A nested text comes out in the same language; a count chooses the plural.
        Text cause = Text.of(Text.Key.CAUSE_FAILED, Text.of(Text.Key.STEP_START_NEW), "Port 8080 is in use.");
        assertThat(cause.english()).isEqualTo("Start the new version failed: Port 8080 is in use.");
        assertThat(cause.render(bundle(Locale.JAPANESE), Locale.JAPANESE))
                .isEqualTo("「新しいバージョンを起動する」が失敗しました：Port 8080 is in use.");
        assertThat(Text.of(Text.Key.STEP_PULL, 1).english()).isEqualTo("Pull one new image while the app runs");
        assertThat(Text.of(Text.Key.STEP_PULL, 3).english()).isEqualTo("Pull 3 new images while the app runs");
    }

    @Test
    void aTextWithoutAKeyOrWithAnUnknownOneIsShownInEnglish() {
        assertThat(Text.plain("compose said no").render(bundle(Locale.JAPANESE), Locale.JAPANESE))
                .isEqualTo("compose said no");
        Text later = new Text("step.from.a.later.berth", List.of("web"), "Do something new to web");
        assertThat(later.render(bundle(Locale.FRENCH), Locale.FRENCH)).isEqualTo("Do something new to web");
    }

    @Test
    void theNumberOfArgumentsIsCheckedWhenATextIsMade() {
        assertThatThrownBy(() -> Text.of(Text.Key.STEP_STOP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("step.stop takes 1");
        assertThatThrownBy(() -> Text.of(Text.Key.STEP_STOP, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textsSurviveTheJournalWithNestedTextsListsAndCounts() throws IOException {
        Text t = Text.of(
                Text.Key.RESULT_REFUSED,
                List.of(Text.of(Text.Key.CHECK_ENV_REQUIRED, "DB_PASSWORD"), Text.plain("compose said no")));
        Text pull = Text.of(Text.Key.STEP_PULL, 2);
        for (Text x : List.of(t, pull)) {
            JsonNode json = Journal.JSON.valueToTree(x);
            assertThat(json.get("key").asText()).isEqualTo(x.key());
            assertThat(Journal.JSON.treeToValue(json, Text.class)).isEqualTo(x);
        }
        assertThat(t.english())
                .isEqualTo("Refused before anything changed: DB_PASSWORD is required and empty.; compose said no");
    }

    @Test
    void aPlanFromAnOlderJournalWithPlainStringsReadsBackInEnglish() throws IOException {
        Plan plan = new Plan(
                Plan.Kind.UPGRADE,
                "/srv/app",
                "app",
                List.of("compose.yaml"),
                List.of(".env"),
                List.of(),
                "1.0.0",
                "2.0.0",
                "rel",
                List.of(new PlanStep.StopServices(
                        "stop-app", Text.of(Text.Key.STEP_STOP, "web"), List.of("web"), 10, List.of())),
                List.of(new Plan.Check("version", Plan.Check.Status.OK, Text.of(Text.Key.CHECK_COMPOSE_OK))),
                Map.of(),
                List.of(Text.of(Text.Key.WARN_VERSION_UNKNOWN)),
                20,
                Plan.DataRollback.KEEP);
        ObjectNode json = Journal.JSON.valueToTree(plan);
        assertThat(Journal.JSON.treeToValue(json, Plan.class)).isEqualTo(plan);

        // What a Berth before texts wrote: strings where texts are now.
        ((ObjectNode) json.get("steps").get(0)).put("title", "Stop web");
        ((ObjectNode) json.get("checks").get(0)).put("message", "The merged files pass.");
        json.putArray("warnings").add("The installed version is unknown.");
        Plan old = Journal.JSON.treeToValue(json, Plan.class);
        assertThat(old.steps().getFirst().title()).isEqualTo(Text.plain("Stop web"));
        assertThat(old.checks().getFirst().message().english()).isEqualTo("The merged files pass.");
        assertThat(old.warnings()).containsExactly(Text.plain("The installed version is unknown."));
        assertThat(old.steps().getFirst().title().render(bundle(Locale.JAPANESE), Locale.JAPANESE))
                .isEqualTo("Stop web");
    }

    @Test
    void namesAreListedTheWayTheLanguageListsThemAndEnglishStaysAsTheCliPrintedIt() {
        Text stop = Text.of(Text.Key.STEP_STOP, List.of("web", "worker", "db"));
        assertThat(stop.english()).isEqualTo("Stop web, worker, db");
        assertThat(stop.render(bundle(Locale.JAPANESE), Locale.JAPANESE)).isEqualTo("web、worker、db を停止する");
        assertThat(stop.render(bundle(Locale.SIMPLIFIED_CHINESE), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("停止 web、worker、db");
        assertThat(stop.render(bundle(Locale.FRENCH), Locale.FRENCH)).isEqualTo("Arrêter web, worker, db");
        // A list of texts stays sentences joined with "; ".
        Text refused = Text.of(
                Text.Key.CHECK_MISSING_VALUES,
                List.of(Text.of(Text.Key.MERGE_MISSING, "A", ".env"), Text.of(Text.Key.MERGE_MISSING, "B", ".env")));
        assertThat(refused.english()).startsWith("Required values are missing: A (in .env); B (in .env). ");
        assertThat(refused.render(bundle(Locale.JAPANESE), Locale.JAPANESE))
                .startsWith("必須の値がありません：A（.env 内）; B（.env 内）。");
    }

    @Test
    void anEnvMergeConflictIsSaidInTheUsersLanguageWithTheSecretStillMasked() {
        dev.berth.config.env.EnvFile mine =
                dev.berth.config.env.EnvParser.parse(".env", "DB_PASSWORD=hunter22\nMODE=fast\n");
        dev.berth.config.env.EnvFile base =
                dev.berth.config.env.EnvParser.parse(".env.example", "DB_PASSWORD=changeme\nMODE=slow\n");
        dev.berth.config.env.EnvFile template =
                dev.berth.config.env.EnvParser.parse(".env.example", "DB_PASSWORD=changeme2\nMODE=medium\n");
        var report = dev.berth.config.env.EnvMerge.merge(mine, template, java.util.Optional.of(base), Map.of(), ".env")
                .report();
        List<Text> said = report.conflicts().stream()
                .map(c -> ReleaseMerge.conflict(".env", c))
                .toList();

        assertThat(said).extracting(Text::key).containsOnly("merge.env.changed.in.both");
        assertThat(said.stream().map(Text::english))
                .as("the English is the config layer's message behind the file name")
                .containsExactlyElementsOf(report.conflicts().stream()
                        .map(c -> ".env: " + c.message())
                        .toList());
        String ja = said.stream()
                .map(t -> t.render(bundle(Locale.JAPANESE), Locale.JAPANESE))
                .collect(Collectors.joining("\n"));
        assertThat(ja)
                .contains(".env：あなたは MODE を変更し（現在 \"fast\"）、新しいテンプレートは既定値を \"slow\" から \"medium\" に変えました。")
                .contains("DB_PASSWORD")
                .doesNotContain("hunter22");
    }
}
