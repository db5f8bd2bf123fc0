package dev.berth.gui.common;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.berth.engine.Plan;
import dev.berth.engine.PlanStep;
import dev.berth.engine.Text;
import java.time.Duration;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A plan for review: a banner when the engine refused it, its checks (OK, warning, failed), its
 * warnings, the expected downtime and its steps in order, with the ones during which the app is
 * down marked. Texts from the engine are shown in the user's language ({@link Messages#text}). Node ids: {@code
 * #plan-refused}, {@code #plan-checks}, {@code #plan-warnings}, {@code #plan-downtime}, {@code
 * #plan-steps}.
 */
public final class PlanView extends VBox {

    /**
     * @param showDowntime whether to show the expected downtime (upgrades and restores)
     */
    public PlanView(Plan plan, Messages m, boolean showDowntime) {
        super(12);
        getStyleClass().add("plan-view");
        if (plan.refused()) {
            Message refused = new Message(
                    m.get("plan.refused.title"), m.get("plan.refused.text"), Icons.of(Icons.Icon.ERROR, 20));
            refused.setId("plan-refused");
            refused.getStyleClass().add(Styles.DANGER);
            getChildren().add(refused);
        }

        VBox checks = new VBox(6);
        checks.setId("plan-checks");
        checks.setAccessibleText(m.get("plan.checks"));
        for (Plan.Check c : plan.checks()) {
            Icons.Icon icon = switch (c.status()) {
                case OK -> Icons.Icon.CHECK;
                case WARN -> Icons.Icon.WARNING;
                case FAIL -> Icons.Icon.ERROR;
            };
            Node graphic = Icons.of(icon, 16);
            String message = m.text(c.message());
            Label text = new Label(message);
            text.setWrapText(true);
            text.setMaxWidth(760);
            Label name = new Label(m.get("plan.check." + c.status().name().toLowerCase(Locale.ROOT)));
            name.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            name.setMinWidth(70);
            HBox row = new HBox(8, graphic, name, text);
            row.setAlignment(Pos.TOP_LEFT);
            row.getStyleClass()
                    .addAll("plan-check", "check-" + c.status().name().toLowerCase(Locale.ROOT));
            row.setAccessibleText(m.get("plan.check.access", name.getText(), message));
            checks.getChildren().add(row);
        }
        if (!plan.checks().isEmpty()) {
            getChildren().addAll(heading(m.get("plan.checks")), checks);
        }

        if (!plan.warnings().isEmpty()) {
            VBox warnings = new VBox(6);
            warnings.setId("plan-warnings");
            for (Text w : plan.warnings()) {
                Label l = new Label(m.text(w), Icons.of(Icons.Icon.WARNING, 16));
                l.setWrapText(true);
                l.setMaxWidth(760);
                l.getStyleClass().add("plan-warning");
                warnings.getChildren().add(l);
            }
            getChildren().addAll(heading(m.get("plan.warnings")), warnings);
        }

        if (showDowntime && !plan.steps().isEmpty()) {
            Label downtime = new Label(
                    m.get("plan.downtime", Formats.duration(m, Duration.ofSeconds(plan.expectedDowntimeSeconds()))));
            downtime.setId("plan-downtime");
            downtime.getStyleClass().add(Styles.TEXT_BOLD);
            getChildren().add(downtime);
        }

        if (!plan.steps().isEmpty()) {
            VBox steps = new VBox(4);
            steps.setId("plan-steps");
            steps.setAccessibleText(m.get("plan.steps"));
            int n = 0;
            for (PlanStep s : plan.steps()) {
                Label l = new Label(m.get("plan.step", ++n, m.text(s.title())));
                l.setWrapText(true);
                HBox row = new HBox(8, l);
                row.setAlignment(Pos.CENTER_LEFT);
                if (s.duringDowntime()) {
                    Label down = new Label(m.get("plan.step.down"));
                    down.getStyleClass().addAll("badge", Styles.WARNING, Styles.TEXT_SMALL);
                    row.getChildren().add(down);
                }
                steps.getChildren().add(row);
            }
            getChildren().addAll(heading(m.get("plan.steps")), steps);
        }
    }

    private static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TITLE_4);
        return l;
    }
}
