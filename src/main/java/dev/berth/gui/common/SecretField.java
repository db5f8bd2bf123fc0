package dev.berth.gui.common;

import atlantafx.base.theme.Styles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;

/**
 * A field for a secret value: masked by default, a reveal toggle, and a button that fills in a
 * random secret of {@link #generateLengthProperty()} characters. Style classes of the parts, for
 * lookups under the field's id: {@code .secret-hidden} (the masked field), {@code .secret-shown}
 * (the plain one), {@code .secret-reveal}, {@code .secret-generate}.
 */
public final class SecretField extends HBox {
    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final BooleanProperty revealed = new SimpleBooleanProperty(this, "revealed", false);
    private final IntegerProperty generateLength =
            new SimpleIntegerProperty(this, "generateLength", SecretGenerator.DEFAULT_LENGTH);
    private final SecretGenerator generator;

    /**
     * @param name what the secret is, for screen readers ("Database password")
     */
    public SecretField(Messages m, String name, SecretGenerator generator) {
        this.generator = generator;
        getStyleClass().add("secret-field");
        setSpacing(4);
        setAlignment(Pos.CENTER_LEFT);

        PasswordField hidden = new PasswordField();
        hidden.getStyleClass().add("secret-hidden");
        hidden.textProperty().bindBidirectional(value);
        hidden.setAccessibleText(m.get("secret.hidden.access", name));
        TextField shown = new TextField();
        shown.getStyleClass().add("secret-shown");
        shown.textProperty().bindBidirectional(value);
        shown.setAccessibleText(m.get("secret.shown.access", name));
        hidden.visibleProperty().bind(revealed.not());
        hidden.managedProperty().bind(hidden.visibleProperty());
        shown.visibleProperty().bind(revealed);
        shown.managedProperty().bind(shown.visibleProperty());
        StackPane fields = new StackPane(hidden, shown);
        HBox.setHgrow(fields, Priority.ALWAYS);

        ToggleButton reveal = new ToggleButton();
        reveal.getStyleClass().addAll("secret-reveal", Styles.BUTTON_ICON);
        reveal.selectedProperty().bindBidirectional(revealed);
        reveal.graphicProperty().bind(revealed.map(r -> Icons.of(r ? Icons.Icon.EYE_OFF : Icons.Icon.EYE, 16)));
        reveal.accessibleTextProperty().bind(revealed.map(r -> m.get(r ? "secret.hide" : "secret.reveal")));
        Tooltip revealTip = new Tooltip();
        revealTip.textProperty().bind(reveal.accessibleTextProperty());
        reveal.setTooltip(revealTip);

        Button generate = new Button(null, Icons.of(Icons.Icon.REFRESH, 16));
        generate.getStyleClass().addAll("secret-generate", Styles.BUTTON_ICON);
        generate.accessibleTextProperty().bind(generateLength.map(n -> m.get("secret.generate", n)));
        Tooltip generateTip = new Tooltip();
        generateTip.textProperty().bind(generate.accessibleTextProperty());
        generate.setTooltip(generateTip);
        generate.setOnAction(e -> generate());

        // Keep the caret where the user was typing when the field swaps.
        revealed.addListener((o, was, now) -> {
            TextField from = now ? hidden : shown;
            TextField to = now ? shown : hidden;
            if (from.isFocused()) {
                int caret = from.getCaretPosition();
                to.requestFocus();
                to.positionCaret(caret);
            }
        });

        getChildren().addAll(fields, reveal, generate);
    }

    /** Replaces the value with a new random secret of the configured length. */
    public void generate() {
        value.set(generator.generate(generateLength.get()));
    }

    public StringProperty valueProperty() {
        return value;
    }

    public BooleanProperty revealedProperty() {
        return revealed;
    }

    public IntegerProperty generateLengthProperty() {
        return generateLength;
    }
}
