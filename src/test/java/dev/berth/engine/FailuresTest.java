package dev.berth.engine;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.backup.BackupException;
import dev.berth.backup.BackupInfo;
import dev.berth.backup.BackupReader;
import dev.berth.backup.BackupWriter;
import dev.berth.backup.EntryFilter;
import dev.berth.backup.ExpectedApp;
import dev.berth.backup.ProgressListener;
import dev.berth.config.ConfigException;
import dev.berth.config.compose.ComposeLoader;
import dev.berth.config.compose.ProjectOptions;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lower layer's failure reaches the user in their language: the backup layer says what its
 * message is made of, the engine names the key, and the English stays the exception's message.
 */
class FailuresTest {
    @TempDir
    Path tmp;

    private Path backup(String app) throws IOException {
        Path install = tmp.resolve("shop");
        Files.createDirectories(install.resolve("conf"));
        Files.writeString(install.resolve("conf/app.ini"), "x".repeat(50_000));
        Path archive = tmp.resolve("backups/shop.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now(app, "1.0", "shop", install.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", install, EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    @Test
    void everyReasonOfTheBackupLayerHasAKeyTakingItsFacts() {
        List<String> wrong = new ArrayList<>();
        for (BackupException.Reason r : BackupException.Reason.values()) {
            Text.Key k = Failures.key(r);
            if (r == BackupException.Reason.NONE ? k != null : k == null || k.arity() != r.facts()) {
                wrong.add(r + " -> " + k);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aCutOffBackupIsSaidInFrenchAndJapaneseWithItsPathAndInEnglishAsTheExceptionSaysIt() throws IOException {
        Path archive = backup("shop-app");
        Files.delete(archive.resolveSibling(archive.getFileName() + ".json")); // no sidecar: the archive alone
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false));
        Text said = Failures.text(e);

        assertThat(e.reason()).isEqualTo(BackupException.Reason.TRUNCATED);
        assertThat(said.english()).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .isEqualTo("La sauvegarde " + archive + " est incomplète : elle s’arrête trop tôt (coupée pendant son"
                        + " écriture ou sa copie). Rien n’en a été restauré ; utilisez une autre sauvegarde.");
        assertThat(render(said, Locale.JAPANESE)).startsWith("バックアップ " + archive + " は不完全です");
        // Wrapped with the same message (a step rethrowing it unchecked), it is still said as itself.
        assertThat(Failures.text(new UncheckedIOException(e.getMessage(), e))).isEqualTo(said);
    }

    @Test
    void aBackupOfAnotherAppIsRefusedInJapaneseWithTheAppNamesUntouched() throws IOException {
        Path archive = backup("wiki-app");

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupReader.verify(archive, ExpectedApp.of("shop-app"), ProgressListener.NONE, () -> false));

        assertThat(render(Failures.text(e), Locale.JAPANESE))
                .isEqualTo("バックアップ " + archive + " は shop-app ではなく wiki-app のものです。shop-app のバックアップを選んでください。"
                        + "何も変更していません。");
        assertThat(render(Failures.text(e), Locale.SIMPLIFIED_CHINESE))
                .contains("wiki-app")
                .contains("shop-app");
    }

    @Test
    void aFolderWithoutAComposeFileIsSaidInFrenchAfterItsLocationAndInEnglishAsBefore() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("app"));

        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> new ComposeLoader().load(ProjectOptions.of(empty)));
        Text said = Failures.text(e);

        assertThat(e.refusal()).isEqualTo(ConfigException.Reason.NO_COMPOSE_FILE);
        assertThat(said.english()).isEqualTo(e.getMessage()).startsWith(empty + ": holds no compose file");
        assertThat(render(said, Locale.FRENCH))
                .startsWith(empty + " : ne contient aucun fichier compose (cherchés : ")
                .contains("compose.yaml");
        assertThat(render(said, Locale.JAPANESE)).startsWith(empty + "：compose ファイルがありません");
        // An empty compose file, found by name.
        Files.writeString(empty.resolve("compose.yaml"), "");
        ConfigException blank =
                catchThrowableOfType(ConfigException.class, () -> new ComposeLoader().load(ProjectOptions.of(empty)));
        assertThat(render(Failures.text(blank), Locale.SIMPLIFIED_CHINESE))
                .endsWith("是一个空的 compose 文件；它至少需要一个 services: 部分");
    }

    @Test
    void everyRefusalOfTheConfigLayerHasAKeyTakingItsFacts() {
        List<String> wrong = new ArrayList<>();
        for (ConfigException.Reason r : ConfigException.Reason.values()) {
            Text.Key k = Failures.key(r);
            if (r == ConfigException.Reason.NONE ? k != null : k == null || k.arity() != r.facts()) {
                wrong.add(r + " -> " + k);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aToolsFailureStaysItsEnglishAndAnEngineTextStaysItself() {
        assertThat(Failures.text(new IllegalStateException("compose said no")))
                .isEqualTo(Text.plain("compose said no"));
        Text engine = Text.of(Text.Key.FAIL_IMAGES, "web");
        assertThat(Failures.text(new ContainerRuntime.RuntimeFailure(engine))).isEqualTo(engine);
    }
}
