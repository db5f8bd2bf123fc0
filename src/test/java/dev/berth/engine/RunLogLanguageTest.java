package dev.berth.engine;

import static dev.berth.engine.TextBundles.bundle;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lines a run writes to the user's log while it works are texts: a real plan run by the real
 * runner and step executor (against the fake runtime) logs lines the GUI shows in French or
 * Japanese, with the user's data (images, files, run id) untouched, while the English the CLI prints
 * is what it always was.
 */
class RunLogLanguageTest {
    @TempDir
    Path install;

    private static List<String> render(List<Text> texts, Locale locale) {
        return texts.stream().map(t -> t.render(bundle(locale), locale)).toList();
    }

    /** Says what it stops the way the Docker runtime does. */
    static final class SayingRuntime extends ComposeRenameRunTest.FilesRuntime {
        @Override
        public void stop(
                Project project,
                List<String> services,
                java.time.Duration grace,
                java.util.function.Consumer<String> log) {
            ContainerRuntime.Log.say(
                    log, Text.of(Text.Key.LOG_STOPPING, services.getFirst(), 1, String.valueOf(grace.toSeconds())));
            super.stop(project, services, grace, log);
        }
    }

    /** Pull two images, stop web, then apply a release that renames the compose file. */
    private List<Text> runAndLog() throws Exception {
        Plan renamed = ComposeRenameRunTest.plan(install);
        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep.PullImages(
                "pull", Text.of(Text.Key.STEP_PULL, 2), List.of("example/web:2.0", "example/db:16")));
        steps.addAll(renamed.steps());
        Plan plan = new Plan(
                renamed.kind(),
                renamed.install(),
                renamed.project(),
                renamed.composeFiles(),
                renamed.envFiles(),
                renamed.profiles(),
                renamed.fromVersion(),
                renamed.toVersion(),
                renamed.release(),
                steps,
                List.of(),
                Map.of(),
                List.of(),
                30,
                Plan.DataRollback.KEEP);
        List<Text> log = new ArrayList<>();
        ComposeStepExecutor ex = new ComposeStepExecutor(new SayingRuntime(), null, plan.composeProject(Path::of));
        RunReport r = new PlanRunner(ex, CrashPoints.parse(null), "test", Path::of, InstallLock::acquire)
                .run(
                        plan,
                        e -> {
                            if (e instanceof RunEvent.Log l) {
                                log.add(l.text());
                            }
                        },
                        Cancellation.none());
        assertThat(r.status()).as(r.message()).isEqualTo(RunStatus.SUCCEEDED);
        return log;
    }

    @Test
    void aRunsLogLinesComeOutInFrenchAndJapaneseAndStayEnglishForTheCli() throws Exception {
        // The runtime's own lines (given a plain Consumer<String>, it writes English) come through as texts.
        List<Text> log = runAndLog();

        assertThat(log)
                .extracting(Text::english)
                .containsExactly(
                        "Pulling example/web:2.0 (1 of 2)",
                        "Pulling example/db:16 (2 of 2)",
                        "Stopping web (1 container, grace 10 s)",
                        "Compose reads compose.yaml from now on");
        assertThat(render(log, Locale.FRENCH))
                .containsExactly(
                        "Téléchargement de example/web:2.0 (1 sur 2)",
                        "Téléchargement de example/db:16 (2 sur 2)",
                        "Arrêt de web (1 conteneur, délai de grâce 10 s)",
                        "Compose lit désormais compose.yaml");
        assertThat(render(log, Locale.JAPANESE))
                .containsExactly(
                        "example/web:2.0 を取得しています（2 件中 1 件目）",
                        "example/db:16 を取得しています（2 件中 2 件目）",
                        "web を停止しています（コンテナー 1 個、猶予 10 秒）",
                        "これ以降 Compose は compose.yaml を読み込みます");
        assertThat(render(log, Locale.SIMPLIFIED_CHINESE)).last().isEqualTo("Compose 今后读取 compose.yaml");
    }

    @Test
    void sizesUseTheLanguagesDecimalSeparatorAndTheCliKeepsItsEnglish() {
        Text size = Text.bytes(1536L << 20);
        assertThat(size.english()).isEqualTo("1.5 GB");
        assertThat(size.render(bundle(Locale.FRENCH), Locale.FRENCH)).isEqualTo("1,5 Go");
        assertThat(size.render(bundle(Locale.JAPANESE), Locale.JAPANESE)).isEqualTo("1.5 GB");
        assertThat(Text.bytes(16L << 20).english()).isEqualTo("16.0 MB");
        assertThat(Text.bytes(16L << 20).render(bundle(Locale.FRENCH), Locale.FRENCH))
                .isEqualTo("16 Mo");
        assertThat(Text.bytes(250L << 30).render(bundle(Locale.FRENCH), Locale.FRENCH))
                .isEqualTo("250 Go");
        assertThat(Text.bytes(12).render(bundle(Locale.FRENCH), Locale.FRENCH)).isEqualTo("12 octets");

        Text written = Text.of(Text.Key.LOG_BACKUP_WRITTEN, "/b/shop.berth", Text.bytes(3L << 19), 1);
        assertThat(written.english())
                .isEqualTo("Backup written: /b/shop.berth (1.5 MB; one entry copied again after the stop)");
        assertThat(written.render(bundle(Locale.FRENCH), Locale.FRENCH))
                .isEqualTo("Sauvegarde écrite : /b/shop.berth (1,5 Mo ; une entrée recopiée après l’arrêt)");
        // A size survives the journal as a text with its number.
        assertThat(Journal.JSON.convertValue(Journal.JSON.valueToTree(written), Text.class))
                .isEqualTo(written);
    }
}
