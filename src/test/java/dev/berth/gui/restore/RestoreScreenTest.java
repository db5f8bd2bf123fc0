package dev.berth.gui.restore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gui.EngineFixtures;
import dev.berth.gui.common.FxBridge;
import dev.berth.gui.common.RunTracker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The restore page on this computer or on a server: each session uses that machine's backups and engine. */
class RestoreScreenTest {
    static final String SERVER = "ana@nas.example:22";

    @org.junit.jupiter.api.io.TempDir
    Path tmp;

    final RestoreViewModelTest fixtures = new RestoreViewModelTest();
    final List<String> machines = new ArrayList<>();

    RestoreScreen screen(RestoreViewModelTest.FakeAccess here, RestoreViewModelTest.FakeAccess there) {
        return new RestoreScreen(
                host -> {
                    machines.add(host.isEmpty() ? "here" : host);
                    return host.isEmpty() ? here : there;
                },
                host -> EngineFixtures.access(EngineFixtures.engine(fixtures.runtime, fixtures.steps)),
                FxBridge.direct(),
                new RunTracker(),
                () -> {});
    }

    @Test
    void aServersInstallOpensASessionOnThatServerWithItsBackups() throws Exception {
        fixtures.tmp = tmp;
        RestoreViewModelTest.FakeAccess here = fixtures.new FakeAccess();
        RestoreViewModelTest.FakeAccess there = fixtures.new FakeAccess();
        there.backups = List.of(there.backups.getFirst());
        RestoreScreen s = screen(here, there);
        assertThat(s.session().host()).isEmpty();

        assertThat(s.showFor(SERVER)).isTrue();

        RestoreViewModel vm = s.session();
        assertThat(vm.host()).isEqualTo(SERVER);
        assertThat(machines).containsExactly("here", SERVER);
        assertThat(vm.backups()).as("the server's list").hasSize(1);

        vm.selectedProperty().set(vm.backups().getFirst());
        vm.targetKindProperty().set(RestoreViewModel.TargetKind.NEW);
        vm.newFolderProperty().set("apps/copy");
        assertThat(vm.target())
                .as("a server's folder is an absolute POSIX path")
                .isEmpty();
        vm.newFolderProperty().set("/srv/copy");
        assertThat(vm.target()).contains(Path.of("/srv/copy"));

        assertThat(s.showFor(SERVER)).isTrue();
        assertThat(s.session()).as("the same machine keeps its session").isSameAs(vm);
        assertThat(s.showFor("")).isTrue();
        assertThat(s.session().host()).isEmpty();
        assertThat(s.session().backups()).as("this computer's list").hasSize(2);
    }

    @Test
    void aBackupAnUpgradeOfAServerTookOpensOnThatServer() throws Exception {
        fixtures.tmp = tmp;
        RestoreViewModelTest.FakeAccess here = fixtures.new FakeAccess();
        RestoreViewModelTest.FakeAccess there = fixtures.new FakeAccess();
        RestoreScreen s = screen(here, there);
        Path archive = there.backups.getLast().file();

        assertThat(s.open(SERVER, archive, Optional.of(Path.of("/srv/app")))).isTrue();

        assertThat(s.session().host()).isEqualTo(SERVER);
        assertThat(s.session().selectedProperty().get().file()).isEqualTo(archive);
        assertThat(s.session().targetKindProperty().get()).isEqualTo(RestoreViewModel.TargetKind.SAME);
    }
}
