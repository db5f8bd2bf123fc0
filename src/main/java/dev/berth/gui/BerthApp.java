package dev.berth.gui;

import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** The desktop application. */
public final class BerthApp extends Application {

    /** Starts the JavaFX toolkit and shows the main window; returns when the window closes. */
    public static void launchApp(String[] args) {
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
    }
}
