package dev.berth.config.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvFileEditTest {

    private static final String TEMPLATE = "# Database\n"
            + "DB_HOST=db   # the host\n"
            + "DB_PASSWORD=\"old\"\n"
            + "#OPTIONAL=example\n"
            + "\n"
            + "LAST=1";

    private static EnvFile parse(String text) {
        return EnvParser.parse("t.env", text);
    }

    @Test
    void setValueRewritesOnlyThatEntryAndKeepsItsComment() {
        EnvFile f = parse(TEMPLATE).withValue("DB_HOST", "db.internal");
        assertThat(f.text()).isEqualTo(TEMPLATE.replace("DB_HOST=db   #", "DB_HOST=db.internal   #"));
    }

    @Test
    void setValueQuotesWhenNeededAndComposeReadsItBack() {
        String[] values = {
            "a b", "it's", "$HOME", "x # y", "back\\slash\\", "line\nbreak", "\"q\"", "#start", "", "tab\there"
        };
        for (String v : values) {
            EnvFile f = parse(TEMPLATE).withValue("DB_PASSWORD", v);
            assertThat(f.resolve(VariableLookup.none())).containsEntry("DB_PASSWORD", v);
            assertThat(f.lines().size()).isEqualTo(parse(TEMPLATE).lines().size());
        }
    }

    @Test
    void setValueRoundTripsRandomValues() {
        Random random = new Random(42);
        String alphabet = "aZ09 \t\"'\\$#{}()=:;!*\n\r-_.,/é€😀";
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(12);
            for (int k = 0; k < len; k++) {
                int cp = alphabet.codePointAt(
                        alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length()))));
                sb.appendCodePoint(cp);
            }
            String v = sb.toString();
            EnvFile f = parse(TEMPLATE).withValue("DB_PASSWORD", v);
            assertThat(f.resolve(VariableLookup.none()).get("DB_PASSWORD"))
                    .as("value %s", v)
                    .isEqualTo(v);
        }
    }

    @Test
    void setValueOfCommentedOutKeyActivatesThatLine() {
        EnvFile f = parse(TEMPLATE).withValue("OPTIONAL", "on");
        assertThat(f.text()).isEqualTo(TEMPLATE.replace("#OPTIONAL=example", "OPTIONAL=on"));
    }

    @Test
    void addAppendsWithTheFileLineEndingAndFixesAMissingFinalNewline() {
        EnvFile f = parse(TEMPLATE).withValue("NEW_KEY", "v");
        assertThat(f.text()).isEqualTo(TEMPLATE + "\nNEW_KEY=v\n");
        EnvFile crlf = parse("A=1\r\nB=2\r\n").withAdded("C", "3");
        assertThat(crlf.text()).isEqualTo("A=1\r\nB=2\r\nC=3\r\n");
    }

    @Test
    void removeAndCommentOutKeepTheRestByteForByte() {
        assertThat(parse(TEMPLATE).without("DB_PASSWORD").text())
                .isEqualTo(TEMPLATE.replace("DB_PASSWORD=\"old\"\n", ""));
        assertThat(parse(TEMPLATE).without("LAST").text())
                .isEqualTo("# Database\nDB_HOST=db   # the host\nDB_PASSWORD=\"old\"\n#OPTIONAL=example\n");
        EnvFile commented = parse(TEMPLATE).withCommentedOut("DB_HOST");
        assertThat(commented.text()).isEqualTo(TEMPLATE.replace("DB_HOST=db", "#DB_HOST=db"));
        assertThat(commented.isSet("DB_HOST")).isFalse();
        assertThat(commented.commentedOut())
                .extracting(EnvLine.CommentedAssignment::key)
                .contains("DB_HOST");
    }

    @Test
    void editsKeepTheByteOrderMark() {
        byte[] bytes = "\uFEFFA=1\n".getBytes(StandardCharsets.UTF_8);
        EnvFile f = EnvParser.parse("bom.env", bytes).withValue("A", "2");
        assertThat(EnvWriter.toBytes(f)).isEqualTo("\uFEFFA=2\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rawValueIsCarriedByteForByte() {
        EnvFile f = parse(TEMPLATE).withRawValue("DB_HOST", "'${NOT_EXPANDED}'");
        assertThat(f.text()).contains("DB_HOST='${NOT_EXPANDED}'   # the host");
        assertThatThrownBy(() -> parse(TEMPLATE).withRawValue("DB_HOST", "\"open"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse(TEMPLATE).withValue("BAD KEY", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotedValueWithCommentRightAfterStaysACommentWhenReplacedByAPlainValue() {
        EnvFile f = parse("A=\"x\"#note\n").withValue("A", "plain");
        assertThat(f.values()).containsEntry("A", "plain");
        assertThat(f.assignment("A").orElseThrow().inlineComment()).isEqualTo("#note");
    }
}
