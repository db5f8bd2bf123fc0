package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvRoundTripTest {

    static Stream<Path> corpusEnvFiles() {
        return EnvCorpus.files().stream();
    }

    @Test
    void corpusHasTheEnvFilesTheReadmeLists() {
        List<Path> files = EnvCorpus.files();
        assertThat(files).hasSizeGreaterThanOrEqualTo(96);
        assertThat(files.stream().map(EnvCorpus::relative))
                .contains(
                        "docker-mailserver/v15.0.0/mailserver.env",
                        "netbox-docker/3.0.0/env/netbox.env",
                        "openim-docker/v3.8/.env",
                        "open-im-server/v3.6.0/config/templates/env.template",
                        "openim-docker/v1.5.0/templates/env_template.yaml",
                        "plane/v0.28.0/deployments/cli/community/variables.env",
                        "outline/v1.9.2/.env.sample",
                        "jitsi-docker/stable-11146/rtcstats/rtc-visualizer/env.example");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusEnvFiles")
    void parseThenWriteGivesTheSameBytes(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        EnvFile env = EnvParser.parse(file);
        assertThat(EnvWriter.toBytes(env)).isEqualTo(bytes);
        assertThat(env.lines()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusEnvFiles")
    void lineNumbersCoverTheFileInOrder(Path file) throws IOException {
        EnvFile env = EnvParser.parse(file);
        int expected = 1;
        for (EnvLine l : env.lines()) {
            assertThat(l.line()).isEqualTo(expected);
            expected = l.lastLine() + 1;
        }
        long physical = Files.readString(file).lines().count();
        assertThat(expected - 1).isEqualTo((int) physical);
    }
}
