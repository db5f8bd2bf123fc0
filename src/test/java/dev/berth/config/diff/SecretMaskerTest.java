package dev.berth.config.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.Corpus;
import dev.berth.config.env.EnvFile;
import dev.berth.config.env.EnvLine;
import dev.berth.config.env.EnvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final SecretMasker masker = SecretMasker.withDefaultNames();

    @Test
    void envValuesOfSecretNamesAreMasked() {
        assertThat(
                        masker.maskLines(
                                List.of(
                                        "DB_PASSWORD=hunter2",
                                        "export API_KEY=\"a b c\" # for the API",
                                        "#SECRET_KEY=example-secret",
                                        "# SMTP_PASS='x''y'",
                                        "SUPERUSER_API_TOKEN=0123456789abcdef",
                                        "# Default: PASSWORD=openIM123 and ?password=x&user=y",
                                        "MM_SQLSETTINGS_DATASOURCE=postgres://mmuser:mostest@postgres:5432/mattermost?sslmode=disable")))
                .containsExactly(
                        "DB_PASSWORD=****",
                        "export API_KEY=\"****\" # for the API",
                        "#SECRET_KEY=****",
                        "# SMTP_PASS='****'",
                        "SUPERUSER_API_TOKEN=****",
                        "# Default: PASSWORD=**** and ?password=****&user=y",
                        "MM_SQLSETTINGS_DATASOURCE=postgres://mmuser:****@postgres:5432/mattermost?sslmode=disable");
    }

    @Test
    void emptyValuesReferencesAndOtherNamesStayVisible() {
        List<String> lines = List.of(
                "POSTGRES_PASSWORD=",
                "POSTGRES_PASSWORD=${DB_PASSWORD}",
                "      - POSTGRES_PASSWORD=$DB_PASSWORD",
                "KEYCLOAK_URL=https://auth.example.com",
                "SSL_KEY_FILE=/etc/ssl/key.pem",
                "accessKeyID: root",
                "url: postgres://${POSTGRES_USER}:${POSTGRES_PASSWORD}@postgres:5432/db",
                "# Password of the admin user, see below");
        assertThat(masker.maskLines(lines)).isEqualTo(lines);
    }

    @Test
    void yamlValuesOfSecretKeysAreMasked() {
        assertThat(masker.maskLines(List.of(
                        "  password: openIM123 # change me",
                        "secretAccessKey: \"openIM123\"",
                        "      - POSTGRES_PASSWORD=mmuser_password",
                        "      - \"REDIS_PASSWORD=abc\"",
                        "      POSTGRES_PASSWORD: secret",
                        "  secret: openIM123")))
                .containsExactly(
                        "  password: **** # change me",
                        "secretAccessKey: \"****\"",
                        "      - POSTGRES_PASSWORD=****",
                        "      - \"REDIS_PASSWORD=****\"",
                        "      POSTGRES_PASSWORD: ****",
                        "  secret: ****");
    }

    @Test
    void blockScalarsAndOpenQuotesUnderSecretKeysAreMaskedLineByLine() {
        assertThat(masker.maskLines(List.of(
                        "tls:",
                        "  private_key: |",
                        "    -----BEGIN PRIVATE KEY-----",
                        "    MIIEvQIBADANBg",
                        "",
                        "  cert: /etc/cert.pem",
                        "JWT_SECRET=\"first line",
                        "second line\" # end",
                        "NEXT=1")))
                .containsExactly(
                        "tls:",
                        "  private_key: |",
                        "    ****",
                        "    ****",
                        "",
                        "  cert: /etc/cert.pem",
                        "JWT_SECRET=\"****",
                        "****\" # end",
                        "NEXT=1");
    }

    @Test
    void aChangedSecretIsMarkedWithoutRevealingEitherValue() {
        SecretMasker.MaskedPair pair = masker.maskPair(
                List.of("DB_PASSWORD=old", "API_TOKEN=same", "mongo:", "  password: a", "redis:", "  password: b"),
                List.of("DB_PASSWORD=new", "API_TOKEN=same", "mongo:", "  password: a", "redis:", "  password: c"));

        assertThat(pair.oldLines())
                .containsExactly(
                        "DB_PASSWORD=****",
                        "API_TOKEN=****",
                        "mongo:",
                        "  password: ****",
                        "redis:",
                        "  password: ****");
        assertThat(pair.newLines())
                .containsExactly(
                        "DB_PASSWORD=**** (changed)",
                        "API_TOKEN=****",
                        "mongo:",
                        "  password: ****",
                        "redis:",
                        "  password: **** (changed)");
    }

    @Test
    void camelCaseKeysAreJudgedWordByWord() {
        assertThat(SecretMasker.isSecretByName("secretAccessKey")).isTrue();
        assertThat(SecretMasker.isSecretByName("apiKey")).isTrue();
        assertThat(SecretMasker.isSecretByName("accessKeyID")).isFalse();
        assertThat(SecretMasker.isSecretByName("tokenPolicy")).isFalse();
        assertThat(SecretMasker.isSecretByName("POSTGRES_PASSWORD")).isTrue();
    }

    @Test
    void noSecretValueOfACorpusEnvFileSurvivesMasking() throws IOException {
        List<Path> files = Corpus.files((p, a) -> {
            String name = p.getFileName().toString();
            return name.endsWith(".env")
                    || name.startsWith("env.")
                    || name.startsWith(".env")
                    || name.equals("env.template");
        });
        int checked = 0;
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file);
            EnvFile env = EnvParser.parse(file.toString(), text);
            List<String> masked = masker.maskLines(text.lines().toList());
            for (EnvLine.Assignment a : env.assignments()) {
                String value = a.value();
                if (!masker.isSecret(a.key()) || value.length() < 3 || value.startsWith("$")) {
                    continue;
                }
                checked++;
                String where = Corpus.root().relativize(file) + ":" + a.line() + " " + a.key();
                if (masked.get(a.line() - 1).contains(value)) {
                    leaks.add(where);
                }
                // the same pair written elsewhere, e.g. "# Default: PASSWORD=openIM123"
                for (String line : masked) {
                    if (line.contains(a.key() + "=" + value) || line.contains(a.key() + "=\"" + value)) {
                        leaks.add(where + " in: " + line);
                    }
                }
            }
        }
        assertThat(checked).as("secret assignments in the corpus").isGreaterThan(50);
        assertThat(leaks).isEmpty();
    }
}
