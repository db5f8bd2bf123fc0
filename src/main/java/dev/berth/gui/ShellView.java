package dev.berth.gui;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.berth.gui.common.Icons;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.Page;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window's layout: navigation on the left, the current page in the middle, the settings
 * notice on top. Pages are built on first visit. Node ids: {@code #shell}, {@code #nav}, {@code
 * #nav-<page>} ({@code #nav-home}...), {@code #content}, {@code #settings-notice}.
 */
final class ShellView extends BorderPane {
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> buttons = new EnumMap<>(Page.class);

    ShellView(ShellViewModel vm, Messages m, Function<Page, Node> pageFactory) {
        setId("shell");
        getStyleClass().add("shell");

        Label brand = new Label(m.get("app.name"));
        brand.getStyleClass().addAll("brand", Styles.TITLE_3);
        VBox nav = new VBox(4, brand);
        nav.setId("nav");
        nav.getStyleClass().add("nav");
        nav.setAccessibleText(m.get("nav.access"));
        ToggleGroup group = new ToggleGroup();
        for (Page p : Page.values()) {
            if (!p.inNavigation()) {
                continue;
            }
            ToggleButton b = new ToggleButton(m.get("nav." + p.id()), Icons.of(icon(p), 18));
            b.setId("nav-" + p.id());
            b.getStyleClass().add("nav-button");
            b.setMnemonicParsing(true);
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setAccessibleText(Messages.withoutMnemonic(m.get("nav." + p.id())));
            b.setAccessibleHelp(m.get("nav." + p.id() + ".help"));
            b.setUserData(p);
            // Mnemonics fire an action without touching the selection.
            b.setOnAction(e -> vm.go(p));
            buttons.put(p, b);
            nav.getChildren().add(b);
        }
        // Arrow keys move the selection within the group (a tab list); follow it. A click on the
        // selected page would deselect it: keep it selected instead.
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true);
            } else if (vm.pageProperty().get().navigationEntry() != now.getUserData()) {
                vm.go((Page) now.getUserData());
            }
        });
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        nav.getChildren().add(grow);
        setLeft(nav);

        StackPane content = new StackPane();
        content.setId("content");
        content.getStyleClass().add("content");
        content.setPadding(new Insets(24, 28, 20, 28));
        setCenter(content);

        // The notice is rare; build it only when there is something to say.
        Runnable notice = () -> {
            Optional<String> text = vm.settingsNotice().get();
            if (text.isEmpty()) {
                setTop(null);
                return;
            }
            Message message = new Message(
                    m.get("notice.settings.title"),
                    m.get("notice.settings.text", text.get()),
                    Icons.of(Icons.Icon.WARNING, 20));
            message.setId("settings-notice");
            message.getStyleClass().add(Styles.DANGER);
            message.setOnClose(e -> vm.dismissNotice());
            BorderPane.setMargin(message, new Insets(12, 12, 0, 12));
            setTop(message);
        };
        vm.settingsNotice().addListener(o -> notice.run());
        notice.run();

        Runnable show = () -> {
            Page p = vm.pageProperty().get();
            Node node = pages.computeIfAbsent(p, pageFactory);
            content.getChildren().setAll(node);
            buttons.forEach((k, b) -> b.setSelected(k == p.navigationEntry()));
        };
        vm.pageProperty().addListener(o -> show.run());
        show.run();
    }

    private static Icons.Icon icon(Page p) {
        return switch (p) {
            case HOME -> Icons.Icon.HOME;
            case INSTALL -> Icons.Icon.INSTALL;
            case RESTORE -> Icons.Icon.RESTORE;
            case SETTINGS -> Icons.Icon.SETTINGS;
            case ABOUT -> Icons.Icon.ABOUT;
            case UPGRADE, CONFIGURE, RUN -> throw new IllegalArgumentException(p + " has no navigation entry");
        };
    }
}
