package dev.berth.gui;

import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Messages;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Install and Restore until their wizards exist: says plainly that the page is not in this build.
 * Node id: {@code #page-<page>}.
 */
final class PlaceholderView extends VBox {
    PlaceholderView(String id, Messages m, String titleKey, String textKey) {
        super(10);
        setId(id);
        getStyleClass().add("page");
        Label title = new Label(m.get(titleKey));
        title.getStyleClass().add(Styles.TITLE_2);
        Label text = new Label(m.get(textKey));
        text.setWrapText(true);
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setMaxWidth(640);
        getChildren().addAll(title, text);
    }
}
