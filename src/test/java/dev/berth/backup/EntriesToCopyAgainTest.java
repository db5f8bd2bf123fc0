package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order changed entries go to the helper's tar in: a walk that sorts each folder's names. */
class EntriesToCopyAgainTest {
    @Test
    void walkOrderVisitsAFoldersContentBeforeItsLaterSiblings() {
        List<String> names = new ArrayList<>(List.of("a b", "a/x", "", "a", "b", "a/x/y", "a-b"));
        names.sort(BackupWriter::walkOrder);
        assertThat(names).containsExactly("", "a", "a/x", "a/x/y", "a b", "a-b", "b");
    }
}
