package dev.berth.gui.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.DockerUnreachableException;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.Page;
import dev.berth.gui.home.HomeViewModel.State;
import dev.berth.gui.home.InstallRow.Health;
import dev.berth.gui.home.InstallRow.RunState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeViewModelTest {
    @TempDir
    Path home;

    private final List<Page> visited = new ArrayList<>();
    private AppSettings settings;

    static InstallRow row(String app) {
        return new InstallRow(
                app.toLowerCase(),
                app,
                "1.2.3",
                RunState.RUNNING,
                Health.HEALTHY,
                Path.of("/srv", app),
                Path.of("/srv", app, "data"),
                1024,
                Optional.of(Instant.parse("2026-11-20T10:00:00Z")),
                List.of());
    }

    @BeforeEach
    void setUp() {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        settings = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
    }

    private HomeViewModel vm(InstallSource source, FxBridge bridge) {
        return new HomeViewModel(source, bridge, settings, visited::add);
    }

    @Test
    void startsLoadingBeforeTheFirstSearch() {
        assertThat(vm(InstallSource.NONE, FxBridge.direct()).stateProperty().get())
                .isEqualTo(State.LOADING);
    }

    @Test
    void noInstallsIsTheEmptyState() {
        HomeViewModel vm = vm(InstallSource.NONE, FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.EMPTY);
        assertThat(vm.installs()).isEmpty();
    }

    @Test
    void foundInstallsAreListed() {
        HomeViewModel vm = vm(() -> List.of(row("Nextcloud"), row("Mattermost")), FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::app).containsExactly("Nextcloud", "Mattermost");
    }

    @Test
    void dockerUnreachableShowsTheGuidedPageWithTheAdaptersMessage() {
        String message = "Docker is not reachable.\n- unix:///var/run/docker.sock: connection refused";
        HomeViewModel vm = vm(
                () -> {
                    throw new DockerUnreachableException(message, null);
                },
                FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.DOCKER_UNREACHABLE);
        assertThat(vm.errorProperty().get().english()).isEqualTo(message);
    }

    @Test
    void otherFailuresShowTheirMessage() {
        HomeViewModel vm = vm(
                () -> {
                    throw new IllegalStateException("compose file /srv/a/compose.yml: bad indentation");
                },
                FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        assertThat(vm.errorProperty().get().english()).contains("bad indentation");
    }

    @Test
    void aSearchIsLoadingUntilItsResultArrivesOnTheFxThread() {
        Queue<Runnable> fx = new ArrayDeque<>();
        HomeViewModel vm = vm(() -> List.of(row("Sentry")), new FxBridge(fx::add, Runnable::run));

        vm.reload();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADING);

        fx.poll().run();
        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
    }

    static InstallRow unmeasured(String app) {
        InstallRow r = row(app);
        return new InstallRow(
                r.project(),
                r.app(),
                r.version(),
                r.state(),
                r.health(),
                r.installDir(),
                r.dataDir(),
                -1,
                r.lastBackup(),
                r.warnings());
    }

    /** A source whose list has no sizes yet and whose measuring gives each install 4 KiB. */
    static InstallSource measuredLater(List<String> measuredFor) {
        return new InstallSource() {
            @Override
            public List<InstallRow> list() {
                return List.of(unmeasured("Gitea"), unmeasured("Immich"));
            }

            @Override
            public List<InstallRow> measure(List<InstallRow> rows) {
                rows.forEach(r -> measuredFor.add(r.project()));
                return rows.stream()
                        .map(r -> new InstallRow(
                                r.project(),
                                r.app(),
                                r.version(),
                                r.state(),
                                r.health(),
                                r.installDir(),
                                r.dataDir(),
                                4096,
                                r.lastBackup(),
                                r.warnings()))
                        .toList();
            }
        };
    }

    @Test
    void theInstallsShowBeforeTheirDiskUseWhichFillsInAfterwards() {
        Queue<Runnable> fx = new ArrayDeque<>();
        List<String> measuredFor = new ArrayList<>();
        HomeViewModel vm = vm(measuredLater(measuredFor), new FxBridge(fx::add, Runnable::run));

        vm.reload();
        fx.poll().run(); // the list arrives

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::diskUseBytes).containsExactly(-1L, -1L);
        assertThat(vm.measuringProperty().get()).isTrue();
        assertThat(measuredFor)
                .as("measured off the FX thread, the rows just shown")
                .containsExactly("gitea", "immich");

        vm.selectedProperty().set(vm.installs().get(1));
        fx.poll().run(); // the sizes arrive

        assertThat(vm.measuringProperty().get()).isFalse();
        assertThat(vm.installs()).extracting(InstallRow::diskUseBytes).containsExactly(4096L, 4096L);
        assertThat(vm.selectedProperty().get().project())
                .as("the chosen install stays chosen")
                .isEqualTo("immich");
        assertThat(vm.selectedProperty().get().diskUseBytes()).isEqualTo(4096L);
    }

    @Test
    void sizesOfAnOlderSearchDoNotOverwriteANewerList() {
        Queue<Runnable> fx = new ArrayDeque<>();
        HomeViewModel vm = vm(measuredLater(new ArrayList<>()), new FxBridge(fx::add, Runnable::run));

        vm.reload();
        fx.poll().run(); // first list; its measuring is queued next
        Runnable olderSizes = fx.poll();
        vm.reload();
        olderSizes.run();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LOADING);
        assertThat(vm.measuringProperty().get()).isFalse();
    }

    @Test
    void whenMeasuringFailsTheListStaysWithItsSizesUnknown() {
        HomeViewModel vm = vm(
                new InstallSource() {
                    @Override
                    public List<InstallRow> list() {
                        return List.of(unmeasured("Gitea"));
                    }

                    @Override
                    public List<InstallRow> measure(List<InstallRow> rows) {
                        throw new IllegalStateException("helper container could not start");
                    }
                },
                FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::project).containsExactly("gitea");
        assertThat(vm.measuringProperty().get()).isFalse();
    }

    @Test
    void rowsWithTheirSizesAreNotMeasuredAgain() {
        List<String> measuredFor = new ArrayList<>();
        HomeViewModel vm = vm(
                new InstallSource() {
                    @Override
                    public List<InstallRow> list() {
                        return List.of(row("Sentry"));
                    }

                    @Override
                    public List<InstallRow> measure(List<InstallRow> rows) {
                        measuredFor.add("called");
                        return rows;
                    }
                },
                FxBridge.direct());

        vm.reload();

        assertThat(measuredFor).isEmpty();
        assertThat(vm.measuringProperty().get()).isFalse();
    }

    @Test
    void aNewerSearchWinsOverAnOlderOneThatFinishesLater() {
        Queue<Runnable> fx = new ArrayDeque<>();
        List<List<InstallRow>> answers = new ArrayList<>(List.of(List.of(row("Old")), List.of(row("New"))));
        HomeViewModel vm = vm(() -> answers.removeFirst(), new FxBridge(fx::add, Runnable::run));

        vm.reload();
        Runnable first = fx.poll();
        vm.reload();
        Runnable second = fx.poll();
        second.run();
        first.run();

        assertThat(vm.installs()).extracting(InstallRow::app).containsExactly("New");
    }

    @Test
    void tryDemoOpensTheInstallPage() {
        vm(InstallSource.NONE, FxBridge.direct()).tryDemo();

        assertThat(visited).containsExactly(Page.INSTALL);
    }

    @Test
    void addingAScanFolderSavesItAndSearchesAgain() {
        int[] searches = {0};
        HomeViewModel vm = vm(
                () -> {
                    searches[0]++;
                    return List.of();
                },
                FxBridge.direct());

        vm.addScanFolder(Path.of("/srv/apps"), e -> {
            throw new AssertionError(e);
        });

        assertThat(settings.get().scanFolders()).containsExactly(Path.of("/srv/apps"));
        assertThat(Settings.read(settings.file()).scanFolders()).containsExactly(Path.of("/srv/apps"));
        assertThat(searches[0]).isEqualTo(1);
    }

    @Test
    void theActionButtonsActOnTheChosenInstallAndDoNothingWithoutOne() {
        List<String> done = new ArrayList<>();
        HomeActions actions = new HomeActions() {
            @Override
            public void upgrade(InstallRow row) {
                done.add("upgrade " + row.app());
            }

            @Override
            public void configure(InstallRow row) {
                done.add("configure " + row.app());
            }

            @Override
            public void backUp(InstallRow row) {
                done.add("backup " + row.app());
            }

            @Override
            public void openFolder(InstallRow row) {
                done.add("folder " + row.installDir());
            }

            @Override
            public void tryDemo() {
                done.add("demo");
            }
        };
        HomeViewModel vm = new HomeViewModel(
                () -> List.of(row("Nextcloud"), row("Sentry")), FxBridge.direct(), settings, visited::add, actions);
        vm.reload();

        vm.upgrade();
        assertThat(done).as("nothing chosen yet").isEmpty();

        vm.selectedProperty().set(vm.installs().get(1));
        vm.upgrade();
        vm.configure();
        vm.backUp();
        vm.openFolder();
        vm.tryDemo();

        assertThat(done)
                .containsExactly("upgrade Sentry", "configure Sentry", "backup Sentry", "folder /srv/Sentry", "demo");
        assertThat(visited).containsExactly(Page.INSTALL);
    }

    @Test
    void theChosenInstallStaysChosenWhenTheListIsSearchedAgain() {
        HomeViewModel vm = new HomeViewModel(
                () -> List.of(row("Nextcloud"), row("Sentry")), FxBridge.direct(), settings, visited::add);
        vm.reload();
        vm.selectedProperty().set(vm.installs().get(1));

        vm.reload();

        assertThat(vm.selectedProperty().get()).isEqualTo(vm.installs().get(1));
    }

    private static InstallRow health(InstallRow r, Health h, long disk) {
        return new InstallRow(
                r.project(),
                r.app(),
                r.version(),
                r.state(),
                h,
                r.installDir(),
                r.dataDir(),
                disk,
                r.lastBackup(),
                r.warnings());
    }

    private HomeViewModel rechecking(InstallSource source) {
        return new HomeViewModel(
                source,
                HostInstalls.NONE,
                FxBridge.direct(),
                settings,
                visited::add,
                HomeActions.NONE,
                java.time.Duration.ZERO);
    }

    @Test
    void readsTheListAgainWhileAHealthCheckStillSaysStartingAndKeepsTheMeasuredSizes() {
        Queue<Health> answers = new ArrayDeque<>(List.of(Health.STARTING, Health.STARTING, Health.HEALTHY));
        List<Health> listed = new ArrayList<>();
        InstallSource source = new InstallSource() {
            @Override
            public List<InstallRow> list() {
                Health h = answers.isEmpty() ? Health.HEALTHY : answers.poll();
                listed.add(h);
                return List.of(health(row("Nextcloud"), h, -1), row("Sentry"));
            }

            @Override
            public List<InstallRow> measure(List<InstallRow> rows) {
                return rows.stream().map(r -> r.withDiskUse(4096)).toList();
            }
        };
        HomeViewModel vm = rechecking(source);

        vm.reload();

        assertThat(listed).containsExactly(Health.STARTING, Health.STARTING, Health.HEALTHY);
        assertThat(vm.installs())
                .extracting(InstallRow::app, InstallRow::health, InstallRow::diskUseBytes)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Nextcloud", Health.HEALTHY, 4096L),
                        org.assertj.core.groups.Tuple.tuple("Sentry", Health.HEALTHY, 1024L));
        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
    }

    @Test
    void stopsReadingAgainAfterTheLastRecheckWhenAHealthCheckStaysStarting() {
        List<Integer> calls = new ArrayList<>();
        HomeViewModel vm = rechecking(() -> {
            calls.add(calls.size());
            return List.of(health(row("Nextcloud"), Health.STARTING, 1));
        });

        vm.reload();

        assertThat(calls).hasSize(1 + HomeViewModel.RECHECKS);
        assertThat(vm.installs()).extracting(InstallRow::health).containsExactly(Health.STARTING);
    }

    @Test
    void aFailedRecheckKeepsTheListAsItWas() {
        List<Integer> calls = new ArrayList<>();
        HomeViewModel vm = rechecking(() -> {
            calls.add(calls.size());
            if (calls.size() > 1) {
                throw new IllegalStateException("Docker went away");
            }
            return List.of(health(row("Nextcloud"), Health.STARTING, 1));
        });

        vm.reload();

        assertThat(calls).hasSize(2);
        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::health).containsExactly(Health.STARTING);
    }

    @Test
    void aSearchThatFailsOnAFolderWithoutAComposeFileIsSaidAsTheEnginesTextNotOnlyInEnglish() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createDirectories(home.resolve("empty"));
        HomeViewModel vm = vm(
                () -> {
                    new dev.berth.config.compose.ComposeLoader()
                            .load(dev.berth.config.compose.ProjectOptions.of(empty));
                    return List.of();
                },
                FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.FAILED);
        dev.berth.engine.Text said = vm.errorProperty().get();
        assertThat(said.english()).startsWith(empty + ": holds no compose file");
        assertThat(dev.berth.engine.TextBundles.render(said, java.util.Locale.FRENCH))
                .as("the French the view shows")
                .isNotEqualTo(said.english())
                .contains(empty.toString());
    }
}
