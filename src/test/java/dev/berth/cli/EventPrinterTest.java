package dev.berth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventPrinterTest {
    private final Instant t = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void jsonEventsFollowTheContractShape() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var p = new EventPrinter(
                EventPrinter.Mode.JSON_LINES,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        p.onEvent(new RunEvent.StepStarted("pull", "Pull images", t));
        p.onEvent(new RunEvent.Progress("pull", 7, 9, RunEvent.Unit.BYTES, "layer a", t));
        p.onEvent(new RunEvent.StepFinished("pull", RunEvent.Outcome.DONE, "Pull images", t));
        p.onEvent(new RunEvent.Result("", RunStatus.ROLLED_BACK, "Rolled back", t));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        var m = new ObjectMapper();
        var progress = m.readTree(lines[1]);
        assertThat(progress.get("type").asText()).isEqualTo("progress");
        assertThat(progress.get("done").asLong()).isEqualTo(7);
        assertThat(progress.get("total").asLong()).isEqualTo(9);
        assertThat(progress.get("unit").asText()).isEqualTo("bytes");
        assertThat(progress.get("time").asText()).isEqualTo("2026-11-25T10:00:00Z");
        var result = m.readTree(lines[3]);
        assertThat(result.get("type").asText()).isEqualTo("result");
        assertThat(result.get("exitCode").asInt()).isEqualTo(1);
        assertThat(m.readTree(lines[0]).get("type").asText()).isEqualTo("step-started");
        assertThat(err.size())
                .as("nothing but JSON goes to stdout, nothing else printed")
                .isZero();
    }

    @Test
    void terminalModeDrawsABarWithSizesAndEta() {
        var err = new ByteArrayOutputStream();
        var p = new EventPrinter(
                EventPrinter.Mode.TERMINAL,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        p.onEvent(new RunEvent.StepStarted("backup", "Back up", t));
        p.onEvent(new RunEvent.Progress("backup", 512L << 20, 1L << 30, RunEvent.Unit.BYTES, "", t.plusSeconds(10)));
        String s = err.toString(StandardCharsets.UTF_8);
        assertThat(s).contains("512.0 MiB / 1.0 GiB").contains("ETA 10 s").contains("###############...............");
    }

    @Test
    void eachStepSaysWhereTheRunIsAndTheResultHowLongItTook() {
        var err = new ByteArrayOutputStream();
        var p = new EventPrinter(
                        EventPrinter.Mode.PLAIN,
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .steps(java.util.List.of("pull", "stop", "start"));
        p.onEvent(new RunEvent.StepStarted("stop", "Stop web", t));
        p.onEvent(new RunEvent.StepStarted("undo-stop", "Undo: Stop web", t));
        p.onEvent(new RunEvent.Result("", dev.berth.engine.RunStatus.SUCCEEDED, "Upgraded.", java.time.Instant.now()));
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .satisfiesExactly(
                        l -> assertThat(l).isEqualTo("==> [2/3] Stop web"),
                        l -> assertThat(l)
                                .as("rollback work is not one of the plan's steps")
                                .isEqualTo("==> Undo: Stop web"),
                        l -> assertThat(l).startsWith("OK: Upgraded. (").endsWith(" in all)"));
    }
}
