package dev.berth.reliability;

import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends one line per fault case to {@code target/reliability/ledger.tsv} (time, case, result),
 * the raw numbers behind {@code docs/reliability.md}.
 */
final class CrashLedger {
    private CrashLedger() {}

    static synchronized void record(String what, String result) {
        Path f = DockerTestBed.repoRoot().resolve("target/reliability/ledger.tsv");
        try {
            Files.createDirectories(f.getParent());
            Files.writeString(
                    f,
                    Instant.now() + "\t" + what.replace('\t', ' ') + "\t" + result.replace('\t', ' ') + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
