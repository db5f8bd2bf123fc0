package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvManifestSectionTest {

    @Test
    void readsTheEnvSection() {
        Map<String, VariableSpec> specs = EnvManifestSection.parse("berth.yaml", """
                version: 1.2.0
                env:
                  OPENIM_SECRET:
                    description: Shared secret
                    type: string
                    secret: true
                    required: true
                    renamed_from: SECRET
                    generate: 32
                  OPENIM_API_PORT:
                    type: port
                    renamed_from: [API_OPENIM_PORT, OLD_API_PORT]
                    example: "10002"
                  LOG_LEVEL:
                    type: enum
                    choices: [debug, info]
                    deprecated: use LOGGING
                  PLAIN:
                """);
        assertThat(specs).containsOnlyKeys("OPENIM_SECRET", "OPENIM_API_PORT", "LOG_LEVEL", "PLAIN");
        VariableSpec s = specs.get("OPENIM_SECRET");
        assertThat(s.secret()).isTrue();
        assertThat(s.required()).isTrue();
        assertThat(s.renamedFrom()).containsExactly("SECRET");
        assertThat(s.generate()).hasValue(32);
        assertThat(s.description()).isEqualTo("Shared secret");
        assertThat(specs.get("OPENIM_API_PORT").renamedFrom()).containsExactly("API_OPENIM_PORT", "OLD_API_PORT");
        assertThat(specs.get("OPENIM_API_PORT").type()).isEqualTo(VariableType.PORT);
        assertThat(specs.get("OPENIM_API_PORT").example()).contains("10002");
        assertThat(specs.get("LOG_LEVEL").choices()).containsExactly("debug", "info");
        assertThat(specs.get("LOG_LEVEL").deprecated()).contains("use LOGGING");
        assertThat(specs.get("PLAIN")).isEqualTo(VariableSpec.of("PLAIN"));
    }

    @Test
    void refusesMistakesWithTheirLine() {
        assertThatThrownBy(() -> EnvManifestSection.parse("berth.yaml", "env:\n  A:\n    tpye: int\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("berth.yaml:3:")
                .hasMessageContaining("unknown field env.A.tpye");
        assertThatThrownBy(() -> EnvManifestSection.parse("berth.yaml", "env:\n  A:\n    type: number\n"))
                .hasMessageStartingWith("berth.yaml:3:")
                .hasMessageContaining("string, int");
        assertThatThrownBy(() -> EnvManifestSection.parse("berth.yaml", "env: [\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid YAML");
    }
}
