package dev.berth.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Deterministic small backups for tests outside this package (the CLI's golden files). */
public final class TestBackups {
    private TestBackups() {}

    /** A backup with fixed content, so its size and bytes are the same on every run. */
    public static Path write(Path file, String app, String version, String project, String install, Instant created)
            throws IOException {
        return new Crafted()
                .app(app)
                .version(version)
                .project(project)
                .install(install)
                .created(created)
                .dir("files")
                .file("files/docker-compose.yml", "services:\n  app:\n    image: " + app + ":" + version + "\n")
                .write(file, true);
    }

    /** Verifies the backup and marks it verified. */
    public static void markVerified(Path file) throws BackupException {
        BackupCatalog.markVerified(BackupReader.verify(file, ExpectedApp.ANY, ProgressListener.NONE, () -> false));
    }
}
