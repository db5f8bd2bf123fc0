package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The frame every wizard shares: a step indicator on top, the current page in the middle, Back,
 * Next (Finish on the last page) and Cancel at the bottom. Enter presses Next/Finish, Escape
 * Cancel. Node ids: {@code #wizard-steps}, {@code #wizard-title}, {@code #wizard-back}, {@code
 * #wizard-next}, {@code #wizard-cancel}.
 *
 * @param <S> the wizard's page type
 */
public final class WizardFrame<S extends WizardModel.Step> extends BorderPane {
    private static final PseudoClass CURRENT = PseudoClass.getPseudoClass("current");
    private static final PseudoClass DONE = PseudoClass.getPseudoClass("done");

    private final Map<S, Node> pages = new HashMap<>();

    /**
     * @param pageFor builds the content of a page; called once per page, when first shown
     */
    public WizardFrame(WizardModel<S> model, Messages m, Function<? super S, ? extends Node> pageFor) {
        getStyleClass().add("wizard-frame");

        HBox indicator = new HBox(6);
        indicator.setId("wizard-steps");
        indicator.getStyleClass().add("wizard-steps");
        indicator.setAlignment(Pos.CENTER_LEFT);
        List<S> steps = model.steps();
        for (int i = 0; i < steps.size(); i++) {
            Label step = new Label(m.get("wizard.step", i + 1, steps.get(i).title(m)));
            step.getStyleClass().add("wizard-step");
            indicator.getChildren().add(step);
            if (i < steps.size() - 1) {
                Label sep = new Label("›");
                sep.getStyleClass().add("wizard-step-separator");
                indicator.getChildren().add(sep);
            }
        }
        Label title = new Label();
        title.setId("wizard-title");
        title.getStyleClass().add(Styles.TITLE_3);
        VBox top = new VBox(8, indicator, title);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        ScrollPane body = new ScrollPane();
        body.setFitToWidth(true);
        body.getStyleClass().addAll("wizard-body", Styles.FLAT);
        setCenter(body);

        Button cancel = new Button(m.get("wizard.cancel"));
        cancel.setId("wizard-cancel");
        cancel.setCancelButton(true);
        cancel.setAccessibleHelp(m.get("wizard.cancel.help"));
        cancel.setOnAction(e -> model.cancel());
        Button back = new Button(m.get("wizard.back"));
        back.setId("wizard-back");
        back.disableProperty().bind(model.canGoBack().not());
        back.setOnAction(e -> model.back());
        Button next = new Button();
        next.setId("wizard-next");
        next.setDefaultButton(true);
        next.getStyleClass().add(Styles.ACCENT);
        next.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String action = model.currentProperty().get().actionText(m);
                            if (action != null) {
                                return action;
                            }
                            return m.get(model.onLastStep().get() ? "wizard.finish" : "wizard.next");
                        },
                        model.currentProperty(),
                        model.onLastStep()));
        next.disableProperty()
                .bind(model.onLastStep()
                        .and(model.canFinish().not())
                        .or(model.onLastStep().not().and(model.canGoNext().not())));
        next.setOnAction(e -> {
            if (model.onLastStep().get()) {
                model.finish();
            } else {
                model.next();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, cancel, gap, back, next);
        buttons.setPadding(new Insets(12, 0, 0, 0));
        buttons.getStyleClass().add("wizard-buttons");
        setBottom(buttons);

        Runnable show = () -> {
            int idx = model.indexProperty().get();
            S step = model.currentProperty().get();
            title.setText(step.title(m));
            body.setContent(pages.computeIfAbsent(step, pageFor::apply));
            for (int i = 0, s = 0; i < indicator.getChildren().size(); i += 2, s++) {
                Node n = indicator.getChildren().get(i);
                n.pseudoClassStateChanged(CURRENT, s == idx);
                n.pseudoClassStateChanged(DONE, s < idx);
            }
            next.setAccessibleHelp(m.get("wizard.position", idx + 1, steps.size(), step.title(m)));
            // The focused field just left the scene; without this, focus falls on Cancel and the
            // next Enter would cancel the wizard.
            if (getScene() != null) {
                firstFocusable(body.getContent())
                        .orElse(next.isDisabled() ? back : next)
                        .requestFocus();
            }
        };
        model.indexProperty().addListener(o -> show.run());
        show.run();
    }

    private static Optional<Node> firstFocusable(Node node) {
        if (node == null || !node.isVisible() || node.isDisabled()) {
            return Optional.empty();
        }
        if (node.isFocusTraversable()) {
            return Optional.of(node);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Optional<Node> found = firstFocusable(child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
