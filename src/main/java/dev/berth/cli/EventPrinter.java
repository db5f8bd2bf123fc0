package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunListener;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Prints a run's events: one JSON object per line ({@code --json-events}, stdout only), or for
 * people on stderr — a progress bar per step with sizes and ETA when stderr is a terminal, plain
 * lines otherwise.
 */
final class EventPrinter implements RunListener {
    /** How events are printed. */
    enum Mode {
        JSON_LINES,
        TERMINAL,
        PLAIN
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Mode mode;
    private final PrintStream out;
    private final PrintStream err;
    private Instant stepStart = Instant.now();
    private boolean barShown;

    EventPrinter(Mode mode, PrintStream out, PrintStream err) {
        this.mode = mode;
        this.out = out;
        this.err = err;
    }

    /** JSON lines when asked, else a terminal bar when stderr is a console. */
    static EventPrinter forCli(boolean jsonEvents) {
        if (jsonEvents) {
            return new EventPrinter(Mode.JSON_LINES, System.out, System.err);
        }
        return new EventPrinter(System.console() != null ? Mode.TERMINAL : Mode.PLAIN, System.out, System.err);
    }

    @Override
    public void onEvent(RunEvent e) {
        if (mode == Mode.JSON_LINES) {
            out.println(json(e));
            out.flush();
            return;
        }
        switch (e) {
            case RunEvent.StepStarted s -> {
                endBar();
                stepStart = s.time();
                err.println("==> " + s.message());
            }
            case RunEvent.Progress p -> progress(p);
            case RunEvent.StepFinished f -> {
                endBar();
                String took = seconds(Duration.between(stepStart, f.time()));
                switch (f.outcome()) {
                    case DONE -> err.println("    done (" + took + ")");
                    case SKIPPED -> err.println("    skipped: " + f.message());
                    case FAILED -> err.println("    FAILED: " + f.message());
                    case CANCELLED -> err.println("    cancelled");
                }
            }
            case RunEvent.Log l -> {
                endBar();
                err.println("    | " + l.message());
            }
            case RunEvent.Warning w -> {
                endBar();
                err.println("warning: " + w.message());
            }
            case RunEvent.Advice a -> {
                endBar();
                err.println("next: " + a.message());
            }
            case RunEvent.Result r -> {
                endBar();
                err.println((r.status().exitCode() == 0 ? "OK: " : "") + r.message());
            }
        }
        err.flush();
    }

    private void progress(RunEvent.Progress p) {
        String amount = p.unit() == RunEvent.Unit.BYTES
                ? size(p.done()) + (p.total() > 0 ? " / " + size(p.total()) : "")
                : p.done() + (p.total() > 0 ? " / " + p.total() : "");
        if (mode == Mode.PLAIN) {
            return; // plain output keeps logs readable; the step lines say what happens
        }
        StringBuilder bar = new StringBuilder("\r    [");
        int width = 30;
        int filled = p.total() > 0 ? (int) Math.min(width, p.done() * width / p.total()) : 0;
        bar.append("#".repeat(filled)).append(p.total() > 0 ? ".".repeat(width - filled) : "~".repeat(width));
        bar.append("] ").append(amount);
        Duration elapsed = Duration.between(stepStart, p.time());
        if (p.total() > 0 && p.done() > 0 && p.done() < p.total()) {
            long etaMs = elapsed.toMillis() * (p.total() - p.done()) / p.done();
            bar.append("  ETA ").append(seconds(Duration.ofMillis(etaMs)));
        }
        if (p.message() != null && !p.message().isBlank()) {
            String m = p.message();
            bar.append("  ").append(m.length() > 40 ? "…" + m.substring(m.length() - 39) : m);
        }
        err.print(bar.append("\u001b[K"));
        barShown = true;
    }

    private void endBar() {
        if (barShown) {
            err.println();
            barShown = false;
        }
    }

    static String json(RunEvent e) {
        ObjectNode n = JSON.createObjectNode();
        String type = switch (e) {
            case RunEvent.StepStarted s -> "step-started";
            case RunEvent.Progress p -> "progress";
            case RunEvent.StepFinished f -> "step-finished";
            case RunEvent.Log l -> "log";
            case RunEvent.Warning w -> "warning";
            case RunEvent.Advice a -> "advice";
            case RunEvent.Result r -> "result";
        };
        n.put("type", type);
        n.put("step", e.step());
        switch (e) {
            case RunEvent.StepStarted s -> n.put("message", s.message());
            case RunEvent.Progress p -> {
                n.put("done", p.done());
                n.put("total", p.total());
                n.put("unit", p.unit().name().toLowerCase(Locale.ROOT));
                n.put("message", p.message());
            }
            case RunEvent.StepFinished f -> {
                n.put("outcome", f.outcome().name().toLowerCase(Locale.ROOT));
                n.put("message", f.message());
            }
            case RunEvent.Log l -> n.put("message", l.message());
            case RunEvent.Warning w -> n.put("message", w.message());
            case RunEvent.Advice a -> n.put("message", a.message());
            case RunEvent.Result r -> {
                n.put("status", r.status().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                n.put("exitCode", r.status().exitCode());
                n.put("message", r.message());
            }
        }
        n.put("time", e.time().toString());
        return n.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private static String seconds(Duration d) {
        long s = d.toSeconds();
        return s < 60
                ? (d.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : s + " s")
                : (s / 60) + " min " + (s % 60) + " s";
    }
}
