package dev.berth.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs a POSIX sh and /proc: the Linux test bed. */
class LocalCommandRunnerIT {
    @TempDir
    Path tmp;

    final LocalCommandRunner runner = new LocalCommandRunner(Map.of("PATH", System.getenv("PATH"), "BASE", "base"));

    @Test
    void runsInTheFolderWithTheBaseAndGivenEnvironment() throws Exception {
        try (RunningCommand c = runner.start(
                List.of("sh", "-c", "printf '%s|%s|%s|' \"$BASE\" \"$EXTRA\" \"$(pwd)\"; exit 3"),
                Map.of("EXTRA", "a b"),
                tmp)) {
            c.stdin().close();
            String out = new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(c.waitFor(Duration.ofSeconds(10))).isTrue();
            assertThat(out).isEqualTo("base|a b|" + tmp.toRealPath() + "|");
            assertThat(c.exitCode()).isEqualTo(3);
            assertThat(c.describe()).startsWith("sh (pid ").endsWith(" on this computer)");
        }
    }

    @Test
    void aMissingProgramOrFolderFailsAtStart() {
        assertThatThrownBy(() -> runner.start(List.of("berth-no-such-program"), Map.of(), tmp))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot run berth-no-such-program on this computer");
        assertThatThrownBy(() -> runner.start(List.of("true"), Map.of(), tmp.resolve("gone")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
    }

    /** Whether a process exists and is not a zombie waiting for a parent that reaps it. */
    static boolean runningOrSleeping(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            try {
                String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
                if (stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z")) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Test
    void terminateStopsTheCommandAndItsChildren() throws Exception {
        try (RunningCommand c =
                runner.start(List.of("sh", "-c", "trap '' TERM; sleep 300 & echo $!; wait"), Map.of(), tmp)) {
            c.stdin().close();
            long child = Long.parseLong(
                    new java.io.BufferedReader(new java.io.InputStreamReader(c.stdout(), StandardCharsets.UTF_8))
                            .readLine()
                            .strip());
            assertThat(c.isAlive()).isTrue();
            assertThatThrownBy(c::exitCode).isInstanceOf(IllegalStateException.class);
            c.terminate(Duration.ofMillis(500));
            assertThat(c.isAlive()).isFalse();
            // The child ignored SIGTERM (inherited from the trap): the SIGKILL after the grace got it.
            assertThat(runningOrSleeping(child)).isFalse();
        }
    }
}
