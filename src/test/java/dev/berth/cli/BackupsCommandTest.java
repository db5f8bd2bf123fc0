package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.backup.TestBackups;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code berth backups}: golden text and JSON, with the temp folder replaced by {@code <TMP>}. */
class BackupsCommandTest {
    @TempDir
    Path tmp;

    Path root;

    @BeforeEach
    void threeBackups() throws Exception {
        root = tmp.resolve("data/berth/backups");
        // fixed install paths keep the archives (and their sizes in the golden files) the same on every run
        TestBackups.write(
                root.resolve("mm-1/mattermost-10.5.1.berth"),
                "mattermost",
                "10.5.1",
                "mattermost",
                "/srv/mattermost",
                Instant.parse("2026-03-01T08:00:00Z"));
        Path verified = TestBackups.write(
                root.resolve("mm-1/mattermost-10.5.2.berth"),
                "mattermost",
                "10.5.2",
                "mattermost",
                "/srv/mattermost",
                Instant.parse("2026-03-02T09:30:00Z"));
        TestBackups.markVerified(verified);
        TestBackups.write(
                root.resolve("nc-1/nextcloud-31.0.0.berth"),
                "nextcloud",
                "31.0.0",
                "nextcloud",
                "/srv/nextcloud",
                Instant.parse("2026-02-27T23:15:00Z"));
    }

    private record Run(int code, String out, String err) {}

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BackupsCommand(() -> root, ZoneId.of("Europe/Berlin")));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(
                code,
                out.toString().replace(tmp.toString(), "<TMP>"),
                err.toString().replace(tmp.toString(), "<TMP>"));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/golden/cli", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(golden)
                .as("golden file %s (regenerate with -Dgolden.update=true)", golden)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void listsTheDefaultFolderAsATableNewestFirst() throws Exception {
        Run r = run();
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertGolden("backups.txt", r.out());
    }

    @Test
    void jsonPrintsOnlyAnArrayOfBackups() throws Exception {
        Run r = run("--json");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertGolden("backups.json", r.out());
    }

    @Test
    void anInstallFolderListsOnlyThatInstallsBackups() throws Exception {
        Path install = tmp.resolve("srv/mattermost");
        Files.createDirectories(install);
        Files.writeString(install.resolve("docker-compose.yml"), "services: {}\n");
        // Every install Berth ran on has this folder (journal, runs); it is not a backup.
        Files.createDirectories(install.resolve(".berth/runs"));
        TestBackups.write(
                root.resolve("mm-2/of-this-install.berth"),
                "mattermost",
                "10.6.0",
                "mattermost",
                install.toRealPath().toString(),
                Instant.parse("2026-03-05T08:00:00Z"));
        Run r = run("--json", install.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("of-this-install.berth").doesNotContain("10.5.1", "nextcloud");
    }

    @Test
    void aBackupFolderListsItsOwnBackups() throws Exception {
        Run r = run(root.resolve("nc-1").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("nextcloud-31.0.0.berth").doesNotContain("mattermost");
    }

    @Test
    void anEmptyFolderSaysSo() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        assertThat(run(tmp.resolve("empty").toString()).out()).isEqualTo("No backups in <TMP>/empty.\n");
        assertThat(run("--json", tmp.resolve("empty").toString()).out()).isEqualTo("[ ]\n");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        Run r = run(tmp.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("berth: <TMP>/nope is neither a folder nor a .berth file.\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void brokenSettingsAreARefusalNamingTheFile() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BackupsCommand(
                () -> {
                    throw new dev.berth.config.ConfigException("/home/u/.config/berth/settings.json", 3, "unknown key");
                },
                ZoneId.of("UTC")));
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute()).isEqualTo(ExitCode.REFUSED);
        assertThat(err.toString()).contains("settings.json").contains("unknown key");
    }

    @Test
    void theCommandIsRegisteredUnderBerth() {
        assertThat(BerthCommand.commandLine().getSubcommands()).containsKey("backups");
    }

    @Test
    void sizesReadAsDecimalUnits() {
        assertThat(BackupsCommand.size(999)).isEqualTo("999 B");
        assertThat(BackupsCommand.size(1_234)).isEqualTo("1.2 kB");
        assertThat(BackupsCommand.size(12_345_678)).isEqualTo("12.3 MB");
        assertThat(BackupsCommand.size(1_500_000_000L)).isEqualTo("1.5 GB");
    }
}
