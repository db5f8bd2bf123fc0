package dev.berth.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Setting an install's files aside before a restore is all or nothing. */
class SetAsideInstallTest {
    @TempDir
    Path tmp;

    @Test
    void everythingGoesAsideExceptTheBerthFolder() throws IOException {
        Path install = install();
        Path to = tmp.resolve("old");

        ArchiveBackupSteps.setAsideInstall(install, to);

        assertThat(names(install)).containsExactly(".berth");
        assertThat(names(to)).containsExactlyInAnyOrder(".env", "compose.yaml", "data");
    }

    @Test
    void aMoveThatFailsPutsBackWhatWasAlreadyMovedAndSaysSo() throws IOException {
        Path install = install();
        Path to = tmp.resolve("old");
        // One entry cannot be moved (here: its place is taken; on a server: a folder a container user owns).
        Files.createDirectories(to.resolve("data").resolve("taken"));

        assertThatThrownBy(() -> ArchiveBackupSteps.setAsideInstall(install, to))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not set the install's files aside")
                .hasMessageContaining("what was moved is back in " + install)
                .satisfies(e -> assertThat(TextBundles.render(Failures.text(e), java.util.Locale.FRENCH))
                        .startsWith("Impossible de mettre de côté les fichiers de l’installation (")
                        .endsWith("ce qui avait été déplacé est revenu dans " + install + "."));

        assertThat(names(install)).containsExactlyInAnyOrder(".berth", ".env", "compose.yaml", "data");
        assertThat(Files.readString(install.resolve(".env"))).isEqualTo("A=1\n");
        assertThat(names(to)).containsExactly("data");
    }

    private Path install() throws IOException {
        Path install = tmp.resolve("app");
        Files.createDirectories(install.resolve(".berth"));
        Files.createDirectories(install.resolve("data"));
        Files.writeString(install.resolve("data").resolve("db.sqlite"), "rows");
        Files.writeString(install.resolve(".env"), "A=1\n");
        Files.writeString(install.resolve("compose.yaml"), "services: {}\n");
        return install;
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
