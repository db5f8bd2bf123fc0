package dev.berth.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each release of berth-demo installs fresh and really uses its database, DATA_DIR and volume. */
class DemoAppIT {
    private static final Duration T = Duration.ofSeconds(60);
    private static final FileAttribute<?> OPEN_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

    @BeforeAll
    static void testBed() {
        DockerTestBed.require();
    }

    @Test
    void release100ComesUpHealthyAndKeepsRecordsInPostgresAndFilesInDataDir(
            @DemoApp(version = "1.0.0") DemoProject demo) {
        demo.up();

        JsonNode version = demo.get("/version").json();
        assertThat(version.get("version").asText()).isEqualTo("1.0.0");
        assertThat(version.get("config_version").asInt()).isEqualTo(1);

        List<Long> ids = new ArrayList<>();
        for (String body : List.of("first", "second with spaces", "it's \"quoted\"; DROP TABLE records;")) {
            ids.add(demo.writeRecord(body));
        }
        assertThat(demo.countRows("records")).isEqualTo(3);
        assertThat(demo.psql("SELECT body FROM records WHERE id = " + ids.get(2)))
                .isEqualTo("it's \"quoted\"; DROP TABLE records;");
        assertThat(demo.records())
                .extracting(r -> r.get("body").asText())
                .containsExactly("first", "second with spaces", "it's \"quoted\"; DROP TABLE records;");
        List<String> files = ids.stream().map(id -> "records/" + id + ".txt").toList();
        assertThat(demo.dataFiles()).containsExactlyElementsOf(files);
        assertThat(demo.get("/files").json()).extracting(JsonNode::asText).containsExactlyElementsOf(files);
        assertThat(demo.post("/records", "").status()).isEqualTo(400);
    }

    @Test
    void databaseLivesInTheNamedVolumeAndSurvivesDownAndUp(@DemoApp(version = "1.0.0") DemoProject demo) {
        demo.up();
        demo.writeRecord("kept in the volume");

        assertThat(mounts(demo.containerId("db")))
                .contains("volume " + demo.volumeName("db-data") + " /var/lib/postgresql/data");
        assertThat(mounts(demo.containerId("web")))
                .as("web has DATA_DIR and its config bind-mounted, and no anonymous volume")
                .containsExactlyInAnyOrder("bind  /app/config", "bind  /data");
        assertThat(Commands.run(T, "docker", "port", demo.containerId("web"), "8080")
                        .orFail()
                        .stdout()
                        .strip())
                .isEqualTo("127.0.0.1:" + demo.webPort());

        demo.compose("down");
        assertThat(Commands.run(T, "docker", "volume", "inspect", demo.volumeName("db-data"))
                        .succeeded())
                .as("down without -v keeps the named volume")
                .isTrue();
        demo.up();
        assertThat(demo.countRows("records")).isEqualTo(1);
    }

    @Test
    void webRefusesToStartWithAConfigFileOfAnotherVersionOrPlace(@TempDir Path tmp) throws IOException {
        Path config = Files.createDirectory(tmp.resolve("config"), OPEN_DIR);
        Path old = DockerTestBed.demoRelease("1.0.0").resolve("config/app.yaml");
        Files.copy(old, config.resolve("app.yaml"));
        Files.setPosixFilePermissions(config.resolve("app.yaml"), PosixFilePermissions.fromString("rw-r--r--"));

        ProcessResult v11 = runWeb("1.1.0", config);
        assertThat(v11.succeeded()).as(v11.describe()).isFalse();
        assertThat(v11.stderr())
                .contains("/app/config/app.yaml has config version 1 but berth-demo 1.1.0 needs version 2");

        ProcessResult v20 = runWeb("2.0.0", config);
        assertThat(v20.succeeded()).as(v20.describe()).isFalse();
        assertThat(v20.stderr()).contains("cannot read /app/config/app/settings.yaml");
    }

    /** The web image alone with a config folder: it checks the config before it needs the database. */
    private static ProcessResult runWeb(String version, Path config) {
        return Commands.run(
                T,
                "docker",
                "run",
                "--rm",
                "--network",
                "none",
                "-v",
                config + ":/app/config:ro",
                "--tmpfs",
                "/var/lib/postgresql/data",
                "berth-demo/web:" + version);
    }

    @Test
    void release200InstallsFreshWithTheWholeSchemaAndItsNewVariables(@DemoApp(version = "2.0.0") DemoProject demo) {
        demo.setEnv("DEMO_TITLE", "Fresh two");
        demo.up();

        demo.writeRecord("new in 2.0");
        assertThat(demo.psql("SELECT max(version) FROM schema_version")).isEqualTo("3");
        assertThat(demo.psql("SELECT body_length || ' ' || category || ' ' || tags::text FROM records"))
                .isEqualTo("10 general {}");
        JsonNode version = demo.get("/version").json();
        assertThat(version.get("version").asText()).isEqualTo("2.0.0");
        assertThat(version.get("title").asText()).isEqualTo("Fresh two");
        assertThat(version.get("config_version").asInt()).isEqualTo(3);
        assertThat(demo.psql("SELECT value FROM demo_meta WHERE key = 'created_by'"))
                .as("the db image's init script ran")
                .isEqualTo("berth-demo db image");
    }

    /** "type name destination" of each mount (name empty for binds). */
    private static List<String> mounts(String container) {
        return Commands.run(
                        T,
                        "docker",
                        "inspect",
                        "--format",
                        "{{range .Mounts}}{{.Type}} {{.Name}} {{.Destination}}\n{{end}}",
                        container)
                .orFail()
                .stdout()
                .lines()
                .filter(l -> !l.isBlank())
                .toList();
    }
}
