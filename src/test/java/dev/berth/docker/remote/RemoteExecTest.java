package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exec protocol's header, start line and termination command, without any shell. */
class RemoteExecTest {
    @TempDir
    Path tmp;

    @Test
    void theStartLineIsFoundAfterALoginScriptsChatter() throws IOException {
        RemoteExec.Start s = RemoteExec.readStart(stream("Welcome!\nmotd line\nberth-exec: ok 123 120\nreal stderr\n"));
        assertThat(s).isEqualTo(new RemoteExec.Start.Running(123, 120));
        RemoteExec.Start failed = RemoteExec.readStart(stream("bash: /bin/sh: Permission denied\n"));
        assertThat(failed).isEqualTo(new RemoteExec.Start.Failed("", "bash: /bin/sh: Permission denied"));
    }

    @Test
    void theStartLineIsReadWithoutTakingTheCommandsOwnStderr() throws IOException {
        InputStream in = stream("berth-exec: ok 5 5\nfirst line of the command\n");
        RemoteExec.readStart(in);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first line of the command\n");
    }

    @Test
    void plainValuesTravelAsTheyAreAndOthersEncoded() {
        String h = new String(
                RemoteExec.header(
                        List.of("docker-compose", "-f", "/srv/app/docker-compose.yml", "a b", ""),
                        Map.of("TOKEN", "x;y"),
                        Set.of(),
                        "/srv/app"),
                StandardCharsets.US_ASCII);
        assertThat(h)
                .isEqualTo("e TOKEN eDt5\nW /srv/app\nA docker-compose\nA -f\nA /srv/app/docker-compose.yml\n"
                        + "a YSBi\na \n.\n");
    }

    @Test
    void namesAndNulsThatCannotTravelAreRefused() {
        assertThatThrownBy(() -> RemoteExec.header(List.of("x"), Map.of("A=B", "1"), Set.of(), "/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteExec.header(List.of("x"), Map.of(), Set.of("1X"), "/"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteExec.header(List.of("a\0b"), Map.of(), Set.of(), "/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    @Test
    void terminationSignalsTheGroupAndRefusesSystemGroups() {
        assertThat(RemoteExec.terminateCommand(4242, 50))
                .contains("kill -TERM -4242")
                .contains("kill -KILL -4242");
        assertThatThrownBy(() -> RemoteExec.terminateCommand(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteExec.terminateCommand(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(RemoteExec.signalNumber("KILL")).isEqualTo(9);
        assertThat(RemoteExec.signalNumber("TERM")).isEqualTo(15);
        assertThat(RemoteExec.signalNumber("WINCH")).isZero();
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
