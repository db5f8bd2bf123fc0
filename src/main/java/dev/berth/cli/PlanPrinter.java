package dev.berth.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanReport;
import dev.berth.engine.PlanStep;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Shows a plan to people (text) or scripts (JSON). Plans and reports hold no secret values. */
final class PlanPrinter {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private PlanPrinter() {}

    static String json(Plan plan, PlanReport report) {
        ObjectNode n = JSON.createObjectNode();
        n.set("plan", JSON.valueToTree(plan));
        n.set("report", JSON.valueToTree(report));
        n.put("refused", plan.refused());
        try {
            return JSON.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void text(Plan plan, PlanReport report, PrintStream out) {
        String what = switch (plan.kind()) {
            case INSTALL -> "Install " + plan.toVersion() + " into " + plan.install();
            case UPGRADE ->
                "Upgrade " + plan.project() + " (" + plan.install() + ") " + String.join(" → ", report.versionPath());
            case CONFIGURE -> "Configure " + plan.project() + " (" + plan.install() + ")";
            case BACKUP -> "Back up " + plan.project() + " (" + plan.install() + ")";
            case RESTORE -> "Restore into " + plan.install();
        };
        out.println(what);
        out.println();
        out.println("Checks:");
        for (Plan.Check c : plan.checks()) {
            String tag = switch (c.status()) {
                case OK -> "  ok    ";
                case WARN -> "  warn  ";
                case FAIL -> "  FAIL  ";
            };
            out.println(tag + c.name() + ": " + c.message().english());
        }
        for (dev.berth.engine.Text w : plan.warnings()) {
            out.println("  warn  " + w.english());
        }
        for (PlanReport.Hop hop : report.hops()) {
            out.println();
            out.println("Release " + hop.version()
                    + (hop.requiredBy().isEmpty() ? "" : " (required stop: " + hop.requiredBy() + ")") + ":");
            for (PlanReport.EnvChange e : hop.env()) {
                out.println("  " + e.file() + " ← " + e.template());
                line(out, "added", e.added());
                line(out, "renamed", e.renamed());
                line(out, "removed (kept at the end, marked)", e.removed());
                line(out, "default updated", e.defaultUpdated());
                line(out, "generated secret", e.generated());
                line(out, "from your answers", e.answered());
            }
            for (PlanReport.FileChange f : hop.files()) {
                if (!f.action().equals("env-merged")) {
                    out.printf(Locale.ROOT, "  %-22s %s — %s%n", f.action(), f.path(), f.detail());
                }
            }
            for (String c : hop.conflicts()) {
                out.println("  CONFLICT " + c);
            }
        }
        if (!plan.steps().isEmpty()) {
            out.println();
            out.println("Steps (expected downtime about " + plan.expectedDowntimeSeconds() + " s):");
            int i = 0;
            for (PlanStep s : plan.steps()) {
                out.printf(
                        Locale.ROOT,
                        "  %2d. %s%s%n",
                        ++i,
                        s.title().english(),
                        s.duringDowntime() ? "  [app down]" : "");
            }
        }
        if (!report.releaseNotes().isEmpty()) {
            out.println();
            out.println("Release notes:");
            report.releaseNotes().forEach(n -> out.println("  " + n.replace("\n", "\n  ")));
        }
    }

    private static void line(PrintStream out, String label, List<String> items) {
        if (!items.isEmpty()) {
            out.println("    " + label + ": " + String.join(", ", items));
        }
    }
}
