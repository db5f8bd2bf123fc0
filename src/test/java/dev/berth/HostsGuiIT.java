package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupListing;
import dev.berth.cli.BerthCommand;
import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.docker.remote.SecretPrompt;
import dev.berth.gui.AppSettings;
import dev.berth.gui.FxWait;
import dev.berth.gui.MainWindow;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunViewModel;
import dev.berth.gui.home.HomeViewModel;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.restore.RestoreViewModel;
import dev.berth.gui.resume.ResumeViewModel;
import dev.berth.gui.settings.HostsViewModel;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerHealth;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.ProcessResult;
import dev.berth.testbed.SshTestBed;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app with its real wiring and a server over SSH, headless: the demo app is installed
 * on the test bed's sshd ({@code berth-ssh@127.0.0.1:2222}, the real Docker engine) with the CLI
 * first; then, in the app, the server is added in Settings → Servers, its connection tested (its
 * unknown host key shown and accepted, which writes known_hosts), and Home lists the install with
 * the server as its machine. Backing it up from Home then writes the backup on the server, proving
 * Home's actions drive the engine of that server.
 *
 * <p>With {@code -Dberth.hosts.shots=DIR} it also writes PNGs of Settings → Servers and Home.
 */
@ExtendWith(ApplicationExtension.class)
class HostsGuiIT {
    static final Path RELEASES = DockerTestBed.repoRoot().resolve("demo/releases");
    static final String PROJECT = "berth-hosts-" + DockerTestBed.randomHex(4);
    static final Path SERVER_HOME = Path.of("/home", SshTestBed.USER);
    /** The restored copy: its folder on the server and so its compose project. */
    static final String COPY = "berth-it-servers-" + DockerTestBed.randomHex(4);

    static Path tmp;
    static Path installDir;

    AppDirs dirs;
    MainWindow window;
    Stage stage;
    Path knownHosts;

    @BeforeAll
    static void installOnTheServerWithTheCli() throws Exception {
        DockerTestBed.require();
        SshTestBed.Info i = SshTestBed.require();
        tmp = Files.createTempDirectory("berth-hosts-gui-");
        installDir = SERVER_HOME.resolve(PROJECT).resolve("app");
        Path answers = tmp.resolve("answers.env");
        Files.writeString(answers, "DB_PASSWORD=pw-" + DockerTestBed.randomHex(8) + "\nWEB_PORT=" + freePort() + "\n");
        SshTestBed.knownHosts(tmp);
        String err = cli(
                "install",
                "--release",
                RELEASES.resolve("1.0.0").toString(),
                "--target",
                installDir.toString(),
                "--project",
                PROJECT,
                "--answers",
                answers.toString(),
                "--yes",
                "--host",
                SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port(),
                "--identity",
                i.key().toString(),
                "--known-hosts",
                tmp.resolve("known_hosts").toString());
        assertThat(Files.isRegularFile(installDir.resolve(".env"))).as(err).isTrue();
    }

    /** Runs the CLI in this JVM with its own wiring; returns what it wrote to stderr. */
    static String cli(String... args) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove("DOCKER_HOST");
        var e = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        int code;
        try (Wiring wiring = new Wiring(env, SecretPrompt.refuse());
                PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            System.setErr(pe);
            var cl = BerthCommand.commandLine(wiring);
            cl.setErr(new java.io.PrintWriter(pe, true));
            code = cl.execute(args);
        } finally {
            System.setErr(oldErr);
        }
        String text = e.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        return text;
    }

    @AfterAll
    static void removeEverything() {
        TestInstalls.removeProject(PROJECT);
        TestInstalls.removeProject(COPY);
        ContainerFiles.deleteTree(SERVER_HOME.resolve(PROJECT));
        ContainerFiles.deleteTree(
                SERVER_HOME.resolve(".local/share/berth/backups").resolve(PROJECT));
        if (tmp != null) {
            ContainerFiles.deleteTree(tmp);
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", tmp.resolve("home").toString()));
        new Settings("", "", 5, Settings.Language.ENGLISH, Settings.Theme.LIGHT, List.of(), List.of())
                .write(dirs.settingsFile());
        // The app's own known_hosts, empty: the server's key is unknown until accepted in the app.
        knownHosts = tmp.resolve("home").resolve("known_hosts");
        Files.writeString(knownHosts, "");
        FxBridge bridge = FxBridge.platform();
        window = new MainWindow(
                GuiWiring.services(dirs, new GuiWiring.Servers(dirs, Optional.of(knownHosts), SecretPrompt.refuse())),
                AppSettings.load(dirs.settingsFile(), bridge),
                bridge,
                MainWindow.WindowMemory.FORGET);
        window.show(stage, Optional.empty());
    }

    @Test
    void aServerAddedAndTestedInSettingsShowsItsInstallOnHomeAndBacksUpThere(FxRobot robot) throws Exception {
        SshTestBed.Info i = SshTestBed.require();
        String server = SshTestBed.USER + "@" + SshTestBed.HOST + ":" + i.port();
        waitFor(Duration.ofSeconds(120), () -> window.home().stateProperty().get() != HomeViewModel.State.LOADING);

        // ---- Settings → Servers: add, test, accept the unknown key ----
        robot.clickOn("#nav-settings");
        FxWait.shown(robot, "#hosts-address");
        robot.interact(() -> {
            robot.lookup("#hosts-address").queryAs(TextField.class).setText(server);
            window.hostsPage().authProperty().set(HostsViewModel.Auth.KEY_FILE);
            robot.lookup("#hosts-key-file")
                    .queryAs(TextField.class)
                    .setText(i.key().toString());
        });
        showServers(robot);
        robot.clickOn("#hosts-add");
        waitFor(Duration.ofSeconds(10), () -> !window.hostsPage().servers().isEmpty());
        assertThat(Settings.read(dirs.settingsFile()).hosts())
                .containsExactly(new Settings.SshServer(server, i.key().toString(), ""));

        showServers(robot);
        robot.clickOn("#hosts-test");
        waitFor(
                Duration.ofSeconds(60),
                () -> window.hostsPage().testStateProperty().get() == HostsViewModel.TestState.UNKNOWN_KEY);
        String shown = robot.lookup("#hosts-test-result").queryAs(Label.class).getText();
        assertThat(shown).contains("[127.0.0.1]:" + i.port()).containsPattern("SHA256:[A-Za-z0-9+/]{43}");
        assertThat(Files.readString(knownHosts))
                .as("nothing trusted before Accept")
                .isEmpty();
        showServers(robot);
        shot("settings-hosts-unknown-key");

        showServers(robot);
        robot.clickOn("#hosts-accept-key");
        waitFor(
                Duration.ofSeconds(60),
                () -> window.hostsPage().testStateProperty().get() != HostsViewModel.TestState.TESTING);
        assertThat(window.hostsPage().testStateProperty().get())
                .as(robot.lookup("#hosts-test-result").queryAs(Label.class).getText())
                .isEqualTo(HostsViewModel.TestState.CONNECTED);
        assertThat(robot.lookup("#hosts-test-result").queryAs(Label.class).getText())
                .startsWith("Connected to " + server + ": Docker ")
                .contains("compose");
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + i.port() + " ");
        showServers(robot);
        shot("settings-hosts");

        // ---- Home: the server's install, with the server as its machine ----
        robot.clickOn("#nav-home");
        robot.clickOn("#home-refresh");
        waitFor(
                Duration.ofSeconds(180),
                () -> window.home().hosts().stream().allMatch(h -> h.state() != HomeViewModel.HostState.LOADING));
        assertThat(window.home().hosts())
                .as("the server was searched: " + window.home().hosts())
                .extracting(HomeViewModel.HostStatus::state)
                .containsExactly(HomeViewModel.HostState.LISTED);
        // The disk use is measured on the server after the rows are shown; the row is replaced then.
        waitFor(
                Duration.ofSeconds(180),
                () -> serverRow().map(x -> x.diskUseBytes() >= 0).orElse(false));
        InstallRow r = row().orElseThrow();
        assertThat(r.diskUseBytes())
                .as("the database volume and data folder, measured on the server")
                .isGreaterThan(1_000_000L);
        assertThat(r.host()).isEqualTo(server);
        assertThat(r.installDir().toString()).isEqualTo(installDir.toString());
        assertThat(r.version()).isEqualTo("1.0.0");
        assertThat(r.app()).isEqualTo("berth-demo");

        var table = robot.lookup("#home-table").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> table.scrollTo(r));
        WaitForAsyncUtils.waitForFxEvents();
        TableRow<?> tableRow = robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
                .filter(t ->
                        t.getItem() instanceof InstallRow ir && ir.project().equals(PROJECT) && !ir.isLocal())
                .findFirst()
                .orElseThrow();
        robot.clickOn(tableRow);
        assertThat(robot.lookup("#home-open-folder").queryAs(Button.class).isDisabled())
                .as("a server's folder cannot be opened here")
                .isTrue();
        assertThat(robot.lookup("#home-backup").queryAs(Button.class).isDisabled())
                .isFalse();
        shot("home-hosts");

        // ---- Back up from Home: the engine of that server writes the backup there ----
        robot.clickOn("#home-backup");
        FxWait.shown(robot, "#task-start");
        waitFor(
                Duration.ofSeconds(60),
                () -> !robot.lookup("#task-start").queryAs(Button.class).isDisabled());
        robot.clickOn("#task-start");
        waitFor(
                Duration.ofSeconds(300),
                () -> window.task()
                        .get()
                        .map(t -> t.run().stateProperty().get() == RunViewModel.State.FINISHED)
                        .orElse(true));
        Path backups = SERVER_HOME.resolve(".local/share/berth/backups").resolve(PROJECT);
        try (var files = Files.list(backups)) {
            List<Path> archives =
                    files.filter(f -> f.toString().endsWith(".berth")).toList();
            assertThat(archives).as("the backup is kept on the server").hasSize(1);
            assertThat(Files.getOwner(archives.getFirst()).getName()).isEqualTo(SshTestBed.USER);
        }
        assertThat(EngineDemoIT.psql(PROJECT, "insert into records(body) values ('after the backup') returning 1"))
                .isEqualTo("1");

        // ---- Restore from Home: the server's backup into a new folder on the server ----
        robot.clickOn("#nav-home");
        FxWait.shown(robot, "#home-table");
        waitFor(Duration.ofSeconds(120), () -> serverRow().isPresent());
        InstallRow again = row().orElseThrow();
        robot.interact(() -> window.home().selectedProperty().set(again));
        assertThat(robot.lookup("#home-restore").queryAs(Button.class).isDisabled())
                .as("a server's install can be restored")
                .isFalse();
        robot.clickOn("#home-restore");
        FxWait.shown(robot, "#restore-machine");
        RestoreViewModel vm = window.restore().session();
        assertThat(vm.host()).isEqualTo(server);
        waitFor(
                Duration.ofSeconds(120),
                () -> vm.backups().stream()
                        .anyMatch(b -> PROJECT.equals(b.project())
                                && b.file().getFileSystem() != java.nio.file.FileSystems.getDefault()));
        BackupListing kept = WaitForAsyncUtils.asyncFx(() -> vm.backups().stream()
                        .filter(b -> PROJECT.equals(b.project())
                                && b.file().getFileSystem() != java.nio.file.FileSystems.getDefault())
                        .findFirst()
                        .orElseThrow())
                .get();
        robot.interact(() -> vm.selectedProperty().set(kept));
        next(robot); // backup → target
        Path copyDir = SERVER_HOME.resolve(PROJECT).resolve(COPY);
        robot.clickOn("#restore-target-new");
        robot.interact(() ->
                robot.lookup("#restore-new-folder").queryAs(TextField.class).setText(copyDir.toString()));
        next(robot); // target → review
        waitFor(Duration.ofSeconds(120), () -> vm.planStateProperty().get() != RestoreViewModel.Load.BUSY);
        assertThat(vm.planStateProperty().get())
                .as(vm.planErrorProperty().get().english())
                .isEqualTo(RestoreViewModel.Load.READY);
        shot("restore-hosts");
        next(robot); // run
        waitFor(
                Duration.ofSeconds(600),
                () -> robot.lookup("#restore-done").tryQuery().isPresent());
        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();

        // The copy runs on the server, in its own folder, with the backup's records only.
        assertThat(owner(copyDir.resolve(".env")))
                .as("written over SFTP as the login")
                .isEqualTo(SshTestBed.USER);
        assertThat(healthyImages(COPY).size())
                .as("db and web of the copy are running and healthy")
                .isEqualTo(2);
        assertThat(EngineDemoIT.psql(COPY, "select count(*) from records"))
                .as("the backup's records, not the one added after it")
                .isEqualTo(EngineDemoIT.psql(PROJECT, "select count(*) from records where body <> 'after the backup'"));
        assertThat(EngineDemoIT.psql(PROJECT, "select count(*) from records where body = 'after the backup'"))
                .as("the original untouched")
                .isEqualTo("1");

        // ---- An upgrade on the server cut off midway (the CLI's JVM halted after the files were
        // swapped, its connection dropped): after a refresh Home offers the server's unfinished run,
        // and Resume in the app finishes it over the app's own connection ----
        String records = EngineDemoIT.psql(PROJECT, "select count(*) from records");
        ProcessResult killed = TestInstalls.berthProcess(
                Map.of("BERTH_CRASH_AT", "apply:after"),
                List.of(
                        "upgrade",
                        "--install",
                        installDir.toString(),
                        "--release",
                        RELEASES.resolve("1.1.0").toString(),
                        "--yes",
                        "--host",
                        server,
                        "--identity",
                        i.key().toString(),
                        "--known-hosts",
                        tmp.resolve("known_hosts").toString()));
        assertThat(killed.exitCode()).as(killed.stderr()).isEqualTo(137);
        assertThat(installDir.resolve(".berth/journal.json")).exists();
        robot.clickOn("#nav-home");
        FxWait.shown(robot, "#home-refresh");
        waitFor(Duration.ofSeconds(120), () -> window.home().stateProperty().get() != HomeViewModel.State.LOADING);
        robot.clickOn("#home-refresh");
        waitFor(Duration.ofSeconds(180), () -> serverOffer(server).isPresent());
        ResumeViewModel.Unfinished offer = serverOffer(server).orElseThrow();
        assertThat(offer.to()).isEqualTo("1.1.0");
        Optional<dev.berth.gui.common.TaskViewModel> before =
                WaitForAsyncUtils.asyncFx(() -> window.task().get()).get();
        // The offer may be below the banner's fold: focusing its button (as Tab would) scrolls it
        // into view. This computer's offer for the same folder (the test sshd is this machine) may
        // still arrive and rebuild the banner: then the button is looked up again.
        for (int attempt = 1; ; attempt++) {
            int n = WaitForAsyncUtils.asyncFx(() -> window.resume()
                                    .found()
                                    .indexOf(serverOffer(server).orElseThrow()))
                            .get()
                    + 1;
            Button finish = robot.lookup("#resume-" + n + "-resume").queryButton();
            robot.interact(finish::requestFocus);
            if (attempt == 1) {
                shot("home-resume-hosts");
            }
            try {
                robot.clickOn(finish);
                break;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
        waitFor(
                Duration.ofSeconds(30),
                () -> window.task().get().isPresent() && !window.task().get().equals(before));
        // The run page says what it will finish; Start runs it.
        FxWait.shown(robot, "#task-start");
        waitFor(
                Duration.ofSeconds(60),
                () -> !robot.lookup("#task-start").queryAs(Button.class).isDisabled());
        RunViewModel resumed = WaitForAsyncUtils.asyncFx(
                        () -> window.task().get().orElseThrow().run())
                .get();
        robot.clickOn("#task-start");
        try {
            waitFor(Duration.ofSeconds(300), () -> resumed.stateProperty().get() == RunViewModel.State.FINISHED);
        } catch (TimeoutException e) {
            shot("resume-not-finished");
            throw e;
        }
        assertThat(resumed.succeeded())
                .as(resumed.messageProperty().get().english())
                .isTrue();
        assertThat(installDir.resolve(".berth/journal.json"))
                .as("the run on the server finished")
                .doesNotExist();
        assertThat(healthyImages(PROJECT))
                .as("db and web run 1.1.0, healthy")
                .containsExactly("berth-demo/db:1.1.0", "berth-demo/web:1.1.0");
        assertThat(EngineDemoIT.psql(PROJECT, "select count(*) from records"))
                .as("no record lost")
                .isEqualTo(records);
        // Done: back on Home, the journals are read again and the offer is gone.
        FxWait.shown(robot, "#task-done");
        robot.clickOn("#task-done");
        waitFor(Duration.ofSeconds(120), () -> serverOffer(server).isEmpty());
    }

    /** The images of the project's containers Docker reports healthy, sorted (once Docker is past starting). */
    private static List<String> healthyImages(String project) {
        return DockerHealth.settled(() -> Commands.run(
                                Duration.ofSeconds(30),
                                "docker",
                                "ps",
                                "--filter",
                                "label=com.docker.compose.project=" + project,
                                "--format",
                                "{{.Image}} {{.Status}}")
                        .stdout())
                .lines()
                .filter(l -> l.contains("(healthy)"))
                .map(l -> l.substring(0, l.indexOf(' ')))
                .sorted()
                .toList();
    }

    /** The resume offer for the server's install, read on the FX thread. */
    private Optional<ResumeViewModel.Unfinished> serverOffer(String server) {
        return window.resume().found().stream()
                .filter(u -> u.host().equals(server) && u.install().toString().equals(installDir.toString()))
                .findFirst();
    }

    private static String owner(Path p) throws IOException {
        return Files.getOwner(p).getName();
    }

    /** Presses Next once the page allows it (plans and loads run off the FX thread). */
    private static void next(FxRobot robot) throws TimeoutException {
        waitFor(
                Duration.ofSeconds(120),
                () -> !robot.lookup("#wizard-next").queryButton().isDisabled());
        robot.clickOn("#wizard-next");
    }

    /** Scrolls the Settings page to its last section, Servers. */
    private static void showServers(FxRobot robot) {
        robot.interact(() -> robot.lookup("#settings-scroll")
                .queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1.0));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * The install as the server's row. The test sshd runs on this computer and its login uses the
     * same Docker engine, so this computer's row of the project is in the list too.
     */
    /** The server's row, read on the FX thread (for conditions of {@link #waitFor}). */
    private Optional<InstallRow> serverRow() {
        return window.home().installs().stream()
                .filter(r -> r.project().equals(PROJECT) && !r.isLocal())
                .findFirst();
    }

    private Optional<InstallRow> row() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.home().installs().stream()
                        .filter(r -> r.project().equals(PROJECT) && !r.isLocal())
                        .findFirst())
                .get();
    }

    /** Writes the window as a PNG when {@code -Dberth.hosts.shots=DIR} is set. */
    private void shot(String name) throws Exception {
        String dir = System.getProperty("berth.hosts.shots", "");
        if (dir.isEmpty()) {
            return;
        }
        WritableImage img =
                WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
        PixelReader px = img.getPixelReader();
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, px.getArgb(x, y));
            }
        }
        Path file = Path.of(dir).resolve(name + ".png");
        Files.createDirectories(file.getParent());
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

    private static void waitFor(Duration timeout, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(
                timeout.toMillis(),
                TimeUnit.MILLISECONDS,
                () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
