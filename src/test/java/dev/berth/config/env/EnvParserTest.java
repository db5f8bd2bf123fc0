package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Values as compose-go's dotenv parser reads them; cases follow compose-go's own godotenv_test.go. */
class EnvParserTest {

    private static EnvFile parse(String text) {
        return EnvParser.parse("test.env", text.getBytes(StandardCharsets.UTF_8));
    }

    private static String valueOf(String text, String key) {
        return parse(text).resolve(VariableLookup.none()).get(key);
    }

    private static EnvLine.Assignment only(String text) {
        return parse(text).assignments().getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "FOO=bar|FOO|bar",
                "FOO =bar|FOO|bar",
                "FOO= bar|FOO|bar",
                "FOO = bar|FOO|bar",
                "FOO\t=\tbar|FOO|bar",
                "FOO=\"bar\"|FOO|bar",
                "FOO='bar'|FOO|bar",
                "OPTION_A: 1|OPTION_A|1",
                "OPTION_A: Foo=bar|OPTION_A|Foo=bar",
                "OPTION_A=1:B|OPTION_A|1:B",
                "export OPTION_A=2|OPTION_A|2",
                "export exportFoo=2|exportFoo|2",
                "exportFOO=2|exportFOO|2",
                "export_FOO =2|export_FOO|2",
                "export.FOO= 2|export.FOO|2",
                "export\tOPTION_A=2|OPTION_A|2",
                "  export OPTION_A=2|OPTION_A|2",
                "export OPTION_A=\"export A\"|OPTION_A|export A",
                "FOO.BAR=foobar|FOO.BAR|foobar",
                "VAR-WITH-DASHES=dashes|VAR-WITH-DASHES|dashes",
                "FOO=foobar=|FOO|foobar=",
                "`FOO=bar `|FOO|bar",
                "FOO=bar # this is foo|FOO|bar",
                "FOO=bar #this is foo|FOO|bar",
                "FOO=bar #|FOO|bar",
                "FOO=123#not-an-inline-comment|FOO|123#not-an-inline-comment",
                "FOO=\"bar#baz\"|FOO|bar#baz",
                "FOO=\"bar#baz\"#|FOO|bar#baz",
                "FOO=\"bar#baz\" # comment|FOO|bar#baz",
                "FOO='bar#baz' # comment|FOO|bar#baz",
                "FOO=Video Chat|FOO|Video Chat",
                "FOO=|FOO|``",
                "FOO=\"\"|FOO|``",
                "FOO=''|FOO|``",
                "`FOO=   `|FOO|``",
                "FOO=a\\tb|FOO|a\\tb",
                "FOO='a\\nb'|FOO|a\\nb",
                "FOO='it\\'s'|FOO|it's",
                "FOO=\"escaped\\\"bar\"|FOO|escaped\"bar",
                "FOO=\"'d'\"|FOO|'d'",
                "FOO=\"\\x07\"|FOO|\\x07",
                "FOO=\"\\0123\"|FOO|S",
                "FOO=\"\\01\"|FOO|\\01",
                "FOO=\"a\\cb\"|FOO|a\\cb",
                "FOO=\"a\\\\nb\"|FOO|a\\nb",
                "FOO=a\tb # c|FOO|a\tb",
                "FOO=a\t# not a comment|FOO|a\t# not a comment",
                "FOO= # looks like a comment|FOO|# looks like a comment",
            })
    void readsValuesAsComposeDoes(String line, String key, String expected) {
        assertThat(valueOf(line, key)).isEqualTo(expected);
    }

    @Test
    void expandsDoubleQuoteEscapesLikeCompose() {
        assertThat(valueOf("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"", "KEY"))
                .isEqualTo("Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\ZSZ");
        assertThat(valueOf("FOO=\"bar\\n\\ b\\az\"", "FOO")).isEqualTo("bar\n\\ b\u0007z");
        assertThat(valueOf("FOO=\"bar\\nbaz\\\\\"", "FOO")).isEqualTo("bar\nbaz\\");
    }

    @Test
    void readsMultiLineQuotedValuesAsOneEntry() {
        EnvFile f = parse("A=1\nJ=\"first line\nsecond # not a comment\n#third\"  # note\nZ=last\n");
        EnvLine.Assignment j = f.assignment("J").orElseThrow();
        assertThat(j.value()).isEqualTo("first line\nsecond # not a comment\n#third");
        assertThat(j.line()).isEqualTo(2);
        assertThat(j.lastLine()).isEqualTo(4);
        assertThat(j.inlineComment()).isEqualTo("# note");
        assertThat(f.assignment("Z").orElseThrow().line()).isEqualTo(5);
        assertThat(valueOf("S='a\nb'\n", "S")).isEqualTo("a\nb");
    }

    @Test
    void interpolatesFromEarlierKeysAndTheLookupButNotInSingleQuotes() {
        String text =
                "HOST=example.org\nURL=http://${HOST}:$PORT/x\nQ=\"q $HOST\"\nS='s $HOST'\nE=\"foo\\$BAR\"\nD=$$HOME\n";
        Map<String, String> env = parse(text).resolve(VariableLookup.of(Map.of("PORT", "8080")));
        assertThat(env)
                .containsEntry("URL", "http://example.org:8080/x")
                .containsEntry("Q", "q example.org")
                .containsEntry("S", "s $HOST")
                .containsEntry("E", "foo$BAR")
                .containsEntry("D", "$HOME");
        // the raw view keeps the references
        assertThat(parse(text).values()).containsEntry("URL", "http://${HOST}:$PORT/x");
    }

    @Test
    void outsideValuesWinInInterpolationButNotForTheKeyItself() {
        Map<String, String> env = parse("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_D=${OPTION_A}_${OPTION_B}\n")
                .resolve(VariableLookup.of(Map.of("OPTION_A", "5")));
        assertThat(env)
                .containsEntry("OPTION_A", "1")
                .containsEntry("OPTION_B", "5")
                .containsEntry("OPTION_D", "5_5");
    }

    @Test
    void inheritedNameTakesItsValueFromTheEnvironmentOrStaysUnset() {
        EnvFile f = parse("FROM_ENV\nMISSING\nA=1\n");
        assertThat(f.lines().getFirst()).isInstanceOf(EnvLine.Inherited.class);
        Map<String, String> env = f.resolve(VariableLookup.of(Map.of("FROM_ENV", "x")));
        assertThat(env)
                .containsEntry("FROM_ENV", "x")
                .doesNotContainKey("MISSING")
                .containsEntry("A", "1");
    }

    @Test
    void duplicateKeysLastWinsAndAreReported() {
        EnvFile f = parse("A=1\nB=2\nA=3\n");
        assertThat(f.values()).containsEntry("A", "3");
        assertThat(f.duplicates()).containsExactly(new EnvFile.Duplicate("A", java.util.List.of(1, 3)));
    }

    @Test
    void keepsCrlfBomAndMissingFinalNewlineByteForByte() {
        byte[] bytes = "\uFEFFA=1\r\n# c\r\nB=\"x\r\ny\"\r\nC=3".getBytes(StandardCharsets.UTF_8);
        EnvFile f = EnvParser.parse("crlf.env", bytes);
        assertThat(f.bom()).isTrue();
        assertThat(EnvWriter.toBytes(f)).isEqualTo(bytes);
        assertThat(f.values()).containsEntry("A", "1").containsEntry("C", "3").containsEntry("B", "x\r\ny");
        assertThat(f.lines().getFirst().eol()).isEqualTo("\r\n");
        assertThat(f.lines().getLast().eol()).isEmpty();
        assertThat(f.lineEnding()).isEqualTo("\r\n");
    }

    @Test
    void recognisesCommentedOutAssignmentsButNotProse() {
        EnvFile f = parse(
                "#KEY=value\n# OTHER=\"quoted value\"\n# export THIRD=3\n# Default: USER=root\n# none => nothing\n"
                        + "# LDAP => use LDAP\n# just words\n# lower=case\n#JVB=1.2.3.4#12000\n");
        assertThat(f.commentedOut())
                .extracting(EnvLine.CommentedAssignment::key)
                .containsExactly("KEY", "OTHER", "THIRD", "JVB");
        assertThat(f.commentedOut().get(1).value()).isEqualTo("quoted value");
        assertThat(f.commentedOut().get(3).value()).isEqualTo("1.2.3.4#12000");
        assertThat(f.commentedOut().get(1).uncommentedText()).isEqualTo("OTHER=\"quoted value\"");
        assertThat(f.values()).isEmpty();
    }

    @Test
    void keepsRawValueAndInlineComment() {
        EnvLine.Assignment a = only("MONGO_ADDRESS=\"mongo:27017\"                # Address of MongoDB server");
        assertThat(a.rawValue()).isEqualTo("\"mongo:27017\"");
        assertThat(a.quoting()).isEqualTo(Quoting.DOUBLE);
        assertThat(a.value()).isEqualTo("mongo:27017");
        assertThat(a.inlineComment()).isEqualTo("# Address of MongoDB server");
        EnvLine.Assignment b = only("MONGO_IMAGE=mongo:7.0                      # MongoDB server image version");
        assertThat(b.rawValue()).isEqualTo("mongo:7.0");
        assertThat(b.inlineComment()).isEqualTo("# MongoDB server image version");
        assertThat(b.exported()).isFalse();
        assertThat(only("export X=1").exported()).isTrue();
    }

    @Test
    void toStringNeverShowsTheValue() {
        assertThat(only("DB_PASSWORD=hunter2").toString()).doesNotContain("hunter2");
        assertThat(parse("#DB_PASSWORD=hunter2").commentedOut().getFirst().toString())
                .doesNotContain("hunter2");
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("KEY=\"", 1, "unterminated quoted value"),
                Arguments.of("A=1\nKEY='value", 2, "unterminated quoted value"),
                Arguments.of("KEY=\"value\\\"", 1, "unterminated quoted value"),
                Arguments.of("KEY='value\\'", 1, "unterminated quoted value"),
                Arguments.of("A=1\nB=\"x\" junk", 2, "after the closing quote"),
                Arguments.of("lol$wut", 1, "unexpected character '$'"),
                Arguments.of("FOO BAR=1", 1, "white space"),
                Arguments.of("=value", 1, "name is missing"),
                Arguments.of("A=1\n\nKEY with space", 3, "white space"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void refusesWhatComposeWouldReadWronglyWithFileAndLine(String text, int line, String part) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.env:" + line + ":")
                .hasMessageContaining(part)
                .satisfies(e -> assertThat(((ConfigException) e).line()).isEqualTo(line));
    }

    @Test
    void refusesBinaryInvalidUtf8AndHugeFiles() {
        assertThatThrownBy(() -> EnvParser.parse("bin.env", new byte[] {'A', '=', '1', '\n', 0, 1, 2}))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("bin.env:2:")
                .hasMessageContaining("binary");
        assertThatThrownBy(
                        () -> EnvParser.parse("latin1.env", new byte[] {'A', '=', '\n', 'B', '=', (byte) 0xE9, '\n'}))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("latin1.env:2:")
                .hasMessageContaining("UTF-8");
        byte[] huge = new byte[EnvParser.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) '#');
        assertThatThrownBy(() -> EnvParser.parse("huge.env", huge))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("more than");
    }

    @Test
    void invalidReferenceIsRefusedOnResolveWithoutShowingTheValue() {
        EnvFile f = parse("A=1\nSECRET_KEY=abc$(def)\n");
        assertThatThrownBy(() -> f.resolve(VariableLookup.none()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.env:2:")
                .hasMessageContaining("SECRET_KEY")
                .hasMessageNotContaining("abc");
        assertThat(f.values()).containsEntry("SECRET_KEY", "abc$(def)");
    }
}
