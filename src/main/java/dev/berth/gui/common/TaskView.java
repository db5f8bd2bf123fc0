package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * A {@link TaskViewModel}: what it will do and Start/Cancel, then the run page. Node ids: {@code
 * #task-page}, {@code #task-title}, {@code #task-text}, {@code #task-preparing}, {@code
 * #task-error}, {@code #task-retry}, {@code #task-start}, {@code #task-cancel}, the plan's ({@link
 * PlanView}), the run page's ({@link RunView}), {@code #task-done}.
 */
public final class TaskView extends StackPane {
    private final TaskViewModel vm;
    private final Messages m;

    public TaskView(TaskViewModel vm, Messages m) {
        this.vm = vm;
        this.m = m;
        setId("task-page");
        getStyleClass().add("page");
        Runnable show = () -> {
            if (vm.stateProperty().get() == TaskViewModel.State.RUN) {
                Button done = new Button(m.get("install.done.close"));
                done.setId("task-done");
                done.setDefaultButton(true);
                done.getStyleClass().add(Styles.ACCENT);
                done.setOnAction(e -> vm.close());
                getChildren().setAll(new RunView(vm.run(), m, title(), new HBox(8, done)));
            } else {
                getChildren().setAll(confirm());
            }
        };
        vm.stateProperty().addListener(o -> show.run());
        show.run();
    }

    private String title() {
        TaskViewModel.Texts t = vm.texts();
        return m.get(t.titleKey(), t.titleArgs().toArray());
    }

    private Node confirm() {
        TaskViewModel.Texts t = vm.texts();
        Label title = new Label(title());
        title.setId("task-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.setWrapText(true);
        Label text = new Label(m.get(t.textKey(), t.textArgs().toArray()));
        text.setId("task-text");
        text.setWrapText(true);
        text.setMaxWidth(760);
        VBox body = new VBox(14, title, text);
        Button start = new Button(m.get(t.actionKey()));
        start.setId("task-start");
        start.setDefaultButton(true);
        start.getStyleClass().add(Styles.ACCENT);
        start.setOnAction(e -> vm.start());
        Button cancel = new Button(m.get("wizard.cancel"));
        cancel.setId("task-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> vm.close());
        switch (vm.stateProperty().get()) {
            case PREPARING -> {
                ProgressIndicator spin = new ProgressIndicator();
                spin.setPrefSize(20, 20);
                HBox row = new HBox(10, spin, new Label(m.get("task.preparing")));
                row.setId("task-preparing");
                row.setAlignment(Pos.CENTER_LEFT);
                body.getChildren().add(row);
                start.setDisable(true);
            }
            case FAILED -> {
                Label error = new Label(m.text(vm.errorProperty().get()));
                error.setId("task-error");
                error.setWrapText(true);
                error.getStyleClass().addAll("monospace", "field-problem");
                Button retry = new Button(m.get("review.retry"), Icons.of(Icons.Icon.REFRESH, 14));
                retry.setId("task-retry");
                retry.setOnAction(e -> vm.prepare());
                body.getChildren().addAll(error, retry);
                start.setDisable(true);
            }
            case CONFIRM, RUN ->
                vm.preparedProperty()
                        .get()
                        .flatMap(TaskViewModel.Prepared::plan)
                        .ifPresent(p -> {
                            body.getChildren().add(new PlanView(p, m, true));
                            start.setDisable(p.refused());
                        });
        }
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add(Styles.FLAT);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, cancel, gap, start);
        buttons.setPadding(new javafx.geometry.Insets(12, 0, 0, 0));
        BorderPane pane = new BorderPane(scroll);
        pane.setBottom(buttons);
        return pane;
    }
}
