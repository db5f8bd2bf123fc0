package dev.berth.gui.home;

import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The guided page shown when Docker does not answer: what was tried, what to do, Retry. Node ids:
 * {@code #docker-unreachable}, {@code #docker-headline}, {@code #docker-places}, {@code
 * #docker-retry}, {@code #docker-settings}, {@code #docker-copy}.
 */
public final class DockerUnreachableView extends VBox {

    public DockerUnreachableView(DockerUnreachableViewModel vm, Messages m) {
        super(14);
        setId("docker-unreachable");
        getStyleClass().add("docker-unreachable");
        setMaxWidth(760);

        Label title = new Label(m.get("docker.title"), Icons.of(Icons.Icon.PLUG, 28));
        title.getStyleClass().addAll(Styles.TITLE_2, "docker-title");
        title.setWrapText(true);

        Label headline = new Label();
        headline.setId("docker-headline");
        headline.setWrapText(true);
        headline.textProperty().bind(vm.headlineProperty());

        Label triedTitle = new Label(m.get("docker.tried"));
        triedTitle.getStyleClass().add(Styles.TITLE_4);
        VBox places = new VBox(4);
        places.setId("docker-places");
        places.getStyleClass().add("docker-places");
        Runnable fill = () -> {
            places.getChildren().clear();
            for (String p : vm.placesTried()) {
                Label l = new Label(p);
                l.getStyleClass().add("monospace");
                l.setWrapText(true);
                places.getChildren().add(l);
            }
            if (vm.placesTried().isEmpty()) {
                Label none = new Label(m.get("docker.tried.none"));
                none.getStyleClass().add(Styles.TEXT_MUTED);
                none.setWrapText(true);
                places.getChildren().add(none);
            }
        };
        vm.placesTried().addListener((ListChangeListener<String>) c -> fill.run());
        fill.run();

        Label todoTitle = new Label(m.get("docker.todo"));
        todoTitle.getStyleClass().add(Styles.TITLE_4);
        VBox todo = new VBox(6);
        for (String key : new String[] {"docker.todo.running", "docker.todo.group", "docker.todo.host"}) {
            Label l = new Label(m.get(key));
            l.setWrapText(true);
            l.getStyleClass().add("todo-item");
            todo.getChildren().add(l);
        }

        Button retry = new Button(m.get("docker.retry"), Icons.of(Icons.Icon.REFRESH, 16));
        retry.setId("docker-retry");
        retry.getStyleClass().add(Styles.ACCENT);
        retry.setDefaultButton(true);
        retry.setAccessibleHelp(m.get("docker.retry.help"));
        retry.setOnAction(e -> vm.retry());
        Button settings = new Button(m.get("docker.settings"));
        settings.setId("docker-settings");
        settings.setOnAction(e -> vm.openSettings());
        Button copy = new Button(m.get("docker.copy"));
        copy.setId("docker-copy");
        copy.setAccessibleHelp(m.get("docker.copy.help"));
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(vm.rawMessageProperty().get());
            Clipboard.getSystemClipboard().setContent(c);
        });
        HBox buttons = new HBox(8, retry, settings, copy);
        buttons.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(title, headline, triedTitle, places, todoTitle, todo, buttons);
    }
}
