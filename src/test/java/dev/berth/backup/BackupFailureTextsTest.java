package dev.berth.backup;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.berth.engine.Failures;
import dev.berth.engine.Text;
import dev.berth.gui.restore.RestoreViewModel;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real failures of backups, verifies, copies and restores, made with real files, reach the user in
 * French, Japanese and Chinese, while the English stays what the command line printed.
 */
class BackupFailureTextsTest {
    @TempDir
    Path tmp;

    private Path goodArchive() throws Exception {
        Path src = tmp.resolve("src");
        Trees.makeRichTree(src);
        Path archive = tmp.resolve("b/good.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        return archive;
    }

    /** The failure as said, checked in every language: keyed, English exactly the message, translated. */
    private static Text said(BackupException e) {
        Text t = Failures.text(e);
        assertThat(e.reason()).as(e.getMessage()).isNotEqualTo(BackupException.Reason.NONE);
        assertThat(t.english()).isEqualTo(e.getMessage());
        assertThat(render(t, Locale.ROOT))
                .as("the English bundle says what the CLI prints")
                .isEqualTo(e.getMessage());
        for (Locale l : List.of(Locale.FRENCH, Locale.JAPANESE, Locale.SIMPLIFIED_CHINESE)) {
            assertThat(render(t, l)).doesNotContain("{0").isNotEqualTo(e.getMessage());
        }
        return t;
    }

    private BackupException restoreInto(Path archive, Path target) {
        return catchThrowableOfType(
                BackupException.class,
                () -> BackupReader.restore(
                        archive,
                        ExpectedApp.ANY,
                        RestoreSpec.nothing().withFiles(target),
                        ProgressListener.NONE,
                        () -> false));
    }

    @Test
    void aCorruptByteInTheMiddleIsSaidAsDamagedInFrenchAndJapanese() throws Exception {
        Path archive = goodArchive();
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            long at = f.length() / 2;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }

        BackupException e = restoreInto(archive, tmp.resolve("target"));
        Text t = said(e);

        assertThat(e.kind()).isEqualTo(BackupException.Kind.CORRUPT);
        assertThat(render(t, Locale.FRENCH))
                .startsWith("La sauvegarde " + archive + " est endommagée")
                .endsWith("Rien n’en a été restauré ; utilisez une autre sauvegarde.");
        assertThat(render(t, Locale.JAPANESE))
                .startsWith("バックアップ " + archive + " は壊れています")
                .endsWith("ここからは何も復元していません。別のバックアップを使ってください。");
    }

    @Test
    void aFolderInTheTargetWhereTheBackupHasAFileIsRefusedInJapaneseWithTheConflictAsFound() throws Exception {
        Path archive = goodArchive();
        Path target = tmp.resolve("target");
        Files.createDirectories(target.resolve(".env"));

        BackupException e = restoreInto(archive, target);
        Text t = said(e);

        assertThat(e.kind()).isEqualTo(BackupException.Kind.TARGET_CONFLICT);
        assertThat(e.reason()).isEqualTo(BackupException.Reason.TARGET_CONFLICTS);
        String conflict = e.facts().getFirst();
        assertThat(conflict).startsWith(target.resolve(".env").toString());
        assertThat(render(t, Locale.JAPANESE))
                .isEqualTo("何も書き込む前に復元を拒否しました：" + conflict + "。これらを別の場所へ移動するか、空のフォルダーに復元してください。");
        assertThat(render(t, Locale.FRENCH))
                .isEqualTo("Restauration refusée avant toute écriture : " + conflict
                        + ". Déplacez ces éléments ailleurs ou restaurez dans un dossier vide.");
    }

    @Test
    void aBackupOverAnExistingFileIsNotStartedAndSaysSoInFrench() throws Exception {
        Path archive = goodArchive();

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupWriter.open(
                        archive,
                        BackupInfo.now("demo", "1.0", "demo", "/srv/demo"),
                        ProgressListener.NONE,
                        () -> false));

        assertThat(e.reason()).isEqualTo(BackupException.Reason.BACKUP_EXISTS);
        assertThat(render(said(e), Locale.FRENCH))
                .isEqualTo("Sauvegarde non commencée : " + archive
                        + " existe déjà ; choisissez un autre nom. Rien n’a été modifié.");
    }

    @Test
    void aMissingSourceFolderIsSaidWithWhatWasCleanedUpInOneLanguage() throws Exception {
        Path archive = tmp.resolve("b/missing.berth");
        Path gone = tmp.resolve("gone");
        BackupException e;
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1.0", "demo", gone.toString()), ProgressListener.NONE, () -> false)) {
            e = catchThrowableOfType(BackupException.class, () -> w.addDirectory("files", gone, EntryFilter.ALL));
        }
        Text t = said(e);

        assertThat(e.reason()).isEqualTo(BackupException.Reason.BACKUP_FAILED_REMOVED);
        assertThat(render(t, Locale.FRENCH))
                .isEqualTo("Échec de la sauvegarde : le dossier " + gone + " n’existe pas. L’archive partielle a été"
                        + " supprimée ; rien d’autre n’a changé.");
        assertThat(render(t, Locale.SIMPLIFIED_CHINESE)).isEqualTo("备份失败：文件夹 " + gone + " 不存在。不完整的归档已删除；其他内容均未改变。");
        assertThat(archive).doesNotExist();
    }

    @Test
    void aCopyWhoseBytesChangedOnTheWayIsRefusedInJapaneseWithBothHashes() throws Exception {
        Path archive = goodArchive();
        Path folder = tmp.resolve("copies");
        String wrong = "0".repeat(64);

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupCopy.toFolder(archive, folder, Optional.of(wrong), ProgressListener.NONE, () -> false));
        Text t = said(e);

        assertThat(e.kind()).isEqualTo(BackupException.Kind.TAMPERED);
        String actual = e.facts().get(1);
        assertThat(render(t, Locale.JAPANESE))
                .isEqualTo(archive + " のコピーの SHA-256 は " + actual + "、元のファイルは " + wrong + " です。転送中にデータが変わりました。" + folder
                        + " には何も残していません。もう一度コピーしてください。");
        assertThat(folder.resolve(archive.getFileName())).doesNotExist();
    }

    @Test
    void aCopyOntoAnExistingBackupIsRefusedInChinese() throws Exception {
        Path archive = goodArchive();
        Path folder = Files.createDirectories(tmp.resolve("copies"));
        Files.writeString(folder.resolve(archive.getFileName()), "already here");

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupCopy.toFolder(archive, folder, Optional.empty(), ProgressListener.NONE, () -> false));

        assertThat(render(said(e), Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("无法复制 " + archive + "：" + folder.resolve(archive.getFileName())
                        + " 已存在。没有复制任何内容；请将其移走，或复制到另一个文件夹。");
    }

    @Test
    void aBackupListedWithABrokenSidecarShowsItsProblemInFrenchOnTheRestoreScreen() throws Exception {
        Path archive = goodArchive();
        Path sidecar = BackupWriter.sidecarOf(archive);
        Files.writeString(sidecar, "[1, 2]");

        BackupListing l = BackupCatalog.describe(archive);

        assertThat(l.problem()).isEqualTo(sidecar + " is not a JSON object.");
        assertThat(l.failure()).isNotNull();
        Text problem = RestoreViewModel.problemOf(l).orElseThrow();
        assertThat(problem.english()).isEqualTo(l.problem());
        assertThat(render(problem, Locale.FRENCH)).isEqualTo(sidecar + " n’est pas un objet JSON.");
        assertThat(render(problem, Locale.JAPANESE)).isEqualTo(sidecar + " は JSON オブジェクトではありません。");
    }

    @Test
    void aMissingBackupIsSaidInJapanese() {
        Path archive = tmp.resolve("nowhere.berth");

        BackupException e = catchThrowableOfType(
                BackupException.class,
                () -> BackupReader.verify(archive, ExpectedApp.ANY, ProgressListener.NONE, () -> false));

        assertThat(render(said(e), Locale.JAPANESE)).isEqualTo("バックアップ " + archive + " が存在しません。");
    }
}
