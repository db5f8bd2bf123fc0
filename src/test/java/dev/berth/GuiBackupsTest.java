package dev.berth;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.backup.BackupException;
import dev.berth.backup.TestBackups;
import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restore screen's details of a backup that cannot be read say why in the user's language. */
class GuiBackupsTest {
    @TempDir
    Path tmp;

    @Test
    void theDetailsOfABackupWithABrokenSidecarAreRefusedInJapaneseWithTheReasonInside() throws Exception {
        Path archive = TestBackups.write(
                tmp.resolve("shop-1.0.berth"),
                "shop",
                "1.0",
                "shop",
                "/srv/shop",
                Instant.parse("2026-01-02T03:04:05Z"));
        Path sidecar = archive.resolveSibling(archive.getFileName() + ".json");
        Files.writeString(sidecar, "[]");

        BackupException e =
                catchThrowableOfType(BackupException.class, () -> new GuiBackups(null, null).details(archive));
        Text said = Failures.text(e);

        assertThat(e.reason()).isEqualTo(BackupException.Reason.CANNOT_BE_USED_SAID);
        assertThat(said.english())
                .isEqualTo("The backup " + archive + " cannot be read: " + sidecar
                        + " is not a JSON object. Nothing was changed; choose another backup.");
        assertThat(render(said, Locale.JAPANESE))
                .isEqualTo("バックアップ " + archive + " を読み込めません：" + sidecar
                        + " は JSON オブジェクトではありません。何も変更していません。別のバックアップを選んでください。");
    }
}
