package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * An install's container logs. Node ids: {@code #logs-page}, {@code #logs-service}, {@code
 * #logs-refresh}, {@code #logs-state}, {@code #logs-lines}, {@code #logs-close}.
 */
public final class AppLogsView extends BorderPane {

    /** @param close closes the window the view is in */
    public AppLogsView(AppLogsViewModel vm, Messages m, Runnable close) {
        setId("logs-page");
        setPadding(new Insets(16));
        Label title = new Label(m.get("logs.title", vm.installDir()));
        title.getStyleClass().add(Styles.TITLE_4);
        title.setWrapText(true);
        ComboBox<String> service = new ComboBox<>(vm.services());
        service.setId("logs-service");
        service.setAccessibleText(m.get("logs.service"));
        service.valueProperty().bindBidirectional(vm.serviceProperty());
        Button refresh = new Button(m.get("home.refresh"), Icons.of(Icons.Icon.REFRESH, 14));
        refresh.setId("logs-refresh");
        refresh.setOnAction(e -> vm.refresh());
        Label state = new Label();
        state.setId("logs-state");
        state.setWrapText(true);
        state.textProperty().bind(vm.stateProperty().map(s -> switch (s) {
            case BUSY -> m.get("logs.loading");
            case READY -> m.get("logs.lines", vm.lines().size());
            case FAILED -> m.get("logs.failed", vm.errorProperty().get());
        }));
        Label serviceLabel = new Label(m.get("logs.service"));
        serviceLabel.setLabelFor(service);
        HBox top = new HBox(8, serviceLabel, service, refresh, state);
        top.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(8, title, top);
        header.setPadding(new Insets(0, 0, 10, 0));
        setTop(header);

        ListView<String> lines = new ListView<>(vm.lines());
        lines.setId("logs-lines");
        lines.getStyleClass().addAll("progress-log", Styles.DENSE);
        lines.setAccessibleText(m.get("logs.access"));
        vm.lines().addListener((ListChangeListener<String>) c -> {
            if (!vm.lines().isEmpty()) {
                lines.scrollTo(vm.lines().size() - 1);
            }
        });
        setCenter(lines);

        Button closeButton = new Button(m.get("install.done.close"));
        closeButton.setId("logs-close");
        closeButton.setCancelButton(true);
        closeButton.setDefaultButton(true);
        closeButton.setOnAction(e -> close.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox bottom = new HBox(gap, closeButton);
        bottom.setPadding(new Insets(10, 0, 0, 0));
        setBottom(bottom);
    }
}
