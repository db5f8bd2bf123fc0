package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateFinderTest {

    @Test
    void recognisesTemplateNames() {
        for (String n : List.of(
                ".env.example",
                "env.example",
                "example.env",
                "netbox.env.example",
                ".env.template",
                "env.template",
                "x.env.template",
                ".env.sample",
                "sample.conf")) {
            assertThat(TemplateFinder.isTemplateName(n)).as(n).isTrue();
        }
        for (String n : List.of(".env", "netbox.env", "docker-compose.yml", "env.go", "environment")) {
            assertThat(TemplateFinder.isTemplateName(n)).as(n).isFalse();
        }
    }

    @Test
    void pairsByTemplateNameThenSamePathThenDeclaration(@TempDir Path release) throws IOException {
        Files.createDirectories(release.resolve("env"));
        Files.writeString(release.resolve(".env.example"), "A=1\n");
        Files.writeString(release.resolve("env/netbox.env"), "B=1\n");
        Files.writeString(release.resolve("custom.tmpl"), "C=1\n");
        Files.writeString(release.resolve("unused.env.example"), "D=1\n");
        TemplateFinder.Pairing p = TemplateFinder.pair(
                List.of(".env", "env/netbox.env", "app.env", "orphan.env"), release, Map.of("app.env", "custom.tmpl"));
        assertThat(p.pairs())
                .containsExactly(
                        new TemplateFinder.Pair(".env", ".env.example", TemplateFinder.How.TEMPLATE_NAME),
                        new TemplateFinder.Pair("env/netbox.env", "env/netbox.env", TemplateFinder.How.SAME_PATH),
                        new TemplateFinder.Pair("app.env", "custom.tmpl", TemplateFinder.How.DECLARED));
        assertThat(p.unpairedUserFiles()).containsExactly("orphan.env");
        assertThat(p.unpairedTemplates()).containsExactly("unused.env.example");
    }

    @Test
    void planeMoveIsReportedWithTheSimilarFileAndFollowedWhenDeclared() throws IOException {
        Path oldRoot = Corpus.root().resolve("plane/v0.27.1");
        Path newRoot = Corpus.root().resolve("plane/v0.28.0");
        List<String> old = List.of("deploy/selfhost/variables.env", ".env.example");
        List<TemplateFinder.Move> moves = TemplateFinder.follow(oldRoot, old, newRoot, Map.of());
        TemplateFinder.Move vars = moves.get(0);
        assertThat(vars.newTemplate()).isEmpty();
        assertThat(vars.candidates())
                .containsExactly("deployments/cli/community/variables.env", "deployments/aio/community/variables.env");
        assertThat(vars.message())
                .contains("template deploy/selfhost/variables.env is not in the new release; a similar file exists at"
                        + " deployments/cli/community/variables.env");
        assertThat(moves.get(1).how()).contains(TemplateFinder.How.SAME_PATH);

        TemplateFinder.Move declared = TemplateFinder.follow(
                        oldRoot,
                        old,
                        newRoot,
                        Map.of("deploy/selfhost/variables.env", "deployments/cli/community/variables.env"))
                .getFirst();
        assertThat(declared.newTemplate()).contains("deployments/cli/community/variables.env");
        assertThat(declared.how()).contains(TemplateFinder.How.DECLARED);
    }

    @Test
    void openimRenameOfTheTemplateIsSuggestedFromTheSameFolder() throws IOException {
        TemplateFinder.Move m = TemplateFinder.follow(
                        Corpus.root().resolve("openim-docker/v3.3.1"),
                        List.of(".env"),
                        Corpus.root().resolve("openim-docker/v3.5.0"),
                        Map.of())
                .getFirst();
        assertThat(m.newTemplate()).isEmpty();
        assertThat(m.candidates()).contains(".env.example");
    }
}
