package dev.berth.gui.common;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.berth.engine.RunEvent;
import dev.berth.engine.RunStatus;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The run page: a title, the overall bar with steps done and time left, the steps beside the live
 * log, the items the running step moves (one bar per image or layer), and at the bottom Cancel
 * while the run goes on, or the outcome and the screen's own result content once it ended. Node
 * ids: {@code #run-page}, {@code #run-title}, {@code #run-bar}, {@code #run-status}, {@code
 * #run-current}, {@code #run-steps}, {@code #run-log}, {@code #run-items}, {@code #run-cancel},
 * {@code #run-outcome}, {@code #run-result}.
 */
public final class RunView extends BorderPane {

    /**
     * @param title what runs, already translated ("Installing berth-demo 1.0.0")
     * @param result what the screen shows under the outcome once the run ended (the app's
     *     address, a rollback button...); may be empty
     */
    public RunView(RunViewModel vm, Messages m, String title, Node result) {
        setId("run-page");
        getStyleClass().addAll("page", "run-page");
        ProgressModel model = vm.progress();
        vm.logIn(m::text);

        Label heading = new Label(title);
        heading.setId("run-title");
        heading.getStyleClass().add(Styles.TITLE_3);
        heading.setWrapText(true);

        ProgressBar bar = new ProgressBar();
        bar.setId("run-bar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fraction());
        bar.setAccessibleText(m.get("progress.bar.access"));

        Label status = new Label();
        status.setId("run-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.stateProperty().get() == RunViewModel.State.FINISHED
                                ? m.get(
                                        "run.status.finished",
                                        model.finishedSteps().get(),
                                        model.steps().size())
                                : m.get(
                                        "progress.status",
                                        model.finishedSteps().get(),
                                        model.steps().size(),
                                        Formats.eta(m, model.etaProperty().get())),
                        model.finishedSteps(),
                        model.steps(),
                        model.etaProperty(),
                        vm.stateProperty()));

        Label current = new Label();
        current.setId("run-current");
        current.setWrapText(true);
        current.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> switch (vm.stateProperty().get()) {
                            case IDLE, FINISHED -> "";
                            case CANCELLING -> m.get("run.cancelling");
                            case RUNNING ->
                                vm.rollingBackProperty().get()
                                        ? m.get(
                                                "run.rollingBack",
                                                m.text(vm.currentStepProperty().get()))
                                        : m.text(vm.currentStepProperty().get());
                        },
                        vm.stateProperty(),
                        vm.currentStepProperty(),
                        vm.rollingBackProperty()));
        current.managedProperty().bind(current.visibleProperty());
        current.visibleProperty().bind(current.textProperty().isNotEmpty());

        VBox top = new VBox(8, heading, bar, status, current);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        VBox stepsBox = new VBox(6);
        stepsBox.setId("run-steps");
        stepsBox.setAccessibleText(m.get("run.steps.access"));
        stepsBox.setPadding(new Insets(4, 12, 4, 4));
        Runnable rebuild = () -> stepsBox.getChildren()
                .setAll(model.steps().stream()
                        .map(s -> ProgressPanel.stepRow(s, m))
                        .toList());
        model.steps().addListener((ListChangeListener<ProgressModel.Step>) c -> {
            // A state change is reported as an update; only a new run replaces the rows.
            while (c.next()) {
                if (c.wasReplaced() || c.wasAdded() || c.wasRemoved()) {
                    rebuild.run();
                    return;
                }
            }
        });
        rebuild.run();
        ScrollPane stepsScroll = new ScrollPane(stepsBox);
        stepsScroll.setFitToWidth(true);
        stepsScroll.getStyleClass().add(Styles.FLAT);

        ListView<String> log = new ListView<>(model.log().lines());
        log.setId("run-log");
        log.getStyleClass().addAll("progress-log", Styles.DENSE);
        log.setAccessibleText(m.get("progress.log.access"));
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
        VBox.setVgrow(log, Priority.ALWAYS);
        VBox logBox = new VBox(4, log, dropped);

        SplitPane split = new SplitPane(stepsScroll, logBox);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.46);
        setCenter(split);

        VBox items = new VBox(6);
        items.setId("run-items");
        items.setAccessibleText(m.get("run.items.access"));
        Runnable fillItems = () -> items.getChildren()
                .setAll(vm.items().stream().map(i -> itemRow(i, m)).toList());
        vm.items().addListener((ListChangeListener<RunViewModel.Item>) c -> fillItems.run());
        fillItems.run();
        items.managedProperty().bind(items.visibleProperty());
        items.visibleProperty().bind(Bindings.isNotEmpty(vm.items()));
        // A pull of many images must not push the steps and the log off the page.
        ScrollPane itemsScroll = new ScrollPane(items);
        itemsScroll.setFitToWidth(true);
        itemsScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        itemsScroll.getStyleClass().add(Styles.FLAT);
        itemsScroll.setMaxHeight(170);
        itemsScroll.prefViewportHeightProperty().bind(items.heightProperty().map(h -> Math.min(h.doubleValue(), 168)));
        itemsScroll.visibleProperty().bind(items.visibleProperty());
        itemsScroll.managedProperty().bind(items.visibleProperty());

        Button cancel = new Button(m.get("run.cancel"));
        cancel.setId("run-cancel");
        cancel.setCancelButton(true);
        cancel.setAccessibleHelp(m.get("run.cancel.help"));
        cancel.disableProperty().bind(vm.stateProperty().isNotEqualTo(RunViewModel.State.RUNNING));
        cancel.visibleProperty().bind(vm.stateProperty().isNotEqualTo(RunViewModel.State.FINISHED));
        cancel.managedProperty().bind(cancel.visibleProperty());
        cancel.setOnAction(e -> vm.cancel());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox outcome = new VBox(10);
        outcome.setId("run-outcome");
        Runnable showOutcome = () -> {
            if (vm.stateProperty().get() != RunViewModel.State.FINISHED) {
                outcome.getChildren().clear();
                return;
            }
            outcome.getChildren().setAll(outcomeMessage(vm, m));
            if (!vm.advice().isEmpty()) {
                outcome.getChildren().add(adviceBox(vm, m));
            }
            if (result != null) {
                result.setId("run-result");
                outcome.getChildren().add(result);
            }
        };
        vm.stateProperty().addListener(o -> showOutcome.run());
        showOutcome.run();

        VBox bottom = new VBox(10, itemsScroll, outcome, buttons);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);
    }

    private static Node outcomeMessage(RunViewModel vm, Messages m) {
        RunStatus s = vm.statusProperty().get().orElse(null);
        String key = s == null ? "run.outcome.error" : "run.outcome." + s.name().toLowerCase(java.util.Locale.ROOT);
        String style = s == RunStatus.SUCCEEDED
                ? Styles.SUCCESS
                : s == RunStatus.ROLLED_BACK || s == RunStatus.REFUSED || s == RunStatus.INTERRUPTED
                        ? Styles.WARNING
                        : Styles.DANGER;
        Icons.Icon icon = s == RunStatus.SUCCEEDED ? Icons.Icon.CHECK : Icons.Icon.WARNING;
        String text = m.text(vm.messageProperty().get());
        Message msg = new Message(m.get(key), text, Icons.of(icon, 20));
        msg.getStyleClass().add(style);
        msg.setAccessibleText(m.get(key) + " " + text);
        return msg;
    }

    /** The profile's advice for this ending: what to check, who to tell, how to repair. */
    private static Node adviceBox(RunViewModel vm, Messages m) {
        Label heading = new Label(m.get("run.advice"));
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        VBox box = new VBox(4, heading);
        box.setId("run-advice");
        for (String a : vm.advice()) {
            Label l = new Label("• " + a);
            l.setWrapText(true);
            box.getChildren().add(l);
        }
        box.setAccessibleText(m.get("run.advice") + " " + String.join(" ", vm.advice()));
        return box;
    }

    private static Node itemRow(RunViewModel.Item item, Messages m) {
        Label label = new Label(item.label());
        label.getStyleClass().add("monospace");
        label.setMinWidth(120);
        label.setMaxWidth(360);
        ProgressBar bar = new ProgressBar(item.total() > 0 ? (double) item.done() / item.total() : -1);
        bar.setPrefWidth(220);
        bar.getStyleClass().add(Styles.SMALL);
        String amount = item.unit() == RunEvent.Unit.BYTES
                ? item.total() > 0
                        ? m.get("run.item.bytes", Formats.bytes(m, item.done()), Formats.bytes(m, item.total()))
                        : Formats.bytes(m, item.done())
                : item.total() > 0 ? m.get("run.item.count", item.done(), item.total()) : String.valueOf(item.done());
        Label text = new Label(amount);
        text.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        HBox row = new HBox(10, label, bar, text);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("run-item");
        row.setAccessibleText(m.get("run.item.access", item.label(), amount));
        return row;
    }
}
