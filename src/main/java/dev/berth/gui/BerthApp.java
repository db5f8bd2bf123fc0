package dev.berth.gui;

import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The desktop application.
 *
 * <p>Hidden option for tooling: {@code -Dberth.coldstart=true} prints the time of start and of the
 * first rendered frame, then exits (packaging/coldstart.sh, and the training run of the packaged
 * app's AOT cache in packaging/build.sh).
 */
public final class BerthApp extends Application {
    private static final boolean COLDSTART = Boolean.getBoolean("berth.coldstart");

    /** Starts the JavaFX toolkit and shows the main window; returns when the window closes. */
    public static void launchApp(String[] args) {
        if (COLDSTART) {
            System.out.println("berth-coldstart main() epochMs=" + System.currentTimeMillis());
        }
        Application.launch(BerthApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        Label title = new Label("Berth");
        title.setId("title");
        title.setStyle("-fx-font-size: 28px; -fx-font-weight: bold;");
        Label body = new Label("Install, upgrade and restore self-hosted Docker Compose apps.");
        VBox root = new VBox(12, title, body);
        root.setPadding(new Insets(24));
        stage.setTitle("Berth");
        stage.setScene(new Scene(root, 960, 640));
        stage.show();
        if (COLDSTART) {
            exitAfterFirstFrame();
        }
    }

    /** The first pulse after show() lays out and renders; the second runs once that frame is out. */
    private static void exitAfterFirstFrame() {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    System.out.println("berth-coldstart first frame rendered epochMs=" + System.currentTimeMillis());
                    Platform.exit();
                }
            }
        }.start();
    }
}
