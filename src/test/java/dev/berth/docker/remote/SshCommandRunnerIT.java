package dev.berth.docker.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.docker.RunningCommand;
import dev.berth.testbed.SshTestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshCommandRunnerIT {
    private static final Path ROOT = Path.of("/");
    private static final java.util.concurrent.Executor VIRTUAL = Thread::startVirtualThread;
    static final List<String> NASTY_ARGUMENTS = List.of(
            "plain",
            "two words",
            "  leading and trailing  ",
            "single ' quote",
            "double \" quote",
            "$HOME and ${PATH} and $(id) and `id`",
            "semi; colon && and || or | pipe",
            "new\nline\n",
            "back\\slash\\\\",
            "glob * ? [a-z]",
            "tab\tand\rreturn",
            "-dash-first",
            "",
            "!bang !! history",
            "#hash",
            "~tilde",
            "ünïcödé 日本 🚢",
            "a'\"'\"'b",
            "'",
            "\"");

    @TempDir
    static Path tmp;

    static SshConnector connector;
    static RemoteSession session;
    static SshCommandRunner runner;

    @BeforeAll
    static void connect() throws IOException {
        SshTestBed.require();
        connector = new SshConnector(SshTestBed.options(SshTestBed.knownHosts(tmp)));
        session = connector.connect(SshTestBed.host());
        runner = session.commands();
    }

    @AfterAll
    static void close() {
        if (session != null) {
            session.close();
        }
        if (connector != null) {
            connector.close();
        }
    }

    /** Runs to the end with stdin closed; returns exit code, stdout and stderr. */
    static Result run(List<String> command, Map<String, String> env, Path dir) throws Exception {
        try (RunningCommand c = runner.start(command, env, dir)) {
            c.stdin().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(c, true), VIRTUAL);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(c, false), VIRTUAL);
            assertThat(c.waitFor(Duration.ofSeconds(30)))
                    .as("%s ended", command)
                    .isTrue();
            return new Result(c.exitCode(), out.get(), err.get());
        }
    }

    record Result(int exitCode, byte[] stdout, byte[] stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(RunningCommand c, boolean stdout) {
        try {
            return (stdout ? c.stdout() : c.stderr()).readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void argumentsArriveExactlyAsGivenWhateverTheyHold() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("printf", "%s\\0"));
        cmd.addAll(NASTY_ARGUMENTS);
        Result r = run(cmd, Map.of(), ROOT);
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> got = Arrays.asList(r.out().split("\0", -1));
        assertThat(got.subList(0, got.size() - 1)).containsExactlyElementsOf(NASTY_ARGUMENTS);
    }

    @Test
    void theProgramItselfMayHaveSpacesAndQuotesInItsPath() throws Exception {
        Path dir = Path.of("/tmp/berth-it-remote dir 'q'");
        Result mk = run(
                List.of(
                        "sh",
                        "-c",
                        "mkdir -p \"$1\" && printf '#!/bin/sh\\necho ran \"$@\"\\n' > \"$1/my prog\""
                                + " && chmod 755 \"$1/my prog\"",
                        "x",
                        dir.toString()),
                Map.of(),
                ROOT);
        assertThat(mk.exitCode()).as(mk.err()).isZero();
        try {
            Result r = run(List.of(dir + "/my prog", "a b", "$c"), Map.of(), ROOT);
            assertThat(r.out()).isEqualTo("ran a b $c\n");
        } finally {
            run(List.of("rm", "-rf", dir.toString()), Map.of(), ROOT);
        }
    }

    @Test
    void environmentValuesArriveExactlyAndNeverOnACommandLine() throws Exception {
        String secret = "s3cr3t-" + HexFormat.of().formatHex(new byte[] {1, 2, 3}) + "-$HOME;'\"`x`\nline2";
        try (RunningCommand c = runner.start(
                List.of("sh", "-c", "printf %s \"$BERTH_SECRET\"; echo; sleep 30"),
                Map.of("BERTH_SECRET", secret, "OTHER", "x y"),
                ROOT)) {
            byte[] echoed = c.stdout().readNBytes(secret.getBytes(StandardCharsets.UTF_8).length + 1);
            assertThat(new String(echoed, StandardCharsets.UTF_8)).isEqualTo(secret + "\n");
            // The server is this machine: no process may show the secret on its command line.
            List<String> leaks = new ArrayList<>();
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .toList()) {
                    try {
                        String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                        if (cmdline.contains("s3cr3t-010203")) {
                            leaks.add(p + ": " + cmdline.replace('\0', ' '));
                        }
                    } catch (IOException e) {
                        // the process ended meanwhile
                    }
                }
            }
            assertThat(leaks)
                    .as("processes showing the secret in their command line")
                    .isEmpty();
            c.terminate(Duration.ofSeconds(2));
        }
    }

    @Test
    void exitCodesAndStderrComeBack() throws Exception {
        Result r = run(List.of("sh", "-c", "echo out; echo err >&2; exit 42"), Map.of(), ROOT);
        assertThat(r.exitCode()).isEqualTo(42);
        assertThat(r.out()).isEqualTo("out\n");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(run(List.of("true"), Map.of(), ROOT).exitCode()).isZero();
        assertThat(run(List.of("sh", "-c", "kill -TERM $$"), Map.of(), ROOT).exitCode())
                .isEqualTo(128 + 15);
    }

    @Test
    void outputWrittenJustBeforeExitIsNotLost() throws Exception {
        Result r = run(List.of("sh", "-c", "head -c 3000000 /dev/zero | tr '\\0' x; echo tail >&2"), Map.of(), ROOT);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(3_000_000);
        assertThat(r.err()).isEqualTo("tail\n");
    }

    @Test
    void stdinReachesTheCommandAfterTheHeader() throws Exception {
        try (RunningCommand c = runner.start(List.of("sha256sum"), Map.of(), ROOT)) {
            byte[] data = new byte[1_000_000];
            new java.util.Random(7).nextBytes(data);
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(c, true), VIRTUAL);
            try (OutputStream in = c.stdin()) {
                in.write(data);
            }
            assertThat(c.waitFor(Duration.ofSeconds(30))).isTrue();
            String expected = HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(data));
            assertThat(new String(out.get(), StandardCharsets.UTF_8)).startsWith(expected + "  -");
        }
    }

    @Test
    void runsInTheWorkingFolderGivenAsAnSftpPath() throws Exception {
        Path home = session.sftp().getPath("").toAbsolutePath();
        Result r = run(List.of("pwd"), Map.of(), home);
        assertThat(r.out().strip()).isEqualTo(home.toString()).isEqualTo("/home/" + SshTestBed.USER);
    }

    @Test
    void aMissingProgramOrFolderIsReportedAtStartAndNothingRuns() {
        assertThatThrownBy(() -> runner.start(List.of("berth-no-such-program"), Map.of(), ROOT))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot run berth-no-such-program on " + SshTestBed.USER + "@127.0.0.1")
                .hasMessageContaining("not installed there or not on the login PATH");
        assertThatThrownBy(() -> runner.start(List.of("true"), Map.of(), Path.of("/no/such/folder")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/no/such/folder")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> runner.start(List.of("true"), Map.of("BAD NAME", "x"), ROOT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unsetVariablesAreRemovedFromTheLoginEnvironment() throws Exception {
        SshCommandRunner r = session.commands(Set.of("HOME", "COMPOSE_FILE"));
        try (RunningCommand c = r.start(
                List.of("sh", "-c", "echo \"home=${HOME-unset} user=$USER\""), Map.of("COMPOSE_FILE", "x"), ROOT)) {
            c.stdin().close();
            String out = new String(c.stdout().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(out).isEqualTo("home=unset user=" + SshTestBed.USER + "\n");
        }
    }

    @Test
    void terminateKillsTheWholeProcessGroupOnTheServer() throws Exception {
        String tag = "berth-it-" + HexFormat.of().formatHex(new byte[] {9, 8, 7, 6});
        try (RunningCommand c = runner.start(
                List.of("sh", "-c", "sleep 300 & sleep 301 & trap '' TERM; wait; sleep 302", tag), Map.of(), ROOT)) {
            c.stdin().close();
            SshRunningCommand ssh = (SshRunningCommand) c;
            long group = ssh.processGroup();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (members(group).size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20); // the shell is still starting its two children
            }
            assertThat(members(group)).as("processes of group %d", group).hasSizeGreaterThanOrEqualTo(3);
            long t0 = System.nanoTime();
            c.terminate(Duration.ofSeconds(1));
            // The shell ignores SIGTERM: it took the SIGKILL after the grace period.
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(c.waitFor(Duration.ofSeconds(10))).isTrue();
            assertThat(c.exitCode()).isEqualTo(128 + 9);
            assertThat(members(group)).as("processes left in group %d", group).isEmpty();
        }
    }

    @Test
    void closingARunningCommandStopsIt() throws Exception {
        long group;
        try (RunningCommand c = runner.start(List.of("sleep", "300"), Map.of(), ROOT)) {
            group = ((SshRunningCommand) c).processGroup();
            assertThat(c.isAlive()).isTrue();
        }
        assertThat(members(group)).isEmpty();
    }

    /** The live (not zombie) processes of a process group on this machine (the server is local). */
    static List<Long> members(long group) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == group && !f[0].equals("Z")) {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // ended meanwhile
                }
            }
        }
        return pids;
    }

    @Test
    void describeNamesTheProgramPidAndHost() throws Exception {
        try (RunningCommand c = runner.start(List.of("sleep", "5"), Map.of("SECRET", "hidden-value"), ROOT)) {
            assertThat(c.describe())
                    .startsWith("sleep (pid ")
                    .endsWith(" on " + SshTestBed.USER + "@127.0.0.1:"
                            + SshTestBed.require().port() + ")")
                    .doesNotContain("hidden-value");
        }
    }

    static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
