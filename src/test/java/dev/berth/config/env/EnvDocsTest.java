package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class EnvDocsTest {

    private static List<VariableDoc> docs(String corpusFile) throws IOException {
        return EnvDocs.extract(EnvParser.parse(Corpus.root().resolve(corpusFile)));
    }

    private static VariableDoc find(List<VariableDoc> docs, String name) {
        return docs.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void jitsiTemplateGivesGroupsDocsAndOptionalVariables() throws IOException {
        List<VariableDoc> d = docs("jitsi-docker/stable-11146/env.example");
        VariableDoc port = find(d, "HTTP_PORT");
        assertThat(port.group()).isEqualTo("Basic configuration options");
        assertThat(port.docs()).isEqualTo("Exposed HTTP port (will redirect to HTTPS port)");
        assertThat(port.type()).isEqualTo(VariableType.PORT);
        assertThat(port.defaultValue()).isEqualTo("8000");
        VariableDoc url = find(d, "PUBLIC_URL");
        assertThat(url.optional()).isTrue();
        assertThat(url.required()).isTrue();
        assertThat(url.type()).isEqualTo(VariableType.URL);
        assertThat(find(d, "ENABLE_LETSENCRYPT").group()).isEqualTo("Let's Encrypt configuration");
        VariableDoc jwt = find(d, "JWT_APP_SECRET");
        assertThat(jwt.secret()).isTrue();
        assertThat(jwt.displayDefault()).isEqualTo(Secrets.MASK);
        assertThat(jwt.toString()).doesNotContain("my_jitsi_app_secret");
    }

    @Test
    void bannersBracketsAndShortTitlesStartGroups() throws IOException {
        assertThat(find(docs("outline/v1.9.2/.env.sample"), "DATABASE_URL").group())
                .isEqualTo("DATABASE");
        assertThat(find(docs("docker-mailserver/v15.0.0/mailserver.env"), "LOG_LEVEL")
                        .group())
                .isEqualTo("General Section");
        VariableDoc key = find(docs("documenso/v2.17.0/.env.example"), "NEXT_PRIVATE_ENCRYPTION_KEY");
        assertThat(key.group()).isEqualTo("CRYPTO");
        assertThat(key.docs()).startsWith("Application Key for symmetric encryption");
        assertThat(key.required()).isTrue();
        assertThat(key.secret()).isTrue();
        List<VariableDoc> openim = docs("openim-docker/v3.8/.env");
        assertThat(find(openim, "MONGO_USERNAME").group()).isEqualTo("MongoDB configuration");
        assertThat(find(openim, "MONGO_USERNAME").docs()).isEqualTo("MongoDB username");
        assertThat(find(openim, "KAFKA_ADDRESS").group()).isEqualTo("Kafka configuration");
        assertThat(find(docs("plane/v1.3.1/deployments/cli/community/variables.env"), "PGHOST")
                        .group())
                .isEqualTo("DB SETTINGS");
    }

    @Test
    void commentedOutAlternativesOfAnActiveKeyAreListed() throws IOException {
        VariableDoc reg = find(docs("open-im-server/v3.5.0/deployments/templates/env-template.yaml"), "IMAGE_REGISTRY");
        assertThat(reg.optional()).isFalse();
        assertThat(reg.defaultValue()).isEqualTo("${IMAGE_REGISTRY}");
        assertThat(reg.alternatives()).contains("\"ghcr.io/openimsdk\"", "\"openim\"");
    }

    @Test
    void placeholdersAreFlagged() {
        EnvFile f = EnvParser.parse(
                "t.env",
                "A=changeme\nB=<your-domain>\nC=your_secret_key\nD=real\nSECRET_KEY=secret\n"
                        + "# REQUIRED: the admin e-mail.\nE=\n\nF=generate_a_new_key\n");
        List<VariableDoc> d = EnvDocs.extract(f);
        assertThat(d.stream().filter(VariableDoc::placeholder).map(VariableDoc::name))
                .containsExactly("A", "B", "C", "SECRET_KEY", "E", "F");
    }

    @Test
    void manifestWinsAndAddsVariablesTheTemplateLacks() {
        EnvFile f = EnvParser.parse("t.env", "# Port of the app\nAPP_PORT=8080\n");
        VariableSpec port = new VariableSpec(
                "APP_PORT",
                "The port",
                VariableType.INT,
                true,
                true,
                Optional.empty(),
                List.of(),
                Optional.empty(),
                OptionalInt.empty(),
                List.of());
        VariableSpec extra = new VariableSpec(
                "EXTRA",
                "Only in the manifest",
                VariableType.BOOL,
                false,
                false,
                Optional.of("true"),
                List.of(),
                Optional.empty(),
                OptionalInt.empty(),
                List.of());
        List<VariableDoc> d = EnvDocs.extract(f, Map.of("APP_PORT", port, "EXTRA", extra));
        assertThat(d).extracting(VariableDoc::name).containsExactly("APP_PORT", "EXTRA");
        assertThat(d.get(0).docs()).isEqualTo("The port");
        assertThat(d.get(0).type()).isEqualTo(VariableType.INT);
        assertThat(d.get(0).secret()).isTrue();
        assertThat(d.get(1).line()).isZero();
        assertThat(d.get(1).defaultValue()).isEqualTo("true");
    }
}
