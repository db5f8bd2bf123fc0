package dev.berth.engine;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own files it cannot read or write (a damaged journal, an install record, a plan that
 * cannot be read back) are said in the user's language, with the English the command line printed
 * before and the file left as it was.
 */
class EngineIOFailuresTest {
    @TempDir
    Path tmp;

    @Test
    void aDamagedJournalIsSaidInEachLanguageAndKept() throws Exception {
        Path journal = tmp.resolve(".berth/journal.json");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "{ not json");

        EngineIOException e = catchThrowableOfType(EngineIOException.class, () -> Journal.load(tmp));

        Text t = Failures.text(e);
        assertThat(t.key()).contains("error.journal.unreadable");
        assertThat(e.getMessage())
                .startsWith("The run journal " + journal + " cannot be read (")
                .endsWith("). Nothing was changed; keep the file, it records an unfinished run.");
        assertThat(render(t, Locale.FRENCH))
                .startsWith("Le journal d’exécution " + journal + " est illisible (")
                .contains("conservez le fichier");
        assertThat(render(t, Locale.JAPANESE)).startsWith("実行ジャーナル " + journal + " を読み込めません");
        assertThat(render(t, Locale.SIMPLIFIED_CHINESE)).startsWith("无法读取运行日志 " + journal);
        assertThat(Files.readString(journal)).isEqualTo("{ not json");
    }

    @Test
    void aDamagedInstallRecordIsSaidInFrench() throws Exception {
        Path record = tmp.resolve(".berth/install.json");
        Files.createDirectories(record.getParent());
        Files.writeString(record, "[1, 2");

        EngineIOException e = catchThrowableOfType(EngineIOException.class, () -> InstallRecord.read(tmp));

        assertThat(e.getMessage()).startsWith("The install record " + record + " cannot be read (");
        assertThat(render(Failures.text(e), Locale.FRENCH))
                .startsWith("La fiche d’installation " + record + " est illisible (");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void aJournalWhosePlanCannotBeReadBackIsRefusedInTheUsersLanguage() throws Exception {
        Path journal = tmp.resolve(".berth/journal.json");
        Files.createDirectories(journal.getParent());
        // A journal another Berth wrote: its plan is not a plan this one reads.
        Files.writeString(
                journal,
                new ObjectMapper()
                        .writeValueAsString(Map.of(
                                "format", 1,
                                "runId", "r1",
                                "kind", "UPGRADE",
                                "install", tmp.toString(),
                                "state", "RUNNING",
                                "steps", List.of(),
                                "facts", Map.of(),
                                "notes", List.of(),
                                "plan", Map.of("steps", "not a list"))));
        Journal j = Journal.load(tmp).orElseThrow();

        EngineIOException e = catchThrowableOfType(EngineIOException.class, () -> PlanRunner.planOf(j));

        assertThat(e.getMessage())
                .startsWith("The plan in " + journal + " cannot be read back: ")
                .endsWith(". The file is kept; it was written by another Berth version?");
        assertThat(render(Failures.text(e), Locale.JAPANESE)).startsWith(journal + " の計画を読み戻せません");
    }

    @Test
    void aFailureWithoutMessageNamesItsKind() {
        Text t = EngineIOException.of(Text.Key.ERROR_CANNOT_READ, tmp, new java.io.IOException())
                .text()
                .orElseThrow();
        assertThat(t.english()).isEqualTo("Cannot read " + tmp + ": IOException");
    }
}
