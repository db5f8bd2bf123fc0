package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallHistoryTest {
    @TempDir
    Path install;

    @Test
    void undoingARecordStepRemovesOnlyWhatThatRunRecorded() {
        InstallHistory.append(install, new InstallHistory.Entry("1.0.0", "install", Instant.EPOCH, "run-a", "r"));
        InstallHistory.append(install, new InstallHistory.Entry("1.1.0", "upgrade", Instant.EPOCH, "run-b", "r"));
        InstallHistory.append(install, new InstallHistory.Entry("2.0.0", "upgrade", Instant.EPOCH, "run-b", "r"));

        InstallHistory.remove(install, "run-b", "2.0.0");
        InstallHistory.remove(install, "run-b", "1.1.0");
        InstallHistory.remove(install, "run-b", "1.1.0"); // a resumed rollback undoes it again

        assertThat(InstallHistory.read(install))
                .extracting(InstallHistory.Entry::version)
                .containsExactly("1.0.0");
        assertThat(InstallHistory.currentVersion(install)).hasValue("1.0.0");
    }
}
