package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.config.ConfigException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken input is refused with a {@link ConfigException} that names the file and, when known, the line. */
class ComposeBadInputTest {
    @TempDir
    Path dir;

    private ConfigException refuse(String text) throws IOException {
        Path f = dir.resolve("compose.yaml");
        Files.writeString(f, text);
        return refuse(f);
    }

    private static ConfigException refuse(Path f) {
        try {
            new ComposeLoader().load(ProjectOptions.of(f.getParent()).withFiles(List.of(f)));
        } catch (ConfigException e) {
            assertThat(e.source()).isPresent();
            return e;
        }
        throw new AssertionError("loaded " + f);
    }

    @Test
    void brokenYamlNamesLineAndColumn() throws IOException {
        ConfigException e = refuse("services:\n  web:\n    image: [nginx\n    ports: x\n");
        assertThat(e.line()).isPositive();
        assertThat(e.column()).isPositive();
        assertThat(e.getMessage()).contains("compose.yaml:").contains("is not valid YAML");
    }

    @Test
    void tabIndentationIsBrokenYaml() throws IOException {
        assertThat(refuse("services:\n\tweb:\n").line()).isEqualTo(2);
    }

    @Test
    void topLevelListIsRefused() throws IOException {
        ConfigException e = refuse("- services\n- web\n");
        assertThat(e.getMessage()).contains("top-level object must be a mapping");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void serviceThatIsNotAMappingIsRefusedAtItsLine() throws IOException {
        ConfigException e = refuse("services:\n  web: nginx\n");
        assertThat(e.getMessage()).contains("service \"web\" must be a mapping");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void servicesThatIsNotAMappingIsRefused() throws IOException {
        assertThat(refuse("services: [web]\n").getMessage()).contains("services must be a mapping");
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertThat(refuse("# nothing\n").getMessage()).contains("empty compose file");
    }

    @Test
    void missingFileIsRefused() {
        assertThat(refuse(dir.resolve("nope.yaml")).getMessage()).contains("does not exist");
    }

    @Test
    void folderInsteadOfFileIsRefused() throws IOException {
        Path d = Files.createDirectories(dir.resolve("compose.yaml"));
        assertThat(refuse(d).getMessage()).contains("is a folder");
    }

    @Test
    void notUtf8IsRefused() throws IOException {
        Path f = dir.resolve("compose.yaml");
        Files.write(f, new byte[] {'s', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        assertThat(refuse(f).getMessage()).contains("not UTF-8");
    }

    @Test
    void hugeFileIsRefusedBeforeReading() throws IOException {
        Path f = dir.resolve("compose.yaml");
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.setLength(YamlReader.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        assertThat(refuse(f).getMessage()).contains("16 MiB");
    }

    @Test
    void billionLaughsIsRefused() throws IOException {
        StringBuilder sb = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            sb.append("x").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        sb.append("services:\n  web:\n    image: nginx\n    command: *a9\n");
        assertThat(refuse(sb.toString()).getMessage()).contains("billion laughs");
    }

    @Test
    void deepNestingIsRefused() throws IOException {
        String deep =
                "services:\n  web:\n    image: nginx\n    labels: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThat(refuse(deep).getMessage()).contains("nesting is deeper than");
    }

    @Test
    void recursiveAliasIsRefused() throws IOException {
        assertThat(refuse("services: &s\n  web:\n    image: nginx\n    x: *s\n").getMessage())
                .contains("recursive");
    }

    @Test
    void invalidInterpolationNamesPathLineAndValue() throws IOException {
        ConfigException e = refuse("services:\n  web:\n    image: \"nginx:${}\"\n");
        assertThat(e).isInstanceOf(InterpolationException.class);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("services.web.image").contains("nginx:${}");
    }

    @Test
    void invalidPortNamesItsLine() throws IOException {
        ConfigException e = refuse("services:\n  web:\n    image: nginx\n    ports:\n      - \"80:abc\"\n");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("services.web.ports[0]").contains("invalid port");
    }

    @Test
    void serviceWithoutImageOrBuildIsRefused() throws IOException {
        assertThat(refuse("services:\n  web:\n    ports: [\"80\"]\n").getMessage())
                .contains("neither an image nor a build context");
    }

    @Test
    void nonNumericReplicasAfterInterpolationIsRefused() throws IOException {
        assertThat(refuse("services:\n  web:\n    image: nginx\n    deploy:\n      replicas: \"${R:-many}\"\n")
                        .line())
                .isEqualTo(5);
    }
}
