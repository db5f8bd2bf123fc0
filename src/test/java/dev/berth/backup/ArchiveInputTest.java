package dev.berth.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Berth's own reading of tar records inside a {@code .berth} file. */
class ArchiveInputTest {
    @TempDir
    Path tmp;

    @Test
    void paxRecordsAreReadWithTheirLengthsAndUtf8Values() throws Exception {
        String name = "files/dossier-été/" + "x".repeat(120);
        String records = record("path", name) + "30 mtime=1700000000.123456789\n";

        Map<String, String> pax = ArchiveInput.parsePax(records.getBytes(StandardCharsets.UTF_8));

        assertThat(pax).containsEntry("path", name).containsEntry("mtime", "1700000000.123456789");
    }

    /** {@code "<length> key=value\n"}, the length counting its own digits. */
    private static String record(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int len = body + 1;
        while (String.valueOf(len).length() + body != len) {
            len++;
        }
        return len + " " + key + "=" + value + "\n";
    }

    @Test
    void aPaxRecordWhoseLengthDoesNotEndAtANewlineIsDamaged() {
        assertThatThrownBy(() -> ArchiveInput.parsePax("99 path=x\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("PAX");
        assertThatThrownBy(() -> ArchiveInput.parsePax("13 path=abc\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }

    /**
     * commons-compress's tar stream allocated two 8 KiB arrays per entry to skip its rest and its
     * padding (about 700 MB per GiB of small files); the reader now reuses its buffers.
     */
    @Test
    void verifyingManySmallFilesAllocatesFarLessThanAnEightKibArrayPerEntry() throws Exception {
        Path src = tmp.resolve("src");
        int files = 3000;
        for (int i = 0; i < files; i++) {
            Trees.write(src.resolve("d" + (i % 30) + "/f" + i + ".txt"), ("line " + i + "\n").repeat(1 + i % 40));
        }
        Path archive = tmp.resolve("a.berth");
        try (BackupWriter w = BackupWriter.open(
                archive, BackupInfo.now("demo", "1", "demo", src.toString()), ProgressListener.NONE, () -> false)) {
            w.addDirectory("files", src, EntryFilter.ALL);
            w.finish();
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] buf = new byte[64 * 1024];
        readAll(archive, buf); // warm up

        long before = threads.getCurrentThreadAllocatedBytes();
        int entries = readAll(archive, buf);
        long perEntry = (threads.getCurrentThreadAllocatedBytes() - before) / entries;

        // what is left per entry: the parsed header (TarArchiveEntry, its name), the PAX record of
        // the microsecond mtime; the decoder's six 1 MiB chunks are allocated once per pass
        assertThat(entries).isGreaterThan(files);
        assertThat(perEntry).as("bytes allocated per entry").isLessThan(4096);
    }

    /** Reads every entry's data, as a verify pass does; returns the number of entries. */
    private static int readAll(Path archive, byte[] buf) throws Exception {
        try (ArchiveInput in = ArchiveInput.open(archive)) {
            while (in.next() != null) {
                while (in.read(buf, 0, buf.length) >= 0) {
                    // the data only
                }
            }
            in.requireEnd();
            return in.ordinal();
        }
    }
}
