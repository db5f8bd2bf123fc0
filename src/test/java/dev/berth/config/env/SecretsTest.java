package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "POSTGRES_PASSWORD",
                "SECRET_KEY",
                "AWS_SECRET_ACCESS_KEY",
                "NEXTAUTH_SECRET",
                "SUPERUSER_API_TOKEN",
                "NEXT_PRIVATE_ENCRYPTION_KEY",
                "SASL_PASSWD",
                "LDAP_BIND_PW",
                "SECRET",
                "OPENIM_SECRET",
                "API_KEY",
                "NEXT_PRIVATE_SMTP_APIKEY",
                "HASH_SALT",
                "DB_PASS",
                "SSH_PRIVATE_KEY",
                "JIGASI_SIP_PASSWORD",
                "REDIS_PASSWORD",
                "MINIO_SECRET_ACCESS_KEY",
                "db_password",
                "LICENSE_KEY",
                "SMTP_CREDENTIALS"
            })
    void namesThatHoldSecrets(String name) {
        assertThat(Secrets.isSecretName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "KEYBOARD_LAYOUT",
                "MONKEY",
                "API_KEY_RATE_LIMIT",
                "SECRET_KEY_FILE",
                "TOKEN_EXPIRY",
                "PASSWORD_MIN_LENGTH",
                "NEXT_PRIVATE_SMTP_HOST",
                "NEXT_PRIVATE_DATABASE_URL",
                "MINIO_ACCESS_KEY_ID",
                "PUBLIC_KEY",
                "ENABLE_PASSWORD_LOGIN",
                "POSTGRES_USER",
                "HTTP_PORT",
                "PASSTHROUGH",
                "KEYCLOAK_URL",
                "TZ"
            })
    void namesThatDoNot(String name) {
        assertThat(Secrets.isSecretName(name)).isFalse();
    }

    @Test
    void masksValuesAndUrlPasswords() {
        assertThat(Secrets.mask("hunter2")).isEqualTo("****");
        assertThat(Secrets.mask("")).isEmpty();
        assertThat(Secrets.display("DB_PASSWORD", "hunter2", null)).isEqualTo("****");
        assertThat(Secrets.display("DATABASE_URL", "postgres://user:s3cr#t@db:5432/x?a=b", null))
                .isEqualTo("postgres://user:****@db:5432/x?a=b");
        assertThat(Secrets.display("HOST", "db", null)).isEqualTo("db");
        assertThat(Secrets.display(
                        "HOST",
                        "db",
                        new VariableSpec(
                                "HOST",
                                "",
                                VariableType.STRING,
                                true,
                                false,
                                java.util.Optional.empty(),
                                java.util.List.of(),
                                java.util.Optional.empty(),
                                java.util.OptionalInt.empty(),
                                java.util.List.of())))
                .isEqualTo("****");
    }
}
