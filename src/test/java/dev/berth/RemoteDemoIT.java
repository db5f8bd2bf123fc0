package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.cli.BerthCommand;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import dev.berth.testbed.SshTestBed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line over SSH against the test bed's sshd (the "server" is this machine, reached as
 * {@value SshTestBed#USER}): install and upgrade the demo app into a folder on the server, a run
 * killed mid-upgrade finished from the journal on the server, backups kept there and copied to the
 * desktop with their hashes checked.
 *
 * <p>The files Berth writes on the server belong to {@value SshTestBed#USER}, not to the test's
 * user: that shows they went through SFTP as that user, not through this computer's file system.
 */
class RemoteDemoIT {
    static final Path RELEASES = DockerTestBed.repoRoot().resolve("demo/releases");
    static final String SECRET = "pw-" + DockerTestBed.randomHex(12);
    static final Path SERVER_HOME = Path.of("/home", SshTestBed.USER);

    @TempDir
    Path tmp;

    final List<String> projects = new ArrayList<>();
    final List<Path> serverDirs = new ArrayList<>();
    String out;
    String err;
    /** Options added after --host's (the jump host test sets {@code --jump}). */
    List<String> jump = List.of();

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
        SshTestBed.require();
    }

    @AfterEach
    void cleanUp() {
        for (String p : projects) {
            Commands.run(
                    Duration.ofMinutes(2),
                    "sh",
                    "-c",
                    "docker ps -aq --filter label=com.docker.compose.project=" + p + " | xargs -r docker rm -f -v;"
                            + " docker volume ls -q --filter label=com.docker.compose.project=" + p
                            + " | xargs -r docker volume rm; docker network ls -q --filter"
                            + " label=com.docker.compose.project=" + p + " | xargs -r docker network rm");
            serverDirs.add(SERVER_HOME.resolve(".local/share/berth/backups").resolve(p));
        }
        serverDirs.forEach(ContainerFiles::deleteTree);
    }

    /** The SSH options every command gets. */
    List<String> hostArgs() throws IOException {
        SshTestBed.Info i = SshTestBed.require();
        Path known = tmp.resolve("known_hosts");
        if (!Files.exists(known)) {
            SshTestBed.knownHosts(tmp);
        }
        return List.of(
                "--host",
                SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port(),
                "--identity",
                i.key().toString(),
                "--known-hosts",
                known.toString());
    }

    /** {@link #hostArgs()} and {@link #jump}. */
    List<String> allHostArgs() throws IOException {
        List<String> a = new ArrayList<>(hostArgs());
        a.addAll(jump);
        return a;
    }

    /** Runs the CLI in this JVM, as {@code berth} would, with a fresh wiring (its own connection). */
    int berth(List<String> args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("DOCKER_HOST");
        return berth(env, args);
    }

    int berth(Map<String, String> env, List<String> args) {
        var o = new ByteArrayOutputStream();
        var e = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (Wiring wiring = new Wiring(env, SecretPrompt.refuse());
                PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setOut(po);
            System.setErr(pe);
            var cl = BerthCommand.commandLine(wiring);
            cl.setOut(new java.io.PrintWriter(po, true));
            cl.setErr(new java.io.PrintWriter(pe, true));
            return cl.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> args(String... first) throws IOException {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(allHostArgs());
        return a;
    }

    /** Installs 1.0.0 into a new folder on the server, returns that folder (a path of this machine too). */
    Path install(String name) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String project = "berth-it-remote-" + DockerTestBed.randomHex(4);
        projects.add(project);
        Path dir = SERVER_HOME.resolve(project).resolve(name);
        serverDirs.add(dir.getParent());
        Path answers = tmp.resolve("answers-" + project + ".env");
        Files.writeString(
                answers,
                "DB_PASSWORD=" + SECRET + "\nWEB_PORT=" + port + "\nAPP_TITLE=Ledger over SSH\n",
                StandardCharsets.UTF_8);
        int code = berth(args(
                "install",
                "--release",
                RELEASES.resolve("1.0.0").toString(),
                "--target",
                dir.toString(),
                "--project",
                project,
                "--answers",
                answers.toString(),
                "--yes"));
        assertThat(code).as(err).isZero();
        return dir;
    }

    static String http(Path install, String method, String path, String body) throws Exception {
        String port = envValue(install, "WEB_PORT");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body)) : b.GET();
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }

    static String envValue(Path install, String key) throws IOException {
        return dev.berth.config.env.EnvParser.parse(install.resolve(".env"))
                .values()
                .get(key);
    }

    static String psql(String project, String sql) {
        return EngineDemoIT.psql(project, sql);
    }

    static String owner(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class).owner().getName();
    }

    static List<Path> backups(String project) throws IOException {
        Path dir = SERVER_HOME.resolve(".local/share/berth/backups").resolve(project);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".berth")).sorted().toList();
        }
    }

    @Test
    void installAndUpgradeOverSshKeepRecordsAndWriteAsTheServersUser() throws Exception {
        Path dir = install("ledger");
        String project = projects.getLast();
        for (int i = 0; i < 10; i++) {
            http(dir, "POST", "/records", "remote record " + i);
        }
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(owner(dir.resolve(".env")))
                .as("written through SFTP as the server's user")
                .isEqualTo(SshTestBed.USER);
        assertThat(Files.getPosixFilePermissions(dir.resolve(".env"))).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);

        int code = berth(args(
                "upgrade",
                "--install",
                dir.toString(),
                "--release",
                RELEASES.resolve("1.1.0").toString(),
                "--yes"));

        assertThat(code).as(err).isZero();
        assertThat(http(dir, "GET", "/version", ""))
                .contains("\"version\":\"1.1.0\"")
                .contains("Ledger over SSH");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("10");
        assertThat(envValue(dir, "DB_PASSWORD")).isEqualTo(SECRET);
        assertThat(out + err).doesNotContain(SECRET);
        assertThat(Files.exists(dir.resolve(".berth/journal.json")))
                .as("a finished run leaves no active journal")
                .isFalse();
        List<Path> kept = backups(project);
        assertThat(kept).as("the upgrade's backup is kept on the server").hasSize(1);
        assertThat(owner(kept.getFirst())).isEqualTo(SshTestBed.USER);
        assertThat(Files.getPosixFilePermissions(kept.getFirst())).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);

        assertThat(berth(args("backups", "--json", dir.toString()))).as(err).isZero();
        assertThat(out).contains(kept.getFirst().toString()).contains("\"install\" : \"" + dir + "\"");

        Path desktop = tmp.resolve("desktop-backups");
        assertThat(berth(args("backups", "--json", "--copy-to", desktop.toString(), dir.toString())))
                .as(err)
                .isZero();
        Path copy = desktop.resolve(kept.getFirst().getFileName().toString());
        assertThat(out).contains("\"copy\" : \"" + copy + "\"");
        assertThat(err).contains("(same as on the server)").contains("every entry verified");
        assertThat(Files.mismatch(copy, kept.getFirst())).isEqualTo(-1L);
        assertThat(owner(copy)).as("a copy on this computer").isEqualTo(System.getProperty("user.name"));
        assertThat(dev.berth.backup.BackupCatalog.isVerified(copy)).isTrue();

        assertThat(berth(args(
                        "env",
                        "docs",
                        "--json",
                        "--template",
                        dir.resolve(".env.example").toString())))
                .as(err)
                .isZero();
        assertThat(out).contains("\"name\" : \"PAGE_SIZE\"");
    }

    @Test
    void aJumpHostCarriesInstallAndScanAndAJumpHostThatIsDownStopsThem() throws Exception {
        SshTestBed.Info i = SshTestBed.require();
        // The test sshd is its own jump host: connect there, then forward to itself.
        jump = List.of("--jump", SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port());
        Path dir = install("app");

        assertThat(berth(args("scan", "--json", dir.getParent().toString())))
                .as(err)
                .isZero();
        assertThat(out).contains("\"workingDir\" : \"" + dir + "\"");

        // Proof that --jump is used: the same command through a jump host where nothing listens fails.
        jump = List.of("--jump", SshTestBed.USER + "@" + SshTestBed.HOST + ":1");
        assertThat(berth(args("scan", "--json", dir.getParent().toString())))
                .as(err)
                .isNotZero();
        assertThat(err).contains("127.0.0.1 port 1");
    }

    @Test
    void aBackupCopiedToThisComputerIsUploadedCheckedAndRestoredOnTheServer() throws Exception {
        Path dir = install("restored");
        String project = projects.getLast();
        for (int i = 1; i <= 3; i++) {
            http(dir, "POST", "/records", "in the backup " + i);
        }
        assertThat(berth(args("backup", "--install", dir.toString(), "--yes")))
                .as(err)
                .isZero();
        List<Path> kept = backups(project);
        assertThat(kept).as("backed up on the server").hasSize(1);
        Path desktop = tmp.resolve("desktop");
        assertThat(berth(args("backups", "--copy-to", desktop.toString(), dir.toString())))
                .as(err)
                .isZero();
        Path copy = desktop.resolve(kept.getFirst().getFileName().toString());
        // Only the desktop copy is left, and the install moves on after the backup.
        Files.delete(kept.getFirst());
        http(dir, "POST", "/records", "after the backup");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("4");

        // Into a new folder on the server, beside the original (its own project and ports).
        String copyProject = project + "-copy";
        projects.add(copyProject);
        Path copyDir = dir.resolveSibling("copy");
        assertThat(berth(args(
                        "restore",
                        "--backup",
                        copy.toString(),
                        "--target",
                        copyDir.toString(),
                        "--project",
                        copyProject,
                        "--yes")))
                .as(err)
                .isZero();

        assertThat(err).contains("Uploading " + copy).contains("(same on the server)");
        assertThat(psql(copyProject, "select count(*) from records"))
                .as("the state of the backup, on the server")
                .isEqualTo("3");
        assertThat(psql(project, "select count(*) from records"))
                .as("the original untouched")
                .isEqualTo("4");
        assertThat(owner(copyDir.resolve(".env"))).isEqualTo(SshTestBed.USER);
        Path uploaded = SERVER_HOME
                .resolve(".local/share/berth/backups")
                .resolve(project)
                .resolve(copy.getFileName().toString());
        assertThat(Files.mismatch(uploaded, copy)).as("uploaded intact").isEqualTo(-1L);
        assertThat(owner(uploaded)).isEqualTo(SshTestBed.USER);
        assertThat(Files.getPosixFilePermissions(uploaded)).isEqualTo(dev.berth.config.AtomicFiles.PRIVATE);
        assertThat(Files.exists(uploaded.resolveSibling(uploaded.getFileName() + ".partial")))
                .isFalse();

        // In place, over the original: its data folder belongs to the container's user, which the
        // SSH user may neither move aside nor write; the helper container on the server does both,
        // so the restore works, owners and modes kept; the upload already there is reused.
        Path data = dir.resolve("data");
        Object uid = Files.getAttribute(data, "unix:uid");
        Object mode = Files.getAttribute(data, "unix:mode");
        List<String> owners = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.sorted().toList()) {
                owners.add(data.relativize(p) + " "
                        + Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
            }
        }
        assertThat(uid)
                .as("the test needs a data folder the SSH user does not own")
                .isNotEqualTo(Files.getAttribute(SERVER_HOME, "unix:uid"));

        assertThat(berth(args("restore", "--backup", copy.toString(), "--yes")))
                .as(err)
                .isZero();

        assertThat(err).contains("already").doesNotContain("Uploading");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("3");
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(Files.getAttribute(data, "unix:uid"))
                .as("the data folder's owner kept")
                .isEqualTo(uid);
        assertThat(Files.getAttribute(data, "unix:mode")).isEqualTo(mode);
        List<String> after = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            for (Path p : s.sorted().toList()) {
                after.add(data.relativize(p) + " "
                        + Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS));
            }
        }
        assertThat(after).as("every data file back with its archived owner").containsAll(owners.subList(0, 1));
        assertThat(after.stream()
                        .filter(o -> !o.startsWith(" "))
                        .map(o -> o.substring(o.lastIndexOf(' ') + 1))
                        .distinct())
                .as("nothing in the data folder became the SSH login's")
                .doesNotContain(String.valueOf(Files.getAttribute(SERVER_HOME, "unix:uid")));
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprintUntilTheUserAcceptsIt() throws Exception {
        SshTestBed.Info i = SshTestBed.require();
        Path known = tmp.resolve("empty_known_hosts");
        Files.writeString(known, "");
        List<String> a = new ArrayList<>(List.of(
                "backups",
                "--json",
                "--host",
                SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port(),
                "--identity",
                i.key().toString(),
                "--known-hosts",
                known.toString()));

        assertThat(berth(a)).as(err).isEqualTo(3);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--accept-host-key (SHA256:\\S+)")
                .matcher(err);
        assertThat(m.find()).as(err).isTrue();
        assertThat(Files.readString(known))
                .as("nothing trusted before the user says so")
                .isEmpty();
        assertThat(out).isEmpty();

        a.addAll(List.of("--accept-host-key", m.group(1)));
        assertThat(berth(a)).as(err).isZero();
        assertThat(Files.readString(known)).contains("[" + SshTestBed.HOST + "]:" + i.port());

        a.removeLast();
        a.removeLast();
        assertThat(berth(a))
                .as("known now: no --accept-host-key needed; " + err)
                .isZero();
    }

    @Test
    void dockerHostWithAnSshAddressChoosesTheServerWithoutHost() throws Exception {
        SshTestBed.Info i = SshTestBed.require();
        Path known = SshTestBed.knownHosts(tmp);
        String project = "berth-it-remote-" + DockerTestBed.randomHex(4);
        projects.add(project);
        // In the server user's backup folder, which this computer's Berth (another user) does not list.
        Path onServer = SERVER_HOME
                .resolve(".local/share/berth/backups")
                .resolve(project)
                .resolve("only-there.berth");
        dev.berth.backup.TestBackups.write(
                onServer, "demo", "1.0.0", project, "/srv/" + project, java.time.Instant.parse("2026-03-01T10:00:00Z"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("DOCKER_HOST", "ssh://" + SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port());

        int code = berth(
                env, List.of("backups", "--json", "--identity", i.key().toString(), "--known-hosts", known.toString()));

        assertThat(code).as(err).isZero();
        assertThat(out).contains(onServer.toString());
    }

    @Test
    void anUpgradeKilledMidwayOverSshIsFinishedByResumeOverANewConnection() throws Exception {
        Path dir = install("crash");
        String project = projects.getLast();
        for (int i = 0; i < 5; i++) {
            http(dir, "POST", "/records", "survive " + i);
        }

        ProcessResult killed = TestInstalls.berthProcess(
                Map.of("BERTH_CRASH_AT", "apply:after"),
                args(
                        "upgrade",
                        "--install",
                        dir.toString(),
                        "--release",
                        RELEASES.resolve("1.1.0").toString(),
                        "--yes"));

        assertThat(killed.exitCode()).as(killed.stderr()).isEqualTo(137);
        assertThat(dir.resolve(".berth/journal.json"))
                .as("the journal lives on the server")
                .exists();
        assertThat(owner(dir.resolve(".berth/journal.json"))).isEqualTo(SshTestBed.USER);

        int code = berth(args("resume", "--install", dir.toString()));

        assertThat(code).as(err).isZero();
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.1.0\"");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("5");
        assertThat(dir.resolve(".berth/journal.json")).doesNotExist();
    }

    static List<String> dataFiles(Path install) throws IOException {
        try (Stream<Path> s = Files.walk(install.resolve("data"))) {
            return s.filter(Files::isRegularFile)
                    .map(p -> install.resolve("data").relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void anUpgradeKilledAfterTheMigrationIsRolledBackOverSshRestoringDataOnTheServer() throws Exception {
        Path dir = install("remote-rollback");
        String project = projects.getLast();
        for (int i = 0; i < 4; i++) {
            http(dir, "POST", "/records", "restore me " + i);
        }
        List<String> filesBefore = dataFiles(dir);
        assertThat(filesBefore).isNotEmpty();
        Path aFile = dir.resolve("data").resolve(filesBefore.getFirst());
        String ownerBefore = owner(aFile);
        String contentBefore = Files.readString(aFile);

        ProcessResult killed = TestInstalls.berthProcess(
                Map.of("BERTH_CRASH_AT", "start:before"),
                args(
                        "upgrade",
                        "--install",
                        dir.toString(),
                        "--release",
                        RELEASES.resolve("1.1.0").toString(),
                        "--yes"));
        assertThat(killed.exitCode()).as(killed.stderr()).isEqualTo(137);

        int code = berth(args("rollback", "--install", dir.toString()));

        assertThat(code).as("exit 1: rolled back; " + err).isEqualTo(1);
        assertThat(err)
                .contains("Restoring the data folder " + dir.resolve("data"))
                .contains("Rolled back: 1.0.0 runs again");
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("4");
        assertThat(psql(
                        project,
                        "select count(*) from information_schema.columns where table_name = 'records'"
                                + " and column_name = 'body_length'"))
                .as("the migration that ran before the crash was undone")
                .isEqualTo("0");
        assertThat(dataFiles(dir)).isEqualTo(filesBefore);
        assertThat(owner(aFile)).as("restored with the owner it had").isEqualTo(ownerBefore);
        assertThat(Files.readString(aFile)).isEqualTo(contentBefore);
        assertThat(dir.resolve(".berth/journal.json")).doesNotExist();
    }

    @Test
    void anUpgradeKilledMidwayOverSshIsRolledBackFromTheServerWithTheLocalCli() throws Exception {
        Path dir = install("local-rollback");
        String project = projects.getLast();
        for (int i = 0; i < 3; i++) {
            http(dir, "POST", "/records", "stay " + i);
        }

        ProcessResult killed = TestInstalls.berthProcess(
                Map.of("BERTH_CRASH_AT", "start:before"),
                args(
                        "upgrade",
                        "--install",
                        dir.toString(),
                        "--release",
                        RELEASES.resolve("1.1.0").toString(),
                        "--yes"));
        assertThat(killed.exitCode()).as(killed.stderr()).isEqualTo(137);

        // On the server itself: no --host, the same folder, the same journal and lock.
        List<String> local = new ArrayList<>(List.of("rollback", "--install", dir.toString()));
        int code = berth(local);

        assertThat(code).as("exit 1: rolled back; " + err).isEqualTo(1);
        assertThat(err).contains("Rolled back: 1.0.0 runs again");
        assertThat(http(dir, "GET", "/version", "")).contains("\"version\":\"1.0.0\"");
        assertThat(psql(project, "select count(*) from records")).isEqualTo("3");
        assertThat(Files.readString(dir.resolve("docker-compose.yml"))).contains("berth-demo/web:1.0.0");
    }
}
