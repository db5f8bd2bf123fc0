package dev.berth.docker.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.docker.Health;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossWarningsTest {
    static Install install(String project, Install.Origin origin, String dir, String... images) {
        List<ServiceInfo> services = java.util.Arrays.stream(images)
                .map(i -> new ServiceInfo(
                        "s" + i.hashCode(),
                        i,
                        InstallAnalyzer.tagOf(i),
                        ServiceState.RUNNING,
                        Health.NONE,
                        Optional.empty(),
                        List.of(),
                        List.of()))
                .toList();
        return new Install(
                project,
                origin,
                Optional.of(Path.of(dir)),
                Install.WorkingDirState.PRESENT,
                List.of(),
                Optional.empty(),
                origin == Install.Origin.FOLDER ? Install.InstallState.NOT_CREATED : Install.InstallState.RUNNING,
                Optional.empty(),
                VersionGuess.none("-"),
                services,
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                DataSize.notMeasured(),
                List.of());
    }

    private static List<InstallWarning.Kind> kinds(Install i) {
        return i.warnings().stream().map(InstallWarning::kind).toList();
    }

    @Test
    void flagsTwoProjectsFromOneFolderTwoInstallsOfOneAppAndAFolderThatWouldTakeOverAProject() {
        List<Install> out = InstallScanner.crossWarnings(List.of(
                install("mm", Install.Origin.CONTAINERS, "/srv/mm", "mattermost/team:9.11", "postgres:16"),
                install("mm-test", Install.Origin.CONTAINERS, "/srv/mm", "mattermost/team:9.11", "postgres:16"),
                install("mm2", Install.Origin.CONTAINERS, "/home/me/mm", "mattermost/team:10.0", "postgres:15"),
                install("mm", Install.Origin.FOLDER, "/home/me/copy-of-mm", "nginx:1"),
                install("other", Install.Origin.CONTAINERS, "/srv/other", "postgres:16")));
        assertThat(kinds(out.get(0)))
                .containsExactly(InstallWarning.Kind.SAME_WORKING_DIR, InstallWarning.Kind.SAME_APP);
        assertThat(kinds(out.get(1)))
                .containsExactly(InstallWarning.Kind.SAME_WORKING_DIR, InstallWarning.Kind.SAME_APP);
        assertThat(kinds(out.get(2))).containsExactly(InstallWarning.Kind.SAME_APP);
        assertThat(out.get(2).warnings().getFirst().message())
                .contains("mattermost/team")
                .contains("mm in /srv/mm");
        assertThat(kinds(out.get(3))).containsExactly(InstallWarning.Kind.PROJECT_NAME_CLASH);
        assertThat(kinds(out.get(4)))
                .as("a database alone says nothing about the app")
                .isEmpty();
    }
}
