package dev.berth.gui;

import dev.berth.gui.common.Page;
import dev.berth.gui.home.HomeViewModel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a PNG of a page and exits ({@code scripts/screenshots.sh}). A class of its own so that
 * AWT's image classes are only loaded when a screenshot is asked for, not at every start.
 */
final class Screenshots {
    private Screenshots() {}

    static void take(MainWindow window, Path dir, String page, String name, Optional<ScreenshotScenario> scenario) {
        Runnable snap = () -> {
            // A few pulses for layout, CSS and the table to settle.
            BerthApp.afterFrames(6, () -> {
                Path file = dir.resolve(name + ".png");
                try {
                    writePng(window.scene().snapshot(null), file);
                    System.out.println("berth-screenshot " + file);
                } catch (IOException e) {
                    System.err.println("berth-screenshot failed: " + e);
                    System.exit(1);
                }
                Platform.exit();
            });
        };
        Runnable shoot = () -> {
            if (scenario.isPresent()) {
                scenario.get().prepare(window, snap);
            } else {
                window.shell().go(Page.fromId(page));
                snap.run();
            }
        };
        // Wait until Home has finished its first search, so no spinner is caught mid-turn.
        if (window.home().stateProperty().get() != HomeViewModel.State.LOADING) {
            shoot.run();
        } else {
            window.home().stateProperty().addListener(new ChangeListener<>() {
                @Override
                public void changed(
                        ObservableValue<? extends HomeViewModel.State> o,
                        HomeViewModel.State was,
                        HomeViewModel.State now) {
                    if (now != HomeViewModel.State.LOADING) {
                        o.removeListener(this);
                        shoot.run();
                    }
                }
            });
        }
    }

    /** Writes an FX image as PNG (through AWT's ImageIO; no javafx-swing needed). */
    static void writePng(WritableImage img, Path file) throws IOException {
        int w = (int) img.getWidth();
        int h = (int) img.getHeight();
        int[] argb = new int[w * h];
        img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), IntBuffer.wrap(argb), w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(out, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
