package dev.berth.gui.home;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerUnreachableViewModelTest {
    private int retries;
    private int settingsOpened;
    private final DockerUnreachableViewModel vm =
            new DockerUnreachableViewModel(() -> retries++, () -> settingsOpened++);

    @Test
    void bulletLinesArePlacesTriedAndTheRestIsTheHeadline() {
        vm.show("""
                Berth could not reach a Docker engine.
                - DOCKER_HOST=tcp://10.0.0.5:2376: connection timed out after 5 s
                - unix:///var/run/docker.sock: permission denied
                * unix:///home/ana/.docker/run/docker.sock: no such file
                """);

        assertThat(vm.headlineProperty().get()).isEqualTo("Berth could not reach a Docker engine.");
        assertThat(vm.placesTried())
                .containsExactly(
                        "DOCKER_HOST=tcp://10.0.0.5:2376: connection timed out after 5 s",
                        "unix:///var/run/docker.sock: permission denied",
                        "unix:///home/ana/.docker/run/docker.sock: no such file");
        assertThat(vm.rawMessageProperty().get()).startsWith("Berth could not reach");
    }

    @Test
    void indentedLinesAreAlsoPlacesTried() {
        vm.show(
                "No Docker found. Tried:\n    unix:///var/run/docker.sock (refused)\n    tcp://localhost:2375 (refused)");

        assertThat(vm.headlineProperty().get()).isEqualTo("No Docker found. Tried:");
        assertThat(vm.placesTried()).hasSize(2);
    }

    @Test
    void aOneLineMessageIsAllHeadline() {
        vm.show("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.");

        assertThat(vm.headlineProperty().get()).contains("Cannot connect");
        assertThat(vm.placesTried()).isEmpty();
    }

    @Test
    void showingANewMessageReplacesTheOldPlaces() {
        vm.show("a\n- one\n- two");
        vm.show("b\n- three");

        assertThat(vm.placesTried()).containsExactly("three");
    }

    @Test
    void retryAndSettingsCallBack() {
        vm.retry();
        vm.openSettings();

        assertThat(retries).isEqualTo(1);
        assertThat(settingsOpened).isEqualTo(1);
    }
}
