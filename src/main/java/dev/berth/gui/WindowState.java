package dev.berth.gui;

import dev.berth.config.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.geometry.Rectangle2D;

/**
 * The main window's size and position in logical pixels (JavaFX scales them on HiDPI screens, so
 * the same numbers fit at 100 % and 200 %), remembered in {@code window.properties} in the state
 * folder.
 *
 * @param maximized whether the window was maximized; the bounds are then the ones it restores to
 */
public record WindowState(double x, double y, double width, double height, boolean maximized) {
    static final double DEFAULT_WIDTH = 1100;
    static final double DEFAULT_HEIGHT = 720;
    static final double MIN_WIDTH = 720;
    static final double MIN_HEIGHT = 480;
    /** How much of the window must be on a screen for the saved place to be used as is. */
    private static final double MIN_VISIBLE = 120;

    private static final Logger LOG = Logger.getLogger(WindowState.class.getName());

    /** The default size, centred on {@code screen}. */
    public static WindowState centered(Rectangle2D screen) {
        double w = Math.min(DEFAULT_WIDTH, screen.getWidth());
        double h = Math.min(DEFAULT_HEIGHT, screen.getHeight());
        return new WindowState(
                screen.getMinX() + (screen.getWidth() - w) / 2,
                screen.getMinY() + (screen.getHeight() - h) / 2,
                w,
                h,
                false);
    }

    /**
     * Where to open the window given the screens now attached (their visual bounds, primary
     * first): on the screen showing most of it, shrunk and moved to fit inside that screen, or
     * centred on the primary screen when too little of it would be visible (a screen was
     * unplugged, the resolution dropped).
     */
    public WindowState placeOn(List<Rectangle2D> screens) {
        if (screens.isEmpty()) {
            throw new IllegalArgumentException("no screens");
        }
        Rectangle2D best = null;
        double bestArea = 0;
        for (Rectangle2D s : screens) {
            double a = overlap(s);
            if (a > bestArea) {
                bestArea = a;
                best = s;
            }
        }
        if (best == null || bestArea < MIN_VISIBLE * MIN_VISIBLE || !(width > 0) || !(height > 0)) {
            return centered(screens.getFirst()).withMaximized(maximized);
        }
        double w = Math.min(Math.max(width, Math.min(MIN_WIDTH, best.getWidth())), best.getWidth());
        double h = Math.min(Math.max(height, Math.min(MIN_HEIGHT, best.getHeight())), best.getHeight());
        double nx = clamp(x, best.getMinX(), best.getMaxX() - w);
        double ny = clamp(y, best.getMinY(), best.getMaxY() - h);
        return new WindowState(nx, ny, w, h, maximized);
    }

    private WindowState withMaximized(boolean m) {
        return new WindowState(x, y, width, height, m);
    }

    private double overlap(Rectangle2D s) {
        double w = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
        double h = Math.min(y + height, s.getMaxY()) - Math.max(y, s.getMinY());
        return w > 0 && h > 0 ? w * h : 0;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(v, max));
    }

    /** Reads the file; empty when it is missing or unreadable (logged: a lost position is harmless). */
    public static Optional<WindowState> read(Path file) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return Optional.of(new WindowState(
                    number(p, "x"),
                    number(p, "y"),
                    number(p, "width"),
                    number(p, "height"),
                    Boolean.parseBoolean(p.getProperty("maximized", "false"))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "ignoring the window state in " + file + "; the window opens at its default place", e);
            return Optional.empty();
        }
    }

    private static double number(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("missing " + key);
        }
        double d = Double.parseDouble(v);
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(key + " is not finite: " + v);
        }
        return d;
    }

    /** Writes the file atomically. */
    public void write(Path file) throws IOException {
        String text = String.format(
                Locale.ROOT,
                "# Berth main window, logical pixels. Safe to delete.%nx=%.1f%ny=%.1f%nwidth=%.1f%nheight=%.1f%nmaximized=%s%n",
                x,
                y,
                width,
                height,
                maximized);
        AtomicFiles.writePrivate(file, text.getBytes(StandardCharsets.UTF_8));
    }
}
