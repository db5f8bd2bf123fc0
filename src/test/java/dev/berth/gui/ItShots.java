package dev.berth.gui;

import java.nio.file.Path;
import java.util.Optional;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Pictures of the real window during an integration test, for {@code docs/screenshots/}: only
 * when {@code -Dberth.it.shots=DIR} is given (names get {@code -Dberth.it.shots.suffix}), never in
 * a normal build.
 */
public final class ItShots {
    private ItShots() {}

    public static Optional<Path> dir() {
        String d = System.getProperty("berth.it.shots", "");
        return d.isEmpty() ? Optional.empty() : Optional.of(Path.of(d));
    }

    /** Writes the window as it is now to {@code DIR/real-NAME-SUFFIX.png}, after pending layout. */
    public static void take(MainWindow window, String name) throws Exception {
        if (dir().isEmpty()) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        String suffix = System.getProperty("berth.it.shots.suffix", "");
        Path file = dir().get().resolve("real-" + name + (suffix.isEmpty() ? "" : "-" + suffix) + ".png");
        var image =
                WaitForAsyncUtils.asyncFx(() -> window.scene().snapshot(null)).get();
        Screenshots.writePng(image, file);
        System.out.println("GuiDemoIT: shot " + file);
    }
}
