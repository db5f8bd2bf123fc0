package dev.berth.docker.compose;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.docker.LocalCommandRunner;
import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compose call that fails is said in the user's language around compose's own words, which stay
 * as compose wrote them; the English is what the command line always printed. A shell stands in for
 * compose: it writes to stderr and exits 15, whatever the arguments.
 */
class ComposeRunTest {
    @TempDir
    Path dir;

    @Test
    void aFailedComposeCallIsSaidInFrenchAndJapaneseWithComposesOwnLastMessages() {
        ComposeTool fake = new ComposeTool(
                ComposeGeneration.V2,
                List.of("sh", "-c", "echo 'service \"x\" refers to undefined volume data' >&2; exit 15", "compose"),
                "2.30.0");
        ComposeCli cli = new ComposeCli(fake, new LocalCommandRunner(Map.of("PATH", "/usr/bin:/bin")), Map.of());

        ComposeException e = catchThrowableOfType(
                ComposeException.class,
                () -> cli.run(
                        ComposeTarget.of("i18n-fake", dir),
                        new ComposeSubcommand.Validate(),
                        ComposeOutputListener.none(),
                        Duration.ofSeconds(30)));
        Text said = Failures.text(e);

        assertThat(e.failure()).isEqualTo(ComposeException.Failure.EXIT_CODE);
        assertThat(e.getMessage())
                .contains(
                        "' failed (exit code 15). Its last messages:\n  service \"x\" refers to undefined volume data");
        assertThat(said.english()).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .contains("' a échoué (code de sortie 15). Ses derniers messages :\n  service \"x\" refers to undefined"
                        + " volume data");
        assertThat(render(said, Locale.JAPANESE))
                .contains("' が失敗しました（終了コード 15）。最後のメッセージ：\n  service \"x\" refers to undefined volume data");
    }
}
