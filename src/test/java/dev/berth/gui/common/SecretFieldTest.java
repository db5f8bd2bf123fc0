package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class SecretFieldTest {
    private SecretField field;

    @Start
    void start(Stage stage) {
        field = new SecretField(Messages.forLocale(Locale.ENGLISH), "Database password", SecretGenerator.secure());
        field.setId("db-password");
        stage.setScene(new Scene(new VBox(field), 500, 120));
        stage.show();
    }

    private PasswordField hidden(FxRobot robot) {
        return robot.lookup("#db-password .secret-hidden").queryAs(PasswordField.class);
    }

    private TextField shown(FxRobot robot) {
        return robot.lookup("#db-password .secret-shown").queryAs(TextField.class);
    }

    @Test
    void typedTextIsMaskedUntilRevealed(FxRobot robot) {
        robot.clickOn(hidden(robot)).write("s3cret");

        assertThat(field.valueProperty().get()).isEqualTo("s3cret");
        assertThat(hidden(robot).isVisible()).isTrue();
        assertThat(shown(robot).isVisible()).isFalse();

        robot.clickOn("#db-password .secret-reveal");

        assertThat(shown(robot).isVisible()).isTrue();
        assertThat(shown(robot).getText()).isEqualTo("s3cret");
        assertThat(hidden(robot).isVisible()).isFalse();
    }

    @Test
    void hidingAgainMasksIt(FxRobot robot) {
        robot.clickOn("#db-password .secret-reveal");
        robot.clickOn("#db-password .secret-reveal");

        assertThat(hidden(robot).isVisible()).isTrue();
        assertThat(field.revealedProperty().get()).isFalse();
    }

    @Test
    void generateFillsARandomSecretOfTheConfiguredLength(FxRobot robot) {
        robot.clickOn("#db-password .secret-generate");
        String first = field.valueProperty().get();

        assertThat(first).hasSize(SecretGenerator.DEFAULT_LENGTH).matches("[A-Za-z0-9]+");
        assertThat(hidden(robot).getText()).isEqualTo(first);

        robot.interact(() -> field.generateLengthProperty().set(12));
        robot.clickOn("#db-password .secret-generate");

        assertThat(field.valueProperty().get()).hasSize(12).isNotEqualTo(first);
    }

    @Test
    void theButtonsHaveNamesForScreenReaders(FxRobot robot) {
        assertThat(robot.lookup("#db-password .secret-reveal").query().getAccessibleText())
                .isEqualTo("Show the secret");
        assertThat(robot.lookup("#db-password .secret-generate").query().getAccessibleText())
                .isEqualTo("Generate a random secret of 32 characters");
        assertThat(hidden(robot).getAccessibleText()).isEqualTo("Database password, hidden");
    }
}
