package dev.berth.gui.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.gui.common.WizardModel.Outcome;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class WizardFrameTest {

    record Step(String title, SimpleBooleanProperty ok) implements WizardModel.Step {
        @Override
        public ObservableBooleanValue valid() {
            return ok;
        }
    }

    private final Step accept = new Step("Licence", new SimpleBooleanProperty(false));
    private final Step review = new Step("Review", new SimpleBooleanProperty(true));
    private WizardModel<Step> model;

    @Start
    void start(Stage stage) {
        model = new WizardModel<>(List.of(accept, review));
        WizardFrame<Step> frame = new WizardFrame<>(model, Messages.forLocale(Locale.ENGLISH), step -> {
            if (step == accept) {
                CheckBox agree = new CheckBox("I agree");
                agree.setId("agree");
                TextField name = new TextField();
                name.setId("name");
                accept.ok()
                        .bind(agree.selectedProperty().and(name.textProperty().isNotEmpty()));
                return new VBox(8, agree, name);
            }
            return new Label("All set");
        });
        stage.setScene(new Scene(frame, 600, 400));
        stage.show();
    }

    @Test
    void nextIsDisabledUntilThePageIsValid(FxRobot robot) {
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#wizard-back").queryButton().isDisabled()).isTrue();

        robot.clickOn("#agree");
        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isTrue();
        robot.clickOn("#name").write("ana");

        assertThat(robot.lookup("#wizard-next").queryButton().isDisabled()).isFalse();
        robot.clickOn("#wizard-next");
        assertThat(robot.lookup("#wizard-title").queryAs(Label.class).getText()).isEqualTo("Review");
        assertThat(robot.lookup("#wizard-next").queryButton().getText()).isEqualTo("Finish");
    }

    @Test
    void backKeepsWhatWasEntered(FxRobot robot) {
        robot.clickOn("#agree");
        robot.clickOn("#name").write("ana");
        robot.clickOn("#wizard-next");

        robot.clickOn("#wizard-back");

        assertThat(robot.lookup("#agree").queryAs(CheckBox.class).isSelected()).isTrue();
        assertThat(robot.lookup("#name").queryAs(TextField.class).getText()).isEqualTo("ana");
        assertThat(robot.lookup("#wizard-title").queryAs(Label.class).getText()).isEqualTo("Licence");
    }

    @Test
    void enterInAFieldGoesOnAndFinishes(FxRobot robot) {
        robot.clickOn("#agree");
        robot.clickOn("#name").write("ana");
        robot.type(KeyCode.ENTER);
        assertThat(model.indexProperty().get()).isEqualTo(1);

        robot.type(KeyCode.ENTER);

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.FINISHED);
    }

    @Test
    void escapeCancels(FxRobot robot) {
        robot.type(KeyCode.ESCAPE);

        assertThat(model.outcomeProperty().get()).isEqualTo(Outcome.CANCELLED);
    }

    @Test
    void theStepIndicatorShowsEveryPage(FxRobot robot) {
        assertThat(robot.lookup("1. Licence").tryQuery()).isPresent();
        assertThat(robot.lookup("2. Review").tryQuery()).isPresent();
    }
}
