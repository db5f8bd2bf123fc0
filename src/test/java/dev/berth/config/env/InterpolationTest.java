package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cases from compose-go's template_test.go semantics. */
class InterpolationTest {
    private static final VariableLookup ENV = VariableLookup.of(Map.of("SET", "v", "EMPTY", "", "B", "bee"));
    private static final Interpolation.Origin ORIGIN = new Interpolation.Origin("x.env", 4, "the value of X");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "$SET|v",
                "${SET}|v",
                "a${SET}b|avb",
                "$SET.x|v.x",
                "$UNSET|``",
                "${UNSET:-d}|d",
                "${EMPTY:-d}|d",
                "${EMPTY-d}|``",
                "${UNSET-d}|d",
                "${SET:-d}|v",
                "${SET:+alt}|alt",
                "${EMPTY:+alt}|``",
                "${EMPTY+alt}|alt",
                "${UNSET+alt}|``",
                "${UNSET:-${B}}|bee",
                "${UNSET:-${UNSET2:-deep}}|deep",
                "${UNSET:-{x}}|{x}",
                "${UNSET-v4.1-3.0.0}|v4.1-3.0.0",
                "$$SET|$SET",
                "$${SET}|${SET}",
                "${SET:?must}|v",
                "${UNSET:-a b} c|a b c",
                "${UNSET:-\"\"}|\"\"",
            })
    void substitutesLikeCompose(String template, String expected) {
        assertThat(Interpolation.substitute(template, ENV, ORIGIN)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"abc$(x)", "$1", "a$", "${", "${}", "${A B}", "${A:x}", "${UNSET:-x"})
    void refusesWhatComposeRefuses(String template) {
        assertThatThrownBy(() -> Interpolation.substitute(template, ENV, ORIGIN))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("x.env:4: invalid variable reference in the value of X");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {"${UNSET:?needed}", "${EMPTY:?needed}", "${UNSET?needed}"})
    void requiredVariableMissingIsRefused(String template) {
        assertThatThrownBy(() -> Interpolation.substitute(template, ENV, ORIGIN))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("required variable")
                .hasMessageContaining("needed");
    }

    @org.junit.jupiter.api.Test
    void requiredButEmptyIsFineWithoutColon() {
        assertThat(Interpolation.substitute("${EMPTY?needed}", ENV, ORIGIN)).isEmpty();
        assertThat(Interpolation.hasReferences("a$$b")).isFalse();
        assertThat(Interpolation.hasReferences("a$b")).isTrue();
        assertThat(Interpolation.substitute(Interpolation.escape("p$w$$"), ENV, ORIGIN))
                .isEqualTo("p$w$$");
    }
}
