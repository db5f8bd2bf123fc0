package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class VersionCommandTest {
    @Test
    void versionFlagPrintsBerthAndExitsZero() {
        StringWriter out = new StringWriter();
        var cl = BerthCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("--version");
        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("berth ");
    }

    @Test
    void unknownCommandIsAUsageError() {
        var cl = BerthCommand.commandLine();
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute("no-such-command")).isEqualTo(ExitCode.USAGE);
    }
}
