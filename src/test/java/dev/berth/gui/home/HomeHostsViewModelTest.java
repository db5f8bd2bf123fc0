package dev.berth.gui.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings.SshServer;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.home.HomeViewModel.HostState;
import dev.berth.gui.home.HomeViewModel.HostStatus;
import dev.berth.gui.home.HomeViewModel.State;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Home with servers in the settings: each searched on its own, beside this computer's installs. */
class HomeHostsViewModelTest {
    static final SshServer NAS = new SshServer("admin@nas.local:2222");
    static final SshServer VPS = new SshServer("deploy@vps.example", "", "jump@bastion.example");

    @TempDir
    Path home;

    private AppSettings settings;
    private final Map<String, List<InstallRow>> found = new HashMap<>();
    private final Map<String, Exception> failures = new HashMap<>();
    private final List<String> searched = new ArrayList<>();

    @BeforeEach
    void setUp() {
        AppDirs dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        settings = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
        settings.save(settings.get().withHosts(List.of(NAS, VPS)), a -> {}, e -> {
            throw new AssertionError(e);
        });
    }

    private HostInstalls servers() {
        return server -> {
            searched.add(server.key());
            Exception e = failures.get(server.key());
            if (e != null) {
                throw e;
            }
            return found.getOrDefault(server.key(), List.of());
        };
    }

    private HomeViewModel vm(InstallSource local, FxBridge bridge) {
        return new HomeViewModel(local, servers(), bridge, settings, p -> {}, HomeActions.NONE);
    }

    static InstallRow unmeasured(String app, long bytes) {
        InstallRow r = HomeViewModelTest.row(app);
        return new InstallRow(
                r.project(),
                r.app(),
                r.version(),
                r.state(),
                r.health(),
                r.installDir(),
                r.dataDir(),
                bytes,
                r.lastBackup(),
                r.warnings());
    }

    @Test
    void aServersDiskUseIsMeasuredThereAfterItsRowsAreShown() {
        settings.save(settings.get().withHosts(List.of(NAS)), a -> {}, e -> {
            throw new AssertionError(e);
        });
        List<InstallRow> listed = List.of(unmeasured("Immich", -1));
        List<String> measured = new ArrayList<>();
        Queue<Runnable> later = new ArrayDeque<>();
        HostInstalls nas = new HostInstalls() {
            @Override
            public List<InstallRow> list(SshServer server) {
                return listed;
            }

            @Override
            public List<InstallRow> measure(SshServer server, List<InstallRow> rows) {
                measured.add(server.key() + " " + (rows == listed));
                return List.of(unmeasured("Immich", 7_000_000L));
            }
        };
        FxBridge queued = new FxBridge(Runnable::run, later::add);
        HomeViewModel vm = new HomeViewModel(List::of, nas, queued, settings, p -> {}, HomeActions.NONE);

        vm.reload();
        while (vm.installs().isEmpty() && !later.isEmpty()) {
            later.poll().run();
        }

        assertThat(vm.installs()).extracting(InstallRow::diskUseBytes).containsExactly(-1L);
        assertThat(measured).as("measured after the rows are shown").isEmpty();
        while (!later.isEmpty()) {
            later.poll().run();
        }
        assertThat(measured).containsExactly("admin@nas.local:2222 true");
        assertThat(vm.installs())
                .extracting(InstallRow::diskUseBytes, InstallRow::host)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(7_000_000L, "admin@nas.local:2222"));
    }

    @Test
    void eachServersInstallsAreListedAfterThisComputersWithTheirHost() {
        found.put(NAS.key(), List.of(HomeViewModelTest.row("Immich")));
        found.put(VPS.key(), List.of(HomeViewModelTest.row("Gitea"), HomeViewModelTest.row("Mattermost")));
        HomeViewModel vm = vm(() -> List.of(HomeViewModelTest.row("Nextcloud")), FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs())
                .extracting(InstallRow::app, InstallRow::host)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Nextcloud", ""),
                        org.assertj.core.groups.Tuple.tuple("Immich", "admin@nas.local:2222"),
                        org.assertj.core.groups.Tuple.tuple("Gitea", "deploy@vps.example:22"),
                        org.assertj.core.groups.Tuple.tuple("Mattermost", "deploy@vps.example:22"));
        assertThat(vm.installs().getFirst().isLocal()).isTrue();
        assertThat(vm.hosts())
                .containsExactly(
                        new HostStatus("admin@nas.local:2222", HostState.LISTED, 1),
                        new HostStatus("deploy@vps.example:22", HostState.LISTED, 2));
    }

    @Test
    void aServerThatCannotBeReachedIsALineWithItsReasonNotAnErrorPage() {
        found.put(NAS.key(), List.of(HomeViewModelTest.row("Immich")));
        failures.put(VPS.key(), new java.io.IOException("Could not connect to vps.example port 22: timed out"));
        HomeViewModel vm = vm(() -> List.of(HomeViewModelTest.row("Nextcloud")), FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::app).containsExactly("Nextcloud", "Immich");
        assertThat(vm.hosts().get(1))
                .isEqualTo(new HostStatus(
                        "deploy@vps.example:22",
                        HostState.UNREACHABLE,
                        0,
                        dev.berth.engine.Text.plain("Could not connect to vps.example port 22: timed out")));

        // Retry searches that server only, and its installs join the list.
        failures.clear();
        found.put(VPS.key(), List.of(HomeViewModelTest.row("Gitea")));
        searched.clear();
        vm.reloadHost("deploy@vps.example:22");

        assertThat(searched).containsExactly("deploy@vps.example:22");
        assertThat(vm.hosts().get(1).state()).isEqualTo(HostState.LISTED);
        assertThat(vm.installs()).extracting(InstallRow::app).containsExactly("Nextcloud", "Immich", "Gitea");
    }

    @Test
    void serversAreSearchedOffTheFxThreadAndShowLoadingMeanwhile() {
        Queue<Runnable> worker = new ArrayDeque<>();
        HomeViewModel vm = vm(List::of, new FxBridge(Runnable::run, worker::add));

        vm.reload();

        assertThat(vm.hosts()).extracting(HostStatus::state).containsExactly(HostState.LOADING, HostState.LOADING);
        assertThat(searched).as("nothing searched on the calling thread").isEmpty();
        worker.forEach(Runnable::run);
        assertThat(searched).containsExactlyInAnyOrder(NAS.key(), VPS.key());
        assertThat(vm.hosts()).extracting(HostStatus::state).containsExactly(HostState.LISTED, HostState.LISTED);
    }

    @Test
    void noLocalInstallsButAServerIsStillTheListNotTheEmptyPage() {
        found.put(NAS.key(), List.of(HomeViewModelTest.row("Immich")));
        HomeViewModel vm = vm(List::of, FxBridge.direct());

        vm.reload();

        assertThat(vm.stateProperty().get()).isEqualTo(State.LIST);
        assertThat(vm.installs()).extracting(InstallRow::host).containsExactly("admin@nas.local:2222");
    }

    @Test
    void theChosenInstallStaysChosenAcrossASearchOnlyOnItsOwnServer() {
        found.put(NAS.key(), List.of(HomeViewModelTest.row("Gitea")));
        found.put(VPS.key(), List.of(HomeViewModelTest.row("Gitea")));
        HomeViewModel vm = vm(List::of, FxBridge.direct());
        vm.reload();
        vm.selectedProperty().set(vm.installs().get(1));

        vm.reload();

        assertThat(vm.selectedProperty().get().host()).isEqualTo("deploy@vps.example:22");
    }
}
