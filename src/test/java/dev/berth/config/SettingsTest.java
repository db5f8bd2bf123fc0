package dev.berth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.Settings.Field;
import dev.berth.config.Settings.ImageMirror;
import dev.berth.config.Settings.Kind;
import dev.berth.config.Settings.Language;
import dev.berth.config.Settings.Problem;
import dev.berth.config.Settings.Theme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path home;

    private AppDirs dirs() {
        return new AppDirs(AppDirs.Os.LINUX, Map.of("HOME", home.toString()));
    }

    private static Settings sample() {
        return new Settings(
                "tcp://192.168.1.5:2376",
                "/srv/backups",
                12,
                Language.JAPANESE,
                Theme.DARK,
                List.of(Path.of("/srv/apps"), Path.of("/opt/stacks")),
                List.of(new ImageMirror("docker.io", "registry.example.org:5000/hub")));
    }

    private Path write(String content) throws IOException {
        Path f = dirs().settingsFile();
        Files.createDirectories(f.getParent());
        Files.writeString(f, content);
        return f;
    }

    @Test
    void missingFileGivesDefaults() {
        assertThat(Settings.read(dirs().settingsFile())).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void writtenSettingsReadBackEqual() throws IOException {
        Path f = dirs().settingsFile();

        sample().write(f);

        assertThat(Settings.read(f)).isEqualTo(sample());
    }

    @Test
    void fileIsPrettyJsonInDocumentedKeyOrder() throws IOException {
        Path f = dirs().settingsFile();
        sample().write(f);

        assertThat(Files.readString(f)).isEqualTo("""
                {
                  "version": 1,
                  "dockerHost": "tcp://192.168.1.5:2376",
                  "backupFolder": "/srv/backups",
                  "backupsToKeep": 12,
                  "language": "ja",
                  "theme": "dark",
                  "scanFolders": [
                    "/srv/apps",
                    "/opt/stacks"
                  ],
                  "imageMirrors": [
                    "docker.io=registry.example.org:5000/hub"
                  ],
                  "hosts": []
                }
                """);
    }

    @Test
    void serversAreStoredAsObjectsAndReadBack() throws IOException {
        Path f = dirs().settingsFile();
        Settings s = sample().withHosts(List.of(
                new Settings.SshServer("deploy@server.example:2222", "/home/me/.ssh/id_ed25519", "jump@bastion"),
                new Settings.SshServer("admin@10.0.0.5")));

        s.write(f);

        assertThat(Files.readString(f)).contains("""
                  "hosts": [
                    {
                      "address": "deploy@server.example:2222",
                      "identityFile": "/home/me/.ssh/id_ed25519",
                      "jump": "jump@bastion"
                    },
                    {
                      "address": "admin@10.0.0.5",
                      "identityFile": "",
                      "jump": ""
                    }
                  ]
                """);
        assertThat(Settings.read(f)).isEqualTo(s);
    }

    @Test
    void serversAreCheckedWithTheParserOfTheCommandLine() {
        List<Settings.Problem> problems = Settings.checkHosts(List.of(
                new Settings.SshServer("deploy:hunter2@server"),
                new Settings.SshServer("deploy@server", "id_ed25519", "bad host name@x"),
                new Settings.SshServer("deploy@ok.example:22"),
                new Settings.SshServer("deploy@ok.example")));

        assertThat(problems)
                .extracting(Settings.Problem::kind)
                .containsExactly(
                        Settings.Kind.HOST_ADDRESS_INVALID,
                        Settings.Kind.HOST_KEY_FILE_NOT_ABSOLUTE,
                        Settings.Kind.HOST_JUMP_INVALID,
                        Settings.Kind.HOST_DUPLICATE);
        assertThat(problems.getFirst().message()).doesNotContain("hunter2").contains("deploy:***@server");
        assertThat(problems.getLast().value()).isEqualTo("deploy@ok.example:22");
    }

    @Test
    void aServerWithoutAddressOrWithAnUnknownKeyIsRefusedWithItsLine() throws IOException {
        Path f = dirs().settingsFile();
        Files.createDirectories(f.getParent());
        Files.writeString(f, "{\n  \"hosts\": [\n    {\"identityFile\": \"\"}\n  ]\n}\n");
        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("settings.json:3:")
                .hasMessageContaining("needs an \"address\"");

        Files.writeString(f, "{\"hosts\": [{\"address\": \"a@b\", \"password\": \"x\"}]}\n");
        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key \"password\" in a host");

        Files.writeString(f, "{\"hosts\": [{\"address\": \"me@server\"}, {\"address\": \"me@server:22\"}]}\n");
        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server 'me@server:22' is listed twice");
    }

    @Test
    void fileAndCreatedFoldersAreReadableByTheOwnerOnly() throws IOException {
        Path f = dirs().settingsFile();

        Settings.DEFAULTS.write(f);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())))
                .isEqualTo("rwx------");
        try (var listing = Files.list(f.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("settings.json");
        }
    }

    @Test
    void keysMissingFromTheFileTakeTheirDefaults() throws IOException {
        Path f = write("{\"theme\": \"light\"}");

        Settings s = Settings.read(f);

        assertThat(s.theme()).isEqualTo(Theme.LIGHT);
        assertThat(s.backupsToKeep()).isEqualTo(Settings.DEFAULTS.backupsToKeep());
        assertThat(s.language()).isEqualTo(Language.SYSTEM);
    }

    @Test
    void brokenJsonIsAnErrorNamingFileAndLine() throws IOException {
        Path f = write("{\n  \"theme\": \"dark\",\n  oops\n}\n");

        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":3:")
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void wrongTypeIsAnErrorNamingTheKey() throws IOException {
        Path f = write("{\n  \"backupsToKeep\": \"ten\"\n}\n");

        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(f + ":2:")
                .hasMessageContaining("\"backupsToKeep\" must be a whole number");
    }

    @Test
    void unknownKeyIsAnErrorListingTheKnownKeys() throws IOException {
        Path f = write("{\"dockerhost\": \"\"}");

        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key \"dockerhost\"")
                .hasMessageContaining("dockerHost");
    }

    @Test
    void invalidValuesAreAllListedWithTheirLines() throws IOException {
        Path f = write("""
                {
                  "backupsToKeep": 0,
                  "theme": "purple",
                  "scanFolders": ["relative/apps"]
                }
                """);

        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(f + ":2: invalid values")
                .hasMessageContaining("line 2: backups to keep is 0")
                .hasMessageContaining("line 3: theme 'purple'")
                .hasMessageContaining("line 4: folder 'relative/apps' must be an absolute path");
    }

    @Test
    void fileFromANewerBerthIsRefusedWithAdvice() throws IOException {
        Path f = write("{\"version\": 2}");

        assertThatThrownBy(() -> Settings.read(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("newer Berth")
                .hasMessageContaining("update Berth");
    }

    @Test
    void readingABrokenFileLeavesItUnchanged() throws IOException {
        Path f = write("{ broken");

        assertThatThrownBy(() -> Settings.read(f)).isInstanceOf(ConfigException.class);

        assertThat(Files.readString(f)).isEqualTo("{ broken");
    }

    @Test
    void savingOverABrokenFileKeepsItAsideUnderANewName() throws IOException {
        Path f = write("{ broken");

        var aside = sample().write(f);

        assertThat(aside).isPresent();
        assertThat(aside.get().getFileName().toString()).startsWith("settings.json.broken-");
        assertThat(Files.readString(aside.get())).isEqualTo("{ broken");
        assertThat(Settings.read(f)).isEqualTo(sample());
    }

    @Test
    void savingOverAValidFileMovesNothingAside() throws IOException {
        Path f = dirs().settingsFile();
        Settings.DEFAULTS.write(f);

        assertThat(sample().write(f)).isEmpty();
        try (var listing = Files.list(f.getParent())) {
            assertThat(listing).hasSize(1);
        }
    }

    @Test
    void invalidSettingsAreNotWritten() throws IOException {
        Path f = dirs().settingsFile();
        Settings.DEFAULTS.write(f);
        byte[] before = Files.readAllBytes(f);
        Settings bad = new Settings("localhost:2375", "", 0, Language.SYSTEM, Theme.SYSTEM, List.of(), List.of());

        assertThatThrownBy(() -> bad.write(f))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not saved")
                .hasMessageContaining("localhost:2375");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void unicodePathsSurviveTheRoundTrip() throws IOException {
        Path f = dirs().settingsFile();
        Settings s = new Settings(
                "", "/srv/备份 sauvegardes", 3, Language.CHINESE_SIMPLIFIED, Theme.SYSTEM, List.of(), List.of());

        s.write(f);

        assertThat(Files.readString(f, StandardCharsets.UTF_8)).contains("/srv/备份 sauvegardes");
        assertThat(Settings.read(f)).isEqualTo(s);
    }

    @Test
    void dockerHostAcceptsTheFourSchemesAndEmpty() {
        for (String ok : List.of(
                "",
                "unix:///var/run/docker.sock",
                "npipe:////./pipe/docker_engine",
                "tcp://192.168.1.5:2376",
                "tcp://docker.example.org",
                "ssh://admin@server.example.org")) {
            assertThat(Settings.checkDockerHost(ok)).as(ok).isEmpty();
        }
    }

    @Test
    void dockerHostWithoutSchemeOrHostIsReported() {
        assertThat(Settings.checkDockerHost("192.168.1.5:2376"))
                .extracting(Problem::kind)
                .containsExactly(Kind.DOCKER_HOST_SCHEME);
        assertThat(Settings.checkDockerHost("http://localhost:2375"))
                .extracting(Problem::kind)
                .containsExactly(Kind.DOCKER_HOST_SCHEME);
        assertThat(Settings.checkDockerHost("tcp://"))
                .extracting(Problem::kind)
                .containsExactly(Kind.DOCKER_HOST_MALFORMED);
        assertThat(Settings.checkDockerHost("unix://relative.sock"))
                .extracting(Problem::kind)
                .containsExactly(Kind.DOCKER_HOST_MALFORMED);
    }

    @Test
    void backupsToKeepMustBeBetweenOneAndNineHundredNinetyNine() {
        assertThat(Settings.checkBackupsToKeep(1)).isEmpty();
        assertThat(Settings.checkBackupsToKeep(999)).isEmpty();
        assertThat(Settings.checkBackupsToKeep(0)).extracting(Problem::field).containsExactly(Field.BACKUPS_TO_KEEP);
        assertThat(Settings.checkBackupsToKeep(1000)).hasSize(1);
    }

    @Test
    void scanFoldersMustBeAbsoluteAndListedOnce() {
        assertThat(Settings.checkScanFolders(List.of("/srv", "apps", "/srv/")))
                .extracting(Problem::kind, Problem::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.FOLDER_NOT_ABSOLUTE, "apps"),
                        org.assertj.core.groups.Tuple.tuple(Kind.FOLDER_DUPLICATE, "/srv/"));
    }

    @Test
    void imageMirrorsMustBeFromEqualsToWithRegistriesOnBothSides() {
        assertThat(Settings.checkImageMirrors(List.of("docker.io=mirror.example.org:5000/hub", "ghcr.io = m.local")))
                .isEmpty();
        assertThat(Settings.checkImageMirrors(
                        List.of("docker.io", "docker.io=https://mirror", "=x.org", "quay.io=a.org", "quay.io=b.org")))
                .extracting(Problem::kind)
                .containsExactly(
                        Kind.MIRROR_NOT_FROM_TO,
                        Kind.MIRROR_BAD_REGISTRY,
                        Kind.MIRROR_BAD_REGISTRY,
                        Kind.MIRROR_DUPLICATE);
    }

    @Test
    void imageMirrorParsesAndPrintsFromEqualsTo() {
        ImageMirror m = ImageMirror.parse(" docker.io = mirror.example.org ");

        assertThat(m).isEqualTo(new ImageMirror("docker.io", "mirror.example.org"));
        assertThat(m.toString()).isEqualTo("docker.io=mirror.example.org");
    }

    @Test
    void emptyBackupFolderMeansTheDefaultUnderData() {
        assertThat(Settings.DEFAULTS.backupDir(dirs())).isEqualTo(dirs().defaultBackupDir());
        assertThat(sample().backupDir(dirs())).isEqualTo(Path.of("/srv/backups"));
    }

    @Test
    void languagesMapToLocalesAndSystemFollowsTheSystem() {
        assertThat(Language.CHINESE_SIMPLIFIED.locale(Locale.US)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.FRENCH.locale(Locale.US)).isEqualTo(Locale.FRENCH);
        assertThat(Language.SYSTEM.locale(Locale.JAPAN)).isEqualTo(Locale.JAPAN);
        assertThat(Language.fromTag("zh-cn")).contains(Language.CHINESE_SIMPLIFIED);
    }

    @Test
    void problemMessagesSayWhatToDo() {
        assertThat(new Problem(Field.DOCKER_HOST, Kind.DOCKER_HOST_SCHEME, "x").message())
                .contains("unix://")
                .contains("leave it empty");
    }
}
