package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.backup.EntryType;
import dev.berth.backup.ListedEntry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The helper's listing is read back exactly, names with newlines included, and refused when torn. */
class HelperListingTest {
    /** Output of {@link HelperListing#LIST_SCRIPT} in busybox:1.36 over a small folder. */
    static final String OUTPUT = ".\0./a b\0./new\nline\0./lnk\0./fifo\0\0"
            + "41ed 0 0 4096 3 2026-11-26 10:45:07.181362241 +0000 2026-11-26 10:45:07.181362241 +0000\n"
            + "81a0 999 998 5 2 2024-05-06 07:08:09.000000000 +0000 2026-11-26 10:45:07.161362241 +0000\n"
            + "81a4 0 0 0 1 2026-11-26 10:45:07.161362241 +0000 2026-11-26 10:45:07.161362241 +0000\n"
            + "a1ff 0 0 3 1 2026-11-26 10:45:07.169362241 +0200 2026-11-26 10:45:07.169362241 +0200\n"
            + "11a4 0 0 0 1 2026-11-26 10:45:07.169362241 +0000 2026-11-26 10:45:07.169362241 +0000\n";

    @Test
    void everyEntryIsReadWithItsNameTypeOwnerModeAndNanosecondTimes() throws IOException {
        List<ListedEntry> entries = HelperListing.parse(OUTPUT.getBytes(StandardCharsets.UTF_8));

        assertThat(entries).extracting(ListedEntry::name).containsExactly("", "a b", "new\nline", "lnk", "fifo");
        assertThat(entries)
                .extracting(ListedEntry::type)
                .containsExactly(EntryType.DIRECTORY, EntryType.FILE, EntryType.FILE, EntryType.SYMLINK, null);
        ListedEntry ab = entries.get(1);
        assertThat(ab.mode()).isEqualTo(0640);
        assertThat(ab.uid()).isEqualTo(999);
        assertThat(ab.gid()).isEqualTo(998);
        assertThat(ab.size()).isEqualTo(5);
        assertThat(ab.links()).isEqualTo(2);
        assertThat(ab.mtime()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(ab.ctime()).isEqualTo(Instant.parse("2026-11-26T10:45:07.161362241Z"));
        assertThat(entries.get(3).mtime()).isEqualTo(Instant.parse("2026-11-26T08:45:07.169362241Z"));
    }

    @Test
    void aListingWithAStatLineMissingIsRefused() {
        String torn = OUTPUT.substring(0, OUTPUT.lastIndexOf("11a4"));
        assertThatThrownBy(() -> HelperListing.parse(torn.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("5 names but 4 stat lines");
    }

    @Test
    void aNameThatIsNotUtf8IsRefusedSoTheFolderIsStreamedWhole() {
        byte[] latin1 = ".\0./caf\u00e9\0\0".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> HelperListing.parse(latin1))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void namesGoToTheHelperNulTerminatedUnderDotSlash() {
        assertThat(new String(HelperListing.nameList(List.of("", "a b", "new\nline")), StandardCharsets.UTF_8))
                .isEqualTo(".\0./a b\0./new\nline\0");
    }
}
