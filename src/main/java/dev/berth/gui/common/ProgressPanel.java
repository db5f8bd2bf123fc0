package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Shows a {@link ProgressModel}: a bar with the step count and time left, the steps with their
 * states, and the log (newest line kept in view). Node ids: {@code #progress-bar}, {@code
 * #progress-status}, {@code #progress-steps}, {@code #progress-log}.
 */
public final class ProgressPanel extends VBox {

    public ProgressPanel(ProgressModel model, Messages m) {
        super(12);
        getStyleClass().add("progress-panel");

        ProgressBar bar = new ProgressBar();
        bar.setId("progress-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fraction());
        bar.setAccessibleText(m.get("progress.bar.access"));

        Label status = new Label();
        status.setId("progress-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> m.get(
                                "progress.status",
                                model.finishedSteps().get(),
                                model.steps().size(),
                                Formats.eta(m, model.etaProperty().get())),
                        model.finishedSteps(),
                        model.steps(),
                        model.etaProperty()));

        VBox stepsBox = new VBox(6);
        stepsBox.setId("progress-steps");
        Runnable rebuild = () -> stepsBox.getChildren()
                .setAll(model.steps().stream().map(s -> stepRow(s, m)).toList());
        model.steps().addListener((ListChangeListener<ProgressModel.Step>) c -> rebuild.run());
        rebuild.run();

        ListView<String> log = new ListView<>(model.log().lines());
        log.setId("progress-log");
        log.getStyleClass().addAll("progress-log", Styles.DENSE);
        log.setAccessibleText(m.get("progress.log.access"));
        log.setPrefHeight(180);
        VBox.setVgrow(log, Priority.ALWAYS);
        model.log().lines().addListener((ListChangeListener<String>) c -> {
            if (!model.log().lines().isEmpty()) {
                log.scrollTo(model.log().lines().size() - 1);
            }
        });
        Label dropped = new Label();
        dropped.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        dropped.textProperty().bind(model.log().droppedProperty().map(n -> m.get("progress.log.dropped", n)));
        dropped.visibleProperty().bind(model.log().droppedProperty().greaterThan(0));
        dropped.managedProperty().bind(dropped.visibleProperty());

        getChildren().addAll(bar, status, stepsBox, dropped, log);
    }

    static Node stepRow(ProgressModel.Step step, Messages m) {
        Label title = new Label(m.text(step.title()));
        // A long title gives way before the state does, on more lines rather than cut off.
        title.setMinWidth(0);
        title.setWrapText(true);
        HBox row = new HBox(8);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("progress-step");
        Runnable update = () -> {
            ProgressModel.StepState s = step.state();
            Node icon = switch (s) {
                case RUNNING -> {
                    ProgressIndicator spin = new ProgressIndicator();
                    spin.setPrefSize(16, 16);
                    spin.setMaxSize(16, 16);
                    yield spin;
                }
                case PENDING, SKIPPED -> Icons.of(Icons.Icon.PENDING, 16);
                case DONE -> Icons.of(Icons.Icon.CHECK, 16);
                case FAILED, CANCELLED -> Icons.of(Icons.Icon.ERROR, 16);
                case UNDONE -> Icons.of(Icons.Icon.RESTORE, 16);
            };
            row.getStyleClass().removeIf(c -> c.startsWith("step-"));
            row.getStyleClass().add("step-" + s.name().toLowerCase(java.util.Locale.ROOT));
            Region gap = new Region();
            HBox.setHgrow(gap, Priority.ALWAYS);
            Label state = new Label(m.get("progress.step." + s.name().toLowerCase(java.util.Locale.ROOT)));
            state.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            state.setMinWidth(Region.USE_PREF_SIZE);
            row.getChildren().setAll(icon, title, gap, state);
            row.setAccessibleText(m.get("progress.step.access", title.getText(), state.getText()));
        };
        step.stateProperty().addListener(o -> update.run());
        update.run();
        return row;
    }
}
