package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every compose file of the corpus loads, or fails with a {@link ConfigException} naming file and line. */
class ComposeCorpusTest {
    @Test
    void everyCorpusComposeFileLoadsOrFailsWithFileAndLine() {
        List<Path> files = ComposeCorpusFiles.all();
        assertThat(files).hasSizeGreaterThan(150);
        List<String> problems = new ArrayList<>();
        int loaded = 0;
        for (Path file : files) {
            Optional<Path> env = ComposeCorpusFiles.envFile(file);
            ProjectOptions options = ProjectOptions.of(file.getParent())
                    .withFiles(List.of(file))
                    .withEnvFiles(env.map(List::of).orElse(List.of()));
            try {
                ComposeProject p = new ComposeLoader().load(options);
                assertThat(p.model().services()).as(file.toString()).isNotEmpty();
                p.model()
                        .services()
                        .values()
                        .forEach(s -> assertThat(s.definedIn()).isEqualTo(file));
                loaded++;
            } catch (ConfigException e) {
                if (e.source().isEmpty() || e.line() <= 0) {
                    problems.add(ComposeCorpusFiles.name(file) + ": error without file and line: " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(loaded).as("corpus compose files that load").isGreaterThanOrEqualTo(90);
    }

    @Test
    void corpusTemplatesThatAreNotYamlFailWithFileAndLine() {
        // README: "files that are not valid YAML until placeholders are substituted"
        for (String name : List.of(
                "open-im-server/v3.5.0/deployments/templates/prometheus.yml",
                "openim-docker/v3.3.1/templates/env_template.yaml",
                "openim-docker/v2.0.0/templates/chat.yaml")) {
            Path file = Corpus.root().resolve(name);
            try {
                new ComposeLoader().load(ProjectOptions.of(file.getParent()).withFiles(List.of(file)));
                throw new AssertionError(name + " loaded, but it is not valid YAML");
            } catch (ConfigException e) {
                assertThat(e.source()).hasValueSatisfying(s -> assertThat(s).endsWith(name));
                assertThat(e.line()).as(name).isPositive();
                assertThat(e.getMessage()).contains("is not valid YAML");
            }
        }
    }

    @Test
    void plainCorpusFileResolvesImagesEnvironmentAndMergeKeys() {
        // plane v1.3.1 uses x- fields with anchors and merge keys pulled into environment
        Path dir = Corpus.root().resolve("plane/v1.3.1/deployments/cli/community");
        ComposeProject p = new ComposeLoader()
                .load(ProjectOptions.of(dir)
                        .withFiles(List.of(dir.resolve("docker-compose.yml")))
                        .withEnvFiles(List.of(dir.resolve("variables.env"))));
        assertThat(p.tree().keySet()).noneMatch(k -> k.startsWith("x-"));
        ComposeService api = p.model().service("api").orElseThrow();
        assertThat(api.image()).hasValueSatisfying(i -> assertThat(i).startsWith("makeplane/plane-backend:"));
        assertThat(api.environment()).containsKey("DATABASE_URL").doesNotContainKey("<<");
    }
}
