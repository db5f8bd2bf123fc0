package dev.berth.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigVersionRuleTest {

    final ConfigVersionRule yaml = new ConfigVersionRule("config/app.yaml", "app.config_version", "3");

    @Test
    void aYamlFileWithTheValueMatches() {
        ConfigVersionRule.Check c = yaml.check(Optional.of("app:\n  name: ledger\n  config_version: 3\n"));
        assertThat(c)
                .isEqualTo(new ConfigVersionRule.Matches(
                        "config/app.yaml: app.config_version is 3 as this release needs"));
        assertThat(yaml.check(Optional.of("app: {config_version: \"3\"}\n")))
                .isInstanceOf(ConfigVersionRule.Matches.class);
    }

    @Test
    void anotherValueIsAMismatchThatSaysWhatToDo() {
        ConfigVersionRule.Check c = yaml.check(Optional.of("app:\n  config_version: 2\n"));
        assertThat(c)
                .isEqualTo(new ConfigVersionRule.Mismatch(
                        ConfigVersionRule.Reason.OTHER_VALUE,
                        Optional.of("2"),
                        "",
                        "config/app.yaml: app.config_version is 2 but this release needs 3; merge the release's template"
                                + " into it (berth upgrade does) or update it by hand."));
    }

    @Test
    void aMissingKeyFileOrUnreadableFileIsAMismatch() {
        assertThat(yaml.check(Optional.of("app: {name: x}\n")).message())
                .isEqualTo("config/app.yaml has no app.config_version; config/app.yaml must have app.config_version: 3."
                        + " Merge the release's template into it (berth upgrade does) or add the key.");
        assertThat(yaml.check(Optional.empty()).message())
                .startsWith("config/app.yaml is missing; this release needs it with app.config_version: 3.");
        ConfigVersionRule.Check broken = yaml.check(Optional.of("app: [unclosed\n"));
        assertThat(broken).isInstanceOf(ConfigVersionRule.Mismatch.class);
        assertThat(broken.message()).startsWith("config/app.yaml could not be read as YAML (");
        assertThat(yaml.check(Optional.of("- a\n- b\n"))).isInstanceOf(ConfigVersionRule.Mismatch.class);
    }

    @Test
    void anEnvFileIsLookedUpByVariable() {
        ConfigVersionRule env = new ConfigVersionRule(".env", "CONFIG_VERSION", "3");
        assertThat(env.check(Optional.of("# CONFIG_VERSION=1\nCONFIG_VERSION=2\nCONFIG_VERSION=\"3\"  # last wins\n")))
                .isInstanceOf(ConfigVersionRule.Matches.class);
        assertThat(env.check(Optional.of("export CONFIG_VERSION=3 # set by make init\n")))
                .isInstanceOf(ConfigVersionRule.Matches.class);
        assertThat(env.check(Optional.of("CONFIG_VERSION=4\n")))
                .isEqualTo(new ConfigVersionRule.Mismatch(
                        ConfigVersionRule.Reason.OTHER_VALUE,
                        Optional.of("4"),
                        "",
                        ".env: CONFIG_VERSION is 4 but this release needs 3; merge the release's template into it"
                                + " (berth upgrade does) or update it by hand."));
        assertThat(env.check(Optional.of("OTHER=3\n"))).isInstanceOf(ConfigVersionRule.Mismatch.class);
    }
}
