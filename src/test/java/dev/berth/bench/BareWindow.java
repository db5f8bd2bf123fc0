package dev.berth.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline for {@code bench/coldstart.sh}: the smallest JavaFX window (one label, default
 * Modena theme), started the same way as Berth ({@link Platform#startup}), timed the same way
 * (second pulse after {@code show()}), then exits. With the argument {@code atlantafx} it uses
 * Berth's theme, to tell the theme's share of the start-up from Berth's own.
 */
public final class BareWindow {
    private BareWindow() {}

    public static void main(String[] args) {
        System.out.println("berth-coldstart main() epochMs=" + System.currentTimeMillis());
        Platform.startup(() -> {
            if (args.length > 0 && args[0].equals("atlantafx")) {
                // For comparison only: the bare window with Berth's theme.
                javafx.application.Application.setUserAgentStylesheet(
                        new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
            }
            Stage stage = new Stage();
            stage.setScene(new Scene(new StackPane(new Label("Hello")), 1100, 720));
            stage.show();
            new AnimationTimer() {
                private int seen;

                @Override
                public void handle(long now) {
                    if (++seen >= 2) {
                        stop();
                        System.out.println(
                                "berth-coldstart first frame rendered epochMs=" + System.currentTimeMillis());
                        Platform.exit();
                    }
                }
            }.start();
        });
    }
}
