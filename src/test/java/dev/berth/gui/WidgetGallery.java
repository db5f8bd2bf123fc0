package dev.berth.gui;

import dev.berth.config.Settings.Theme;
import dev.berth.engine.Text;
import dev.berth.gui.common.Messages;
import dev.berth.gui.common.ProgressModel;
import dev.berth.gui.common.ProgressModel.StepState;
import dev.berth.gui.common.ProgressPanel;
import dev.berth.gui.common.SecretField;
import dev.berth.gui.common.SecretGenerator;
import dev.berth.gui.common.WizardFrame;
import dev.berth.gui.common.WizardModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;

/**
 * The common widgets in one window (a wizard on its second page with secret fields, a progress
 * panel mid-run) for {@code scripts/screenshots.sh}: {@code WidgetGallery OUT.png light|dark
 * [LANG]}.
 */
public final class WidgetGallery {
    private WidgetGallery() {}

    record Step(String title) implements WizardModel.Step {
        @Override
        public ObservableBooleanValue valid() {
            return new SimpleBooleanProperty(true);
        }
    }

    public static void main(String[] args) {
        Path out = Path.of(args[0]);
        Theme theme = Theme.fromKey(args[1]).orElseThrow();
        Locale locale = args.length > 2 ? Locale.forLanguageTag(args[2]) : Locale.ENGLISH;
        Platform.startup(() -> {
            new ThemeManager().apply(theme);
            Messages m = Messages.forLocale(locale);
            WizardModel<Step> wizard =
                    new WizardModel<>(List.of(new Step("Release"), new Step("Secrets"), new Step("Review")));
            wizard.next();
            WizardFrame<Step> frame = new WizardFrame<>(wizard, m, step -> {
                GridPane g = new GridPane();
                g.setHgap(12);
                g.setVgap(10);
                SecretField db = new SecretField(m, "DB_PASSWORD", SecretGenerator.secure());
                db.valueProperty().set("correct-horse-battery");
                SecretField key = new SecretField(m, "SECRET_KEY", SecretGenerator.secure());
                key.valueProperty().set("q8ZfT2mWk7LrXc4VbN9sYd3Hj6Pa1Ge5");
                key.revealedProperty().set(true);
                GridPane.setHgrow(db, Priority.ALWAYS);
                g.addRow(0, new Label("DB_PASSWORD"), db);
                g.addRow(1, new Label("SECRET_KEY"), key);
                g.addRow(2, new Label("APP_URL"), new TextField("https://cloud.example.org"));
                return g;
            });
            frame.setPrefWidth(560);
            ProgressModel progress = new ProgressModel(System::nanoTime, 200);
            progress.start(Stream.of("Back up data", "Pull images", "Stop old version", "Start new version")
                    .map(Text::plain)
                    .toList());
            progress.stepState(0, StepState.DONE);
            progress.stepState(1, StepState.RUNNING);
            progress.progress(734_003_200L, 1_288_490_188L);
            progress.log()
                    .appendAll(List.of(
                            "backup: 4 volumes, 2.1 GB → /srv/backups/nextcloud-2026-11-25.tar.zst",
                            "pull nextcloud:30.0.1: 7 of 12 layers",
                            "pull redis:7.4: up to date"));
            ProgressPanel panel = new ProgressPanel(progress, m);
            panel.setPrefWidth(460);
            HBox root = new HBox(28, frame, panel);
            root.setPadding(new Insets(24));
            Scene scene = new Scene(root, 1100, 520);
            scene.getStylesheets().add(MainWindow.class.getResource("berth.css").toExternalForm());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            BerthApp.afterFrames(4, () -> {
                try {
                    Screenshots.writePng(scene.snapshot(null), out);
                    System.out.println("berth-screenshot " + out);
                } catch (java.io.IOException e) {
                    e.printStackTrace();
                    System.exit(1);
                }
                Platform.exit();
            });
        });
    }
}
