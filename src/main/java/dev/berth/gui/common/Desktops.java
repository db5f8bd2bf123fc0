package dev.berth.gui.common;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Opens folders in the file manager and addresses in the browser. Blocking (AWT and external
 * programs may take a while): call through {@link FxBridge#run}, never on the FX thread. The app has
 * no JavaFX {@code Application} and so no {@code HostServices}; AWT's {@link Desktop} does the same
 * and the platform's opener ({@code xdg-open}, {@code open}, {@code explorer}) is the fallback.
 */
public final class Desktops {
    private Desktops() {}

    /** Opens a folder in the file manager. */
    public static Void open(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder (any more)");
        }
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.OPEN)) {
            Desktop.getDesktop().open(folder.toFile());
            return null;
        }
        launch(folder.toString());
        return null;
    }

    /** Opens an address in the browser. */
    public static Void browse(URI address) throws IOException {
        if (Desktop.isDesktopSupported() && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
            Desktop.getDesktop().browse(address);
            return null;
        }
        launch(address.toString());
        return null;
    }

    private static void launch(String what) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("win")
                ? List.of("explorer", what)
                : os.contains("mac") ? List.of("open", what) : List.of("xdg-open", what);
        new ProcessBuilder(command).redirectErrorStream(true).start();
    }
}
