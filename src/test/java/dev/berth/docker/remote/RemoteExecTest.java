package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exec protocol without SSH: the fixed command line goes to a local login shell as sshd would
 * hand it over ({@code $SHELL -c COMMAND}), the header to its stdin.
 */
class RemoteExecTest {
    @TempDir
    Path tmp;

    record Ran(int exit, String stdout, String stderr) {}

    static Ran run(String loginShell, byte[] header, byte[] moreInput) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(loginShell.split(" ")));
        cmd.addAll(List.of("-c", RemoteExec.COMMAND));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("BERTH_LOGIN_VAR", "login");
        Process p = pb.start();
        p.getOutputStream().write(header);
        p.getOutputStream().write(moreInput);
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    static List<String> nulSplit(String s) {
        List<String> parts = new ArrayList<>(List.of(s.split("\0", -1)));
        parts.removeLast();
        return parts;
    }

    @ParameterizedTest(name = "login shell {0}")
    @ValueSource(strings = {"sh", "bash", "dash", "busybox sh"})
    void everyArgumentArrivesByteForByteWhateverTheLoginShell(String shell) throws Exception {
        List<String> nasty = new ArrayList<>(SshCommandRunnerIT.NASTY_ARGUMENTS);
        List<String> cmd = new ArrayList<>(List.of("printf", "%s\\0"));
        cmd.addAll(nasty);
        Ran r = run(shell, RemoteExec.header(cmd, Map.of(), Set.of(), "/"), new byte[0]);
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(nulSplit(r.stdout())).containsExactlyElementsOf(nasty);
        assertThat(r.stderr()).matches("berth-exec: ok \\d+ \\d+\n");
    }

    @Test
    void variablesAreSetAndUnsetAndTheFolderEntered() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SECRET", "multi\nline 'quoted' $NOT_EXPANDED");
        env.put("EMPTY", "");
        byte[] header = RemoteExec.header(
                List.of(
                        "sh",
                        "-c",
                        "printf '%s|%s|%s|%s|' \"$SECRET\" \"${EMPTY-unset}\" \"${BERTH_LOGIN_VAR-gone}\""
                                + " \"$(pwd)\"; cat"),
                env,
                Set.of("BERTH_LOGIN_VAR"),
                tmp.toString());
        Ran r = run("sh", header, "the rest of stdin".getBytes(StandardCharsets.UTF_8));
        assertThat(r.stdout())
                .isEqualTo("multi\nline 'quoted' $NOT_EXPANDED||gone|" + tmp.toRealPath() + "|the rest of stdin");
    }

    @Test
    void aMissingProgramOrFolderOrABrokenHeaderIsReportedBeforeAnythingRuns() throws Exception {
        Ran missing =
                run("sh", RemoteExec.header(List.of("berth-no-such-program"), Map.of(), Set.of(), "/"), new byte[0]);
        assertThat(missing.exit()).isEqualTo(127);
        assertThat(RemoteExec.readStart(stream(missing.stderr())))
                .isEqualTo(new RemoteExec.Start.Failed("not-found", ""));
        Ran noDir = run("sh", RemoteExec.header(List.of("true"), Map.of(), Set.of(), tmp + "/gone"), new byte[0]);
        assertThat(noDir.exit()).isEqualTo(RemoteExec.SETUP_FAILED);
        assertThat(RemoteExec.readStart(stream(noDir.stderr()))).isEqualTo(new RemoteExec.Start.Failed("no-dir", ""));
        Ran cut = run("sh", "a dHJ1ZQ==\n".getBytes(StandardCharsets.US_ASCII), new byte[0]);
        assertThat(cut.exit()).isEqualTo(RemoteExec.SETUP_FAILED);
        assertThat(cut.stderr()).contains("bad-header");
    }

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
    void theCommandLineIsFixedAndHoldsNothingOfTheCommand() throws Exception {
        assertThat(RemoteExec.COMMAND).startsWith("exec /bin/sh -c '").endsWith("'");
        assertThat(RemoteExec.COMMAND.substring(17, RemoteExec.COMMAND.length() - 1))
                .doesNotContain("'");
        Path script = tmp.resolve("check.sh");
        Files.writeString(script, RemoteExec.COMMAND);
        assertThat(new ProcessBuilder("sh", "-n", script.toString()).start().waitFor())
                .isZero();
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
