package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.env.EnvParser;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.Journal;
import dev.berth.gui.AppSettings;
import dev.berth.gui.FxWait;
import dev.berth.gui.MainWindow;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.home.HomeViewModel;
import dev.berth.gui.home.InstallRow;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerTestBed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
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
 * The desktop app with its real wiring ({@link GuiWiring}: discovery, the engine on the Docker
 * runtime, the backup folder) on the real Docker engine, headless: the demo app installed through
 * the install wizard, found on Home, upgraded to 1.1.0 through the upgrade wizard, and then really
 * serving its records over HTTP.
 */
@ExtendWith(ApplicationExtension.class)
class GuiDemoIT {
    static final Path RELEASES = DockerTestBed.repoRoot().resolve("demo/releases");
    static final String PROJECT = "berth-it-gui-" + DockerTestBed.randomHex(4);
    static final String RECORD = "kept across the upgrade " + DockerTestBed.randomHex(4);

    static Path tmp;
    static Path installDir;

    AppDirs dirs;
    MainWindow window;

    @BeforeAll
    static void testBed() throws IOException {
        DockerTestBed.require();
        tmp = Files.createTempDirectory("berth-it-gui-");
        installDir = tmp.resolve("apps").resolve(PROJECT);
    }

    @AfterAll
    static void removeEverything() {
        // By the project label, so a run that stopped half way is cleaned up as well.
        String label = "label=com.docker.compose.project=" + PROJECT;
        removeAll(List.of("docker", "ps", "-aq", "--filter", label), List.of("docker", "rm", "-f"));
        removeAll(List.of("docker", "volume", "ls", "-q", "--filter", label), List.of("docker", "volume", "rm", "-f"));
        removeAll(List.of("docker", "network", "ls", "-q", "--filter", label), List.of("docker", "network", "rm"));
        if (tmp != null) {
            ContainerFiles.deleteTree(tmp);
        }
    }

    private static void removeAll(List<String> list, List<String> remove) {
        List<String> ids = Commands.run(Duration.ofSeconds(30), list)
                .stdout()
                .lines()
                .map(String::strip)
                .filter(x -> !x.isEmpty())
                .distinct()
                .toList();
        if (!ids.isEmpty()) {
            Commands.run(
                    Duration.ofMinutes(1),
                    Stream.concat(remove.stream(), ids.stream()).toList());
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", tmp.resolve("home").toString()));
        new Settings("", "", 5, Settings.Language.ENGLISH, Settings.Theme.LIGHT, List.of(), List.of())
                .write(dirs.settingsFile());
        FxBridge bridge = FxBridge.platform();
        window = new MainWindow(
                GuiWiring.services(dirs),
                AppSettings.load(dirs.settingsFile(), bridge),
                bridge,
                MainWindow.WindowMemory.FORGET);
        window.show(stage, Optional.empty());
    }

    @Test
    void theDemoInstallsThroughTheWizardShowsOnHomeAndUpgradesToOneOneKeepingItsRecords(FxRobot robot)
            throws Exception {
        int port = freePort();
        // Home searches the real Docker host first.
        waitFor(Duration.ofSeconds(90), () -> window.home().stateProperty().get() != HomeViewModel.State.LOADING);
        assertThat(window.home().stateProperty().get())
                .as(window.home().errorProperty().get())
                .isIn(HomeViewModel.State.LIST, HomeViewModel.State.EMPTY);

        // ---- install 1.0.0 through the wizard ----
        robot.clickOn("#nav-install");
        robot.clickOn("#release-demo");
        FxWait.shown(robot, "#release-version");
        assertThat(robot.lookup("#release-version").queryAs(Label.class).getText())
                .isEqualTo("1.0.0");
        next(robot);

        FxWait.shown(robot, "#install-target");
        robot.interact(() -> {
            robot.lookup("#install-target").queryAs(TextField.class).setText(installDir.toString());
            robot.lookup("#install-project").queryAs(TextField.class).setText(PROJECT);
        });
        next(robot);

        FxWait.shown(robot, "#env-WEB_PORT");
        robot.interact(
                () -> robot.lookup("#env-WEB_PORT").queryAs(TextField.class).setText(Integer.toString(port)));
        next(robot);

        FxWait.shown(robot, "#review-summary");
        assertThat(robot.lookup("#diff-files").tryQuery()).isPresent();
        assertThat(Messages.withoutMnemonic(nextButton(robot).getText())).isEqualTo("Install");
        next(robot);

        long installStart = System.nanoTime();
        FxWait.shown(robot, "#run-page");
        waitShown(robot, "#install-done", Duration.ofSeconds(240));
        long installSeconds = seconds(installStart);
        assertThat(robot.lookup("#install-open-app")
                        .queryAs(javafx.scene.control.Hyperlink.class)
                        .getText())
                .as("the run finished with the app's address, so it succeeded")
                .isEqualTo("Open the app: http://127.0.0.1:" + port + "/");
        assertThat(EnvParser.parse(installDir.resolve(".env")).values())
                .containsEntry("WEB_PORT", Integer.toString(port))
                .containsKey("DB_PASSWORD");
        assertThat(EnvParser.parse(installDir.resolve(".env")).values().get("DB_PASSWORD"))
                .as("the secret was generated by the form")
                .hasSizeGreaterThanOrEqualTo(16);
        assertThat(http(port, "GET", "/version", null)).contains("1.0.0");
        http(port, "POST", "/records", RECORD);

        // ---- Home lists it, from discovery on the real engine ----
        robot.clickOn("#install-done");
        FxWait.shown(robot, "#page-home");
        waitFor(Duration.ofSeconds(90), () -> row().isPresent());
        InstallRow row = row().orElseThrow();
        assertThat(row.app()).isEqualTo("berth-demo");
        assertThat(row.version()).isEqualTo("1.0.0");
        assertThat(row.state()).isEqualTo(InstallRow.RunState.RUNNING);
        assertThat(row.installDir()).isEqualTo(installDir);
        assertThat(row.dataDir()).isEqualTo(installDir.resolve("data"));
        assertThat(row.diskUseBytes()).isPositive();
        Messages en = Messages.forLocale(java.util.Locale.ENGLISH);
        // Other demo installs on the shared test bed may add "same app installed twice".
        assertThat(row.warnings())
                .doesNotContain(
                        en.get("home.warning.unfinished"),
                        en.get("home.warning.database-port-public"),
                        en.get("home.warning.drift"));

        // ---- upgrade to 1.1.0 through the wizard, started from Home ----
        FxWait.shown(robot, "#home-table");
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<InstallRow> table =
                robot.lookup("#home-table").queryAs(javafx.scene.control.TableView.class);
        robot.interact(() -> table.scrollTo(row));
        WaitForAsyncUtils.waitForFxEvents();
        TableRow<?> tableRow = robot.lookup(".table-row-cell")
                .match((TableRow<?> r) ->
                        r.getItem() instanceof InstallRow i && i.project().equals(PROJECT))
                .query();
        robot.clickOn(tableRow);
        robot.clickOn("#home-upgrade");
        FxWait.shown(robot, "#upgrade-path");
        robot.clickOn("#release-folder");
        robot.interact(() -> robot.lookup("#release-source")
                .queryAs(TextField.class)
                .setText(RELEASES.resolve("1.1.0").toString()));
        robot.clickOn("#release-load");
        waitFor(
                Duration.ofSeconds(30),
                () -> robot.lookup("#release-version")
                        .tryQueryAs(Label.class)
                        .map(l -> l.getText().equals("1.1.0"))
                        .orElse(false));
        next(robot); // release → settings

        FxWait.shown(robot, "#env-PAGE_SIZE");
        next(robot); // settings → files
        FxWait.shown(robot, "#diff-files");
        next(robot); // files → backup
        FxWait.shown(robot, "#upgrade-backup-folder");
        next(robot); // backup → review
        FxWait.shown(robot, "#plan-steps");
        assertThat(Messages.withoutMnemonic(nextButton(robot).getText())).isEqualTo("Upgrade");
        next(robot);

        long upgradeStart = System.nanoTime();
        // Generous: the shared test bed's two cores may be busy with other builds.
        waitShown(robot, "#upgrade-done", Duration.ofSeconds(300));
        System.out.printf("GuiDemoIT: install run %d s, upgrade run %d s%n", installSeconds, seconds(upgradeStart));
        assertThat(robot.lookup("#upgrade-rollback").tryQuery()).isEmpty();
        assertThat(robot.lookup("#upgrade-health").queryAs(Label.class).getText())
                .isEqualTo(healthOk());

        // ---- the app really serves 1.1.0 with the record kept ----
        assertThat(http(port, "GET", "/version", null)).contains("1.1.0");
        assertThat(http(port, "GET", "/records", null)).contains(RECORD);
        assertThat(InstallHistory.currentVersion(installDir)).contains("1.1.0");
        assertThat(Journal.load(installDir))
                .as("the run finished, no journal left")
                .isEmpty();
        Path backups = Settings.DEFAULTS.backupDir(dirs);
        try (Stream<Path> s = Files.walk(backups)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".berth")))
                    .as("the backup taken before the upgrade, in the backup folder of the settings")
                    .isNotEmpty();
        }

        robot.clickOn("#upgrade-done");
        waitFor(
                Duration.ofSeconds(90),
                () -> row().map(r -> r.version().equals("1.1.0")).orElse(false));
        assertThat(row().orElseThrow().lastBackup()).isPresent();
    }

    private static long seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private String healthOk() {
        return Messages.forLocale(java.util.Locale.ENGLISH).get("upgrade.health.ok");
    }

    private Optional<InstallRow> row() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.home().installs().stream()
                        .filter(r -> r.project().equals(PROJECT))
                        .findFirst())
                .get();
    }

    private static Button nextButton(FxRobot robot) {
        return robot.lookup("#wizard-next").queryButton();
    }

    /** Presses Next once the page allows it (plans and loads run off the FX thread). */
    private static void next(FxRobot robot) throws TimeoutException {
        waitFor(Duration.ofSeconds(60), () -> !nextButton(robot).isDisabled());
        robot.clickOn("#wizard-next");
    }

    private static void waitShown(FxRobot robot, String query, Duration timeout) throws TimeoutException {
        waitFor(
                timeout,
                () -> robot.lookup(query).tryQuery().map(FxWait::treeVisible).orElse(false));
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

    static String http(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofString(body)) : b.GET();
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 299);
        return r.body();
    }
}
