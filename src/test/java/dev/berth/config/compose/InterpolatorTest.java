package dev.berth.config.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden cases of the compose specification, "Interpolation"
 * (https://github.com/compose-spec/compose-spec/blob/main/12-interpolation.md and
 * https://docs.docker.com/reference/compose-file/interpolation/), and of compose-go's
 * template/template_test.go.
 */
class InterpolatorTest {
    // FOO set, EMPTY set to "", UNSET not set
    private static final Map<String, String> VARS = Map.of("FOO", "first", "EMPTY", "", "BAR", "second");

    private static String interpolate(String template) {
        return new Interpolator(VARS).interpolate(template);
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            emptyValue = "",
            value = {
                // spec: "Both $VARIABLE and ${VARIABLE} syntax is supported"
                "$FOO|first",
                "${FOO}|first",
                "a $FOO b|a first b",
                // unbraced name ends at the first character that is not [_a-zA-Z0-9] (compose#8601)
                "$FOO-bar|first-bar",
                "$FOO.bar|first.bar",
                "$FOObar|",
                "$FOO_1|",
                // spec: ${VAR:-default} -> default if VAR unset or empty
                "${UNSET:-def}|def",
                "${EMPTY:-def}|def",
                "${FOO:-def}|first",
                "${UNSET:-}|",
                // spec: ${VAR-default} -> default only if VAR unset
                "${UNSET-def}|def",
                "${EMPTY-def}|",
                "${FOO-def}|first",
                // the default may itself contain operators (netbox-docker/3.0.0: ${VERSION-v4.1-3.0.0})
                "${UNSET-v4.1-3.0.0}|v4.1-3.0.0",
                "${EMPTY:-/non:-alphanumeric}|/non:-alphanumeric",
                "${UNSET-myerror?msg}|myerror?msg",
                // spec: ${VAR:+replacement} -> replacement if VAR set and non-empty, otherwise empty
                "${FOO:+alt}|alt",
                "${EMPTY:+alt}|",
                "${UNSET:+alt}|",
                // spec: ${VAR+replacement} -> replacement if VAR set, otherwise empty
                "${FOO+alt}|alt",
                "${EMPTY+alt}|alt",
                "${UNSET+alt}|",
                // spec: ${VAR:?err} / ${VAR?err} -> value of VAR when it has one
                "${FOO:?err}|first",
                "${FOO?err}|first",
                "${EMPTY?err}|",
                // spec: "Interpolation can also be nested"
                "${UNSET:-${FOO}}|first",
                "${UNSET:-$FOO}|first",
                "${UNSET:-${UNSET2:-default}}|default",
                "${UNSET-${FOO} ${BAR}}|first second",
                "${EMPTY:-${FOO}}x${BAR}|firstxsecond",
                "${FOO:+${BAR}}|second",
                "${FOO:+[${BAR}]}|[second]",
                // spec: "$$" is a literal "$"
                "$$|$",
                "$${FOO}|${FOO}",
                "$$FOO|$FOO",
                "$$$FOO|$first",
                "requirepass $$REDIS_PASSWORD ## $$ because|requirepass $REDIS_PASSWORD ## $ because",
                // docs: "$" not followed by a name, "{" or "$" is kept as written
                "$|$",
                "a $ b|a $ b",
                "$1|$1",
                "$}|$}",
                "100$|100$",
                "^/(sys)($/)|^/(sys)($/)",
                // braces that are not part of an expression stay
                "{FOO}|{FOO}",
                "${FOO}}|first}",
                // quotes inside a default are kept (plane/v0.14-dev: ${SENTRY_DSN:-""})
                "${UNSET:-\"\"}|\"\"",
                // several expressions on a line
                "${UNSET:-a} ${UNSET:-b}|a b",
                "${FOO:-x}/${BAR:-y}|first/second",
            })
    void interpolatesLikeCompose(String template, String expected) {
        assertThat(interpolate(template)).isEqualTo(expected == null ? "" : expected);
    }

    @Test
    void operatorExpressionsDoNotSpanLines() {
        // compose-go's pattern uses ".", which stops at a newline
        assertThat(interpolate("${FOO:-a}\n${BAR}")).isEqualTo("first\nsecond");
        assertThatThrownBy(() -> interpolate("${UNSET:-a\n}")).isInstanceOf(InterpolationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${1}", "${A:x}", "${A:-x", "x ${"})
    void invalidTemplatesAreRefused(String template) {
        // compose-go template_test.go TestInvalid
        assertThatThrownBy(() -> interpolate(template))
                .isInstanceOf(InterpolationException.class)
                .hasMessageContaining("invalid interpolation format");
    }

    @Test
    void requiredVariableUnsetCarriesNameAndMessage() {
        // spec: ${VAR:?err} exits with an error message containing err if VAR is unset or empty
        assertThatThrownBy(() -> interpolate("not ok ${UNSET:?Mandatory Variable Unset}"))
                .isInstanceOfSatisfying(MissingVariableException.class, e -> {
                    assertThat(e.variable()).isEqualTo("UNSET");
                    assertThat(e.reason()).isEqualTo("Mandatory Variable Unset");
                    assertThat(e.getMessage())
                            .contains("required variable UNSET is missing a value: Mandatory Variable Unset");
                });
    }

    @Test
    void requiredVariableEmptyIsMissingOnlyWithColon() {
        assertThatThrownBy(() -> interpolate("${EMPTY:?must be set}"))
                .isInstanceOfSatisfying(
                        MissingVariableException.class,
                        e -> assertThat(e.variable()).isEqualTo("EMPTY"));
        assertThat(interpolate("${EMPTY?must be set}")).isEmpty();
    }

    @Test
    void requiredVariableWithoutMessageHasEmptyReason() {
        assertThatThrownBy(() -> interpolate("${UNSET?}"))
                .isInstanceOfSatisfying(
                        MissingVariableException.class,
                        e -> assertThat(e.reason()).isEmpty());
    }

    @Test
    void requiredMessageIsInterpolated() {
        // spec: ${VARIABLE?$FOO}
        assertThatThrownBy(() -> interpolate("${UNSET?Mandatory ${FOO}}"))
                .isInstanceOfSatisfying(
                        MissingVariableException.class,
                        e -> assertThat(e.reason()).isEqualTo("Mandatory first"));
    }

    @Test
    void unusedDefaultIsNotEvaluated() {
        // compose-go v2.13 evaluates defaults lazily: an unused branch neither fails nor warns
        Interpolator i = new Interpolator(VARS);
        assertThat(i.interpolate("${FOO:-${UNSET:?never}}")).isEqualTo("first");
        assertThat(i.interpolate("${UNSET:+${UNSET2}}")).isEmpty();
        assertThat(i.unsetVariables()).isEmpty();
    }

    @Test
    void unsetVariableWithoutDefaultIsBlankAndWarned() {
        Interpolator i = new Interpolator(VARS);
        assertThat(i.interpolate("a${UNSET}b$UNSET2")).isEqualTo("ab");
        assertThat(i.unsetVariables()).containsExactlyInAnyOrder("UNSET", "UNSET2");
        assertThat(i.warnings())
                .containsExactly(
                        "The \"UNSET\" variable is not set. Defaulting to a blank string.",
                        "The \"UNSET2\" variable is not set. Defaulting to a blank string.");
    }

    @Test
    void variableWithDefaultIsNotWarned() {
        Interpolator i = new Interpolator(VARS);
        i.interpolate("${UNSET:-x}${UNSET-y}${UNSET:+z}");
        assertThat(i.warnings()).isEmpty();
    }

    @Test
    void deepNestingIsRefusedBeforeTheStackOverflows() {
        String deep = "${A:-".repeat(5000) + "x" + "}".repeat(5000);
        assertThatThrownBy(() -> interpolate(deep))
                .isInstanceOf(InterpolationException.class)
                .hasMessageContaining("nested deeper than");
        String ok = "${A:-".repeat(50) + "x" + "}".repeat(50);
        assertThat(interpolate(ok)).isEqualTo("x");
    }

    @Test
    void manyExpressionsOnOneLineDoNotRecurse() {
        String line = "${A:-x}".repeat(20_000);
        assertThat(interpolate(line)).isEqualTo("x".repeat(20_000));
    }
}
