package dev.berth.engine;

import static dev.berth.engine.TextBundles.render;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every reason of the backup layer is a text in each language: a key taking the reason's facts,
 * rendered with them in place (no "{0}" left over), translated rather than English again.
 */
class BackupTextsTest {
    private static final Pattern LEFTOVER = Pattern.compile("\\{\\d");
    private static final List<Locale> TRANSLATED = List.of(Locale.FRENCH, Locale.JAPANESE, Locale.SIMPLIFIED_CHINESE);

    /** Facts that show where each one lands. */
    private static List<String> facts(BackupException.Reason r) {
        List<String> facts = new ArrayList<>();
        for (int i = 0; i < r.facts(); i++) {
            facts.add("<fact" + i + ">");
        }
        return facts;
    }

    private static Text said(BackupException.Reason r) {
        BackupException e = new BackupException(BackupException.Kind.IO, r, facts(r), "English of " + r, null);
        return Failures.text(e);
    }

    @Test
    void everyReasonHasAKeyOfItsArity() {
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
    void everyReasonRendersInEveryLanguageWithAllItsFactsAndNoPlaceholderLeft() {
        List<String> wrong = new ArrayList<>();
        for (BackupException.Reason r : BackupException.Reason.values()) {
            if (r == BackupException.Reason.NONE) {
                continue;
            }
            Text t = said(r);
            String english = render(t, Locale.ROOT);
            for (Locale l : TRANSLATED) {
                String s = render(t, l);
                if (LEFTOVER.matcher(s).find()) {
                    wrong.add(r + " in " + l + " leaves a placeholder: " + s);
                }
                for (String fact : facts(r)) {
                    if (!s.contains(fact)) {
                        wrong.add(r + " in " + l + " lacks " + fact + ": " + s);
                    }
                }
                if (s.equals(english)) {
                    wrong.add(r + " in " + l + " is the English: " + s);
                }
            }
            if (LEFTOVER.matcher(english).find() || english.contains("''")) {
                wrong.add(r + " in English: " + english);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aFactThatIsTheCausesMessageIsSaidAsTheCauseInTheSameLanguage() {
        BackupException cause = new BackupException(
                BackupException.Kind.SOURCE,
                BackupException.Reason.SOURCE_FOLDER_MISSING,
                List.of("/srv/shop"),
                "Backup failed: the folder /srv/shop does not exist.",
                null);
        BackupException e = new BackupException(
                BackupException.Kind.SOURCE,
                BackupException.Reason.BACKUP_FAILED_REMOVED,
                List.of(cause.getMessage()),
                cause.getMessage() + " The partial archive was removed; nothing else changed.",
                cause);

        Text said = Failures.text(e);

        assertThat(said.english()).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.ROOT)).isEqualTo(e.getMessage());
        assertThat(render(said, Locale.FRENCH))
                .isEqualTo("Échec de la sauvegarde : le dossier /srv/shop n’existe pas. L’archive partielle a été"
                        + " supprimée ; rien d’autre n’a changé.");
        assertThat(render(said, Locale.JAPANESE))
                .isEqualTo("バックアップに失敗しました：フォルダー /srv/shop が存在しません。途中のアーカイブは削除しました。" + "それ以外は何も変わっていません。");
    }
}
