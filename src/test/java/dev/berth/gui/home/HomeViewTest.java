package dev.berth.gui.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.Page;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class HomeViewTest {
    private static final String UNREACHABLE = """
            Berth could not reach a Docker engine.
            - unix:///var/run/docker.sock: permission denied
            - tcp://localhost:2375: connection refused""";

    @TempDir
    Path home;

    /** What the next search answers: rows, or an exception to throw. */
    private final AtomicReference<Object> answer = new AtomicReference<>(List.of());

    private final List<Page> visited = new ArrayList<>();
    private final List<String> upgraded = new ArrayList<>();
    private HomeViewModel vm;

    @Start
    void start(Stage stage) {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        FxBridge bridge = FxBridge.platform();
        InstallSource source = () -> {
            Object a = answer.get();
            if (a instanceof Exception e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<InstallRow> rows = (List<InstallRow>) a;
            return rows;
        };
        vm = new HomeViewModel(
                source, bridge, AppSettings.load(dirs.settingsFile(), bridge), visited::add, new HomeActions() {
                    @Override
                    public void upgrade(InstallRow row) {
                        upgraded.add(row.app());
                    }
                });
        stage.setScene(new Scene(new HomeView(vm, Messages.forLocale(Locale.ENGLISH)), 1000, 700));
        stage.show();
    }

    private void reloadAndWaitFor(FxRobot robot, String query) throws TimeoutException {
        robot.interact(vm::reload);
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void theEmptyStateOffersTheDemoWhichOpensInstall(FxRobot robot) throws TimeoutException {
        reloadAndWaitFor(robot, "#home-empty");

        robot.clickOn("#home-demo");

        assertThat(visited).containsExactly(Page.INSTALL);
        assertThat(robot.lookup("#home-empty-scan").queryButton().getText()).isEqualTo("Scan folders…");
    }

    @Test
    void foundInstallsAreRowsOfTheTable(FxRobot robot) throws TimeoutException {
        answer.set(List.of(HomeViewModelTest.row("Nextcloud"), HomeViewModelTest.row("Sentry")));

        reloadAndWaitFor(robot, "#home-table");

        TableView<?> table = robot.lookup("#home-table").queryTableView();
        assertThat(table.getItems()).hasSize(2);
        assertThat(robot.lookup("Nextcloud").tryQuery()).isPresent();
        assertThat(robot.lookup("running, healthy").tryQuery()).isPresent();
        assertThat(robot.lookup("1 KB").tryQuery()).isPresent();
    }

    @Test
    void dockerUnreachableListsEveryPlaceTriedAndRetrySearchesAgain(FxRobot robot) throws TimeoutException {
        answer.set(new DockerUnreachableException(UNREACHABLE, null));
        reloadAndWaitFor(robot, "#docker-unreachable");

        assertThat(robot.lookup("#docker-headline").queryAs(Label.class).getText())
                .isEqualTo("Berth could not reach a Docker engine.");
        assertThat(robot.lookup("#docker-places").queryAs(VBox.class).getChildren())
                .extracting(n -> ((Label) n).getText())
                .containsExactly(
                        "unix:///var/run/docker.sock: permission denied", "tcp://localhost:2375: connection refused");

        answer.set(List.of());
        robot.clickOn("#docker-retry");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> treeVisible(robot.lookup("#home-empty").query()));
        assertThat(robot.lookup("#docker-unreachable").tryQuery().filter(HomeViewTest::treeVisible))
                .isEmpty();
    }

    @Test
    void dockerUnreachableOffersTheSettings(FxRobot robot) throws TimeoutException {
        answer.set(new DockerUnreachableException(UNREACHABLE, null));
        reloadAndWaitFor(robot, "#docker-unreachable");

        robot.clickOn("#docker-settings");

        assertThat(visited).containsExactly(Page.SETTINGS);
    }

    @Test
    void otherFailuresShowTheMessageAndRetry(FxRobot robot) throws TimeoutException {
        answer.set(new IllegalStateException("compose.yml line 4: bad indentation"));

        reloadAndWaitFor(robot, "#home-failed");

        assertThat(robot.lookup("compose.yml line 4: bad indentation").tryQuery())
                .isPresent();
        assertThat(robot.lookup("#home-retry").tryQuery()).isPresent();
    }

    @Test
    void theActionsWaitForAnInstallToBeChosenAndActOnIt(FxRobot robot) throws TimeoutException {
        answer.set(List.of(HomeViewModelTest.row("Nextcloud"), HomeViewModelTest.row("Sentry")));
        reloadAndWaitFor(robot, "#home-table");
        assertThat(robot.lookup("#home-upgrade").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#home-logs").queryButton().isDisabled()).isTrue();

        robot.clickOn("Sentry");
        robot.clickOn("#home-upgrade");

        assertThat(robot.lookup("#home-configure").queryButton().isDisabled()).isFalse();
        assertThat(upgraded).containsExactly("Sentry");
        assertThat(robot.lookup("#home-upgrade").queryButton().getAccessibleHelp())
                .contains("Upgrade");
    }
}
