package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
 * The exec protocol against real shells, without SSH: the fixed command line goes to a login shell
 * as sshd hands it over ({@code $SHELL -c COMMAND}), the header to its stdin. Needs the Linux test
 * bed's shells (dash is Debian's sh; busybox comes with {@code .ci/setup.sh}).
 */
class RemoteExecShellsIT {
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

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
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
    void theCommandLineIsFixedAndHoldsNothingOfTheCommand() throws Exception {
        assertThat(RemoteExec.COMMAND).startsWith("exec /bin/sh -c '").endsWith("'");
        assertThat(RemoteExec.COMMAND.substring(17, RemoteExec.COMMAND.length() - 1))
                .doesNotContain("'");
        Path script = tmp.resolve("check.sh");
        Files.writeString(script, RemoteExec.COMMAND);
        assertThat(new ProcessBuilder("sh", "-n", script.toString()).start().waitFor())
                .isZero();
    }
}
