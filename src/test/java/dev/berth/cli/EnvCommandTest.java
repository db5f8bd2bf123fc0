package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.Corpus;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EnvCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = BerthCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void mergeWithoutOutputPrintsOnlyTheFileOnStdoutAndTheReportOnStderr() throws IOException {
        Path current = write("current.env", "TAG=1.0\nDB_PASSWORD=hunter2\nMINE=1\n");
        Path template = write("template.env", "# tag\nTAG=2.0\nDB_PASSWORD=\nNEW=x\n");
        Path base = write("base.env", "TAG=1.0\nDB_PASSWORD=\n");
        Run r = run(
                "env",
                "merge",
                "--current",
                current.toString(),
                "--template",
                template.toString(),
                "--base",
                base.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out())
                .startsWith("# tag\nTAG=2.0\nDB_PASSWORD=hunter2\nNEW=x\n\n# ---")
                .endsWith("\nMINE=1\n");
        assertThat(r.err()).contains("1 kept, 1 added, 1 default updated").contains("not in the new template: MINE");
        assertThat(r.err()).doesNotContain("hunter2");
    }

    @Test
    void mergeToOutputWritesAtomicallyKeepsABackupAndPrintsOnlyJson() throws IOException {
        Path current = write("current.env", "SECRET=s3cret\nAPI_OPENIM_PORT=1\n");
        Path template = write("template.env", "OPENIM_SECRET=x\nOPENIM_API_PORT=10002\n");
        Path manifest = write(
                "berth.yaml",
                "env:\n  OPENIM_SECRET:\n    secret: true\n    renamed_from: SECRET\n"
                        + "  OPENIM_API_PORT:\n    renamed_from: [API_OPENIM_PORT]\n");
        Path output = write(".env", "OLD=1\n");
        Run r = run(
                "env",
                "merge",
                "--current",
                current.toString(),
                "--template",
                template.toString(),
                "--manifest",
                manifest.toString(),
                "--output",
                output.toString(),
                "--json");
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("renamed").get("SECRET").asText()).isEqualTo("OPENIM_SECRET");
        assertThat(json.get("renamed").get("API_OPENIM_PORT").asText()).isEqualTo("OPENIM_API_PORT");
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly("added", "removed", "renamed", "kept", "defaultUpdated", "conflicts");
        assertThat(r.out()).doesNotContain("s3cret");
        assertThat(Files.readString(output)).contains("OPENIM_SECRET=s3cret\n").contains("OPENIM_API_PORT=1\n");
        try (Stream<Path> s = Files.list(dir)) {
            Path backup = s.filter(p -> p.getFileName().toString().startsWith(".env.bak-"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readString(backup)).isEqualTo("OLD=1\n");
        }
        assertThat(r.err()).contains("Kept the previous");
    }

    @Test
    void badInputIsRefusedWithFileAndLineAndNothingIsWritten() throws IOException {
        Path current = write("current.env", "A=1\nB=\"open\n");
        Path template = write("template.env", "A=2\n");
        Path output = dir.resolve("out.env");
        Run r = run(
                "env",
                "merge",
                "--current",
                current.toString(),
                "--template",
                template.toString(),
                "--output",
                output.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(r.err()).contains(current + ":2:").contains("unterminated quoted value");
        assertThat(output).doesNotExist();
        Run missing =
                run("env", "merge", "--current", dir.resolve("nope.env").toString(), "--template", template.toString());
        assertThat(missing.exit()).isEqualTo(ExitCode.REFUSED);
        assertThat(missing.err()).contains("nope.env").contains("no such file");
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        assertThat(run("env", "merge", "--current", "x.env").exit()).isEqualTo(ExitCode.USAGE);
        Path t = write("t.env", "A=1\n");
        Run r = run("env", "merge", "--current", t.toString(), "--template", t.toString(), "--json");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--json needs --output");
        assertThat(run("env").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void docsListsVariablesWithSecretsMasked() throws IOException {
        Path template = Corpus.root().resolve("mattermost-docker/2025-04-10_2308dca/env.example");
        Run text = run("env", "docs", "--template", template.toString());
        assertThat(text.exit()).isEqualTo(ExitCode.OK);
        dev.berth.config.env.Golden.assertMatches("cli/env-docs-mattermost.txt", text.out());
        Run json = run("env", "docs", "--template", template.toString(), "--json");
        JsonNode list = new ObjectMapper().readTree(json.out());
        JsonNode pw = null;
        for (JsonNode n : list) {
            if (n.get("name").asText().equals("POSTGRES_PASSWORD")) {
                pw = n;
            }
        }
        assertThat(pw).isNotNull();
        assertThat(pw.get("secret").asBoolean()).isTrue();
        assertThat(pw.get("default").asText()).isEqualTo("****");
        assertThat(json.out()).doesNotContain("mmuser_password");
    }
}
