package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class ComposeConfigCommandTest {
    private static final Path APP = Path.of("src/test/resources/compose/app").toAbsolutePath();
    private static final Path GOLDEN = Path.of("src/test/resources/golden/compose/config.json");

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = BerthCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void configJsonMatchesTheGoldenFile() throws IOException {
        Run r = run("compose", "config", "--project-directory", APP.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        String json = r.out().replace(APP.toString(), "${APP}");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, json);
        }
        assertThat(json).isEqualTo(Files.readString(GOLDEN));
        assertThat(r.err()).contains("WARN").doesNotContain("{");
    }

    @Test
    void yamlOutputHoldsTheSameModelAsJson() throws IOException {
        Run yaml = run("compose", "config", "--project-directory", APP.toString());
        Run json = run("compose", "config", "--project-directory", APP.toString(), "--json");
        assertThat(yaml.code()).isZero();
        Object fromYaml = new Load(LoadSettings.builder().build()).loadFromString(yaml.out());
        Object fromJson = new ObjectMapper().readValue(json.out(), Map.class);
        assertThat(new ObjectMapper().writeValueAsString(fromYaml))
                .isEqualTo(new ObjectMapper().writeValueAsString(fromJson));
    }

    @Test
    void profileFlagEnablesProfiledServices() {
        Run r = run("compose", "config", "--project-directory", APP.toString(), "--profile", "debug", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"debug\"");
    }

    @Test
    void missingRequiredVariableIsRefusedWithExitCodeThree(@TempDir Path dir) throws IOException {
        Files.writeString(
                dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:${TAG:?choose a version}\n");
        Run r = run("compose", "config", "-f", dir.resolve("compose.yaml").toString(), "--json");
        assertThat(r.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("compose.yaml:3").contains("TAG").contains("choose a version");
    }

    @Test
    void envFileOptionReplacesTheProjectDotEnv(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    image: nginx:${TAG:-latest}\n");
        Files.writeString(dir.resolve("a.env"), "TAG=1\n");
        Files.writeString(dir.resolve("b.env"), "TAG=2\n");
        Run r = run(
                "compose",
                "config",
                "--project-directory",
                dir.toString(),
                "--env-file",
                dir.resolve("a.env").toString(),
                "--env-file",
                dir.resolve("b.env").toString(),
                "--json");
        assertThat(r.out()).contains("nginx:2");
    }
}
