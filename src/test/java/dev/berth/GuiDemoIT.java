package dev.berth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.BackupListing;
import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.env.EnvParser;
import dev.berth.engine.InstallHistory;
import dev.berth.engine.Journal;
import dev.berth.gui.AppSettings;
import dev.berth.gui.FxWait;
import dev.berth.gui.GuiLog;
import dev.berth.gui.ItShots;
import dev.berth.gui.MainWindow;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.configure.ConfigureViewModel;
import dev.berth.gui.home.HomeViewModel;
import dev.berth.gui.home.InstallRow;
import dev.berth.gui.restore.RestoreViewModel;
import dev.berth.testbed.Commands;
import dev.berth.testbed.ContainerFiles;
import dev.berth.testbed.DockerHealth;
import dev.berth.testbed.DockerTestBed;
import dev.berth.testbed.SecretGrep;
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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desktop app with its real wiring ({@link GuiWiring}: discovery, the engine on the Docker
 * runtime, the backup folder) on the real Docker engine, headless, on one install shared in order
 * (each later test needs the one before): the demo app installed through the install wizard and
 * found on Home; a setting changed on the Configure screen; upgraded to 2.0.0 through the 1.1.0
 * stop, filling a new variable and deciding a conflict in the config file; its backup restored to
 * a new folder from the Restore screen, both then running side by side. Each checks the real
 * result: containers and their health, values in files, records served from the database.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiDemoIT {
    static final Path RELEASES = DockerTestBed.repoRoot().resolve("demo/releases");
    static final String PROJECT = "berth-guit-" + DockerTestBed.randomHex(4);
    /** The restore to a new folder: the project is named after its folder. */
    static final String COPY = PROJECT + "-copy";

    static final String RECORD = "kept across the upgrade " + DockerTestBed.randomHex(4);
    static final String TITLE = "Configured " + DockerTestBed.randomHex(4);

    /** English; {@code -Dberth.it.lang=ja|fr|zh-CN} runs it in another language (for screenshots). */
    static final Settings.Language LANGUAGE = java.util.Arrays.stream(Settings.Language.values())
            .filter(l -> l.tag().equals(System.getProperty("berth.it.lang", "en")))
            .findFirst()
            .orElseThrow();

    static final Messages UI = Messages.forLocale(LANGUAGE.locale(java.util.Locale.ENGLISH));

    static Path tmp;
    static Path installDir;
    static Path copyDir;
    static int port;
    static boolean installed;
    static boolean upgraded;
    /** The app's log file, as BerthApp sets it up; checked for secrets at the end. */
    static java.util.logging.FileHandler log;

    AppDirs dirs;
    MainWindow window;

    @BeforeAll
    static void testBed() throws IOException {
        DockerTestBed.require();
        tmp = Files.createTempDirectory("berth-it-gui-");
        installDir = tmp.resolve("apps").resolve(PROJECT);
        copyDir = tmp.resolve("apps").resolve(COPY);
    }

    @AfterAll
    static void removeEverything() {
        if (log != null) {
            java.util.logging.Logger.getLogger("").removeHandler(log);
            log.close();
        }
        // By the project label, so a run that stopped half way is cleaned up as well.
        List.of(PROJECT, COPY).forEach(TestInstalls::removeProject);
        if (tmp != null) {
            ContainerFiles.deleteTree(tmp);
        }
    }

    @Start
    void start(Stage stage) throws IOException {
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", tmp.resolve("home").toString()));
        if (log == null) {
            log = GuiLog.toFile(dirs.logsDir()).orElseThrow();
        }
        new Settings("", "", 5, LANGUAGE, Settings.Theme.LIGHT, List.of(), List.of()).write(dirs.settingsFile());
        FxBridge bridge = FxBridge.platform();
        window = new MainWindow(
                GuiWiring.services(dirs),
                AppSettings.load(dirs.settingsFile(), bridge),
                bridge,
                MainWindow.WindowMemory.FORGET);
        window.show(stage, Optional.empty());
    }

    @Test
    @Order(1)
    void theDemoInstallsThroughTheWizardAndShowsOnHomeFromDiscovery(FxRobot robot) throws Exception {
        port = freePort();
        // Home searches the real Docker host first.
        waitFor(Duration.ofSeconds(90), () -> window.home().stateProperty().get() != HomeViewModel.State.LOADING);
        assertThat(window.home().stateProperty().get())
                .as(window.home().errorProperty().get().english())
                .isIn(HomeViewModel.State.LIST, HomeViewModel.State.EMPTY);

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
        ItShots.take(window, "install-env");
        next(robot);

        FxWait.shown(robot, "#review-summary");
        ItShots.take(window, "install-review");
        assertThat(robot.lookup("#diff-files").tryQuery()).isPresent();
        assertThat(nextButton(robot).getText()).isEqualTo(UI.get("install.action"));
        next(robot);

        long installStart = System.nanoTime();
        FxWait.shown(robot, "#run-page");
        waitShown(robot, "#install-done", Duration.ofSeconds(240));
        System.out.printf("GuiDemoIT: install run %d s%n", seconds(installStart));
        ItShots.take(window, "install-done");
        assertThat(robot.lookup("#install-open-app")
                        .queryAs(javafx.scene.control.Hyperlink.class)
                        .getText())
                .as("the run finished with the app's address, so it succeeded")
                .isEqualTo(UI.get("install.done.open", "http://127.0.0.1:" + port + "/"));
        assertThat(EnvParser.parse(installDir.resolve(".env")).values())
                .containsEntry("WEB_PORT", Integer.toString(port))
                .containsKey("DB_PASSWORD");
        assertThat(EnvParser.parse(installDir.resolve(".env")).values().get("DB_PASSWORD"))
                .as("the secret was generated by the form")
                .hasSizeGreaterThanOrEqualTo(16);
        assertThat(http(port, "GET", "/version", null)).contains("1.0.0");
        http(port, "POST", "/records", RECORD);
        assertThat(health(PROJECT, "db")).isEqualTo("healthy");
        assertThat(health(PROJECT, "web")).isEqualTo("healthy");

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
        // Other demo installs on the shared test bed may add "same app installed twice".
        assertThat(row.warnings())
                .doesNotContain(
                        UI.get("home.warning.unfinished"),
                        UI.get("home.warning.database-port-public"),
                        UI.get("home.warning.drift"));
        // Sizes are measured after the list shows; they arrive on the same row.
        waitFor(
                Duration.ofSeconds(90),
                () -> row().map(r -> r.diskUseBytes() > 0).orElse(false));
        ItShots.take(window, "home");
        installed = true;
    }

    @Test
    @Order(2)
    void configureChangesTheTitleShowsTheDiffAndRecreatesOnlyTheWebService(FxRobot robot) throws Exception {
        assumeInstalled();
        String dbBefore = containerId(PROJECT, "db");
        String webBefore = containerId(PROJECT, "web");

        openFromHome(robot, "#home-configure");
        FxWait.shown(robot, "#configure-wizard");
        waitShown(robot, "#env-APP_TITLE", Duration.ofSeconds(60));
        robot.interact(
                () -> robot.lookup("#env-APP_TITLE").queryAs(TextField.class).setText(TITLE));
        ItShots.take(window, "configure-form");
        next(robot); // settings → changes

        // The plan's diff of .env: the old title out, the new one in.
        waitFor(
                Duration.ofSeconds(90),
                () -> window.configure()
                        .sessionProperty()
                        .get()
                        .map(vm -> vm.planStateProperty().get() == ConfigureViewModel.Load.READY)
                        .orElse(false));
        FxWait.shown(robot, "#diff-files");
        ConfigureViewModel session = window.configure().sessionProperty().get().orElseThrow();
        String diffText = WaitForAsyncUtils.asyncFx(() -> session.diffs().stream()
                        .filter(d -> d.path().equals(".env"))
                        .findFirst()
                        .orElseThrow()
                        .rows()
                        .toString())
                .get();
        assertThat(diffText).contains("APP_TITLE='" + TITLE + "'").contains("APP_TITLE=Berth demo");
        assertThat(nextButton(robot).getText()).isEqualTo(UI.get("configure.action"));
        ItShots.take(window, "configure-changes");
        next(robot);

        waitShown(robot, "#configure-done", Duration.ofSeconds(240));
        ItShots.take(window, "configure-done");
        assertThat(robot.lookup("#configure-rollback").tryQuery()).isEmpty();
        ConfigureViewModel vm = window.configure().sessionProperty().get().orElseThrow();
        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();

        assertThat(EnvParser.parse(installDir.resolve(".env")).values()).containsEntry("APP_TITLE", TITLE);
        assertThat(containerId(PROJECT, "db"))
                .as("the database does not read APP_TITLE: it keeps running")
                .isEqualTo(dbBefore);
        assertThat(containerId(PROJECT, "web"))
                .as("web reads APP_TITLE: recreated")
                .isNotEqualTo(webBefore);
        assertThat(health(PROJECT, "web")).isEqualTo("healthy");
        assertThat(http(port, "GET", "/version", null)).contains(TITLE);
        assertThat(http(port, "GET", "/records", null)).contains(RECORD);
        assertThat(Journal.load(installDir)).isEmpty();
        robot.clickOn("#configure-done");
        FxWait.shown(robot, "#page-home");
    }

    @Test
    @Order(3)
    void upgradeToTwoGoesThroughTheOneOneStopFillingANewVariableAndTakingTheReleasesConfig(FxRobot robot)
            throws Exception {
        assumeInstalled();
        // The user's own edit of the config file, on the line 1.1 renames: a conflict to decide.
        Path config = installDir.resolve("config/app.yaml");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("motd: \"Welcome to the Berth demo app.\"", "motd: \"Welcome aboard (mine).\""));

        openFromHome(robot, "#home-upgrade");
        FxWait.shown(robot, "#upgrade-path");
        robot.clickOn("#release-folder");
        robot.interact(() -> robot.lookup("#release-source")
                .queryAs(TextField.class)
                .setText(RELEASES.resolve("2.0.0").toString()));
        robot.clickOn("#release-load");
        waitFor(
                Duration.ofSeconds(30),
                () -> robot.lookup("#release-version")
                        .tryQueryAs(Label.class)
                        .map(l -> l.getText().equals("2.0.0"))
                        .orElse(false));
        waitFor(Duration.ofSeconds(90), () -> pathText(robot).contains("1.1.0"));
        assertThat(pathText(robot)).contains("1.0.0", "1.1.0", "2.0.0");
        ItShots.take(window, "upgrade-release");
        next(robot); // release → settings

        // PAGE_SIZE is new since 1.1 (the required stop): filled here.
        shownOrDump(robot, "#env-PAGE_SIZE");
        robot.interact(
                () -> robot.lookup("#env-PAGE_SIZE").queryAs(TextField.class).setText("7"));
        ItShots.take(window, "upgrade-env");
        next(robot); // settings → files

        // The files page asks first about the conflict, then shows the files side by side.
        shownOrDump(robot, "#conflict-1");
        int n = 1;
        while (robot.lookup("#conflict-" + n + "-theirs").tryQuery().isPresent()) {
            robot.clickOn("#conflict-" + n + "-theirs");
            n++;
        }
        assertThat(n - 1).as("the edited motd line conflicts").isPositive();
        ItShots.take(window, "upgrade-conflicts");
        robot.clickOn("#upgrade-apply-decisions");
        waitFor(
                Duration.ofSeconds(90),
                () -> robot.lookup("#conflict-1").tryQuery().isEmpty()
                        && !nextButton(robot).isDisabled());
        shownOrDump(robot, "#diff-files");
        assertThat(robot.lookup("#upgrade-compose").tryQuery()).isPresent();
        ItShots.take(window, "upgrade-diff");
        next(robot); // files → backup
        FxWait.shown(robot, "#upgrade-backup-folder");
        ItShots.take(window, "upgrade-backup");
        next(robot); // backup → review
        FxWait.shown(robot, "#plan-steps");
        assertThat(nextButton(robot).getText()).isEqualTo(UI.get("upgrade.action"));
        ItShots.take(window, "upgrade-review");
        next(robot);

        long upgradeStart = System.nanoTime();
        // Generous: the shared test bed's two cores may be busy with other builds.
        waitShown(robot, "#upgrade-done", Duration.ofSeconds(420));
        System.out.printf("GuiDemoIT: upgrade run 1.0.0 -> 2.0.0 %d s%n", seconds(upgradeStart));
        ItShots.take(window, "upgrade-done");
        assertThat(robot.lookup("#upgrade-rollback").tryQuery()).isEmpty();
        assertThat(robot.lookup("#upgrade-health").queryAs(Label.class).getText())
                .isEqualTo(healthOk());

        // ---- the app really serves 2.0.0 with the record kept and the answers in its files ----
        assertThat(http(port, "GET", "/version", null)).contains("2.0.0").contains(TITLE);
        assertThat(http(port, "GET", "/records", null)).contains(RECORD);
        Map<String, String> env = EnvParser.parse(installDir.resolve(".env")).values();
        assertThat(env)
                .containsEntry("PAGE_SIZE", "7")
                .as("APP_TITLE renamed DEMO_TITLE with the configured value")
                .containsEntry("DEMO_TITLE", TITLE)
                .doesNotContainKey("APP_TITLE");
        String settings = Files.readString(installDir.resolve("config/app/settings.yaml"));
        assertThat(settings)
                .as("the release's side of the conflict, moved and migrated by 2.0")
                .contains("version: 3")
                .doesNotContain("(mine)");
        assertThat(health(PROJECT, "db")).isEqualTo("healthy");
        assertThat(health(PROJECT, "web")).isEqualTo("healthy");
        assertThat(InstallHistory.currentVersion(installDir)).contains("2.0.0");
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
                () -> row().map(r -> r.version().equals("2.0.0")).orElse(false));
        waitFor(
                Duration.ofSeconds(90),
                () -> row().map(r -> r.lastBackup().isPresent()).orElse(false));
        upgraded = true;
    }

    @Test
    @Order(4)
    void restoreToANewFolderRunsBesideTheOriginalWithTheSameRecords(FxRobot robot) throws Exception {
        assumeInstalled();
        Assumptions.assumeTrue(upgraded, "the upgrade made the backup this test restores");
        robot.clickOn("#nav-restore");
        FxWait.shown(robot, "#restore-table");
        RestoreViewModel vm = window.restore().session();
        waitFor(Duration.ofSeconds(60), () -> vm.backups().stream().anyMatch(b -> PROJECT.equals(b.project())));
        BackupListing backup = WaitForAsyncUtils.asyncFx(() -> vm.backups().stream()
                        .filter(b -> PROJECT.equals(b.project()))
                        .findFirst()
                        .orElseThrow())
                .get();
        TableRow<?> tableRow = robot.lookup("#restore-table .table-row-cell")
                .match((TableRow<?> r) -> r.getItem() == backup)
                .query();
        robot.clickOn(tableRow);
        FxWait.shown(robot, "#restore-details");
        ItShots.take(window, "restore-list");
        next(robot); // backup → target

        robot.clickOn("#restore-target-new");
        robot.interact(() ->
                robot.lookup("#restore-new-folder").queryAs(TextField.class).setText(copyDir.toString()));
        ItShots.take(window, "restore-target");
        next(robot); // target → review
        FxWait.shown(robot, "#plan-steps");
        assertThat(nextButton(robot).getText()).isEqualTo(UI.get("restore.action"));
        ItShots.take(window, "restore-review");
        next(robot);

        long restoreStart = System.nanoTime();
        waitShown(robot, "#restore-done", Duration.ofSeconds(300));
        System.out.printf("GuiDemoIT: restore run %d s%n", seconds(restoreStart));
        ItShots.take(window, "restore-done");
        assertThat(vm.run().succeeded())
                .as(vm.run().messageProperty().get().english())
                .isTrue();

        // ---- both installs run, each with the record, on their own ports ----
        Map<String, String> env = EnvParser.parse(copyDir.resolve(".env")).values();
        int copyPort = Integer.parseInt(env.get("WEB_PORT"));
        assertThat(copyPort).as("a free port picked for the copy").isNotEqualTo(port);
        assertThat(env).as("the backup's settings came along").containsEntry("APP_TITLE", TITLE);
        assertThat(health(COPY, "db")).isEqualTo("healthy");
        assertThat(health(COPY, "web")).isEqualTo("healthy");
        assertThat(http(copyPort, "GET", "/version", null))
                .as("the backup was taken before the upgrade")
                .contains("1.0.0");
        assertThat(http(copyPort, "GET", "/records", null)).contains(RECORD);
        assertThat(http(port, "GET", "/version", null)).contains("2.0.0");
        assertThat(http(port, "GET", "/records", null)).contains(RECORD);
        assertThat(Journal.load(copyDir)).isEmpty();
    }

    @Test
    @Order(5)
    void theAppLogSaysWhatTheRunsDidAndNoFileBerthWroteHoldsTheGeneratedPassword() throws Exception {
        assumeInstalled();
        log.flush();
        String secret = EnvParser.parse(installDir.resolve(".env")).values().get("DB_PASSWORD");
        List<Path> logFiles;
        try (Stream<Path> s = Files.list(dirs.logsDir())) {
            logFiles = s.filter(f -> f.getFileName().toString().matches("berth-gui\\.\\d+\\.log"))
                    .toList();
        }
        String logText =
                String.join("\n", logFiles.stream().map(GuiDemoIT::read).toList());
        assertThat(logText)
                .as("the log names the runs and their steps")
                .contains("run install " + PROJECT, "run upgrade " + PROJECT, "result SUCCEEDED", "[backup");
        SecretGrep.Result grep = SecretGrep.files(
                tmp,
                List.of(secret),
                f -> f.startsWith(installDir.resolve("data")) || f.startsWith(copyDir.resolve("data")));
        assertThat(grep.filesChecked())
                .as("log, settings, installs, journals, backups")
                .isGreaterThan(10);
        assertThat(grep.leaks())
                .as("the generated password may only be in .env files that are 0600 (and in the 0600 backups)")
                .isEmpty();
    }

    private static String read(Path f) {
        try {
            return new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Selects this test's install on Home and presses one of its actions. */
    private void openFromHome(FxRobot robot, String action) throws Exception {
        robot.clickOn("#nav-home");
        FxWait.shown(robot, "#page-home");
        waitFor(Duration.ofSeconds(90), () -> row().isPresent());
        InstallRow row = row().orElseThrow();
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
        robot.clickOn(action);
    }

    /** Waits for a node; when it does not show, says what the page shows instead. */
    private static void shownOrDump(FxRobot robot, String query) throws Exception {
        try {
            waitShown(robot, query, Duration.ofSeconds(120));
        } catch (TimeoutException e) {
            String shown = WaitForAsyncUtils.asyncFx(() -> robot.lookup("#content").query().lookupAll("*").stream()
                            .filter(n -> n.getId() != null || n instanceof javafx.scene.control.Labeled)
                            .filter(FxWait::treeVisible)
                            .map(n -> (n.getId() == null ? "" : "#" + n.getId() + " ")
                                    + (n instanceof javafx.scene.control.Labeled l ? l.getText() : ""))
                            .toList())
                    .get()
                    .toString();
            throw new AssertionError(query + " did not show; the page shows: " + shown, e);
        }
    }

    private static String pathText(FxRobot robot) {
        return robot.lookup("#upgrade-path").tryQuery().stream()
                .flatMap(p -> ((javafx.scene.Parent) p).getChildrenUnmodifiable().stream())
                .filter(c -> c instanceof Label)
                .map(c -> ((Label) c).getText())
                .reduce("", (a, b) -> a + " " + b);
    }

    private static void assumeInstalled() {
        Assumptions.assumeTrue(installed, "the install through the wizard (the first test) failed");
    }

    private static String containerId(String project, String service) {
        String id = Commands.run(
                        Duration.ofSeconds(30),
                        List.of(
                                "docker",
                                "ps",
                                "-q",
                                "--no-trunc",
                                "--filter",
                                "label=com.docker.compose.project=" + project,
                                "--filter",
                                "label=com.docker.compose.service=" + service))
                .stdout()
                .strip();
        assertThat(id)
                .as("one running %s container of %s", service, project)
                .isNotEmpty()
                .doesNotContain("\n");
        return id;
    }

    private static String health(String project, String service) {
        return DockerHealth.of(containerId(project, service));
    }

    private static long seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000_000L;
    }

    private String healthOk() {
        return UI.get("upgrade.health.ok");
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
