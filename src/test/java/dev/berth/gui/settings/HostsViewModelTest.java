package dev.berth.gui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.AppDirs;
import dev.berth.config.Settings;
import dev.berth.config.Settings.Kind;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.SshServer;
import dev.berth.gui.AppSettings;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.settings.HostsViewModel.Auth;
import dev.berth.gui.settings.HostsViewModel.TestState;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsViewModelTest {
    static final String FINGERPRINT = "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s";

    @TempDir
    Path home;

    private AppDirs dirs;
    private AppSettings app;
    /** What the probe was asked: the server and the accepted fingerprint. */
    private final List<String> asked = new ArrayList<>();

    private HostProbe.Result next;

    @BeforeEach
    void setUp() {
        dirs = new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
        app = AppSettings.load(dirs.settingsFile(), FxBridge.direct());
    }

    private HostsViewModel vm(FxBridge bridge) {
        return new HostsViewModel(app, bridge, (server, accept) -> {
            asked.add(server.key() + " " + accept.orElse("-"));
            return next;
        });
    }

    @Test
    void addingAServerSavesItInTheSettingsFile() throws Exception {
        HostsViewModel vm = vm(FxBridge.direct());
        vm.addressProperty().set("berth-ssh@127.0.0.1:2222");
        vm.authProperty().set(Auth.KEY_FILE);
        vm.identityFileProperty().set("/home/me/.ssh/id_ed25519");
        vm.jumpProperty().set("me@bastion");

        assertThat(vm.canAdd().get()).isTrue();
        vm.add();

        SshServer saved = new SshServer("berth-ssh@127.0.0.1:2222", "/home/me/.ssh/id_ed25519", "me@bastion");
        assertThat(Settings.read(dirs.settingsFile()).hosts()).containsExactly(saved);
        assertThat(vm.servers()).containsExactly(saved);
        assertThat(vm.selectedProperty().get()).isEqualTo(saved);
        assertThat(vm.canUpdate().get()).as("nothing changed since").isFalse();
        assertThat(vm.canAdd().get()).as("it is in the list now").isFalse();
    }

    @Test
    void theAgentChoiceStoresNoKeyFile() throws Exception {
        HostsViewModel vm = vm(FxBridge.direct());
        vm.addressProperty().set("admin@nas.local");
        vm.identityFileProperty().set("/left/over/from/before");
        vm.authProperty().set(Auth.DEFAULT_KEYS_AND_AGENT);

        vm.add();

        assertThat(Settings.read(dirs.settingsFile()).hosts()).containsExactly(new SshServer("admin@nas.local"));
    }

    @Test
    void invalidEntriesAreRefusedWithTheSettingsProblems() {
        HostsViewModel vm = vm(FxBridge.direct());
        vm.addressProperty().set("admin:secret@nas");
        assertThat(vm.problems().get()).extracting(Problem::kind).containsExactly(Kind.HOST_ADDRESS_INVALID);
        assertThat(vm.problems().get().getFirst().value()).doesNotContain("secret");
        assertThat(vm.canAdd().get()).isFalse();

        vm.addressProperty().set("admin@nas");
        vm.authProperty().set(Auth.KEY_FILE);
        vm.identityFileProperty().set("id_rsa");
        vm.jumpProperty().set("not an address");
        assertThat(vm.problems().get())
                .extracting(Problem::kind)
                .containsExactly(Kind.HOST_KEY_FILE_NOT_ABSOLUTE, Kind.HOST_JUMP_INVALID);

        vm.add();
        assertThat(app.get().hosts()).isEmpty();
    }

    @Test
    void theSameServerTwiceIsADuplicateButEditingItselfIsNot() {
        HostsViewModel vm = vm(FxBridge.direct());
        vm.addressProperty().set("admin@nas:22");
        vm.add();
        vm.newServer();

        vm.addressProperty().set("admin@nas");
        assertThat(vm.problems().get()).extracting(Problem::kind).containsExactly(Kind.HOST_DUPLICATE);

        vm.selectedProperty().set(vm.servers().getFirst());
        vm.jumpProperty().set("me@bastion");
        assertThat(vm.problems().get()).isEmpty();
        assertThat(vm.canUpdate().get()).isTrue();
        vm.update();
        assertThat(app.get().hosts()).containsExactly(new SshServer("admin@nas:22", "", "me@bastion"));
    }

    @Test
    void removingAServerSavesAndEmptiesTheForm() {
        app.save(app.get().withHosts(List.of(new SshServer("a@one"), new SshServer("b@two"))), a -> {}, e -> {});
        HostsViewModel vm = vm(FxBridge.direct());
        vm.selectedProperty().set(vm.servers().getFirst());
        assertThat(vm.addressProperty().get()).isEqualTo("a@one");

        vm.remove();

        assertThat(app.get().hosts()).containsExactly(new SshServer("b@two"));
        assertThat(vm.servers()).containsExactly(new SshServer("b@two"));
        assertThat(vm.addressProperty().get()).isEmpty();
        assertThat(vm.selectedProperty().get()).isNull();
    }

    @Test
    void anUnknownKeyIsShownUntilAcceptedThenTheTestRunsAgainWithThatFingerprint() {
        Queue<Runnable> worker = new ArrayDeque<>();
        HostsViewModel vm = vm(new FxBridge(Runnable::run, worker::add));
        vm.addressProperty().set("berth-ssh@127.0.0.1:2222");
        next = new HostProbe.Result.UnknownKey(
                "[127.0.0.1]:2222", "ssh-ed25519", FINGERPRINT, "/home/me/.ssh/known_hosts");

        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.TESTING);
        assertThat(asked).as("the test runs on the worker, not here").isEmpty();
        worker.poll().run();

        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.UNKNOWN_KEY);
        assertThat(vm.testResultProperty().get()).contains(next);

        next = new HostProbe.Result.Connected("berth-ssh@127.0.0.1:2222", "28.5.1", "docker compose 2.39.1");
        vm.acceptKey();
        worker.poll().run();

        assertThat(asked).containsExactly("berth-ssh@127.0.0.1:2222 -", "berth-ssh@127.0.0.1:2222 " + FINGERPRINT);
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.CONNECTED);
    }

    @Test
    void aChangedKeyOrAFailureIsShownAndEditingTheFormClearsIt() {
        HostsViewModel vm = vm(FxBridge.direct());
        vm.addressProperty().set("admin@nas");
        next = new HostProbe.Result.ChangedKey("nas", "WARNING: the ssh-ed25519 host key of nas has changed");
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.CHANGED_KEY);
        vm.acceptKey();
        assertThat(asked).as("a changed key cannot be accepted").hasSize(1);

        next = new HostProbe.Result.Failed(HostProbe.Failure.PERMISSION_DENIED, "Permission denied (publickey)");
        vm.test();
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.FAILED);

        vm.addressProperty().set("admin@nas2");
        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.IDLE);
        assertThat(vm.testResultProperty().get()).isEqualTo(Optional.empty());
    }

    @Test
    void aResultThatArrivesAfterTheFormChangedIsDropped() {
        Queue<Runnable> worker = new ArrayDeque<>();
        HostsViewModel vm = vm(new FxBridge(Runnable::run, worker::add));
        vm.addressProperty().set("admin@nas");
        next = new HostProbe.Result.Connected("admin@nas:22", "28.5.1", "docker compose 2.39.1");
        vm.test();

        vm.addressProperty().set("admin@other");
        worker.poll().run();

        assertThat(vm.testStateProperty().get()).isEqualTo(TestState.IDLE);
    }
}
